//! The Markdown renderer takes anything a team writes: it must not panic,
//! and what it renders for a page or an email must not run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais_templates::markdown;

fuzz_target!(|text: &str| {
    for html in [
        markdown::render(text).into_string(),
        markdown::render_in_email(text, "https://relais.example").into_string(),
    ] {
        // The words may be shown as text; never as an element or an address.
        let lower = html.to_ascii_lowercase().replace(['\'', ' '], "\"");
        assert!(!lower.contains("<script"), "{html}");
        for attribute in ["href=\"javascript:", "src=\"javascript:", "href=\"data:"] {
            assert!(!lower.contains(attribute), "{html}");
        }
    }
    let _ = markdown::plain_text(text, "https://relais.example");
    let excerpt = markdown::plain_excerpt(text, 160);
    assert!(excerpt.chars().count() <= 161, "{excerpt}");
});

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
        // The words may be shown as text (text never holds a raw `<`);
        // never as an element or an address inside a tag.
        let lower = html.to_ascii_lowercase();
        for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(t)) {
            assert!(!tag.starts_with("script"), "{html}");
            for attribute in ["href=\"", "src=\""] {
                for value in tag.split(attribute).skip(1) {
                    let value = value.trim_start();
                    assert!(
                        !["javascript:", "vbscript:", "data:"].iter().any(|s| value.starts_with(s)),
                        "{html}"
                    );
                }
            }
        }
    }
    let _ = markdown::plain_text(text, "https://relais.example");
    let excerpt = markdown::plain_excerpt(text, 160);
    assert!(excerpt.chars().count() <= 161, "{excerpt}");
});

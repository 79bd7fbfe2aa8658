//! No page of the demo shows a reader a date as machines write it
//! (`2026-12-03`, `2026-12-03 19:00`): a visitor, a member, a team member,
//! a mentor and a coordinator walk the pages they reach by following
//! links, and each page's visible text is searched. Dates belong in
//! `<time datetime>` attributes and feeds, not in sentences.

use regex::Regex;
use relais_tests::walk::{demo, reader_text, walk_all};

#[tokio::test]
async fn no_page_of_the_demo_shows_an_iso_date() {
    let demo = demo().await;
    // A date as YYYY-MM-DD, YYYY-MM or DD/MM/YYYY, or a 24-hour HH:MM clock
    // (French pages write "19 h 00", English ones "7:00 pm").
    let iso =
        Regex::new(r"\b(\d{4}-\d{2}(-\d{2})?|\d{1,2}/\d{1,2}/\d{4})\b|\b\d{2}:\d{2}\b(\s*[ap]m)?")
            .expect("pattern");
    let mut offences = Vec::new();
    let mut pages = 0;
    for (who, _, walked) in walk_all(&demo, 2).await {
        for page in walked {
            pages += 1;
            let text = reader_text(&page.html);
            for m in iso.find_iter(&text) {
                // An English clock ("7:00 pm") is for people.
                if m.as_str().ends_with('m') {
                    continue;
                }
                let from = text[..m.start()]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(0, |(i, _)| i);
                let to = (m.end() + 40).min(text.len());
                let to = (to..=text.len())
                    .find(|i| text.is_char_boundary(*i))
                    .unwrap_or(text.len());
                let context = text[from..to]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                offences.push(format!(
                    "{who} on {}: {:?} in “{context}”",
                    page.path,
                    m.as_str()
                ));
            }
        }
    }
    assert!(pages > 40, "the walk reached only {pages} pages");
    assert!(
        offences.is_empty(),
        "{} machine dates shown to readers:\n{}",
        offences.len(),
        offences.join("\n")
    );
}

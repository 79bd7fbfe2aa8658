//! What pages offer beyond their text, on the demo: the city calendars to
//! subscribe to (`webcal:` and the plain address, which answers with a
//! calendar), feeds named in the heads of the pages that have them, and
//! the Yes / Maybe / No answer as one control showing the current answer.

use regex::Regex;
use relais_tests::walk::{client_for, demo};
use reqwest::StatusCode;

#[tokio::test]
async fn calendars_to_subscribe_feeds_in_the_head_and_the_current_answer_pressed() {
    let demo = demo().await;
    let app = &demo.app;
    let visitor = app.client();
    let host = app.base_url.trim_start_matches("http://");

    let meetups = visitor.get("/meetups").await;
    meetups.assert_contains(&format!(
        r#"href="webcal://{host}/cities/paris/meetups.ics""#
    ));
    meetups.assert_contains(r#"<link rel="alternate" type="text/calendar" title="Rencontres de Paris (agenda)" href="/cities/paris/meetups.ics">"#);
    // The plain address is a calendar.
    let https = Regex::new(r#"href="(http://[^"]+/cities/lyon/meetups\.ics)""#)
        .expect("regex")
        .captures(&meetups.body)
        .expect("Lyon's calendar address")[1]
        .to_owned();
    let calendar = visitor.get(&https).await;
    assert_eq!(calendar.status, StatusCode::OK);
    assert!(
        calendar.body.starts_with("BEGIN:VCALENDAR"),
        "{}",
        calendar.body
    );
    // One city chosen, one calendar offered.
    let dakar = visitor.get("/meetups?city=5").await;
    assert_eq!(dakar.body.matches("webcal://").count(), 1, "{}", dakar.body);

    visitor.get("/").await.assert_contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Nouvelles de tous les projets (Atom)" href="/feed.atom">"#,
    );
    visitor
        .get("/projects/carte-des-fontaines")
        .await
        .assert_contains(r#"type="application/atom+xml" title="Journal de Carte des fontaines (Atom)" href="/projects/carte-des-fontaines/feed.atom">"#);
    visitor
        .get("/videos")
        .await
        .assert_contains(r#"href="/videos/feed.atom">"#);

    // Alice said yes to Paris's meeting: Yes is pressed, the others not.
    let alice = client_for(app, Some("alice@relais.demo")).await;
    let page = alice.get("/meetups/1").await;
    let pressed: Vec<&str> =
        Regex::new(r#"value="(yes|maybe|no)"><button type="submit" aria-pressed="(true|false)""#)
            .expect("regex")
            .captures_iter(&page.body)
            .filter(|c| &c[2] == "true")
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .collect();
    assert_eq!(pressed, vec!["yes"], "{}", page.body);
    page.assert_contains(r#"<div class="segmented" role="group""#);
}

//! "Texte plus grand": a reader's choice of text size, by a link (no
//! JavaScript), remembered in a cookie, never served to another reader
//! from the page cache.

use chrono::Utc;
use relais_tests::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn larger_text_is_a_link_away_remembered_and_kept_to_its_reader() {
    let app = TestApp::spawn_with_config(Utc::now(), |c| c.with_page_cache(true)).await;
    let reader = app.client();
    let first = reader.get("/projects").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(!first.body.contains("text-large"), "normal size first");
    first.assert_contains(r#"href="/text/large?next=/projects""#);
    first.assert_contains("Texte plus grand");

    let chosen = reader.get("/text/large?next=%2Fprojects").await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.location.as_deref(), Some("/projects"));
    assert!(
        chosen
            .set_cookies
            .iter()
            .any(|c| c.starts_with("relais_text=large;") && c.contains("Max-Age=")),
        "{:?}",
        chosen.set_cookies
    );
    let larger = reader.get("/projects").await;
    larger.assert_contains(r#"<html lang="fr" class="text-large">"#);
    larger.assert_contains(r#"href="/text/normal?next=/projects""#);
    larger.assert_contains("Texte de taille normale");

    // The kept page of one size is not another reader's.
    let other = app.client().get("/projects").await;
    assert!(!other.body.contains("text-large"), "{}", other.body);

    // Back to normal; an unknown size is no page; the way back stays on site.
    let back = reader.get("/text/normal?next=%2Fprojects").await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert!(!reader.get("/projects").await.body.contains("text-large"));
    assert_eq!(
        reader.get("/text/huge?next=%2F").await.status,
        StatusCode::NOT_FOUND
    );
    let away = reader.get("/text/large?next=%2F%2Fevil.example").await;
    assert_eq!(away.location.as_deref(), Some("/"));
}

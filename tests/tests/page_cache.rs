//! Public pages kept for visitors (issue 13): never a member's page, never a
//! page with a CSRF token, a change seen at once on the instance that made
//! it and within the version check's second on another, `ETag` and `304`.

use chrono::{Duration, Utc};
use relais_domain::Role;
use relais_tests::{Client, PASSWORD, TestApp};
use reqwest::StatusCode;

/// An application keeping pages, with an edition, a city and two members.
async fn programme() -> (TestApp, String) {
    let app = TestApp::spawn_with_config(Utc::now(), |c| c.with_page_cache(true)).await;
    let (_, lyon) = app.create_lyon().await;
    for (email, name) in [("alice@example.org", "Alice"), ("bob@example.org", "Bob")] {
        app.create_account(email, name, Role::Member, Some("lyon"))
            .await;
    }
    (app, lyon.to_string())
}

async fn create(client: &Client, title: &str, city: &str) -> String {
    client
        .create_project(title, "Trouver une fontaine.", "social", city)
        .await
}

#[tokio::test]
async fn a_kept_page_carries_an_etag_and_a_matching_one_gets_not_modified() {
    let (app, lyon) = programme().await;
    let alice = app.logged_in("alice@example.org").await;
    create(&alice, "Carte des fontaines", &lyon).await;
    let visitor = app.client();
    let first = visitor.get("/projects").await;
    first.assert_contains("Carte des fontaines");
    let etag = first
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("an ETag")
        .to_owned();
    assert_eq!(
        first.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-cache"[..])
    );
    let again = visitor.get("/projects").await;
    assert_eq!(again.body, first.body);
    assert_eq!(
        again.headers.get("etag").and_then(|v| v.to_str().ok()),
        Some(etag.as_str())
    );
    let revalidated = reqwest::Client::new()
        .get(format!("{}/projects", app.base_url))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert!(revalidated.bytes().await.expect("body").is_empty());
    let other = reqwest::Client::new()
        .get(format!("{}/projects", app.base_url))
        .header("if-none-match", "\"another\"")
        .send()
        .await
        .expect("GET");
    assert_eq!(other.status(), StatusCode::OK);
    // Feeds too.
    let feed = visitor.get("/feed.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.headers.contains_key("etag"));
}

#[tokio::test]
async fn a_members_page_is_never_served_to_a_visitor_or_to_another_member() {
    let (app, lyon) = programme().await;
    let alice = app.logged_in("alice@example.org").await;
    let bob = app.logged_in("bob@example.org").await;
    let path = create(&alice, "Carte des fontaines", &lyon).await;
    for _ in 0..2 {
        let hers = alice.get(&path).await;
        hers.assert_contains("Alice");
        hers.assert_contains(r#"action="/logout""#);
        assert!(
            !hers.headers.contains_key("etag"),
            "a member's page is not kept"
        );
    }
    let visitor = app.client();
    for _ in 0..2 {
        let page = visitor.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains("Carte des fontaines");
        assert!(!page.body.contains(r#"action="/logout""#), "{}", page.body);
        assert!(!page.body.contains("csrf_token"), "{}", page.body);
    }
    let his = bob.get(&path).await;
    his.assert_contains("(Bob)");
    assert!(!his.body.contains("(Alice)"), "{}", his.body);
    assert_ne!(his.csrf_token(), alice.get(&path).await.csrf_token());
}

#[tokio::test]
async fn a_page_with_a_csrf_token_is_never_kept() {
    let (app, _) = programme().await;
    let first = app.client();
    let second = app.client();
    let page = first.get("/login").await;
    let token = page.csrf_token();
    assert!(!page.headers.contains_key("etag"));
    let theirs = second.get("/login").await;
    assert!(
        theirs
            .set_cookies
            .iter()
            .any(|c| c.starts_with("relais_anon=")),
        "the second visitor gets a cookie of their own: {:?}",
        theirs.set_cookies
    );
    assert_ne!(theirs.csrf_token(), token);
    // And each one's token works for them.
    second.log_in("bob@example.org", PASSWORD).await;
    first.log_in("alice@example.org", PASSWORD).await;
}

#[tokio::test]
async fn a_change_is_seen_at_once_here_and_within_two_seconds_on_another_instance() {
    let (app, lyon) = programme().await;
    let other = app.spawn_instance(|c| c.with_page_cache(true)).await;
    let alice = app.logged_in("alice@example.org").await;
    create(&alice, "Carte des fontaines", &lyon).await;
    let here = app.client();
    let there = Client::new(&other);
    here.get("/projects")
        .await
        .assert_contains("Carte des fontaines");
    there
        .get("/projects")
        .await
        .assert_contains("Carte des fontaines");

    create(&alice, "Atlas des jardins", &lyon).await;
    here.get("/projects")
        .await
        .assert_contains("Atlas des jardins");
    app.advance(Duration::milliseconds(1_100));
    there
        .get("/projects")
        .await
        .assert_contains("Atlas des jardins");

    // A write behind the pages' back (a scheduled job, the command line)
    // is seen too, once the version is read again.
    relais_domain::sea_orm::ConnectionTrait::execute_unprepared(
        &app.ctx.db,
        "UPDATE projects SET title = 'Atlas des potagers' WHERE title = 'Atlas des jardins'",
    )
    .await
    .expect("update");
    app.advance(Duration::milliseconds(1_100));
    for client in [&here, &there] {
        let page = client.get("/projects").await;
        page.assert_contains("Atlas des potagers");
        assert!(!page.body.contains("Atlas des jardins"));
    }
}

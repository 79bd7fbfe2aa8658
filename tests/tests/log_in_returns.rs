//! Log-in comes back to the page that asked for it (a same-site path
//! only), and otherwise leads a member to their own dashboard.

use relais_domain::Role;
use relais_tests::{PASSWORD, TestApp};
use reqwest::StatusCode;

async fn log_in(app: &TestApp, from: &str, next: &str) -> Option<String> {
    let client = app.client();
    let page = client
        .submit(
            from,
            "/login",
            &[
                ("email", "rose@example.org"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    page.location
}

#[tokio::test]
async fn log_in_returns_where_one_was_going_or_to_one_s_dashboard() {
    let app = TestApp::spawn().await;
    app.create_account("rose@example.org", "Rose", Role::Member, None)
        .await;
    let visitor = app.client();

    // A page for members sends the visitor to log in with the way back.
    let refused = visitor.get("/offer").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    refused.assert_contains(r#"href="/login?next=/offer""#);
    // So does the navigation, from any page but the home page.
    visitor
        .get("/projects")
        .await
        .assert_contains(r#"href="/login?next=/projects""#);
    let form = visitor.get("/login?next=/offer").await;
    form.assert_contains(r#"name="next" value="/offer""#);

    assert_eq!(
        log_in(&app, "/login?next=/offer", "/offer")
            .await
            .as_deref(),
        Some("/offer")
    );
    assert_eq!(
        log_in(&app, "/login", "").await.as_deref(),
        Some("/dashboard")
    );
    // Another site is never followed.
    assert_eq!(
        log_in(&app, "/login", "//evil.example").await.as_deref(),
        Some("/dashboard")
    );
    assert_eq!(log_in(&app, "/login", "/").await.as_deref(), Some("/"));
}

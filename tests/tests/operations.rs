//! What operators rely on at the edge: the health probe, compression, the
//! client address behind trusted proxies, and the source-code offer.

use chrono::Utc;
use relais_tests::TestApp;
use relais_web::TrustedProxies;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

#[tokio::test]
async fn the_health_probe_sets_no_cookie_and_says_ok() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok\n");
    assert!(page.set_cookies.is_empty(), "{:?}", page.set_cookies);
    // Pages still go through the envelope: one with a form gets the
    // cookie its CSRF token is bound to.
    assert!(!app.client().get("/login").await.set_cookies.is_empty());
}

async fn raw_get(app: &TestApp, path: &str, encoding: &str) -> (Option<String>, Vec<u8>) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.base_url))
        .header("accept-encoding", encoding)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK, "{path} with {encoding}");
    let used = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (used, response.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn pages_styles_and_feeds_are_compressed_when_the_browser_accepts_it() {
    let app = TestApp::spawn().await;
    let style = app.client().get("/").await.body;
    let css = style
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|href| href.ends_with(".css") || href.contains(".css?"))
        .expect("a stylesheet link")
        .to_owned();
    for path in ["/", "/projects", css.as_str(), "/videos/feed.atom"] {
        let (plain_encoding, plain) = raw_get(&app, path, "identity").await;
        assert_eq!(plain_encoding, None, "{path}");
        let (encoding, gzipped) = raw_get(&app, path, "gzip").await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{path}");
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(gzipped.as_slice()),
            &mut decoded,
        )
        .expect("gzip decodes");
        // Pages carry a fresh CSRF token each time: compare sizes, not bytes.
        assert!(
            decoded.len().abs_diff(plain.len()) < 64,
            "{path}: {} vs {}",
            decoded.len(),
            plain.len()
        );
        assert!(gzipped.len() < plain.len(), "{path}");
        let (encoding, brotli) = raw_get(&app, path, "br").await;
        assert_eq!(encoding.as_deref(), Some("br"), "{path}");
        assert!(brotli.len() < plain.len(), "{path}");
    }
}

fn forwarded_for(address: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        HeaderValue::from_str(address).expect("header"),
    );
    headers
}

/// Asks for password resets for `count` unknown addresses; returns the statuses.
async fn resets(app: &TestApp, headers: HeaderMap, count: usize, tag: &str) -> Vec<StatusCode> {
    let client = relais_tests::Client::with_headers(&app.base_url, headers);
    let mut statuses = Vec::new();
    for i in 0..count {
        let email = format!("{tag}-{i}@example.org");
        let page = client
            .submit(
                "/password/forgot",
                "/password/forgot",
                &[("email", email.as_str())],
            )
            .await;
        statuses.push(page.status);
    }
    statuses
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit() {
    let proxies = TrustedProxies::parse("127.0.0.1").expect("proxies");
    let app = TestApp::spawn_with_config(Utc::now(), |c| c.with_trusted_proxies(proxies)).await;
    // One venue's address uses up its allowance…
    let venue = resets(&app, forwarded_for("203.0.113.7"), 11, "venue").await;
    assert!(
        venue[..10].iter().all(|s| *s == StatusCode::OK),
        "{venue:?}"
    );
    assert_eq!(venue[10], StatusCode::TOO_MANY_REQUESTS);
    // …another client behind the same proxy is not affected.
    let other = resets(&app, forwarded_for("198.51.100.4"), 1, "other").await;
    assert_eq!(other, [StatusCode::OK]);
    // A forged first hop does not buy a new allowance: the proxy appended the real one.
    let forged = resets(&app, forwarded_for("192.0.2.1, 203.0.113.7"), 1, "forged").await;
    assert_eq!(forged, [StatusCode::TOO_MANY_REQUESTS]);
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_are_ignored() {
    let app = TestApp::spawn().await;
    let first = resets(&app, forwarded_for("203.0.113.7"), 10, "first").await;
    assert!(first.iter().all(|s| *s == StatusCode::OK), "{first:?}");
    // Claiming another address changes nothing: the TCP peer is the client.
    let claimed = resets(&app, forwarded_for("198.51.100.4"), 1, "claimed").await;
    assert_eq!(claimed, [StatusCode::TOO_MANY_REQUESTS]);
}

#[tokio::test]
async fn every_page_offers_the_source_code_as_the_agpl_asks() {
    let app = TestApp::spawn().await;
    let home = app.client().get("/").await;
    home.assert_contains("href=\"/source\"");
    let page = app.client().get("/source").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("GNU Affero General Public License");
    page.assert_contains(env!("CARGO_PKG_VERSION"));
    page.assert_contains("n'a pas encore indiqué où le code est publié");

    let url = "https://git.example.org/nuit-du-code/relais";
    let published = TestApp::spawn_with_config(Utc::now(), |c| {
        c.with_source_url(Some(url.parse().expect("url")))
    })
    .await;
    let page = published.client().get("/source").await;
    page.assert_contains(&format!("href=\"{url}\""));
    // A logged-in member sees the footer link too.
    published
        .create_account("awa@example.org", "Awa", relais_domain::Role::Member, None)
        .await;
    let member = published.logged_in("awa@example.org").await;
    member
        .get("/profile")
        .await
        .assert_contains("href=\"/source\"");
}

#[tokio::test]
async fn crafted_link_tokens_and_return_paths_go_nowhere() {
    let app = TestApp::spawn().await;
    let client = app.client();
    // A decoded "token" used to land in a form's action: a one-click CSRF gadget.
    for path in [
        "/activate/..%2Fmeetups%2F2%2Fcancel",
        "/password/reset/..%2Fprofile",
        "/team-invitations/..%2Flogout",
        "/check-in/short",
        "/calendar/..%2Fx.ics",
        "/polls/1/..%2F..%2Flogout",
    ] {
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        // No form on the page posts anywhere the crafted path chose.
        let actions: Vec<&str> = page
            .body
            .split("action=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(
            actions.iter().all(|a| *a == "/logout"),
            "{path}: {actions:?}"
        );
    }
    // Return paths: a tab or a backslash must not turn into `//evil.example`.
    for next in [
        "/%09/evil.example",
        "/%5C/evil.example",
        "%2F%2Fevil.example",
    ] {
        let page = client.get(&format!("/language/en?next={next}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(page.location.as_deref(), Some("/"), "{next}");
    }
    let page = client.get("/language/en?next=/projects%3Fpage%3D2").await;
    assert_eq!(page.location.as_deref(), Some("/projects?page=2"));
}

#[tokio::test]
async fn a_city_coordinator_sees_and_retries_only_their_citys_emails() {
    use relais_domain::Role;
    use relais_domain::entities::email_outbox;
    use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    app.create_city("lyon", "Lyon").await;
    app.create_city("paris", "Paris").await;
    app.create_accounts(&[
        ("lea@example.org", "Léa", Role::Member, Some("lyon")),
        ("paul@example.org", "Paul", Role::Member, Some("paris")),
        (
            "coord-lyon@example.org",
            "Coord Lyon",
            Role::Coordinator,
            Some("lyon"),
        ),
        ("coord@example.org", "Coord", Role::Coordinator, None),
    ])
    .await;
    for email in ["lea@example.org", "paul@example.org"] {
        app.client()
            .submit("/password/forgot", "/password/forgot", &[("email", email)])
            .await;
    }
    // Both emails were given up on.
    email_outbox::Entity::update_many()
        .set(email_outbox::ActiveModel {
            state: Set(relais_domain::outbox::State::Failed),
            last_error: Set(Some("550 no such mailbox here".to_owned())),
            ..Default::default()
        })
        .filter(email_outbox::Column::Id.gt(0))
        .exec(&app.ctx.db)
        .await
        .expect("fail them");
    let rows = email_outbox::Entity::find()
        .all(&app.ctx.db)
        .await
        .expect("rows");
    let paris_row = rows
        .iter()
        .find(|r| r.recipient_email == "paul@example.org")
        .expect("paris row")
        .id;

    let lyon = app.logged_in("coord-lyon@example.org").await;
    let page = lyon.get("/admin/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("lea@example.org");
    assert!(!page.body.contains("paul@example.org"), "{}", page.body);
    let retry = lyon
        .submit(
            "/admin/outbox",
            &format!("/admin/outbox/{paris_row}/retry"),
            &[],
        )
        .await;
    assert_eq!(retry.status, StatusCode::NOT_FOUND);

    let programme = app.logged_in("coord@example.org").await;
    let page = programme.get("/admin/outbox").await;
    page.assert_contains("lea@example.org");
    page.assert_contains("paul@example.org");
    let retry = programme
        .submit(
            "/admin/outbox",
            &format!("/admin/outbox/{paris_row}/retry"),
            &[],
        )
        .await;
    assert_eq!(retry.status, StatusCode::SEE_OTHER);
}

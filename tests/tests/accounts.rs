//! Account journeys over HTTP: sign-up, activation, log-in, log-out,
//! password reset, profile, invitations, and the refusals around them.

use chrono::Duration;
use relais_domain::Role;
use relais_tests::{PASSWORD, TestApp};
use reqwest::StatusCode;
use sea_orm::EntityTrait;

#[tokio::test]
async fn sign_up_confirms_the_address_by_email_then_logs_in_and_out() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client
        .submit(
            "/signup",
            "/signup",
            &[
                ("name", "Awa Ndiaye"),
                ("email", "awa@example.org"),
                ("password", PASSWORD),
                ("language", "fr"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/signup/check-inbox"));

    // Not an account until the link is opened.
    let refused = client
        .submit(
            "/login",
            "/login",
            &[("email", "awa@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let email = app.last_email_to("awa@example.org").await;
    assert_eq!(email.subject, "Confirmez votre adresse pour Relais");
    let link = email.link(&app.base_url, "/activate/");
    // Opening the link (as a mail scanner would) does not use it up.
    let confirm = client.get(&link).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let activated = client
        .post_raw(&link, &[("csrf_token", &confirm.csrf_token())])
        .await;
    assert_eq!(
        activated.status,
        StatusCode::SEE_OTHER,
        "{}",
        activated.body
    );
    assert_eq!(activated.location.as_deref(), Some("/profile"));

    let profile = client.get("/profile").await;
    assert_eq!(profile.status, StatusCode::OK);
    profile.assert_contains("awa@example.org");
    profile.assert_contains("Bienvenue sur Relais !");

    // The same link cannot create a second account.
    let again = client.get(&link).await;
    let reused = client
        .post_raw(&link, &[("csrf_token", &again.csrf_token())])
        .await;
    assert_eq!(reused.status, StatusCode::GONE);
    reused.assert_contains("Ce lien a déjà été utilisé.");

    let home = client.get("/").await;
    let out = client
        .post_raw("/logout", &[("csrf_token", &home.csrf_token())])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        client.get("/profile").await.status,
        StatusCode::UNAUTHORIZED
    );

    client.log_in("AWA@example.org", PASSWORD).await;
    assert_eq!(client.get("/profile").await.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_up_with_a_taken_address_looks_the_same_and_warns_the_owner() {
    let app = TestApp::spawn().await;
    app.create_account("taken@example.org", "Owner", Role::Member, None)
        .await;
    let page = app
        .client()
        .submit(
            "/signup",
            "/signup",
            &[
                ("name", "Intruder"),
                ("email", "Taken@Example.org"),
                ("password", "another password"),
                ("language", "en"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/signup/check-inbox"));
    let email = app.last_email_to("taken@example.org").await;
    assert_eq!(
        email.subject, "Vous avez déjà un compte Relais",
        "written in the owner's language"
    );
    assert!(!email.raw.contains("/activate/"));
}

#[tokio::test]
async fn an_invalid_sign_up_keeps_what_was_typed_and_says_what_is_wrong() {
    let app = TestApp::spawn().await;
    let page = app
        .client()
        .submit(
            "/signup",
            "/signup",
            &[
                ("name", "Chloé <Girard>"),
                ("email", "chloe-at-example.org"),
                ("password", "short"),
                ("language", "fr"),
                ("city_id", "9999"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains(r#"value="Chloé &lt;Girard&gt;""#);
    page.assert_contains(r#"value="chloe-at-example.org""#);
    page.assert_contains("Ce n'est pas une adresse e-mail valide.");
    page.assert_contains("Le mot de passe doit faire au moins 10 caractères.");
    page.assert_contains("Ville inconnue.");
    assert!(
        !page.body.contains(r#"value="short""#),
        "passwords are not echoed"
    );
    assert!(app.deliver().await.is_empty());
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.create_account("alice@example.org", "Alice", Role::Member, None)
        .await;
    let client = app.client();
    let wrong = client
        .submit(
            "/login",
            "/login",
            &[
                ("email", "alice@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
    let unknown = client
        .submit(
            "/login",
            "/login",
            &[
                ("email", "nobody@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
    for page in [&wrong, &unknown] {
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.assert_contains("Adresse ou mot de passe incorrect.");
    }
    wrong.assert_contains(r#"value="alice@example.org""#);
    assert_eq!(
        client.get("/profile").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_emailed_single_use_link() {
    let app = TestApp::spawn().await;
    app.create_account("bastien@example.org", "Bastien", Role::Member, None)
        .await;
    let old_session = app.logged_in("bastien@example.org").await;

    let client = app.client();
    let sent = client
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "bastien@example.org")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    sent.assert_contains("Si un compte correspond à cette adresse");
    // An unknown address gets the very same page, and no email.
    let unknown = client
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "ghost@example.org")],
        )
        .await;
    assert_eq!(unknown.body.replace("ghost", ""), unknown.body);
    unknown.assert_contains("Si un compte correspond à cette adresse");

    let emails = app.deliver().await;
    assert_eq!(emails.len(), 1, "only the real account gets an email");
    let link = emails[0].link(&app.base_url, "/password/reset/");
    let token = link.rsplit('/').next().expect("token").to_owned();
    let form = client.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    let short = client
        .post_raw(
            "/password/reset",
            &[
                ("csrf_token", &form.csrf_token()),
                ("token", &token),
                ("password", "tiny"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    short.assert_contains("au moins 10 caractères");
    let done = client
        .post_raw(
            "/password/reset",
            &[
                ("csrf_token", &form.csrf_token()),
                ("token", &token),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/login"));

    // The link is spent, the old password no longer works, the old session is over.
    let reused = client.get(&link).await;
    assert_eq!(reused.status, StatusCode::GONE);
    reused.assert_contains("Ce lien a déjà été utilisé.");
    let old = client
        .submit(
            "/login",
            "/login",
            &[("email", "bastien@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    client
        .log_in("bastien@example.org", "a brand new password")
        .await;
    assert_eq!(
        old_session.get("/profile").await.status,
        StatusCode::UNAUTHORIZED
    );
    // The sent email no longer sits readable in the outbox.
    let rows = relais_domain::entities::email_outbox::Entity::find()
        .all(&app.ctx.db)
        .await
        .expect("outbox");
    assert!(
        rows.iter()
            .all(|r| !r.payload.contains(&token) && r.body_text.is_none())
    );
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour() {
    let app = TestApp::spawn().await;
    app.create_account("chloe@example.org", "Chloé", Role::Member, None)
        .await;
    let client = app.client();
    client
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "chloe@example.org")],
        )
        .await;
    let link = app
        .last_email_to("chloe@example.org")
        .await
        .link(&app.base_url, "/password/reset/");
    app.advance(Duration::minutes(61));
    let page = client.get(&link).await;
    assert_eq!(page.status, StatusCode::GONE);
    page.assert_contains("Ce lien a expiré.");
}

#[tokio::test]
async fn a_form_without_its_csrf_token_or_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    app.create_account("david@example.org", "David", Role::Member, None)
        .await;
    let client = app.client();
    client.get("/login").await;
    let missing = client
        .post_raw(
            "/login",
            &[("email", "david@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    missing.assert_contains("Le formulaire a expiré.");
    let forged = client
        .post_raw(
            "/login",
            &[
                ("csrf_token", "00ff"),
                ("email", "david@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // A valid token does not help a request the browser marks cross-site.
    let page = client.get("/login").await;
    let cross = reqwest::Client::new()
        .post(format!("{}/login", app.base_url))
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf_token={}&email=david%40example.org&password=x",
            page.csrf_token()
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        client.get("/profile").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// A client behind the test's trusted proxy, seen at `address`.
fn client_at(app: &TestApp, address: &str) -> relais_tests::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        reqwest::header::HeaderValue::from_str(address).expect("header"),
    );
    relais_tests::Client::with_headers(&app.base_url, headers)
}

async fn attempt(client: &relais_tests::Client, email: &str, password: &str) -> StatusCode {
    client
        .submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
        .status
}

#[tokio::test]
async fn a_page_without_a_form_mints_no_token_and_sets_no_cookie() {
    let app = TestApp::spawn().await;
    app.create_account("eve@example.org", "Eve", Role::Member, None)
        .await;
    let client = app.client();
    for path in ["/", "/videos", "/videos/feed.atom", "/source", "/nowhere"] {
        let page = client.get(path).await;
        assert!(
            page.set_cookies.is_empty(),
            "{path} ({}) sets {:?}",
            page.status,
            page.set_cookies
        );
        assert!(!page.body.contains("csrf_token"), "{path}:\n{}", page.body);
    }
    assert_eq!(client.cookie("relais_anon"), None);

    // A page with a form binds its token to a visitor cookie, set once.
    let login = client.get("/login").await;
    let token = login.csrf_token();
    assert_eq!(
        login
            .set_cookies
            .iter()
            .filter(|c| c.starts_with("relais_anon="))
            .count(),
        1,
        "{:?}",
        login.set_cookies
    );
    let again = client.get("/login").await;
    assert!(again.set_cookies.is_empty(), "{:?}", again.set_cookies);
    assert_eq!(again.csrf_token(), token);
    assert!(client.get("/videos").await.set_cookies.is_empty());

    // And the form works with it.
    let logged_in = client
        .post_raw(
            "/login",
            &[
                ("csrf_token", &token),
                ("email", "eve@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        logged_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        logged_in.body
    );
    assert_eq!(client.get("/profile").await.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_passwords_slow_their_sender_down_but_never_lock_the_owner_out() {
    let proxies = relais_web::TrustedProxies::parse("127.0.0.1").expect("proxies");
    let app =
        TestApp::spawn_with_config(chrono::Utc::now(), |c| c.with_trusted_proxies(proxies)).await;
    app.create_account("fatou@example.org", "Fatou", Role::Member, None)
        .await;
    let stranger = client_at(&app, "198.51.100.9");
    for _ in 0..5 {
        assert_eq!(
            attempt(&stranger, "fatou@example.org", "wrong password").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // The stranger now waits, even with the right password…
    let limited = stranger
        .submit(
            "/login",
            "/login",
            &[("email", "fatou@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    limited.assert_contains("Trop de tentatives.");
    limited.assert_contains("fatou@example.org");
    // …but the owner, elsewhere, logs in at once.
    client_at(&app, "203.0.113.20")
        .log_in("fatou@example.org", PASSWORD)
        .await;

    // The wait grows with each failure after it: 15 s, then 30 s.
    app.advance(Duration::seconds(15));
    assert_eq!(
        attempt(&stranger, "fatou@example.org", "wrong again").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    app.advance(Duration::seconds(20));
    assert_eq!(
        attempt(&stranger, "fatou@example.org", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.advance(Duration::seconds(10));
    stranger.log_in("fatou@example.org", PASSWORD).await;
}

#[tokio::test]
async fn a_password_reset_ends_the_log_in_waits_of_its_account() {
    let app = TestApp::spawn().await;
    app.create_account("ines@example.org", "Inès", Role::Member, None)
        .await;
    let client = app.client();
    for _ in 0..6 {
        attempt(&client, "ines@example.org", "wrong password").await;
    }
    assert_eq!(
        attempt(&client, "ines@example.org", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    client
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "ines@example.org")],
        )
        .await;
    let emails = app.deliver().await;
    let link = emails[0].link(&app.base_url, "/password/reset/");
    let token = link.rsplit('/').next().expect("token").to_owned();
    let form = client.get(&link).await;
    let new_password = "un autre mot de passe solide";
    let done = client
        .post_raw(
            "/password/reset",
            &[
                ("csrf_token", &form.csrf_token()),
                ("token", &token),
                ("password", new_password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    client.log_in("ines@example.org", new_password).await;
}

#[tokio::test]
async fn many_failures_from_one_address_slow_it_down_for_every_account() {
    let app = TestApp::spawn().await;
    app.create_account("jo@example.org", "Jo", Role::Member, None)
        .await;
    let client = app.client();
    // Thirty failures over many accounts cost nothing (a venue shares an
    // address); the next attempt from that address waits.
    for i in 0..30 {
        let email = format!("guess-{i}@example.org");
        assert_eq!(
            attempt(&client, &email, "wrong").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        attempt(&client, "jo@example.org", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.advance(Duration::seconds(2));
    client.log_in("jo@example.org", PASSWORD).await;
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_account() {
    let app = TestApp::spawn().await;
    app.create_account("gabriel@example.org", "Gabriel", Role::Member, None)
        .await;
    let client = app.client();
    for _ in 0..3 {
        let page = client
            .submit(
                "/password/forgot",
                "/password/forgot",
                &[("email", "gabriel@example.org")],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
    }
    let limited = client
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "gabriel@example.org")],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.deliver().await.len(), 3);
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes_unless_remembered() {
    let app = TestApp::spawn().await;
    app.create_account("idle@example.org", "Idle", Role::Member, None)
        .await;
    let short = app.logged_in("idle@example.org").await;
    let long = app.client();
    let page = long
        .submit(
            "/login",
            "/login",
            &[
                ("email", "idle@example.org"),
                ("password", PASSWORD),
                ("remember", "on"),
            ],
        )
        .await;
    assert!(
        page.set_cookies
            .iter()
            .any(|c| c.starts_with("relais_session=") && c.contains("Max-Age=")),
        "{:?}",
        page.set_cookies
    );
    app.advance(Duration::minutes(29));
    assert_eq!(short.get("/profile").await.status, StatusCode::OK);
    app.advance(Duration::minutes(31));
    assert_eq!(short.get("/profile").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(long.get("/profile").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_log_in_however_active() {
    let app = TestApp::spawn().await;
    app.create_account("busy@example.org", "Busy", Role::Member, None)
        .await;
    let client = app.logged_in("busy@example.org").await;
    // Active every 20 minutes: the idle limit never strikes.
    for _ in 0..35 {
        app.advance(Duration::minutes(20));
        assert_eq!(client.get("/profile").await.status, StatusCode::OK);
    }
    app.advance(Duration::minutes(20));
    assert_eq!(
        client.get("/profile").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_session_id_changes_at_log_in() {
    let app = TestApp::spawn().await;
    app.create_account("eve@example.org", "Eve", Role::Member, None)
        .await;
    let client = app.logged_in("eve@example.org").await;
    let first = client.get("/profile").await.csrf_token();
    let again = client
        .post_raw(
            "/login",
            &[
                ("csrf_token", &first),
                ("email", "eve@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let second = client.get("/profile").await.csrf_token();
    assert_ne!(
        first, second,
        "a new session (and so a new CSRF token) at each log-in"
    );
}

#[tokio::test]
async fn the_profile_is_edited_with_its_input_checked() {
    let app = TestApp::spawn().await;
    let lyon = app.create_city("lyon", "Lyon").await;
    app.create_account("sophie@example.org", "Sophie", Role::Member, None)
        .await;
    let client = app.logged_in("sophie@example.org").await;
    let lyon = lyon.to_string();
    let bad = client
        .submit(
            "/profile",
            "/profile",
            &[
                ("name", "Sophie B."),
                ("language", "fr"),
                ("time_zone", "US/Eastern"),
                ("city_id", &lyon),
                ("skills", "designer"),
                ("bio", "Designer de services."),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // An alias the zone database knows, but not in the list: refused.
    bad.assert_contains("Choisissez un fuseau horaire dans la liste.");
    bad.assert_contains(r#"<optgroup label="Villes du programme">"#);
    bad.assert_contains("Designer de services.");
    let good = client
        .submit(
            "/profile",
            "/profile",
            &[
                ("name", "Sophie B."),
                ("language", "en"),
                ("time_zone", "Europe/Brussels"),
                ("city_id", &lyon),
                ("skills", "designer"),
                ("skills", "developer"),
                ("bio", "Designer de services."),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let page = client.get("/profile").await;
    page.assert_contains("Profile saved.");
    page.assert_contains(r#"value="Sophie B.""#);
    page.assert_contains(r#"value="Europe/Brussels""#);
    page.assert_contains(r#"value="designer" checked"#);
    page.assert_contains(r#"value="developer" checked"#);
    page.assert_contains(r#"lang="en""#);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    app.create_account("karim@example.org", "Karim", Role::Mentor, None)
        .await;
    let other = app.logged_in("karim@example.org").await;
    let client = app.logged_in("karim@example.org").await;
    let wrong = client
        .submit(
            "/profile",
            "/profile/password",
            &[
                ("current_password", "nope nope nope"),
                ("new_password", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    wrong.assert_contains("Le mot de passe actuel est incorrect.");
    let ok = client
        .submit(
            "/profile",
            "/profile/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        client.get("/profile").await.status,
        StatusCode::OK,
        "this browser stays logged in"
    );
    assert_eq!(other.get("/profile").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn invitation_only_sign_up_goes_through_a_coordinators_single_use_invitation() {
    let app = TestApp::spawn().await;
    let dakar = app.create_city("dakar", "Dakar").await;
    app.create_accounts(&[
        ("claire@example.org", "Claire", Role::Coordinator, None),
        ("awa@example.org", "Awa", Role::Coordinator, Some("dakar")),
        ("member@example.org", "Member", Role::Member, None),
    ])
    .await;

    // Only a programme coordinator may close sign-up.
    let city_coordinator = app.logged_in("awa@example.org").await;
    let refused = city_coordinator
        .submit(
            "/admin",
            "/admin/registration",
            &[("registration", "invitation")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let member = app.logged_in("member@example.org").await;
    assert_eq!(member.get("/admin").await.status, StatusCode::FORBIDDEN);

    let programme = app.logged_in("claire@example.org").await;
    let closed = programme
        .submit(
            "/admin",
            "/admin/registration",
            &[("registration", "invitation")],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);

    let visitor = app.client();
    visitor
        .get("/signup")
        .await
        .assert_contains("Les inscriptions se font sur invitation");
    let page = visitor.get("/login").await;
    let attempt = visitor
        .post_raw(
            "/signup",
            &[
                ("csrf_token", &page.csrf_token()),
                ("name", "X"),
                ("email", "x@example.org"),
                ("password", PASSWORD),
                ("language", "fr"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(attempt.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A city coordinator invites a mentor to their own city, not to another.
    let dakar = dakar.to_string();
    let bad = city_coordinator
        .submit(
            "/admin",
            "/admin/invitations",
            &[
                ("email", "not an address"),
                ("city_id", &dakar),
                ("role", "mentor"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="not an address""#);
    let sent = city_coordinator
        .submit(
            "/admin",
            "/admin/invitations",
            &[
                ("email", "moussa@example.org"),
                ("city_id", &dakar),
                ("role", "mentor"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let invitation = app.last_email_to("moussa@example.org").await;
    assert!(
        invitation.raw.contains("Awa vous invite"),
        "{}",
        invitation.raw
    );
    let link = invitation.link(&app.base_url, "/signup?invitation=");

    let invitee = app.client();
    let form = invitee.get(&link).await;
    form.assert_contains("moussa@example.org");
    let token = link.split("invitation=").nth(1).expect("token").to_owned();
    let created = invitee
        .post_raw(
            "/signup",
            &[
                ("csrf_token", &form.csrf_token()),
                ("invitation", &token),
                ("name", "Moussa Diop"),
                ("password", PASSWORD),
                ("language", "fr"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let profile = invitee.get("/profile").await;
    profile.assert_contains("Mentor (Dakar)");

    let again = app.client().get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn pages_answer_in_the_visitors_language_and_errors_are_pages() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    let missing = client.get("/nowhere").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    missing.assert_contains("Page introuvable");
    client.accept_language = Some("en-GB,en;q=0.9".to_owned());
    let missing = client.get("/nowhere").await;
    missing.assert_contains("Page not found");
    missing.assert_contains(r#"<html lang="en">"#);
    client.accept_language = None;
    let switched = client.get("/language/en?next=/login").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location.as_deref(), Some("/login"));
    client
        .get("/login")
        .await
        .assert_contains("Forgot your password?");
    let outside = client.get("/language/fr?next=//evil.example").await;
    assert_eq!(outside.location.as_deref(), Some("/"));
}

#[tokio::test]
async fn malformed_and_oversized_requests_get_a_4xx_page() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client.get("/login").await;
    let token = page.csrf_token();
    let huge = "x".repeat(200 * 1024);
    let too_big = client
        .post_raw("/login", &[("csrf_token", &token), ("email", &huge)])
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    too_big.assert_contains("Envoi trop volumineux");

    let not_a_form = reqwest::Client::new()
        .post(format!("{}/login", app.base_url))
        .header("content-type", "application/json")
        .header("cookie", "relais_session=%%%; relais_anon=\"unterminated")
        .body("{}")
        .send()
        .await
        .expect("post");
    assert!(
        not_a_form.status().is_client_error(),
        "{}",
        not_a_form.status()
    );

    let bad_cookie = reqwest::Client::new()
        .get(format!("{}/profile", app.base_url))
        .header(
            "cookie",
            "relais_session=not-a-real-session; relais_lang=xx",
        )
        .send()
        .await
        .expect("get");
    assert_eq!(bad_cookie.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for path in ["/", "/login", "/nowhere", "/static/style.css"] {
        let page = client.get(path).await;
        let csp = page
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            page.headers
                .get("x-content-type-options")
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..]),
            "{path}"
        );
        assert!(page.headers.contains_key("referrer-policy"), "{path}");
    }
    let page = client.get("/").await;
    assert!(!page.body.contains("<script"), "no inline script anywhere");
    assert!(!page.body.contains(" style="), "no inline style on pages");
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    app.ctx.db.clone().close().await.expect("close");
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn a_refused_sign_up_counts_its_problems_names_each_field_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client
        .submit(
            "/signup",
            "/signup",
            &[
                ("name", ""),
                ("email", ""),
                ("password", ""),
                ("language", "en"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Il y a 3 erreurs");
    for (field, message) in [
        ("name", "Indiquez votre nom."),
        ("email", "Indiquez votre adresse e-mail."),
        ("password", "Indiquez un mot de passe."),
    ] {
        page.assert_contains(&format!(r##"<a href="#field-{field}">{message}</a>"##));
        page.assert_contains(&format!(
            r#"<span class="error" id="error-{field}">{message}</span>"#
        ));
    }
    assert!(!page.body.contains("Ce champ est obligatoire."));
    // The summary comes before the form, at the top of the page.
    assert!(page.body.find("Il y a 3 erreurs") < page.body.find(r#"action="/signup""#));

    let page = client
        .submit(
            "/signup",
            "/signup",
            &[
                ("name", "Awa Ndiaye"),
                ("email", "pas-une-adresse"),
                ("password", PASSWORD),
                ("language", "en"),
                ("city_id", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Il y a une erreur");
    page.assert_contains(r#"value="Awa Ndiaye""#);
    page.assert_contains(r#"value="pas-une-adresse""#);
    page.assert_contains(r#"<option value="en" selected>"#);
    assert!(!page.body.contains(PASSWORD));
}

#[tokio::test]
async fn every_page_names_an_icon_which_is_served_as_a_real_icon() {
    let app = TestApp::spawn().await;
    let home = app.client().get("/").await;
    home.assert_contains(r#"<link rel="icon" href="/favicon.ico" sizes="32x32">"#);
    let icon = reqwest::get(format!("{}/favicon.ico", app.base_url))
        .await
        .expect("icon");
    assert_eq!(icon.status(), StatusCode::OK);
    assert_eq!(
        icon.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/x-icon")
    );
    let bytes = icon.bytes().await.expect("bytes");
    // An ICO directory of one 32×32 image, which is a PNG.
    assert_eq!(&bytes[..6], &[0, 0, 1, 0, 1, 0]);
    assert_eq!((bytes[6], bytes[7]), (32, 32));
    assert_eq!(&bytes[22..30], b"\x89PNG\r\n\x1a\n");
}

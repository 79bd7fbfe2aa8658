//! Digests: at 08:00 in the member's zone, at their frequency, each
//! covering exactly the window since the previous one.

use chrono::{TimeZone, Utc};
use relais_domain::{Role, digest};
use relais_tests::TestApp;

fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, day, hour, 0, 0)
        .single()
        .expect("time")
}

#[tokio::test]
async fn each_digest_covers_the_window_since_the_previous_one_and_nothing_twice() {
    // Monday 5 January 2026, 06:00 UTC (07:00 in Lyon).
    let app = TestApp::spawn_at(at(5, 6)).await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_accounts(&[
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("bob@example.org", "Bob", Role::Member, Some("lyon")),
        ("carl@example.org", "Carl", Role::Member, Some("lyon")),
        ("nobody@example.org", "Nobody", Role::Member, Some("lyon")),
    ])
    .await;
    let daily = app.logged_in("bob@example.org").await;
    daily
        .submit(
            "/profile",
            "/profile/emails",
            &[("categories", "digest"), ("digest", "daily")],
        )
        .await;
    let never = app.logged_in("nobody@example.org").await;
    never
        .submit(
            "/profile",
            "/profile/emails",
            &[("categories", "digest"), ("digest", "none")],
        )
        .await;

    app.clock.set(at(6, 10));
    let carl = app.logged_in("carl@example.org").await;
    carl.create_project("Composteurs", "Composter ensemble.", "environmental", &lyon)
        .await;
    app.clock.set(at(7, 10));
    let carl = app.logged_in("carl@example.org").await;
    carl.submit(
        "/projects/composteurs",
        "/projects/composteurs/updates",
        &[
            ("body", "Premier composteur installé rue Garibaldi."),
            ("milestone_id", ""),
            ("is_public", "on"),
        ],
    )
    .await;

    // Wednesday 08:30 in Lyon: Bob's daily digest; Ana's weekly one waits.
    app.clock.set(at(7, 7) + chrono::Duration::minutes(30));
    let queued = digest::plan(&app.ctx, app.ctx.now()).await.expect("plan");
    assert_eq!(
        digest::plan(&app.ctx, at(7, 8)).await.expect("again"),
        0,
        "not twice"
    );
    let emails = app.deliver().await;
    let to = |who: &str| {
        emails
            .iter()
            .filter(|e| e.to.contains(who))
            .collect::<Vec<_>>()
    };
    assert_eq!(to("bob@").len(), 1, "{queued}");
    assert!(
        to("bob@")[0]
            .text()
            .contains("Nouveau projet : Composteurs")
    );
    assert!(to("ana@").is_empty() && to("nobody@").is_empty());

    // Monday 12, 08:30: Ana's first weekly digest has the week; Bob's covers
    // only what came after his last one.
    app.clock.set(at(12, 7) + chrono::Duration::minutes(30));
    digest::plan(&app.ctx, app.ctx.now()).await.expect("plan");
    let emails = app.deliver().await;
    let ana: Vec<_> = emails.iter().filter(|e| e.to.contains("ana@")).collect();
    assert_eq!(ana.len(), 1);
    assert!(
        ana[0].text().contains("Nouveau projet : Composteurs")
            && ana[0].raw.contains("Premier composteur"),
        "{}",
        ana[0].raw
    );
    let bob: Vec<_> = emails.iter().filter(|e| e.to.contains("bob@")).collect();
    assert_eq!(bob.len(), 2);
    assert!(bob[1].raw.contains("Premier composteur"), "{}", bob[1].raw);
    assert!(
        !bob[1].raw.contains("Nouveau projet"),
        "the project was in the previous digest"
    );
    assert!(emails.iter().all(|e| !e.to.contains("nobody@")));
}

#[tokio::test]
async fn a_digest_shows_an_update_s_markdown_as_html_and_as_readable_text_over_smtp() {
    use relais_tests::smtp::SmtpServer;
    let app = TestApp::spawn_at(at(5, 6)).await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_accounts(&[
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("carl@example.org", "Carl", Role::Member, Some("lyon")),
    ])
    .await;
    app.clock.set(at(6, 10));
    let carl = app.logged_in("carl@example.org").await;
    carl.create_project("Composteurs", "Composter ensemble.", "environmental", &lyon)
        .await;
    carl.submit(
        "/projects/composteurs",
        "/projects/composteurs/updates",
        &[
            (
                "body",
                "## Premier composteur\n\n\
                 Installé **rue Garibaldi**, avec *trois* bacs.\n\n\
                 - broyat\n- arrosoir\n\n\
                 Plan sur [le site de la Métropole](https://example.org/plan).",
            ),
            ("milestone_id", ""),
            ("is_public", "on"),
        ],
    )
    .await;
    app.clock.set(at(12, 7) + chrono::Duration::minutes(30));
    assert!(digest::plan(&app.ctx, app.ctx.now()).await.expect("plan") >= 1);
    let server = SmtpServer::start().await;
    relais_scheduler::deliver::run(&app.jobs_over_smtp(&server.url()), app.ctx.now())
        .await
        .expect("deliver");
    let mail = server
        .received()
        .into_iter()
        .find(|m| m.to.contains(&"ana@example.org".to_owned()))
        .expect("Ana's digest");
    let html = relais_tests::mime_part(&mail.data, "text/html");
    for expected in [
        "<h3>Premier composteur</h3>",
        "<strong>rue Garibaldi</strong>",
        "<em>trois</em>",
        "<li>broyat</li>",
        r#"<a href="https://example.org/plan""#,
    ] {
        assert!(html.contains(expected), "no {expected} in:\n{html}");
    }
    assert!(!html.contains("**") && !html.contains("## "), "{html}");
    let text = relais_tests::mime_part(&mail.data, "text/plain");
    for expected in [
        "Premier composteur\n\nInstallé rue Garibaldi, avec trois bacs.",
        "- broyat\n- arrosoir",
        "le site de la Métropole (https://example.org/plan)",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("**") && !text.contains("##") && !text.contains("]("),
        "{text}"
    );
    // Ending with why Ana gets it and how to stop it.
    assert!(
        text.contains("vous avez choisi de recevoir le résumé des nouvelles"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}/unsubscribe/", app.base_url)) && text.contains("/digest\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}/profile#emails", app.base_url)),
        "{text}"
    );
}

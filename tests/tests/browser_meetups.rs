//! The meetup cycle in a real headless Chromium: a coordinator creates a
//! series, a member answers yes, another is waitlisted and promoted when
//! the first cancels, the coordinator puts a project on the agenda and,
//! once the meeting has begun, marks attendance. And a cancellation: the
//! member who said yes reads it in an email from a real SMTP server, in
//! French, on Lyon's clock though she lives in Montréal, and her calendar
//! feed shows the meeting cancelled.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

async fn answer(browser: &Browser, app: &TestApp, path: &str, value: &str, expect: &str) {
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser
        .click(&format!(
            "form[action$='/rsvp']:has(input[value={value}]) button"
        ))
        .await;
    browser.wait_for_text(expect).await;
}

#[tokio::test]
async fn a_monthly_meetup_from_series_to_attendance_in_chromium() {
    // 1 January 2026, 09:00 UTC; the first Thursday is that evening.
    let app = TestApp::spawn_at(
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        (
            "luc@example.org",
            "Luc Coord",
            Role::Coordinator,
            Some("lyon"),
        ),
        ("ana@example.org", "Ana Member", Role::Member, Some("lyon")),
        ("ben@example.org", "Ben Member", Role::Member, Some("lyon")),
    ])
    .await;
    let browser = Browser::start().await;

    // Ana's project, to put on the agenda.
    browser
        .log_in(&app.base_url, "ana@example.org", PASSWORD)
        .await;
    browser
        .create_project(
            &app.base_url,
            "Vélo-école",
            "Apprendre le vélo.",
            "social",
            lyon,
        )
        .await;
    browser.log_out().await;

    browser
        .log_in(&app.base_url, "luc@example.org", PASSWORD)
        .await;
    browser.create_lyon_series(&app.base_url, "150", "1").await;
    browser.wait_for_text("jeudi 1er janvier 2026 à 19").await;
    browser.click("a[href^='/meetups/']").await;
    browser.wait_for_text("Ordre du jour").await;
    let path = browser.path().await;
    browser.log_out().await;

    browser
        .log_in(&app.base_url, "ana@example.org", PASSWORD)
        .await;
    answer(&browser, &app, &path, "yes", "une place vous est réservée").await;
    browser.log_out().await;
    browser
        .log_in(&app.base_url, "ben@example.org", PASSWORD)
        .await;
    answer(&browser, &app, &path, "yes", "vous êtes en liste d'attente").await;
    browser.log_out().await;
    browser
        .log_in(&app.base_url, "ana@example.org", PASSWORD)
        .await;
    answer(&browser, &app, &path, "no", "Réponse enregistrée.").await;
    browser.log_out().await;
    browser
        .log_in(&app.base_url, "ben@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser.wait_for_text("Votre réponse : Oui.").await;
    let page = browser.text().await;
    assert!(
        page.contains("Inscrits : 1 / 1 · liste d'attente : 0"),
        "Ben was promoted: {page}"
    );
    browser.log_out().await;

    browser
        .log_in(&app.base_url, "luc@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser.choose("kind", "project").await;
    browser
        .client
        .find(fantoccini::Locator::Id("field-project_id"))
        .await
        .expect("project select")
        .select_by_label("Vélo-école")
        .await
        .expect("choose project");
    browser
        .click("form[action$='/agenda'] button[type=submit]")
        .await;
    browser.wait_for_text("Ordre du jour mis à jour.").await;

    // The evening comes; attendance is marked.
    app.advance(Duration::hours(10));
    browser
        .log_in(&app.base_url, "luc@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser
        .click("form[action$='/attendance']:has(input[name=attended][value=yes]) button")
        .await;
    browser.wait_for_text("Présence enregistrée.").await;
    let page = browser.text().await;
    assert!(
        page.contains("Ben Member") && page.contains("présent·e"),
        "{page}"
    );
    assert!(page.contains("Vélo-école"), "{page}");
    browser.close().await;
}

#[tokio::test]
async fn a_cancelled_meeting_reaches_the_member_by_email_in_french_on_lyon_time_and_in_her_calendar_in_chromium()
 {
    use icalendar::Component;
    use relais_tests::smtp::SmtpServer;
    // Thursday 26 November 2026: the series' first meeting is Thursday
    // 3 December, 19:00 in Lyon.
    let app = TestApp::spawn_at(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    app.create_lyon().await;
    app.create_accounts(&[
        (
            "luc@example.org",
            "Luc Coord",
            Role::Coordinator,
            Some("lyon"),
        ),
        ("ana@example.org", "Ana Member", Role::Member, Some("lyon")),
    ])
    .await;
    let server = SmtpServer::start().await;
    let jobs = app.jobs_over_smtp(&server.url());
    let browser = Browser::start().await;

    browser
        .log_in(&app.base_url, "luc@example.org", PASSWORD)
        .await;
    browser.create_lyon_series(&app.base_url, "120", "20").await;
    browser.click("a[href^='/meetups/']").await;
    browser.wait_for_text("Ordre du jour").await;
    let path = browser.path().await;
    browser.log_out().await;

    // Ana lives in Montréal now; she will come, and follows her meetings
    // in her calendar.
    browser
        .log_in(&app.base_url, "ana@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}/profile", app.base_url)).await;
    browser.choose("time_zone", "America/Montreal").await;
    browser
        .click("form[action='/profile'] button[type=submit]")
        .await;
    browser.wait_for_text("Profil enregistré.").await;
    answer(&browser, &app, &path, "yes", "une place vous est réservée").await;
    browser.goto(&format!("{}/profile", app.base_url)).await;
    browser
        .click("form[action='/profile/calendar'] button[type=submit]")
        .await;
    // Shown this once: only its hash is kept.
    browser
        .wait_for_text("Voici votre nouvelle adresse d'agenda.")
        .await;
    let feed = regex::Regex::new(r"http://\S+/calendar/[A-Za-z0-9_-]{43}\.ics")
        .expect("pattern")
        .find(&browser.text().await)
        .expect("the feed's address on the profile")
        .as_str()
        .to_owned();
    let status = || async {
        let body = reqwest::get(&feed)
            .await
            .expect("feed")
            .text()
            .await
            .expect("feed body");
        let calendar: icalendar::Calendar = body.parse().unwrap_or_else(|e| panic!("{e}\n{body}"));
        calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .find(|e| e.get_summary() == Some("Rencontre de Lyon"))
            .and_then(|e| e.property_value("STATUS").map(str::to_owned))
            .unwrap_or_else(|| panic!("no meeting in\n{body}"))
    };
    assert_eq!(status().await, "CONFIRMED");
    browser.log_out().await;

    browser
        .log_in(&app.base_url, "luc@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser
        .click("form[action$='/cancel'] button[type=submit]")
        .await;
    // A page asks first, saying who will be told.
    browser.wait_for_text("Revenir sans rien changer").await;
    browser
        .click("form[action$='/cancel'] button[type=submit]")
        .await;
    browser.wait_for_text("Rencontre annulée.").await;
    browser.close().await;

    relais_scheduler::deliver::run(&jobs, app.ctx.now())
        .await
        .expect("delivery");
    let mail = server
        .received()
        .into_iter()
        .find(|m| m.to.iter().any(|t| t == "ana@example.org"))
        .expect("Ana's cancellation email");
    let text = relais_tests::mime_part(&mail.data, "text/plain").replace('\u{a0}', " ");
    assert!(
        text.contains("« Rencontre de Lyon », prévue le jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon), est annulée."),
        "{text}"
    );
    let html = relais_tests::mime_part(&mail.data, "text/html").replace('\u{a0}', " ");
    assert!(
        html.contains("jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)"),
        "{html}"
    );
    assert_eq!(status().await, "CANCELLED", "still in the feed, cancelled");
}

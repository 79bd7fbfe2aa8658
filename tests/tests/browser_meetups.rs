//! The meetup cycle in a real headless Chromium: a coordinator creates a
//! series, a member answers yes, another is waitlisted and promoted when
//! the first cancels, the coordinator puts a project on the agenda and,
//! once the meeting has begun, marks attendance.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

async fn log_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&format!("{}/login", app.base_url)).await;
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser
        .click("form[action='/login'] button[type=submit]")
        .await;
    browser.wait_for_text("Vous êtes connecté·e.").await;
}

async fn log_out(browser: &Browser) {
    browser.click("form[action='/logout'] button").await;
    browser.wait_for_text("Vous êtes déconnecté·e.").await;
}

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
    let edition = app.create_edition("2018", "2018-03-09").await;
    let lyon = app
        .create_city_in("lyon", "Lyon", "Europe/Paris", Some(edition))
        .await;
    app.create_account(
        "luc@example.org",
        "Luc Coord",
        Role::Coordinator,
        Some("lyon"),
    )
    .await;
    app.create_account("ana@example.org", "Ana Member", Role::Member, Some("lyon"))
        .await;
    app.create_account("ben@example.org", "Ben Member", Role::Member, Some("lyon"))
        .await;
    let browser = Browser::start().await;

    // Ana's project, to put on the agenda.
    log_in(&browser, &app, "ana@example.org").await;
    browser
        .goto(&format!("{}/projects/new", app.base_url))
        .await;
    browser.fill("title", "Vélo-école").await;
    browser.fill("pitch", "Apprendre le vélo.").await;
    browser.click("input[name=themes][value=social]").await;
    browser.choose("city_id", &lyon.to_string()).await;
    browser
        .click("form[action='/projects'] button[type=submit]")
        .await;
    browser.wait_for_text("Projet créé.").await;
    log_out(&browser).await;

    log_in(&browser, &app, "luc@example.org").await;
    browser
        .goto(&format!("{}/admin/meetups", app.base_url))
        .await;
    browser.fill("title", "Rencontre de Lyon").await;
    browser.choose("ordinal", "first").await;
    browser.choose("weekday", "thu").await;
    browser.set_value("start_time", "19:00").await;
    browser.fill("duration_minutes", "150").await;
    browser.fill("place_address", "Hôtel de Ville, Lyon").await;
    browser.fill("capacity", "1").await;
    browser
        .click("form[action='/admin/meetups'] button[type=submit]")
        .await;
    browser.wait_for_text("Série créée").await;
    browser.wait_for_text("2026-01-01 19:00").await;
    browser.click("a[href^='/meetups/']").await;
    browser.wait_for_text("Ordre du jour").await;
    let path = browser.path().await;
    log_out(&browser).await;

    log_in(&browser, &app, "ana@example.org").await;
    answer(&browser, &app, &path, "yes", "une place vous est réservée").await;
    log_out(&browser).await;
    log_in(&browser, &app, "ben@example.org").await;
    answer(&browser, &app, &path, "yes", "vous êtes en liste d'attente").await;
    log_out(&browser).await;
    log_in(&browser, &app, "ana@example.org").await;
    answer(&browser, &app, &path, "no", "Réponse enregistrée.").await;
    log_out(&browser).await;
    log_in(&browser, &app, "ben@example.org").await;
    browser.goto(&format!("{}{path}", app.base_url)).await;
    browser.wait_for_text("Votre réponse : Oui.").await;
    let page = browser.text().await;
    assert!(
        page.contains("Inscrits : 1 / 1 · liste d'attente : 0"),
        "Ben was promoted: {page}"
    );
    log_out(&browser).await;

    log_in(&browser, &app, "luc@example.org").await;
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
    log_in(&browser, &app, "luc@example.org").await;
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

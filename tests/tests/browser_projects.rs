//! The project journey in a real headless Chromium: a member creates a
//! project, invites a teammate who accepts, they add milestones, post an
//! update that completes one, and a visitor sees it all.

use relais_domain::Role;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

#[tokio::test]
async fn a_team_builds_its_project_page_and_a_visitor_reads_it_in_chromium() {
    let app = TestApp::spawn().await;
    let edition = app.create_edition("2018", "2018-03-09").await;
    let dakar = app
        .create_city_in("dakar", "Dakar", "Africa/Dakar", Some(edition))
        .await;
    app.create_accounts(&[
        (
            "fatou@example.org",
            "Fatou Sarr",
            Role::Member,
            Some("dakar"),
        ),
        (
            "moussa@example.org",
            "Moussa Diop",
            Role::Member,
            Some("dakar"),
        ),
    ])
    .await;
    let browser = Browser::start().await;

    browser
        .log_in(&app.base_url, "fatou@example.org", PASSWORD)
        .await;
    browser
        .goto(&format!("{}/projects/new", app.base_url))
        .await;
    browser.fill("title", "Alerte inondation").await;
    browser
        .fill("pitch", "Prévenir les quartiers inondables par SMS.")
        .await;
    browser
        .fill(
            "description",
            "Des **alertes** envoyées avant la montée des eaux.",
        )
        .await;
    browser
        .click("input[name=themes][value=environmental]")
        .await;
    browser.choose("licence", "AGPL-3.0-or-later").await;
    browser.choose("city_id", &dakar.to_string()).await;
    browser
        .click("form[action='/projects'] button[type=submit]")
        .await;
    browser.wait_for_text("Projet créé.").await;
    assert_eq!(browser.path().await, "/projects/alerte-inondation");

    browser.fill("email", "moussa@example.org").await;
    browser
        .click("form[action$='/team/invite'] button[type=submit]")
        .await;
    browser.wait_for_text("Invitation envoyée.").await;
    browser.log_out().await;

    let link = app
        .last_email_to("moussa@example.org")
        .await
        .link(&app.base_url, "/team-invitations/");
    browser
        .log_in(&app.base_url, "moussa@example.org", PASSWORD)
        .await;
    browser.goto(&link).await;
    browser
        .click("form[action^='/team-invitations/'] button[type=submit]")
        .await;
    browser.wait_for_text("Bienvenue dans l'équipe !").await;

    for (title, due) in [
        ("Capteurs installés", "2030-01-15"),
        ("Premiers SMS envoyés", "2030-03-01"),
    ] {
        browser.click("details.card > summary").await;
        browser.fill("title", title).await;
        browser.set_value("due_on", due).await;
        browser
            .click("form[action$='#milestone-form'] button[type=submit]")
            .await;
        browser.wait_for_text("Jalon enregistré.").await;
    }
    browser
        .fill("body", "Les capteurs sont en place dans trois quartiers.")
        .await;
    let options = browser.text().await;
    assert!(options.contains("Capteurs installés"), "{options}");
    browser
        .client
        .find(fantoccini::Locator::Css("#field-milestone_id"))
        .await
        .expect("milestone select")
        .select_by_label("Capteurs installés")
        .await
        .expect("choose milestone");
    browser.click("#field-completes_milestone").await;
    browser
        .click("form[action$='#entry-form'] button[type=submit]")
        .await;
    browser.wait_for_text("Entrée publiée.").await;
    browser.log_out().await;

    // A visitor, not logged in.
    browser.goto(&format!("{}/projects", app.base_url)).await;
    browser.wait_for_text("Alerte inondation").await;
    browser.click("a[href='/projects/alerte-inondation']").await;
    browser
        .wait_for_text("Les capteurs sont en place dans trois quartiers.")
        .await;
    let page = browser.text().await;
    assert!(
        page.contains("Fatou Sarr") && page.contains("Moussa Diop"),
        "{page}"
    );
    assert!(page.contains("50 %"), "one of two milestones done: {page}");
    let source = browser.client.source().await.expect("source");
    assert!(
        source.contains("<svg"),
        "the chart is drawn without JavaScript"
    );
    browser.close().await;
}

//! The mentoring cycle in a real headless Chromium: a coordinator assigns a
//! mentor, the team asks for a review, the mentor writes it, the team turns
//! a next step into a milestone and answers the review.

use relais_domain::Role;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

#[tokio::test]
async fn a_review_cycle_from_assignment_to_answer_in_chromium() {
    let app = TestApp::spawn().await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        (
            "chloe@example.org",
            "Chloé Girard",
            Role::Member,
            Some("lyon"),
        ),
        (
            "lea@example.org",
            "Léa Rousseau",
            Role::Mentor,
            Some("lyon"),
        ),
        (
            "sophie@example.org",
            "Sophie Bernard",
            Role::Coordinator,
            Some("lyon"),
        ),
    ])
    .await;
    let browser = Browser::start().await;

    // The team's project.
    browser
        .log_in(&app.base_url, "chloe@example.org", PASSWORD)
        .await;
    browser
        .create_project(
            &app.base_url,
            "Vélo-école",
            "Apprendre le vélo à tout âge.",
            "social",
            lyon,
        )
        .await;
    browser.log_out().await;

    // The coordinator assigns Léa.
    browser
        .log_in(&app.base_url, "sophie@example.org", PASSWORD)
        .await;
    browser
        .goto(&format!("{}/admin/mentoring", app.base_url))
        .await;
    browser
        .client
        .find(fantoccini::Locator::Id("field-mentor_id"))
        .await
        .expect("mentor select")
        .select_by_label("Léa Rousseau (0/3)")
        .await
        .expect("choose mentor");
    browser
        .click("form[action='/admin/mentoring/assign'] button[type=submit]")
        .await;
    browser.wait_for_text("Mentor désigné.").await;
    browser.log_out().await;

    // The team asks for a review.
    browser
        .log_in(&app.base_url, "chloe@example.org", PASSWORD)
        .await;
    browser
        .goto(&format!("{}/projects/velo-ecole", app.base_url))
        .await;
    browser
        .click("a[href='/projects/velo-ecole/reviews']")
        .await;
    browser
        .fill("question", "Notre parcours d'inscription est-il clair ?")
        .await;
    browser
        .click("form[action$='/review-requests'] button[type=submit]")
        .await;
    browser
        .wait_for_text("Demande envoyée à vos mentors.")
        .await;
    browser.log_out().await;

    // The mentor sees the request and writes the review.
    browser
        .log_in(&app.base_url, "lea@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}/mentor", app.base_url)).await;
    browser
        .wait_for_text("Notre parcours d'inscription est-il clair ?")
        .await;
    browser
        .click("a[href='/projects/velo-ecole/reviews/new']")
        .await;
    for (field, score) in [
        ("impact", "4"),
        ("progress", "3"),
        ("openness", "5"),
        ("team_health", "4"),
    ] {
        browser.choose(field, score).await;
    }
    browser
        .fill("strengths", "Une équipe très à l'écoute des usagers.")
        .await;
    browser
        .fill("next_steps", "Simplifier le formulaire d'inscription")
        .await;
    browser
        .click("form[action='/projects/velo-ecole/reviews'] button[type=submit]")
        .await;
    browser.wait_for_text("Retour enregistré.").await;
    browser.log_out().await;

    // The team turns the step into a milestone and answers.
    browser
        .log_in(&app.base_url, "chloe@example.org", PASSWORD)
        .await;
    browser
        .goto(&format!("{}/projects/velo-ecole/reviews", app.base_url))
        .await;
    browser.wait_for_text("Retour de Léa Rousseau").await;
    browser.click("form[action$='/milestone'] button").await;
    browser
        .wait_for_text("Jalon créé à partir de l'étape")
        .await;
    browser
        .goto(&format!("{}/projects/velo-ecole/reviews", app.base_url))
        .await;
    browser
        .fill(
            "response",
            "Merci ! Nous simplifions le formulaire ce mois-ci.",
        )
        .await;
    browser
        .click("form[action$='/respond'] button[type=submit]")
        .await;
    browser.wait_for_text("Réponse envoyée.").await;
    let page = browser.text().await;
    assert!(
        page.contains("Merci ! Nous simplifions le formulaire ce mois-ci."),
        "{page}"
    );
    assert!(page.contains("jalon créé"), "{page}");
    browser
        .goto(&format!("{}/projects/velo-ecole", app.base_url))
        .await;
    browser
        .wait_for_text("Simplifier le formulaire d'inscription")
        .await;
    browser.close().await;
}

//! The main account journey in a real headless Chromium: sign up, confirm
//! the address from the email, edit the profile, log out and back in.

use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

#[tokio::test]
async fn a_newcomer_signs_up_logs_in_and_edits_their_profile_in_chromium() {
    let app = TestApp::spawn().await;
    app.create_city("dakar", "Dakar").await;
    let browser = Browser::start().await;

    browser.goto(&format!("{}/", app.base_url)).await;
    browser.click("a.button[href='/signup']").await;
    // A first attempt with mistakes comes back with the typing kept.
    browser.fill("name", "Fatou Sarr").await;
    browser.fill("email", "fatou@example").await;
    browser.fill("password", "short").await;
    browser
        .click("form[action='/signup'] button[type=submit]")
        .await;
    browser
        .wait_for_text("Ce n'est pas une adresse e-mail valide.")
        .await;
    let kept = browser
        .client
        .find(fantoccini::Locator::Id("field-name"))
        .await
        .expect("name field")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(kept.as_deref(), Some("Fatou Sarr"));

    browser.fill("email", "fatou@example.org").await;
    browser.fill("password", PASSWORD).await;
    browser
        .click("form[action='/signup'] button[type=submit]")
        .await;
    browser
        .wait_for_text("Vérifiez votre boîte de réception")
        .await;

    let link = app
        .last_email_to("fatou@example.org")
        .await
        .link(&app.base_url, "/activate/");
    browser.goto(&link).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("Bienvenue sur Relais !").await;
    assert_eq!(browser.path().await, "/profile");

    browser.fill("bio", "Développeuse mobile à Dakar.").await;
    browser.choose("time_zone", "Africa/Dakar").await;
    browser.click("input[name=skills][value=developer]").await;
    browser
        .click("form[action='/profile'] button[type=submit]")
        .await;
    browser.wait_for_text("Profil enregistré.").await;

    browser.click("form[action='/logout'] button").await;
    browser.wait_for_text("Vous êtes déconnecté·e.").await;

    browser
        .log_in(&app.base_url, "fatou@example.org", PASSWORD)
        .await;
    browser.goto(&format!("{}/profile", app.base_url)).await;
    browser.wait_for_text("Fatou Sarr").await;
    let bio = browser
        .client
        .find(fantoccini::Locator::Id("field-bio"))
        .await
        .expect("bio")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(bio.as_deref(), Some("Développeuse mobile à Dakar."));
    browser.close().await;
}

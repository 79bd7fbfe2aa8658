//! The explainer journey in a real headless Chromium, without JavaScript of
//! ours: a team adds a PeerTube link and a transcript, checks it and sees
//! the score rise as it shortens a sentence, uploads WebVTT captions; a
//! visitor finds the video in the library and asks to play it.

use fantoccini::Locator;
use relais_domain::Role;
use relais_tests::browser::Browser;
use relais_tests::{PASSWORD, TestApp};

const LONG: &str = "Notre application permet aux habitants du quartier de signaler les problèmes de voirie qu'ils rencontrent tous les jours en prenant une photo avec leur téléphone et en l'envoyant directement aux services de la mairie qui peuvent ensuite intervenir rapidement. C'est simple.";

const SHORT: &str = "Vous voyez un trou dans la rue ? Prenez une photo avec votre téléphone. Envoyez-la avec notre application. La mairie la reçoit tout de suite. Elle peut venir réparer vite. C'est simple.";

const CAPTIONS: &str = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\nVous voyez un trou dans la rue ?\n\n2\n00:00:03.000 --> 00:00:06.000\nPrenez une photo avec votre téléphone.\n";

async fn score(browser: &Browser) -> i64 {
    let text = browser
        .client
        .wait()
        .for_element(Locator::Id("readability-score"))
        .await
        .expect("a score")
        .text()
        .await
        .expect("score text");
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("a number, not {text:?}"))
}

#[tokio::test]
async fn a_team_publishes_an_explainer_and_a_visitor_plays_it_in_chromium() {
    let app = TestApp::spawn_with_video_hosts("youtube, vimeo, video.example.org").await;
    let edition = app.create_edition("2018", "2018-03-09").await;
    let dakar = app
        .create_city_in("dakar", "Dakar", "Africa/Dakar", Some(edition))
        .await;
    app.create_account(
        "fatou@example.org",
        "Fatou Sarr",
        Role::Member,
        Some("dakar"),
    )
    .await;
    let team = app.logged_in("fatou@example.org").await;
    let project = team
        .create_project(
            "Routes réparées",
            "Signaler un trou dans la chaussée.",
            "social",
            &dakar.to_string(),
        )
        .await;
    let captions_dir = tempfile::tempdir().expect("dir");
    let captions_file = captions_dir.path().join("sous-titres.vtt");
    std::fs::write(&captions_file, CAPTIONS).expect("captions file");

    let browser = Browser::start().await;
    browser
        .log_in(&app.base_url, "fatou@example.org", PASSWORD)
        .await;

    browser.goto(&format!("{}{project}", app.base_url)).await;
    browser
        .click(&format!("a[href='{project}/explainers/new']"))
        .await;
    browser
        .fill("title", "Les routes réparées, expliquées à ma grand-mère")
        .await;
    browser
        .fill(
            "video_url",
            "https://video.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
        )
        .await;
    browser.fill("length", "1:30").await;
    browser.fill("transcript", LONG).await;
    browser.click("button[name=check]").await;
    browser.wait_for_text("Une phrase longue").await;
    let before = score(&browser).await;
    assert!(before < 60, "the long sentence scores {before}");

    // Shorter sentences: the team checks again, nothing saved in between.
    browser.fill("transcript", SHORT).await;
    browser.click("button[name=check]").await;
    browser.wait_for_text("Très facile à lire").await;
    let after = score(&browser).await;
    assert!(after > before, "{after} after shortening, {before} before");
    let typed = browser.text().await;
    assert!(typed.contains("Prenez une photo"), "what was typed stays");

    browser
        .click("form[action$='/explainers'] button[type=submit]:not([name])")
        .await;
    browser
        .wait_for_text("Vidéo explicative enregistrée.")
        .await;

    let upload = browser
        .client
        .wait()
        .for_element(Locator::Id("field-captions"))
        .await
        .expect("captions field");
    upload
        .send_keys(&captions_file.display().to_string())
        .await
        .expect("choose the file");
    browser
        .click("form[action$='/captions'] button[type=submit]")
        .await;
    browser.wait_for_text("Sous-titres enregistrés.").await;
    browser
        .wait_for_text("Des sous-titres sont en place.")
        .await;
    browser.click("form[action='/logout'] button").await;
    browser.wait_for_text("Vous êtes déconnecté·e.").await;

    // A visitor finds it in the library.
    browser.goto(&format!("{}/videos", app.base_url)).await;
    browser
        .wait_for_text("Les routes réparées, expliquées à ma grand-mère")
        .await;
    let library = browser.text().await;
    assert!(library.contains("Très facile à lire"), "{library}");
    assert!(library.contains("1 min 30 s"), "{library}");
    browser.click("article.explainer-card h3 a").await;
    browser
        .wait_for_text("Lire la vidéo (hébergée par video.example.org)")
        .await;
    let source = browser.client.source().await.expect("source");
    assert!(
        !source.contains("<iframe"),
        "nothing embedded before asking"
    );
    assert!(!source.contains("//video.example.org"));
    let page = browser.text().await;
    assert!(
        page.contains("Vous voyez un trou dans la rue ?"),
        "the transcript beside: {page}"
    );
    assert!(page.contains("Télécharger les sous-titres (WebVTT)"));

    browser.click("a.button.play").await;
    let frame = browser
        .client
        .wait()
        .for_element(Locator::Css("figure.player iframe"))
        .await
        .expect("the player, once asked");
    let src = frame.attr("src").await.expect("src").expect("a src");
    assert_eq!(
        src,
        "https://video.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?p2p=0&warningTitle=0"
    );
    assert!(
        browser
            .text()
            .await
            .contains("Ouvrir la vidéo sur video.example.org")
    );
    browser.close().await;
}

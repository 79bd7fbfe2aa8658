//! Pages anyone can use: every page a visitor, a member, a team member, a
//! mentor and a coordinator reach from the demo is valid HTML (Nu HTML
//! Checker) and passes axe-core's WCAG 2.1 A and AA rules in Chromium, and
//! the main journey works on a phone.

use relais_tests::browser::Browser;
use relais_tests::checks::{accessibility_violations, html_errors};
use relais_tests::walk::{client_for, demo, password_for, walk_all};
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_of_the_demo_is_valid_html() {
    let demo = demo().await;
    let mut pages: Vec<(String, String)> = walk_all(&demo, 2)
        .await
        .into_iter()
        .flat_map(|(who, _, walked)| {
            walked
                .into_iter()
                .map(move |page| (format!("{who} on {}", page.path), page.html))
        })
        .collect();
    assert!(
        pages.len() > 40,
        "the walk reached only {} pages",
        pages.len()
    );
    // Forms as they come back refused, with their summary and messages.
    let visitor = client_for(&demo.app, None).await;
    let alice = client_for(&demo.app, Some("alice@relais.demo")).await;
    let project = "/projects/velo-ecole";
    for (label, client, page, action, fields) in [
        (
            "a refused sign-up",
            &visitor,
            "/signup",
            "/signup",
            &[("name", ""), ("email", "fatou@"), ("password", "court")][..],
        ),
        (
            "a refused milestone",
            &alice,
            project,
            project,
            &[("form", "milestone"), ("title", ""), ("due_on", "")][..],
        ),
        (
            "a refused need",
            &alice,
            project,
            "/projects/velo-ecole/needs",
            &[("kind", ""), ("description", "")][..],
        ),
    ] {
        let refused = client.submit(page, action, fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        pages.push((label.to_owned(), refused.body));
    }
    // A faulty page in the same run shows that the checker finds errors.
    let faulty = "a faulty page";
    pages.push((
        faulty.to_owned(),
        r#"<!DOCTYPE html><html lang="fr"><title>x</title><p><time datetime="2026-12-03T18:00:00.123456789Z">3 déc.</time>"#.to_owned(),
    ));
    let (found, errors): (Vec<String>, Vec<String>) = html_errors(&pages)
        .into_iter()
        .partition(|e| e.starts_with(faulty));
    assert!(
        found.len() == 1 && found[0].contains("Bad value"),
        "{found:?}"
    );
    assert!(
        errors.is_empty(),
        "{} HTML errors on {} pages:\n{}",
        errors.len(),
        pages.len() - 1,
        errors.join("\n")
    );
}

#[tokio::test]
async fn every_page_of_the_demo_passes_axe_core_in_chromium() {
    let demo = demo().await;
    let walks = walk_all(&demo, 2).await;
    let browser = Browser::start().await;
    // axe-core finds what it must.
    browser
        .goto(r#"data:text/html,<!DOCTYPE html><html lang="fr"><title>x</title><main><img src="x.png"></main>"#)
        .await;
    let faulty = accessibility_violations(&browser).await;
    assert!(
        faulty.len() == 1 && faulty[0].starts_with("image-alt"),
        "{faulty:?}"
    );

    // On a desktop the gallery's filters stand open, their summary gone.
    browser
        .goto(&format!("{}/projects", demo.app.base_url))
        .await;
    assert!(browser.on_screen("#field-city").await);
    assert!(!browser.on_screen("details.more-filters > summary").await);

    let mut violations = Vec::new();
    let mut pages = 0;
    for (who, email, walked) in walks {
        browser.client.delete_all_cookies().await.expect("log out");
        if let Some(email) = email {
            browser
                .log_in(&demo.app.base_url, email, password_for(email))
                .await;
        }
        for page in walked {
            pages += 1;
            browser
                .goto(&format!("{}{}", demo.app.base_url, page.path))
                .await;
            for v in accessibility_violations(&browser).await {
                violations.push(format!("{who} on {}: {v}", page.path));
            }
        }
    }
    browser.close().await;
    assert!(pages > 40, "the walk reached only {pages} pages");
    assert!(
        violations.is_empty(),
        "{} accessibility violations on {pages} pages:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[tokio::test]
async fn on_a_phone_a_visitor_finds_a_project_and_subscribes_and_a_team_member_fixes_a_refused_form()
 {
    let demo = demo().await;
    let base = &demo.app.base_url;
    let browser = Browser::start_phone().await;

    // The gallery's first project is on the first screen: the filters are
    // folded, their summary counting those chosen.
    browser.goto(&format!("{base}/projects")).await;
    let viewport = browser
        .client
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .expect("viewport");
    assert_eq!(viewport, serde_json::json!([390, 844]));
    assert!(browser.on_screen(".project-card h3").await);
    assert!(!browser.on_screen("#field-city").await, "filters unfolded");
    browser.wait_for_text("Plus de filtres").await;
    let phone_violations = accessibility_violations(&browser).await;
    assert!(phone_violations.is_empty(), "{phone_violations:#?}");

    // Typed without its accent, "velo" finds "Vélo-école".
    browser.fill("q", "velo").await;
    browser.click("form[role=search] button[type=submit]").await;
    browser.wait_for_text("Vélo-école").await;
    let first = browser
        .client
        .find(fantoccini::Locator::Css(".project-card h3"))
        .await
        .expect("a project found");
    assert_eq!(first.text().await.expect("title"), "Vélo-école");
    assert!(browser.on_screen(".project-card h3").await);
    browser.click(".project-card h3 a").await;
    browser
        .wait_for_text("Réserver un créneau d'apprentissage")
        .await;
    assert_eq!(browser.path().await, "/projects/velo-ecole");

    // Lyon's calendar: "S'abonner" opens a calendar application (webcal:),
    // beside the address to copy, which serves the calendar.
    browser.click("nav.main a[href='/meetups']").await;
    browser
        .wait_for_text("Les rencontres dans votre agenda")
        .await;
    let calendar = format!("{base}/cities/lyon/meetups.ics");
    let webcal = calendar.replacen("http://", "webcal://", 1);
    let subscribe = format!("a.subscribe[href='{webcal}']");
    let link = browser
        .client
        .find(fantoccini::Locator::Css(&subscribe))
        .await
        .expect("Lyon's S'abonner link");
    assert_eq!(link.text().await.expect("text"), "S'abonner");
    browser
        .client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![serde_json::json!(subscribe)],
        )
        .await
        .expect("scroll");
    assert!(browser.on_screen(&subscribe).await, "S'abonner is hidden");
    assert!(browser.on_screen(&format!("a[href='{calendar}']")).await);
    let served = reqwest::get(&calendar).await.expect("calendar");
    assert_eq!(served.status(), reqwest::StatusCode::OK);
    assert!(
        served.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    assert!(served.text().await.expect("body").contains("BEGIN:VEVENT"));

    // A teammate's milestone without a title is refused: the page comes
    // back at its own address on the form, the summary of errors in sight.
    let alice = "alice@relais.demo";
    browser.log_in(base, alice, password_for(alice)).await;
    browser.goto(&format!("{base}/projects/velo-ecole")).await;
    browser.click("#milestone-form > summary").await;
    browser.set_value("due_on", "2027-01-15").await;
    browser
        .click("form[action$='#milestone-form'] button[type=submit]")
        .await;
    browser.wait_for_text("Il y a une erreur").await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/projects/velo-ecole");
    assert_eq!(url.fragment(), Some("milestone-form"));
    assert!(
        browser.on_screen(".error-summary").await,
        "the error summary is off screen"
    );
    // Its link leads to the field, which says what is wrong.
    browser.click(".error-summary a[href='#field-title']").await;
    assert!(browser.on_screen("#field-title").await);
    assert!(browser.on_screen("#error-title").await);
    let phone_violations = accessibility_violations(&browser).await;
    assert!(phone_violations.is_empty(), "{phone_violations:#?}");
    browser.fill("title", "Cent élèves à vélo").await;
    browser
        .click("form[action$='#milestone-form'] button[type=submit]")
        .await;
    browser.wait_for_text("Jalon enregistré.").await;
    browser.wait_for_text("Cent élèves à vélo").await;
    browser.close().await;
}

//! Mise en relation in a real headless Chromium, with emails read from a
//! real SMTP server: a designer in Lyon sees a Lyon project that needs a
//! designer, with the reason; she offers to help; the team accepts from
//! the emailed link; each finds the other's address in their email; a
//! month later (on the test clock) both are asked whether it led somewhere.

use chrono::Duration;
use relais_domain::Role;
use relais_scheduler::{JobContext, deliver};
use relais_tests::browser::Browser;
use relais_tests::smtp::{Received, SmtpServer};
use relais_tests::{PASSWORD, TestApp, decode_quoted_printable};

const TEAM: &str = "olivia@example.org";
const DESIGNER: &str = "camille@example.org";

/// Delivers the outbox over SMTP; returns what the server holds for `to`.
async fn mail_for(app: &TestApp, jobs: &JobContext, server: &SmtpServer, to: &str) -> Vec<String> {
    deliver::run(jobs, app.ctx.now()).await.expect("delivery");
    server
        .received()
        .iter()
        .filter(|m: &&Received| m.to.iter().any(|r| r == to))
        .map(|m| decode_quoted_printable(&m.data))
        .collect()
}

fn link(message: &str, base: &str, prefix: &str) -> String {
    let re = regex::Regex::new(&format!(
        r"{}{}[A-Za-z0-9_\-]+",
        regex::escape(base),
        regex::escape(prefix)
    ))
    .expect("regex");
    re.find(message)
        .unwrap_or_else(|| panic!("no {prefix} link in:\n{message}"))
        .as_str()
        .to_owned()
}

#[tokio::test]
async fn a_designer_in_lyon_is_introduced_to_a_lyon_team_by_consent_in_chromium() {
    let app = TestApp::spawn().await;
    let server = SmtpServer::start().await;
    let jobs = app.jobs_over_smtp(&server.url());
    let (_, lyon) = app.create_lyon().await;
    app.create_account(TEAM, "Olivia Owner", Role::Member, Some("lyon"))
        .await;
    app.create_account(DESIGNER, "Camille Designer", Role::Member, Some("lyon"))
        .await;
    // The team's project and its need, published over HTTP.
    let team = app.logged_in(TEAM).await;
    let project = team.create_compost(lyon).await;
    let published = team
        .submit(
            &project,
            &format!("{project}/needs"),
            &[
                ("kind", "designer"),
                (
                    "description",
                    "Revoir le parcours d'inscription des foyers.",
                ),
                ("tags", "ux"),
                ("languages", "fr"),
            ],
        )
        .await;
    assert_eq!(published.status, reqwest::StatusCode::SEE_OTHER);

    let browser = Browser::start().await;
    // Camille says what she can bring.
    browser.log_in(&app.base_url, DESIGNER, PASSWORD).await;
    browser.goto(&format!("{}/offer", app.base_url)).await;
    browser.click("input[name=kinds][value=designer]").await;
    browser.fill("tags", "UX, accessibilité").await;
    browser
        .click("input[name=themes][value=environmental]")
        .await;
    browser.choose("city_id", &lyon.to_string()).await;
    browser
        .click("form[action='/offer'] button[type=submit]")
        .await;
    browser
        .wait_for_text("Votre proposition d'aide est enregistrée.")
        .await;
    // Her suggestions: the Lyon project, and why.
    browser
        .wait_for_text("designer · ux · Lyon · intéressé·e par l'environnement")
        .await;
    browser.click("article.suggestion h3 a").await;
    browser
        .wait_for_text("Revoir le parcours d'inscription des foyers.")
        .await;
    browser
        .fill(
            "message",
            "Bonjour ! Je dessine des parcours simples, à Lyon.",
        )
        .await;
    browser
        .click("form[action$='/help'] button[type=submit]")
        .await;
    browser.wait_for_text("Demande envoyée.").await;
    browser.click("form[action='/logout'] button").await;
    browser.wait_for_text("Vous êtes déconnecté·e.").await;

    // Olivia answers from the link in her email, without logging in.
    let to_team = mail_for(&app, &jobs, &server, TEAM).await;
    assert_eq!(to_team.len(), 1, "one request email");
    assert!(to_team[0].contains("Je dessine des parcours simples"));
    assert!(!to_team[0].contains(DESIGNER), "no address before consent");
    let answer = link(&to_team[0], &app.base_url, "/introductions/answer/");
    browser.goto(&answer).await;
    browser
        .wait_for_text("Camille Designer propose son aide")
        .await;
    browser
        .click("form[action^='/introductions/answer/'] input[value=accept] + button")
        .await;
    browser.wait_for_text("Bonne rencontre !").await;

    // Each finds the other's address in their email.
    let to_designer = mail_for(&app, &jobs, &server, DESIGNER).await;
    let to_team = mail_for(&app, &jobs, &server, TEAM).await;
    let accepted = |mails: &[String]| {
        mails
            .iter()
            .filter(|m| m.contains("Pour écrire à"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let designer_accepted = accepted(&to_designer);
    let team_accepted = accepted(&to_team);
    assert_eq!((designer_accepted.len(), team_accepted.len()), (1, 1));
    assert!(
        designer_accepted[0].contains(TEAM),
        "{}",
        designer_accepted[0]
    );
    assert!(team_accepted[0].contains(DESIGNER), "{}", team_accepted[0]);

    // A month later, both are asked whether it led somewhere.
    app.advance(Duration::days(30) + Duration::hours(1));
    let report = relais_scheduler::introductions::run(&jobs, app.ctx.now())
        .await
        .expect("planner")
        .expect("slot");
    assert_eq!(report.follow_ups, 2);
    let follow_ups = |mails: &[String]| {
        mails
            .iter()
            .filter(|m| m.contains("/follow-up/"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let designer_follow_up = follow_ups(&mail_for(&app, &jobs, &server, DESIGNER).await);
    let team_follow_up = follow_ups(&mail_for(&app, &jobs, &server, TEAM).await);
    assert_eq!((designer_follow_up.len(), team_follow_up.len()), (1, 1));
    browser
        .goto(&link(&designer_follow_up[0], &app.base_url, "/follow-up/"))
        .await;
    browser.wait_for_text("Olivia Owner").await;
    browser
        .click("form[action^='/follow-up/'] input[value=yes] + button")
        .await;
    browser
        .wait_for_text("Votre réponse aide le programme")
        .await;
    browser.close().await;
}

//! Nothing that cannot be undone or reaches many people happens in one
//! click: a POST to the old direct addresses (cancel a meeting, remove a
//! teammate, convert a poll, send an announcement) without the
//! confirmation step's `confirmed=yes` only shows the question, and
//! changes nothing and emails no one. Played on the demo.

use regex::Regex;
use relais_domain::entities::email_outbox;
use relais_domain::sea_orm::{EntityTrait, PaginatorTrait};
use relais_tests::walk::{client_for, demo};
use reqwest::StatusCode;

#[tokio::test]
async fn direct_posts_without_confirmation_only_ask() {
    let demo = demo().await;
    let app = &demo.app;
    let emails = || async {
        email_outbox::Entity::find()
            .count(&app.ctx.db)
            .await
            .expect("outbox")
    };
    let before = emails().await;
    let coordinator = client_for(app, Some("coordination@relais.demo")).await;

    // Cancelling Paris's meeting, where three people said yes.
    let asked = coordinator
        .submit("/meetups/1", "/meetups/1/cancel", &[])
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains(r#"name="confirmed" value="yes""#);
    asked.assert_contains("3 personnes inscrites");
    assert!(
        !coordinator
            .get("/meetups/1")
            .await
            .body
            .contains("Rencontre annulée")
    );

    // Converting the poll: who would be invited, and nothing converted.
    let results = coordinator.get("/admin/polls/1").await;
    let slot = Regex::new(r#"name="slot_id" value="(\d+)""#)
        .expect("regex")
        .captures(&results.body)
        .expect("a slot to decide")[1]
        .to_owned();
    let asked = coordinator
        .submit(
            "/admin/polls/1",
            "/admin/polls/1/convert",
            &[("slot_id", &slot)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains("invitées au sondage recevront une invitation");
    asked.assert_contains(&format!(r#"name="slot_id" value="{slot}""#));
    coordinator
        .get("/admin/polls/1")
        .await
        .assert_contains(r#"action="/admin/polls/1/convert""#);

    // An announcement to everybody: how many it reaches, nothing sent.
    let asked = coordinator
        .submit(
            "/admin/announcements",
            "/admin/announcements",
            &[
                ("city_id", ""),
                ("subject", "Grande nouvelle"),
                ("body", "Bonjour à toutes et à tous."),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains("Envoyer l'annonce « Grande nouvelle »");

    // Removing a teammate: Alice asks to remove Bastien, and he stays.
    let alice = client_for(app, Some("alice@relais.demo")).await;
    let project = "/projects/carte-des-fontaines";
    let page = alice.get(project).await;
    let remove = Regex::new(r#"action="(/projects/carte-des-fontaines/team/\d+/remove)""#)
        .expect("regex")
        .captures(&page.body)
        .expect("a remove button")[1]
        .to_owned();
    let asked = alice.submit(project, &remove, &[]).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains("Retirer Bastien Leroy de l'équipe");
    alice.get(project).await.assert_contains("Bastien Leroy");

    assert_eq!(emails().await, before, "asking emailed no one");

    // Confirmed, the same addresses act.
    let done = coordinator
        .submit("/meetups/1", "/meetups/1/cancel", &[("confirmed", "yes")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let done = alice
        .submit(project, &remove, &[("confirmed", "yes")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(emails().await > before, "the cancellation is announced");
}

//! Daily limits on what reaches many inboxes: team invitations, announcements
//! and date polls per person per day, refused by the field with what was
//! typed kept, and open again the next day.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_tests::{Client, PASSWORD, TestApp};
use reqwest::StatusCode;

async fn lyon(app: &TestApp) -> String {
    app.create_lyon().await.1.to_string()
}

async fn logged_in(app: &TestApp, email: &str, role: Role) -> Client {
    app.create_account(email, email, role, Some("lyon")).await;
    app.logged_in(email).await
}

#[tokio::test]
async fn a_member_sends_twenty_team_invitations_a_day_and_renewals_do_not_count() {
    let app = TestApp::spawn().await;
    let city = lyon(&app).await;
    let alice = logged_in(&app, "alice@example.org", Role::Member).await;
    let path = alice
        .create_project("Annuaire", "Un annuaire.", "environmental", &city)
        .await;
    let invite = |email: String| {
        let alice = &alice;
        let path = &path;
        async move {
            alice
                .submit(
                    path,
                    &format!("{path}/team/invite"),
                    &[("email", email.as_str()), ("language", "fr")],
                )
                .await
        }
    };
    for i in 0..20 {
        let sent = invite(format!("guest-{i}@example.org")).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{i}: {}", sent.body);
    }
    // Renewing a pending invitation sends no email: it is not counted.
    let renewed = invite("guest-0@example.org".into()).await;
    assert_eq!(renewed.status, StatusCode::SEE_OTHER);
    let refused = invite("one-more@example.org".into()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Vous avez envoyé 20 invitations aujourd");
    refused.assert_contains("one-more@example.org");
    assert_eq!(app.deliver().await.len(), 20);

    app.advance(Duration::hours(24));
    // A day later the session has ended too.
    alice.log_in("alice@example.org", PASSWORD).await;
    let next_day = invite("one-more@example.org".into()).await;
    assert_eq!(next_day.status, StatusCode::SEE_OTHER, "{}", next_day.body);
}

#[tokio::test]
async fn a_coordinator_sends_five_announcements_a_day() {
    let app = TestApp::spawn().await;
    let city = lyon(&app).await;
    let coordinator = logged_in(&app, "coord@example.org", Role::Coordinator).await;
    let announce = |subject: String| {
        let coordinator = &coordinator;
        let city = &city;
        async move {
            coordinator
                .submit(
                    "/admin/announcements",
                    "/admin/announcements",
                    &[
                        ("city_id", city.as_str()),
                        ("subject", subject.as_str()),
                        ("body", "Le texte de l'annonce, gardé."),
                        ("confirmed", "yes"),
                    ],
                )
                .await
        }
    };
    for i in 0..5 {
        let sent = announce(format!("Annonce {i}")).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    let refused = announce("Annonce de trop".into()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Vous avez envoyé 5 annonces aujourd");
    refused.assert_contains("Annonce de trop");
    refused.assert_contains("annonce, gardé.");
    app.advance(Duration::hours(24));
    coordinator.log_in("coord@example.org", PASSWORD).await;
    let next_day = announce("Annonce du lendemain".into()).await;
    assert_eq!(next_day.status, StatusCode::SEE_OTHER, "{}", next_day.body);
}

#[tokio::test]
async fn a_coordinator_opens_ten_polls_a_day() {
    let app = TestApp::spawn_at(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    let city = lyon(&app).await;
    let coordinator = logged_in(&app, "coord@example.org", Role::Coordinator).await;
    let open = |title: String| {
        let coordinator = &coordinator;
        let city = &city;
        async move {
            coordinator
                .submit(
                    "/admin/polls",
                    "/admin/polls",
                    &[
                        ("city_id", city.as_str()),
                        ("title", title.as_str()),
                        ("description", ""),
                        ("place_address", "Hôtel de la Métropole"),
                        ("duration_minutes", "120"),
                        ("capacity", "20"),
                        ("slot_date", "2026-01-20"),
                        ("slot_time", "18:00"),
                        ("slot_date", "2026-01-22"),
                        ("slot_time", "18:30"),
                        ("closes_on", "2026-01-15"),
                    ],
                )
                .await
        }
    };
    for i in 0..10 {
        let created = open(format!("Sondage {i}")).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    }
    let refused = open("Sondage de trop".into()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Vous avez ouvert 10 sondages aujourd");
    refused.assert_contains("Sondage de trop");
}

#[tokio::test]
async fn housekeeping_forgets_spent_counters_and_year_old_unsubscribe_links_only() {
    use relais_domain::entities::{rate_limit, unsubscribe_token};
    use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};
    let app = TestApp::spawn().await;
    lyon(&app).await;
    app.create_account("ana@example.org", "Ana", Role::Member, Some("lyon"))
        .await;
    let now = app.ctx.now();
    let db = &app.ctx.db;
    let ana = relais_domain::entities::user::Entity::find()
        .one(db)
        .await
        .expect("user")
        .expect("ana")
        .id;
    for (key, age) in [("spent", Duration::days(3)), ("live", Duration::hours(20))] {
        rate_limit::Entity::insert(rate_limit::ActiveModel {
            key: Set(key.into()),
            window_started_at: Set(now - age),
            count: Set(9),
        })
        .exec(db)
        .await
        .expect("counter");
    }
    for (hash, age) in [("old", Duration::days(401)), ("recent", Duration::days(30))] {
        unsubscribe_token::Entity::insert(unsubscribe_token::ActiveModel {
            token_hash: Set(hash.into()),
            user_id: Set(ana),
            category: Set(relais_domain::email_preference::Category::Digest),
            created_at: Set(now - age),
        })
        .exec(db)
        .await
        .expect("link");
    }
    let job = relais_scheduler::jobs::find("housekeeping").expect("job");
    assert!(job.work(&app.jobs, now).await.expect("housekeeping") >= 2);
    let counters: Vec<String> = rate_limit::Entity::find()
        .all(db)
        .await
        .expect("counters")
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(counters, vec!["live"]);
    assert_eq!(
        unsubscribe_token::Entity::find()
            .count(db)
            .await
            .expect("links"),
        1
    );
    assert!(
        unsubscribe_token::Entity::find_by_id("recent".to_owned())
            .one(db)
            .await
            .expect("link")
            .is_some()
    );
}

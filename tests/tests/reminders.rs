//! Reminders planned at the right moment, once, in each member's language:
//! meeting invitations three weeks ahead, 7-day and 1-day reminders, the
//! nudge, and milestone reminders.

use chrono::{TimeZone, Utc};
use relais_domain::meetup::{self, SeriesInput};
use relais_domain::rsvp::{self, Answer};
use relais_domain::{Role, reminder};
use relais_tests::{Email, TestApp};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

fn at(month: u32, day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0)
        .single()
        .expect("time")
}

async fn plan_and_deliver(app: &TestApp, now: chrono::DateTime<Utc>) -> (usize, Vec<Email>) {
    app.clock.set(now);
    let before = app.deliver().await.len();
    let preview = reminder::preview(&app.ctx.db, now)
        .await
        .expect("preview")
        .len();
    let queued = reminder::plan(&app.ctx, now).await.expect("plan");
    assert_eq!(
        preview, queued,
        "the dry run lists exactly what gets queued"
    );
    assert_eq!(
        reminder::plan(&app.ctx, now).await.expect("again"),
        0,
        "planning twice queues nothing more"
    );
    let all = app.deliver().await;
    (queued, all[before..].to_vec())
}

#[tokio::test]
async fn meeting_emails_go_out_at_their_moments_once_in_each_language() {
    let app = TestApp::spawn_at(at(1, 2, 9)).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("ben@example.org", "Ben", Role::Member, Some("lyon")),
        ("far@example.org", "Far", Role::Member, None),
    ])
    .await;
    // Ben reads English.
    let ben_client = app.logged_in("ben@example.org").await;
    ben_client
        .submit(
            "/profile",
            "/profile",
            &[
                ("name", "Ben"),
                ("language", "en"),
                ("time_zone", ""),
                ("city_id", &lyon.to_string()),
                ("bio", ""),
            ],
        )
        .await;
    let coordinator = app.actor("coord@example.org").await;
    let input = SeriesInput {
        title: "Rencontre de Lyon".into(),
        ordinal: "first".into(),
        weekday: "thu".into(),
        start_time: "19:00".into(),
        duration_minutes: "120".into(),
        place_address: "Hôtel de Ville".into(),
        capacity: "30".into(),
        ..Default::default()
    };
    let series = meetup::create_series(&app.ctx, &coordinator, lyon, &input)
        .await
        .expect("series");
    let february = relais_domain::entities::meetup_occurrence::Entity::find()
        .filter(relais_domain::entities::meetup_occurrence::Column::SeriesId.eq(series))
        .all(&app.ctx.db)
        .await
        .expect("occurrences")
        .into_iter()
        .find(|o| o.starts_at == at(2, 5, 18))
        .expect("5 February, 19:00 in Paris");

    let (queued, _) = plan_and_deliver(&app, at(1, 2, 10)).await;
    assert_eq!(queued, 0, "five weeks ahead: nothing yet");

    let (queued, emails) = plan_and_deliver(&app, at(1, 15, 19)).await;
    assert_eq!(
        queued, 3,
        "three weeks ahead: Lyon's three members are invited, not Far"
    );
    let ben = emails
        .iter()
        .find(|e| e.to.contains("ben@"))
        .expect("ben's invitation");
    assert!(
        ben.subject
            .replace('\u{a0}', " ")
            .starts_with("Invitation: Rencontre de Lyon, on 5 Feb, 7:00 pm"),
        "{}",
        ben.subject
    );
    let ana = emails
        .iter()
        .find(|e| e.to.contains("ana@"))
        .expect("ana's invitation");
    assert!(
        ana.subject
            .replace('\u{a0}', " ")
            .starts_with("Invitation : Rencontre de Lyon, le 5 févr., 19 h 00"),
        "{}",
        ana.subject
    );

    rsvp::answer(
        &app.ctx,
        &app.actor("ana@example.org").await,
        february.id,
        Answer::Yes,
    )
    .await
    .expect("rsvp");
    rsvp::answer(
        &app.ctx,
        &app.actor("ben@example.org").await,
        february.id,
        Answer::Maybe,
    )
    .await
    .expect("rsvp");

    let (queued, emails) = plan_and_deliver(&app, at(1, 29, 19)).await;
    let subjects: Vec<&str> = emails.iter().map(|e| e.subject.as_str()).collect();
    assert_eq!(queued, 3, "{subjects:?}");
    assert!(
        subjects.contains(&"Dans une semaine : Rencontre de Lyon"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"In a week: Rencontre de Lyon"),
        "{subjects:?}"
    );
    let nudge = emails
        .iter()
        .find(|e| e.to.contains("coord@"))
        .expect("the coordinator has not answered");
    assert!(
        nudge.subject.starts_with("Venez-vous ?"),
        "{}",
        nudge.subject
    );

    let (queued, emails) = plan_and_deliver(&app, at(2, 4, 19)).await;
    assert_eq!(queued, 2, "the day before: Ana and Ben");
    assert!(
        emails
            .iter()
            .all(|e| e.subject.starts_with("Demain") || e.subject.starts_with("Tomorrow"))
    );

    // The move's notices are the action's (tests/tests/notices.rs): the
    // planner adds none of its own.
    app.clock.set(at(2, 4, 20));
    meetup::reschedule(&app.ctx, &coordinator, february.id, "2026-02-06", "19:00")
        .await
        .expect("move");
    app.deliver().await;
    let (queued, _) = plan_and_deliver(&app, at(2, 4, 21)).await;
    assert_eq!(queued, 0, "no change notice planned besides the action's");
}

/// Lyon with a monthly series from `at(1, 2, 9)` and the given members;
/// returns the February meeting's id.
async fn lyon_with_members(app: &TestApp, members: &[&str]) -> i32 {
    let (_, lyon) = app.create_lyon().await;
    app.create_account("coord@example.org", "Luc", Role::Coordinator, Some("lyon"))
        .await;
    for email in members {
        app.create_account(email, email, Role::Member, Some("lyon"))
            .await;
    }
    let input = SeriesInput {
        title: "Rencontre de Lyon".into(),
        ordinal: "first".into(),
        weekday: "thu".into(),
        start_time: "19:00".into(),
        duration_minutes: "120".into(),
        place_address: "Hôtel de Ville".into(),
        capacity: "30".into(),
        ..Default::default()
    };
    let coordinator = app.actor("coord@example.org").await;
    let series = meetup::create_series(&app.ctx, &coordinator, lyon, &input)
        .await
        .expect("series");
    relais_domain::entities::meetup_occurrence::Entity::find()
        .filter(relais_domain::entities::meetup_occurrence::Column::SeriesId.eq(series))
        .all(&app.ctx.db)
        .await
        .expect("occurrences")
        .into_iter()
        .find(|o| o.starts_at == at(2, 5, 18))
        .expect("5 February, 19:00 in Paris")
        .id
}

#[tokio::test]
async fn a_planning_run_cut_short_and_started_again_queues_nothing_twice() {
    let app = TestApp::spawn_at(at(1, 2, 9)).await;
    let members: Vec<String> = (0..30).map(|i| format!("m{i}@example.org")).collect();
    let names: Vec<&str> = members.iter().map(String::as_str).collect();
    lyon_with_members(&app, &names).await;
    let now = at(1, 15, 19);
    app.clock.set(now);
    // The run that died had queued part of what was due.
    let due = reminder::due(&app.ctx.db, now).await.expect("due");
    assert_eq!(due.len(), 31, "the coordinator and thirty members");
    let first: Vec<_> = due.iter().take(12).map(reminder::Planned::email).collect();
    assert_eq!(
        relais_domain::outbox::enqueue_many(&app.ctx.db, &first, now)
            .await
            .expect("part"),
        12
    );
    let (queued, _) = plan_and_deliver(&app, now).await;
    assert_eq!(queued, 31 - 12, "the rest, and only the rest");
    let emails = app.deliver().await;
    assert_eq!(emails.len(), 31);
    let mut to: Vec<&str> = emails.iter().map(|e| e.to.as_str()).collect();
    to.sort_unstable();
    to.dedup();
    assert_eq!(to.len(), 31, "one invitation each");
}

#[tokio::test]
async fn an_email_to_a_member_who_left_after_planning_is_skipped_with_the_reason() {
    let app = TestApp::spawn_at(at(1, 2, 9)).await;
    lyon_with_members(
        &app,
        &[
            "stays@example.org",
            "closed@example.org",
            "gone@example.org",
        ],
    )
    .await;
    let now = at(1, 15, 19);
    app.clock.set(now);
    assert_eq!(reminder::plan(&app.ctx, now).await.expect("plan"), 4);
    // Between planning and delivery one account is closed, one deleted.
    app.ctx
        .db
        .execute_unprepared(
            "UPDATE users SET is_active = FALSE WHERE email_key = 'closed@example.org'",
        )
        .await
        .expect("close");
    app.ctx
        .db
        .execute_unprepared("DELETE FROM users WHERE email_key = 'gone@example.org'")
        .await
        .expect("delete");
    let mut to: Vec<String> = app.deliver().await.into_iter().map(|e| e.to).collect();
    to.sort_unstable();
    assert_eq!(to, vec!["coord@example.org", "stays@example.org"]);
    let skipped = relais_domain::entities::email_outbox::Entity::find()
        .filter(relais_domain::entities::email_outbox::Column::State.eq("failed"))
        .all(&app.ctx.db)
        .await
        .expect("outbox");
    let mut reasons: Vec<(String, String)> = skipped
        .into_iter()
        .map(|r| (r.recipient_email, r.last_error.unwrap_or_default()))
        .collect();
    reasons.sort_unstable();
    assert_eq!(
        reasons,
        vec![
            (
                "closed@example.org".to_owned(),
                "skipped: the recipient's account is closed".to_owned()
            ),
            (
                "gone@example.org".to_owned(),
                "skipped: the recipient's account was deleted".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn milestone_reminders_come_three_days_ahead_then_once_when_overdue() {
    let app = TestApp::spawn_at(at(3, 1, 9)).await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_account("ana@example.org", "Ana", Role::Member, Some("lyon"))
        .await;
    let ana = app.logged_in("ana@example.org").await;
    ana.create_project("Jardins", "Cultiver.", "environmental", &lyon)
        .await;
    ana.submit(
        "/projects/jardins",
        "/projects/jardins/milestones",
        &[
            ("title", "Semis"),
            ("due_on", "2026-03-12"),
            ("status", "planned"),
        ],
    )
    .await;
    let (queued, _) = plan_and_deliver(&app, at(3, 5, 9)).await;
    assert_eq!(queued, 0);
    let (queued, emails) = plan_and_deliver(&app, at(3, 9, 9)).await;
    assert_eq!(queued, 1);
    assert!(
        emails[0].subject.starts_with("Bientôt : « Semis »"),
        "{}",
        emails[0].subject
    );
    // 23:30 UTC on the 12th is already the 13th in Lyon: overdue there.
    let (queued, emails) = plan_and_deliver(
        &app,
        Utc.with_ymd_and_hms(2026, 3, 12, 23, 30, 0)
            .single()
            .expect("time"),
    )
    .await;
    assert_eq!(queued, 1);
    assert!(
        emails[0].subject.starts_with("En retard : « Semis »"),
        "{}",
        emails[0].subject
    );
    let (queued, _) = plan_and_deliver(&app, at(3, 20, 9)).await;
    assert_eq!(queued, 0, "overdue is said once");
}

#[tokio::test]
async fn mentors_are_reminded_when_a_review_is_due_and_teams_when_they_go_quiet() {
    let app = TestApp::spawn_at(at(1, 5, 9)).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        ("mina@example.org", "Mina", Role::Mentor, Some("lyon")),
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
    ])
    .await;
    let ana = app.logged_in("ana@example.org").await;
    let lyon_id = lyon.to_string();
    ana.create_project("Jardins", "Cultiver.", "environmental", &lyon_id)
        .await;
    ana.submit(
        "/projects/jardins",
        "/projects/jardins/updates",
        &[
            ("body", "Premières graines."),
            ("milestone_id", ""),
            ("is_public", "on"),
        ],
    )
    .await;
    app.assign_mentor("coord@example.org", "jardins", "mina@example.org")
        .await;

    let (queued, _) = plan_and_deliver(&app, at(2, 1, 9)).await;
    assert_eq!(queued, 0, "four weeks in: nothing due, not quiet");
    let (queued, emails) = plan_and_deliver(&app, at(2, 17, 9)).await;
    let subjects: Vec<&str> = emails.iter().map(|e| e.subject.as_str()).collect();
    assert_eq!(queued, 2, "{subjects:?}");
    assert!(
        subjects.contains(&"Un retour est attendu : Jardins"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Des nouvelles de Jardins ?"),
        "{subjects:?}"
    );
    let (queued, emails) = plan_and_deliver(&app, at(3, 3, 9)).await;
    assert_eq!(queued, 1, "overdue, once; the quiet nudge is not repeated");
    assert_eq!(emails[0].subject, "Retour en retard : Jardins");

    let mina = app.actor("mina@example.org").await;
    let project = relais_domain::project::by_slug(&app.ctx, &mina, "jardins")
        .await
        .expect("project");
    let input = relais_domain::review::ReviewInput {
        impact: "4".into(),
        progress: "3".into(),
        openness: "5".into(),
        team_health: "4".into(),
        ..Default::default()
    };
    relais_domain::review::write(&app.ctx, &mina, &project, &input)
        .await
        .expect("review");
    let (queued, _) = plan_and_deliver(&app, at(3, 4, 9)).await;
    assert_eq!(queued, 0, "reviewed: up to date again");
}

#[tokio::test]
async fn an_announcement_reaches_its_audience_once_except_those_who_opted_out() {
    let app = TestApp::spawn_at(at(1, 5, 9)).await;
    let (edition, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_city_in("dakar", "Dakar", "Africa/Dakar", Some(edition))
        .await;
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        (
            "dakar.coord@example.org",
            "Awa",
            Role::Coordinator,
            Some("dakar"),
        ),
    ])
    .await;
    for (email, skill) in [
        ("dev@example.org", "developer"),
        ("designer@example.org", "designer"),
        ("quiet@example.org", "developer"),
    ] {
        app.create_account(email, email, Role::Member, Some("lyon"))
            .await;
        let c = app.logged_in(email).await;
        c.submit(
            "/profile",
            "/profile",
            &[
                ("name", email),
                ("language", "fr"),
                ("time_zone", ""),
                ("city_id", &lyon),
                ("skills", skill),
                ("bio", ""),
            ],
        )
        .await;
        if email.starts_with("quiet") {
            c.submit(
                "/profile",
                "/profile/emails",
                &[("categories", "meetups"), ("digest", "weekly")],
            )
            .await;
        }
    }
    let coordinator = app.logged_in("coord@example.org").await;
    let bad = coordinator
        .submit(
            "/admin/announcements",
            "/admin/announcements",
            &[
                ("city_id", &lyon),
                ("audiences", "developer"),
                ("subject", ""),
                ("body", "Texte gardé"),
            ],
        )
        .await;
    assert_eq!(bad.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Texte gardé");
    let sent = coordinator
        .submit(
            "/admin/announcements",
            "/admin/announcements",
            &[
                ("city_id", &lyon),
                ("audiences", "developer"),
                ("subject", "Hackathon des données"),
                ("body", "Samedi, venez coder avec nous."),
            ],
        )
        .await;
    // A page asks first, saying how many people the announcement reaches
    // (dev and quiet-dev are developers of Lyon), and sends nothing.
    assert_eq!(sent.status, reqwest::StatusCode::OK, "{}", sent.body);
    sent.assert_contains("Envoyer l'annonce « Hackathon des données » ?");
    sent.assert_contains("2 personnes recevront ce message par e-mail");
    sent.assert_contains(
        r#"<input type="hidden" name="body" value="Samedi, venez coder avec nous.">"#,
    );
    sent.assert_contains(r#"<input type="hidden" name="audiences" value="developer">"#);
    assert!(
        !app.deliver()
            .await
            .iter()
            .any(|e| e.subject == "Hackathon des données"),
        "nothing sent before confirming"
    );
    let sent = coordinator
        .submit(
            "/admin/announcements",
            "/admin/announcements",
            &[
                ("city_id", &lyon),
                ("audiences", "developer"),
                ("subject", "Hackathon des données"),
                ("body", "Samedi, venez coder avec nous."),
                ("confirmed", "yes"),
            ],
        )
        .await;
    assert_eq!(sent.status, reqwest::StatusCode::SEE_OTHER);
    let emails = app.deliver().await;
    let got: Vec<&str> = emails
        .iter()
        .filter(|e| e.subject == "Hackathon des données")
        .map(|e| e.to.as_str())
        .collect();
    assert_eq!(
        got,
        vec!["dev@example.org"],
        "developers of Lyon who want announcements"
    );
    coordinator
        .get("/admin/announcements")
        .await
        .assert_contains("envoyée à une personne");
    let dakar = app.logged_in("dakar.coord@example.org").await;
    let token = dakar.get("/profile").await.csrf_token();
    let refused = dakar
        .post_raw(
            "/admin/announcements",
            &[
                ("csrf_token", &token),
                ("city_id", &lyon),
                ("subject", "x"),
                ("body", "y"),
            ],
        )
        .await;
    assert_eq!(refused.status, reqwest::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_monthly_check_in_is_answered_without_logging_in_and_two_skipped_ones_are_flagged() {
    let app = TestApp::spawn_at(at(1, 5, 9)).await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_accounts(&[
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
    ])
    .await;
    let ana = app.logged_in("ana@example.org").await;
    ana.create_project("Jardins", "Cultiver.", "environmental", &lyon)
        .await;
    let sent = relais_domain::check_in::plan(&app.ctx, app.ctx.now())
        .await
        .expect("plan");
    assert_eq!(sent, 1);
    assert_eq!(
        relais_domain::check_in::plan(&app.ctx, app.ctx.now())
            .await
            .expect("again"),
        0,
        "once a month"
    );
    let email = app.last_email_to("ana@example.org").await;
    assert_eq!(email.subject, "Point mensuel janvier 2026 : Jardins");
    let link = email.link(&app.base_url, "/check-in/");

    let anyone = app.client();
    let form = anyone.get(&link).await;
    form.assert_contains("Qu'est-ce qui a avancé ce mois-ci ?");
    let empty = anyone
        .post_raw(
            &link,
            &[
                ("csrf_token", &form.csrf_token()),
                ("progress", ""),
                ("needs", "Une graphiste"),
            ],
        )
        .await;
    assert_eq!(empty.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Une graphiste");
    let done = anyone
        .post_raw(
            &link,
            &[
                ("csrf_token", &form.csrf_token()),
                ("progress", "Trois bacs installés."),
                ("blockers", "L'arrosage."),
                ("needs", "Une graphiste"),
                ("next_step", "Une fête de quartier."),
            ],
        )
        .await;
    assert_eq!(done.status, reqwest::StatusCode::OK);
    done.assert_contains("Votre point est dans le journal du projet.");
    let twice = anyone
        .post_raw(
            &link,
            &[("csrf_token", &form.csrf_token()), ("progress", "Encore")],
        )
        .await;
    assert_eq!(twice.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    ana.get("/projects/jardins")
        .await
        .assert_contains("Trois bacs installés.");
    let public = app.client().get("/projects/jardins").await;
    assert!(
        !public.body.contains("Trois bacs installés."),
        "the check-in is for the team"
    );
    public.assert_contains("Une graphiste");

    for (month, day) in [(2, 2), (3, 2), (4, 2)] {
        app.clock.set(
            Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0)
                .single()
                .expect("time"),
        );
        relais_domain::check_in::plan(&app.ctx, app.ctx.now())
            .await
            .expect("plan");
    }
    let coordinator = app.logged_in("coord@example.org").await;
    let admin = coordinator.get("/admin").await;
    let missed = admin
        .body
        .split("Points mensuels manqués")
        .nth(1)
        .unwrap_or("");
    // Quiet (no public news since January) and missed check-ins: two links.
    assert_eq!(
        missed.matches(r#"href="/projects/jardins""#).count(),
        2,
        "February and March went unanswered: {}",
        admin.body
    );
}

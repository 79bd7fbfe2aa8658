//! Emails caused by an action are in the outbox when the action's HTTP
//! response returns, queued in the action's own transaction: meetings
//! moved or cancelled, a place freed for the waitlist, reviews, mentors,
//! team invitations. Repeating an action tells no one twice; an email that
//! cannot be written leaves a failed row and the action still succeeds.

use chrono::{TimeZone, Utc};
use relais_domain::Role;
use relais_domain::email_message::EmailKind;
use relais_domain::entities::{city, email_outbox as outbox_row};
use relais_domain::meetup;
use relais_domain::outbox::State;
use relais_domain::rsvp::{self, Answer};
use relais_tests::lyon::{LYON_PEOPLE, LYON_TEAM, lyon_series};
use relais_tests::{Client, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// 1 January 2026, 09:00 UTC.
fn new_year() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// The outbox rows of `kind`, oldest first.
async fn rows(app: &TestApp, kind: EmailKind) -> Vec<outbox_row::Model> {
    outbox_row::Entity::find()
        .filter(outbox_row::Column::Kind.eq(kind))
        .order_by_asc(outbox_row::Column::Id)
        .all(&app.ctx.db)
        .await
        .expect("outbox")
}

fn recipients(rows: &[outbox_row::Model]) -> Vec<String> {
    let mut to: Vec<String> = rows.iter().map(|r| r.recipient_email.clone()).collect();
    to.sort();
    to
}

struct Meeting {
    app: TestApp,
    lyon: i32,
    /// The February meeting: Thursday 5 February 2026, 19:00 in Lyon.
    id: i32,
    path: String,
    coordinator: Client,
}

/// Lyon's monthly meeting (capacity 1), whose February occurrence Ana
/// said yes to, Ben maybe, Cléo yes (so she waits for a place) and Dan no.
async fn meeting() -> Meeting {
    let app = TestApp::spawn_at(new_year()).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&LYON_PEOPLE[..5]).await;
    let series = app
        .create_series("coord@example.org", lyon, &lyon_series("first", "1"))
        .await;
    let february = app.occurrences(series).await[1].id;
    for (email, answer) in [
        ("ana@example.org", Answer::Yes),
        ("ben@example.org", Answer::Maybe),
        ("cleo@example.org", Answer::Yes),
        ("dan@example.org", Answer::No),
    ] {
        rsvp::answer(&app.ctx, &app.actor(email).await, february, answer)
            .await
            .expect("answer");
    }
    let coordinator = app.logged_in("coord@example.org").await;
    Meeting {
        lyon,
        id: february,
        path: format!("/meetups/{february}"),
        coordinator,
        app,
    }
}

const TOLD: [&str; 3] = ["ana@example.org", "ben@example.org", "cleo@example.org"];

#[tokio::test]
async fn cancelling_a_meeting_asks_first_saying_when_and_how_many_people_will_be_told() {
    let m = meeting().await;
    let cancel = format!("{}/cancel", m.path);
    // The meeting page asks; it does not cancel.
    let page = m.coordinator.get(&m.path).await;
    page.assert_contains(&format!(r#"<form method="get" action="{cancel}">"#));
    assert!(
        !page
            .body
            .contains(&format!(r#"method="post" action="{cancel}""#))
    );

    let ask = m.coordinator.get(&cancel).await;
    assert_eq!(ask.status, StatusCode::OK);
    ask.assert_contains("Annuler « Rencontre de Lyon », jeudi 5 février 2026 à 19");
    ask.assert_contains(
        "3 personnes inscrites (oui, peut-être ou liste d'attente) recevront un message qui annule la rencontre.",
    );
    ask.assert_contains("On ne pourra pas la rétablir.");
    ask.assert_contains(&format!(r#"<form method="post" action="{cancel}">"#));
    ask.assert_contains(r#"name="confirmed" value="yes""#);
    ask.assert_contains(&format!(
        r#"<a href="{}">Revenir sans rien changer</a>"#,
        m.path
    ));
    // Asking changed nothing and told no one.
    assert!(rows(&m.app, EmailKind::MeetupChanged).await.is_empty());
    let occ = meetup::get(&m.app.ctx.db, m.id).await.expect("meeting");
    assert_eq!(occ.status, meetup::Status::Scheduled);

    // Only a coordinator of the city is asked.
    let ana = m.app.logged_in("ana@example.org").await;
    assert_eq!(ana.get(&cancel).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        m.app.client().get(&cancel).await.status,
        StatusCode::UNAUTHORIZED
    );

    let done = m
        .coordinator
        .submit(&cancel, &cancel, &[("confirmed", "yes")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(rows(&m.app, EmailKind::MeetupChanged).await.len(), 3);
}

#[tokio::test]
async fn a_cancelled_meeting_is_announced_once_to_yes_maybe_and_waitlist_with_a_cancelling_ics() {
    let m = meeting().await;
    let cancel = format!("{}/cancel", m.path);
    let page = m
        .coordinator
        .submit(&m.path, &cancel, &[("confirmed", "yes")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let queued = rows(&m.app, EmailKind::MeetupChanged).await;
    assert_eq!(
        recipients(&queued),
        TOLD,
        "not Dan (no), not the coordinator"
    );
    assert!(queued.iter().all(|r| r.state == State::Pending));

    // Cancelling again (a second tab, a double click) changes nothing.
    let again = m
        .coordinator
        .submit(&m.path, &cancel, &[("confirmed", "yes")])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(rows(&m.app, EmailKind::MeetupChanged).await.len(), 3);
    let occ = meetup::get(&m.app.ctx.db, m.id).await.expect("meeting");
    assert_eq!((occ.status, occ.sequence), (meetup::Status::Cancelled, 1));

    let emails = m.app.deliver().await;
    assert_eq!(emails.len(), 3);
    let ana = emails
        .iter()
        .find(|e| e.to.contains("ana@"))
        .expect("Ana's email");
    assert!(
        ana.subject.starts_with("Annulée : Rencontre de Lyon"),
        "{}",
        ana.subject
    );
    assert!(
        ana.raw
            .contains("text/calendar; charset=utf-8; method=CANCEL")
    );
    let raw = ana.text();
    for line in [
        "METHOD:CANCEL",
        "STATUS:CANCELLED",
        "SEQUENCE:1",
        &format!("UID:meetup-{}@127.0.0.1", m.id),
        "DTSTART:20260205T180000Z",
    ] {
        assert!(raw.contains(line), "no {line} in:\n{raw}");
    }
}

/// Gives `email`'s account a profile zone and a language.
async fn profile(app: &TestApp, email: &str, zone: Option<&str>, language: &str) {
    use relais_domain::entities::user;
    user::Entity::update_many()
        .col_expr(user::Column::TimeZone, Expr::value(zone.map(str::to_owned)))
        .col_expr(user::Column::Language, Expr::value(language))
        .filter(user::Column::EmailKey.eq(email))
        .exec(&app.ctx.db)
        .await
        .expect("profile");
}

#[tokio::test]
async fn a_cancellation_over_smtp_gives_the_lyon_time_in_each_reader_s_words_naming_lyon_when_their_clock_differs()
 {
    use relais_tests::smtp::SmtpServer;
    let m = meeting().await;
    // Ana reads French from Montréal; Ben reads English in Lyon; Cléo has
    // no zone of her own and reads her city's (Lyon's) clock.
    profile(&m.app, "ana@example.org", Some("America/Montreal"), "fr").await;
    profile(&m.app, "ben@example.org", Some("Europe/Paris"), "en").await;
    profile(&m.app, "cleo@example.org", None, "fr").await;
    let page = m
        .coordinator
        .submit(
            &m.path,
            &format!("{}/cancel", m.path),
            &[("confirmed", "yes")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let server = SmtpServer::start().await;
    let jobs = m.app.jobs_over_smtp(&server.url());
    relais_scheduler::deliver::run(&jobs, m.app.ctx.now())
        .await
        .expect("deliver");
    let body = |to: &str| {
        let mail = server
            .received()
            .into_iter()
            .find(|r| r.to.iter().any(|t| t == to))
            .unwrap_or_else(|| panic!("no email to {to}"));
        relais_tests::decode_quoted_printable(&mail.data).replace('\u{a0}', " ")
    };
    let ana = body("ana@example.org");
    assert!(
        ana.contains("prévue le jeudi 5 février 2026 à 19 h 00 (heure de Lyon), est annulée"),
        "{ana}"
    );
    assert!(
        !ana.contains("13 h 00") && !ana.contains("2026-02-05"),
        "{ana}"
    );
    let ben = body("ben@example.org");
    assert!(ben.contains("Thursday 5 February 2026, 7:00 pm"), "{ben}");
    assert!(
        !ben.contains("Lyon time"),
        "same clock, no zone named:\n{ben}"
    );
    let cleo = body("cleo@example.org");
    assert!(cleo.contains("jeudi 5 février 2026 à 19 h 00"), "{cleo}");
    assert!(!cleo.contains("heure de Lyon"), "{cleo}");
}

#[tokio::test]
async fn a_moved_meeting_is_announced_with_its_new_revision_and_a_move_to_the_same_time_tells_no_one()
 {
    let m = meeting().await;
    let move_to = |date: &'static str, time: &'static str| {
        let (c, path) = (&m.coordinator, m.path.clone());
        async move {
            c.submit(
                &path,
                &format!("{path}/move"),
                &[("date", date), ("time", time)],
            )
            .await
        }
    };
    let same = move_to("2026-02-05", "19:00").await;
    assert_eq!(same.status, StatusCode::SEE_OTHER, "{}", same.body);
    assert!(rows(&m.app, EmailKind::MeetupChanged).await.is_empty());
    assert_eq!(
        meetup::get(&m.app.ctx.db, m.id)
            .await
            .expect("meeting")
            .sequence,
        0
    );

    let moved = move_to("2026-02-06", "18:30").await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let queued = rows(&m.app, EmailKind::MeetupChanged).await;
    assert_eq!(recipients(&queued), TOLD);
    let emails = m.app.deliver().await;
    let ben = emails
        .iter()
        .find(|e| e.to.contains("ben@"))
        .expect("Ben's email");
    assert!(
        ben.raw
            .contains("text/calendar; charset=utf-8; method=PUBLISH")
    );
    let raw = ben.text();
    for line in [
        "METHOD:PUBLISH",
        "STATUS:CONFIRMED",
        "SEQUENCE:1",
        &format!("UID:meetup-{}@127.0.0.1", m.id),
        "DTSTART:20260206T173000Z",
    ] {
        assert!(raw.contains(line), "no {line} in:\n{raw}");
    }

    // A second move is a second revision, told again.
    move_to("2026-02-07", "18:30").await;
    assert_eq!(rows(&m.app, EmailKind::MeetupChanged).await.len(), 6);
}

#[tokio::test]
async fn a_meeting_whose_time_cannot_be_written_is_still_cancelled_and_the_outbox_says_why() {
    let m = meeting().await;
    // A zone the stored data names but this build does not know (a zone
    // renamed in a later time zone database, say).
    city::Entity::update_many()
        .col_expr(city::Column::TimeZone, Expr::value("Mars/Olympus_Mons"))
        .filter(city::Column::Id.eq(m.lyon))
        .exec(&m.app.ctx.db)
        .await
        .expect("corrupt the zone");
    let page = m
        .coordinator
        .submit(
            &m.path,
            &format!("{}/cancel", m.path),
            &[("confirmed", "yes")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        meetup::get(&m.app.ctx.db, m.id)
            .await
            .expect("meeting")
            .status,
        meetup::Status::Cancelled
    );
    let failed = rows(&m.app, EmailKind::MeetupChanged).await;
    assert_eq!(recipients(&failed), TOLD);
    for row in &failed {
        assert_eq!(row.state, State::Failed);
        assert!(
            row.last_error
                .as_deref()
                .is_some_and(|e| e.contains("Mars/Olympus_Mons")),
            "{:?}",
            row.last_error
        );
    }
    assert!(
        m.app.deliver().await.is_empty(),
        "nothing half-written goes out"
    );
}

#[tokio::test]
async fn the_first_on_the_waitlist_is_told_of_the_place_with_the_event_when_someone_leaves() {
    let m = meeting().await;
    let ana = m.app.logged_in("ana@example.org").await;
    let page = ana
        .submit(&m.path, &format!("{}/rsvp", m.path), &[("answer", "no")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let queued = rows(&m.app, EmailKind::MeetupPromoted).await;
    assert_eq!(recipients(&queued), ["cleo@example.org"]);

    // Ana changing her mind again takes nothing from Cléo and tells no one.
    ana.submit(&m.path, &format!("{}/rsvp", m.path), &[("answer", "no")])
        .await;
    assert_eq!(rows(&m.app, EmailKind::MeetupPromoted).await.len(), 1);

    let emails = m.app.deliver().await;
    let cleo = emails
        .iter()
        .find(|e| e.to.contains("cleo@"))
        .expect("Cléo's email");
    assert!(
        cleo.subject
            .starts_with("Une place pour vous : Rencontre de Lyon"),
        "{}",
        cleo.subject
    );
    let raw = cleo.text();
    for line in [
        "METHOD:PUBLISH",
        "STATUS:CONFIRMED",
        &format!("UID:meetup-{}@127.0.0.1", m.id),
    ] {
        assert!(raw.contains(line), "no {line} in:\n{raw}");
    }
}

/// Lyon with a coordinator, a mentor, and a project of two.
async fn mentored_project() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_accounts(&LYON_TEAM).await;
    let owner = app.logged_in("owner@example.org").await;
    let project = owner
        .create_project("Vélo-école", "Une phrase.", "social", &lyon)
        .await;
    app.join_team(&owner, &project, "mate@example.org").await;
    (app, lyon, project)
}

#[tokio::test]
async fn mentor_and_team_hear_of_assignments_requests_and_reviews_as_they_happen() {
    let (app, lyon, project) = mentored_project().await;
    let team = ["mate@example.org", "owner@example.org"];
    let coordinator = app.logged_in("coord@example.org").await;
    let coverage_path = format!("/admin/mentoring?city={lyon}");
    let coverage = coordinator.get(&coverage_path).await;
    let assigned = coordinator
        .submit(
            &coverage_path,
            "/admin/mentoring/assign",
            &[
                ("city", &lyon),
                ("project_id", &coverage.option_value("Vélo-école")),
                ("mentor_id", &coverage.option_value("Mina Mentor")),
            ],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    assert_eq!(
        recipients(&rows(&app, EmailKind::MentorAssigned).await),
        [
            "mate@example.org",
            "mentor@example.org",
            "owner@example.org"
        ]
    );

    let owner = app.logged_in("owner@example.org").await;
    let reviews = format!("{project}/reviews");
    let asked = owner
        .submit(
            &reviews,
            &format!("{project}/review-requests"),
            &[("question", "Que pensez-vous du parcours ?")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    assert_eq!(
        recipients(&rows(&app, EmailKind::ReviewRequested).await),
        ["mentor@example.org"]
    );

    let mina = app.logged_in("mentor@example.org").await;
    let written = mina
        .submit(
            &format!("{reviews}/new"),
            &reviews,
            &[
                ("impact", "4"),
                ("progress", "3"),
                ("openness", "5"),
                ("team_health", "4"),
                ("strengths", "Une équipe **soudée**, à l'écoute."),
                ("next_steps", "Publier le code"),
            ],
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    assert_eq!(recipients(&rows(&app, EmailKind::ReviewPosted).await), team);

    let coverage = coordinator.get(&coverage_path).await;
    let end = regex::Regex::new(r#"action="(/admin/mentoring/assignments/\d+/end)""#)
        .expect("regex")
        .captures(&coverage.body)
        .expect("end form")[1]
        .to_owned();
    for _ in 0..2 {
        // The second time, the assignment has already ended: nobody is told again.
        coordinator
            .submit(&coverage_path, &end, &[("city", &lyon)])
            .await;
    }
    assert_eq!(
        recipients(&rows(&app, EmailKind::MentorUnassigned).await),
        [
            "mate@example.org",
            "mentor@example.org",
            "owner@example.org"
        ]
    );

    let emails = app.deliver().await;
    let subjects: Vec<(&str, &str)> = emails
        .iter()
        .map(|e| (e.to.as_str(), e.subject.as_str()))
        .collect();
    for (to, subject) in [
        ("mentor@", "Vous suivez désormais « Vélo-école »"),
        ("owner@", "Mina Mentor devient mentor de « Vélo-école »"),
        ("mentor@", "« Vélo-école » demande un retour"),
        ("mate@", "Nouveau retour sur « Vélo-école »"),
        ("owner@", "Mina Mentor ne suit plus « Vélo-école »"),
    ] {
        assert!(
            subjects
                .iter()
                .any(|(t, s)| t.contains(to) && *s == subject),
            "no {subject:?} to {to}: {subjects:?}"
        );
    }
    // The team reads the mentor's words, Markdown made HTML and plain text.
    let review = emails
        .iter()
        .find(|e| e.to.contains("mate@") && e.subject.starts_with("Nouveau retour"))
        .expect("the review email")
        .text();
    assert!(
        review.contains("<strong>soudée</strong>")
            && review.contains("Une équipe soudée, à l'écoute.")
            && review.contains("Points forts"),
        "{review}"
    );
    assert!(!review.contains("**"), "{review}");
}

#[tokio::test]
async fn a_second_invitation_renews_the_first_and_emails_again_only_after_an_hour() {
    let (app, _, project) = mentored_project().await;
    let invite = |address: &'static str| {
        let (app, project) = (&app, project.clone());
        async move {
            // Logged in afresh each time: hours pass between invitations.
            let owner = app.logged_in("owner@example.org").await;
            owner
                .submit(
                    &project,
                    &format!("{project}/team/invite"),
                    &[("email", address), ("language", "fr")],
                )
                .await
        }
    };
    let invitations = || async {
        rows(&app, EmailKind::ProjectInvitation)
            .await
            .into_iter()
            .filter(|r| r.recipient_email.eq_ignore_ascii_case("zoe@example.org"))
            .count()
    };
    assert_eq!(
        invite("Zoe@Example.org").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(invitations().await, 1);
    let first = app
        .last_email_to("Zoe@Example.org")
        .await
        .link(&app.base_url, "/team-invitations/");

    // Ten minutes later, again (and with the address written otherwise).
    app.advance(chrono::Duration::minutes(10));
    let renewed = invite("zoe@example.org").await;
    assert_eq!(renewed.status, StatusCode::SEE_OTHER);
    assert_eq!(invitations().await, 1, "no second email within the hour");
    let pending = relais_domain::entities::email_token::Entity::find()
        .filter(relais_domain::entities::email_token::Column::PendingKey.is_not_null())
        .all(&app.ctx.db)
        .await
        .expect("tokens");
    assert_eq!(pending.len(), 1, "one pending invitation");
    let renewed_until = app.ctx.now() + relais_domain::team::INVITATION_TTL;
    assert!(
        (pending[0].expires_at - renewed_until)
            .num_milliseconds()
            .abs()
            < 1,
        "renewed from now: {} against {renewed_until}",
        pending[0].expires_at
    );

    // Two hours later, a fresh link goes out; it is the one that works.
    app.advance(chrono::Duration::hours(2));
    assert_eq!(
        invite("Zoe@Example.org").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(invitations().await, 2);
    let second = app
        .last_email_to("Zoe@Example.org")
        .await
        .link(&app.base_url, "/team-invitations/");
    assert_ne!(first, second);
    app.create_account("zoe@example.org", "Zoé", Role::Member, Some("lyon"))
        .await;
    let zoe = app.logged_in("zoe@example.org").await;
    assert_ne!(zoe.get(&first).await.status, StatusCode::OK);
    let form = zoe.get(&second).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let joined = zoe
        .post_raw(&second, &[("csrf_token", &form.csrf_token())])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    let after = relais_domain::entities::email_token::Entity::find()
        .filter(relais_domain::entities::email_token::Column::PendingKey.is_not_null())
        .all(&app.ctx.db)
        .await
        .expect("tokens");
    assert!(after.is_empty(), "accepted: nothing pending any more");
}

//! The scheduler as `relais serve` starts it — every job of the one job
//! table, planning at start-up, delivery over SMTP — over a test clock
//! moved from moment to moment across two months of a programme. At each
//! moment every kind of email that time brings is queued when it is due,
//! not before and only once, and reaches the SMTP server.
//!
//! The jobs wake every second here instead of every hour; what they plan
//! depends only on the clock, as in production.

use chrono::{DateTime, TimeZone, Utc};
use relais_domain::Role;
use relais_domain::email_message::{EmailKind, EmailMessage};
use relais_domain::entities::{email_outbox, job_run};
use relais_domain::outbox::State;
use relais_domain::rsvp::{self, Answer};
use relais_scheduler::{JobContext, Mailer, Schedules, jobs};
use relais_tests::TestApp;
use relais_tests::lyon::lyon_series;
use relais_tests::smtp::SmtpServer;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// The kinds of email that only time causes (`EmailMessage::kind`).
const TIME_BASED: [EmailKind; 9] = [
    EmailKind::MeetupInvitation,
    EmailKind::MeetupReminder,
    EmailKind::MeetupNudge,
    EmailKind::MilestoneDue,
    EmailKind::ReviewDue,
    EmailKind::QuietProject,
    EmailKind::Digest,
    EmailKind::CheckIn,
    EmailKind::PollReminder,
];

fn at(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0)
        .single()
        .expect("time")
}

/// The running programme, and what the test has checked so far.
struct Programme {
    app: TestApp,
    server: SmtpServer,
    /// The last outbox row already looked at.
    seen: i64,
    /// Kinds queued so far.
    kinds: BTreeSet<EmailKind>,
}

impl Programme {
    /// Moves the clock to `now`, waits until every hourly job has run in
    /// the hour of `now` and the outbox is delivered, and returns the
    /// time-based emails queued since the previous moment, as sorted
    /// (kind, recipient) pairs.
    async fn moment(&mut self, now: DateTime<Utc>) -> Vec<(EmailKind, String)> {
        self.app.clock.set(now);
        let slot = jobs::slot(now);
        let hourly: Vec<&str> = jobs::JOBS.iter().filter_map(|j| j.slot).collect();
        let mut waiting = hourly.clone();
        for _ in 0..600 {
            let done: Vec<String> = job_run::Entity::find()
                .filter(job_run::Column::Slot.eq(slot.clone()))
                .filter(job_run::Column::FinishedAt.is_not_null())
                .all(&self.app.ctx.db)
                .await
                .expect("job runs")
                .into_iter()
                .map(|r| r.job)
                .collect();
            waiting = hourly
                .iter()
                .copied()
                .filter(|j| !done.iter().any(|d| d == j))
                .collect();
            if waiting.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(waiting.is_empty(), "at {now}, never ran: {waiting:?}");
        let mut rows = Vec::new();
        for _ in 0..600 {
            rows = email_outbox::Entity::find()
                .filter(email_outbox::Column::Id.gt(self.seen))
                .order_by_asc(email_outbox::Column::Id)
                .all(&self.app.ctx.db)
                .await
                .expect("outbox");
            if rows
                .iter()
                .all(|r| r.state != State::Pending && r.state != State::Sending)
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let received: Vec<(String, Vec<String>)> = self
            .server
            .received()
            .into_iter()
            .map(|m| (m.header("Message-ID").unwrap_or_default(), m.to))
            .collect();
        for r in &rows {
            assert_eq!(
                r.state,
                State::Sent,
                "at {now}: {} to {}: {:?}",
                r.kind,
                r.recipient_email,
                r.last_error
            );
            let id =
                relais_scheduler::mailer::message_id(&r.idempotency_key, &self.app.jobs.base_url);
            assert!(
                received
                    .iter()
                    .any(|(m, to)| m.trim() == id && to.contains(&r.recipient_email)),
                "at {now}: {} to {} is not on the SMTP server",
                r.kind,
                r.recipient_email
            );
        }
        self.seen = rows.last().map_or(self.seen, |r| r.id);
        let mut got: Vec<(EmailKind, String)> = rows
            .into_iter()
            .filter(|r| TIME_BASED.contains(&r.kind))
            .map(|r| (r.kind, r.recipient_email))
            .collect();
        got.sort();
        self.kinds.extend(got.iter().map(|(k, _)| *k));
        got
    }
}

fn expect(pairs: &[(EmailKind, &str)]) -> Vec<(EmailKind, String)> {
    let mut out: Vec<(EmailKind, String)> = pairs
        .iter()
        .map(|(k, to)| (*k, format!("{to}@example.org")))
        .collect();
    out.sort();
    out
}

const EVERYONE: [&str; 4] = ["ana", "ben", "coord", "mina"];

fn to_everyone(kind: EmailKind) -> Vec<(EmailKind, &'static str)> {
    EVERYONE.iter().map(|who| (kind, *who)).collect()
}

#[tokio::test]
async fn the_scheduler_as_serve_starts_it_sends_every_time_based_email_at_its_moment() {
    // Monday 5 January 2026, 10:00 in Lyon.
    let app = TestApp::spawn_at(at(1, 5, 9, 0)).await;
    let (_, lyon) = app.create_lyon().await;
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        ("mina@example.org", "Mina", Role::Mentor, Some("lyon")),
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
        ("ben@example.org", "Ben", Role::Member, Some("lyon")),
    ])
    .await;
    let coordinator = app.actor("coord@example.org").await;

    // Ana's project, with a milestone due on the 20th; Mina mentors it.
    let ana = app.logged_in("ana@example.org").await;
    ana.create_project("Jardins", "Cultiver.", "environmental", &lyon.to_string())
        .await;
    ana.submit(
        "/projects/jardins",
        "/projects/jardins/milestones",
        &[
            ("title", "Semis"),
            ("due_on", "2026-01-20"),
            ("status", "planned"),
        ],
    )
    .await;
    app.assign_mentor("coord@example.org", "jardins", "mina@example.org")
        .await;
    // A monthly meeting (first Thursday, 19:00) and a date poll closing
    // on the 13th at midnight.
    let series = app
        .create_series("coord@example.org", lyon, &lyon_series("first", "30"))
        .await;
    let february = app
        .occurrences(series)
        .await
        .into_iter()
        .find(|o| o.starts_at == at(2, 5, 18, 0))
        .expect("5 February, 19:00 in Lyon");
    relais_domain::date_poll::create(
        &app.ctx,
        &coordinator,
        lyon,
        &relais_domain::date_poll::PollInput {
            title: "Atelier données".into(),
            place_address: "Médiathèque".into(),
            duration_minutes: "120".into(),
            capacity: "20".into(),
            slots: ["2026-01-20", "2026-01-22"]
                .map(|date| relais_domain::date_poll::SlotInput {
                    date: date.into(),
                    time: "19:00".into(),
                })
                .to_vec(),
            closes_on: "2026-01-13".into(),
            ..Default::default()
        },
    )
    .await
    .expect("poll");

    // Started as `serve` starts it, every job waking each second.
    let server = SmtpServer::start().await;
    let jobs = JobContext {
        mailer: Arc::new(
            Mailer::smtp_pooled(&server.url(), relais_scheduler::deliver::DEFAULT_IN_FLIGHT)
                .expect("smtp"),
        ),
        worker: JobContext::worker_name(),
        ..app.jobs.clone()
    };
    let mut schedules = Schedules::default();
    for job in jobs::JOBS {
        schedules = schedules.with(job.name, "* * * * * *").expect("schedule");
    }
    let running = relais_scheduler::start(jobs, schedules)
        .await
        .expect("scheduler");
    let mut programme = Programme {
        app,
        server,
        seen: 0,
        kinds: BTreeSet::new(),
    };

    assert_eq!(
        programme.moment(at(1, 5, 9, 0)).await,
        expect(&[(EmailKind::CheckIn, "ana")]),
        "at start-up: January's check-in; nothing else is due yet"
    );
    let mut digests_and_polls = to_everyone(EmailKind::Digest);
    digests_and_polls.extend(to_everyone(EmailKind::PollReminder));
    assert_eq!(
        programme.moment(at(1, 12, 8, 30)).await,
        expect(&digests_and_polls),
        "Monday 09:30: the weekly digest (Jardins is new); the poll closes within two days"
    );
    let digest = email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq(EmailKind::Digest))
        .filter(email_outbox::Column::RecipientEmail.eq("ana@example.org"))
        .one(&programme.app.ctx.db)
        .await
        .expect("outbox")
        .expect("Ana's digest");
    match serde_json::from_str(&digest.payload).expect("payload") {
        EmailMessage::Digest {
            items,
            next_meetup: Some((title, _, id)),
            ..
        } => {
            assert!(items.iter().any(|i| i.project == "Jardins"), "{items:?}");
            assert_eq!(
                (title.as_str(), id),
                ("Rencontre de Lyon", february.id),
                "the next meeting in Ana's city"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        programme.moment(at(1, 15, 19, 0)).await,
        expect(&to_everyone(EmailKind::MeetupInvitation)),
        "three weeks before the meeting"
    );
    rsvp::answer(
        &programme.app.ctx,
        &programme.app.actor("ben@example.org").await,
        february.id,
        Answer::Yes,
    )
    .await
    .expect("rsvp");
    assert_eq!(
        programme.moment(at(1, 17, 9, 0)).await,
        expect(&[(EmailKind::MilestoneDue, "ana")]),
        "three days before the milestone"
    );
    assert_eq!(
        programme.moment(at(1, 21, 9, 0)).await,
        expect(&[(EmailKind::MilestoneDue, "ana")]),
        "the day after: overdue"
    );
    assert_eq!(
        programme.moment(at(1, 29, 19, 0)).await,
        expect(&[
            (EmailKind::MeetupReminder, "ben"),
            (EmailKind::MeetupNudge, "ana"),
            (EmailKind::MeetupNudge, "coord"),
            (EmailKind::MeetupNudge, "mina"),
        ]),
        "a week before: Ben said yes, the others did not answer"
    );
    assert_eq!(
        programme.moment(at(2, 4, 19, 0)).await,
        expect(&[
            (EmailKind::MeetupReminder, "ben"),
            (EmailKind::QuietProject, "ana"),
            (EmailKind::CheckIn, "ana"),
        ]),
        "the day before; thirty days without news; February's check-in"
    );
    let mut due = to_everyone(EmailKind::MeetupInvitation);
    due.push((EmailKind::ReviewDue, "mina"));
    assert_eq!(
        programme.moment(at(2, 17, 9, 0)).await,
        expect(&due),
        "six weeks of mentoring without a review; March's meeting is three weeks away"
    );
    let mut overdue = to_everyone(EmailKind::MeetupNudge);
    overdue.extend([(EmailKind::ReviewDue, "mina"), (EmailKind::CheckIn, "ana")]);
    assert_eq!(
        programme.moment(at(3, 3, 9, 0)).await,
        expect(&overdue),
        "the review is overdue; March's check-in; nobody answered for March"
    );

    let missing: Vec<EmailKind> = TIME_BASED
        .iter()
        .copied()
        .filter(|k| !programme.kinds.contains(k))
        .collect();
    assert!(missing.is_empty(), "never sent: {missing:?}");
    running.stop(Duration::from_secs(5)).await.expect("stop");
}

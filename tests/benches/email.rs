//! Email throughput and planning cost, printed (no assertions on time).
//!
//! 1. Delivery: 10,000 meeting invitations queued in SQLite, delivered by
//!    one instance's delivery loop to a local SMTP server, over real SMTP.
//!    Target from the issue: under one minute.
//! 2. Planning: 100,000 members in 50 cities, 10,000 meeting occurrences
//!    (50 monthly series over about 16 years); time to compute what is due,
//!    and to queue it, at a moment when each city has a meeting coming —
//!    batched as the planner does it, and one statement per email as it
//!    did before (target from the issue: under 10 s on SQLite). Then the
//!    weekly digests of the same members.
//!
//! Run with `cargo bench -p relais-tests --bench email`.

use chrono::{DateTime, Duration, TimeZone, Utc};
use relais_domain::digest::Frequency;
use relais_domain::email_message::{EmailMessage, Moment};
use relais_domain::meetup::Status;
use relais_domain::meetup_rule::{DayOfWeek, Ordinal};
use relais_domain::outbox::{self, NewEmail};
use relais_domain::{Language, digest, reminder};
use relais_scheduler::{JobContext, Mailer, deliver};
use relais_tests::TestApp;
use relais_tests::smtp::SmtpServer;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use std::sync::Arc;
use std::time::Instant;

async fn delivery() {
    let app = TestApp::spawn().await;
    let server = SmtpServer::start().await;
    let now = app.ctx.now();
    let started = Instant::now();
    let txn = app.ctx.db.begin().await.expect("txn");
    for i in 0..10_000 {
        let message = EmailMessage::MeetupInvitation {
            title: "Rencontre mensuelle — Lyon".into(),
            when: Moment::Written("2026-12-03 19:00".into()),
            place: "Hôtel de la Métropole".into(),
            meetup_id: 1,
            event: Some(relais_domain::email_message::CalendarEntry {
                starts_at: now + Duration::days(8),
                ends_at: now + Duration::days(8) + Duration::hours(2),
                sequence: 0,
            }),
        };
        let to = format!("member{i}@example.org");
        outbox::enqueue(
            &txn,
            NewEmail {
                idempotency_key: format!("bench:{i}"),
                to: &to,
                user_id: None,
                language: Language::Fr,
                message: &message,
            },
            now,
        )
        .await
        .expect("enqueue");
    }
    txn.commit().await.expect("commit");
    let queued_in = started.elapsed();
    let jobs = JobContext {
        mailer: Arc::new(Mailer::smtp(&server.url()).expect("smtp")),
        worker: "bench".into(),
        ..app.jobs.clone()
    };
    let started = Instant::now();
    let report = deliver::run(&jobs, now).await.expect("deliver");
    let took = started.elapsed();
    assert_eq!(
        report.sent, 10_000,
        "every email must be delivered for the figure to mean anything"
    );
    assert_eq!(server.received().len(), 10_000);
    let per_minute = 10_000.0 / took.as_secs_f64() * 60.0;
    println!(
        "delivery: queued 10,000 invitations in {:.1} s",
        queued_in.as_secs_f64()
    );
    println!(
        "delivery: sent 10,000 over SMTP in {:.1} s — {:.0} emails/minute (target: 10,000 in under 60 s: {})",
        took.as_secs_f64(),
        per_minute,
        if took.as_secs_f64() < 60.0 {
            "met"
        } else {
            "NOT met"
        }
    );
}

/// 100,000 members in 50 cities, each city with a monthly meeting series
/// of 200 occurrences (2016 to 2032).
async fn seed_programme(db: &DatabaseConnection) {
    let stamp = "2026-01-01T00:00:00+00:00";
    let txn = db.begin().await.expect("txn");
    txn.execute_unprepared(&format!("INSERT INTO editions (slug, name, starts_on, ends_on, created_at) VALUES ('2016', 'Édition 2016', '2016-03-09', '2016-03-10', '{stamp}')"))
        .await
        .expect("edition");
    for c in 1..=50 {
        txn.execute_unprepared(&format!("INSERT INTO cities (slug, name, time_zone, created_at) VALUES ('city{c}', 'City {c}', 'Europe/Paris', '{stamp}')"))
            .await
            .expect("city");
    }
    let mut batch = Vec::new();
    for u in 0..MEMBERS {
        batch.push(format!(
            "('m{u}@example.org', 'm{u}@example.org', 'Member {u}', '{}', {}, '', '', TRUE, '{stamp}', '{stamp}', '{}')",
            Language::Fr.code(),
            u % 50 + 1,
            Frequency::Weekly.code(),
        ));
        if batch.len() == 500 {
            txn.execute_unprepared(&format!(
                "INSERT INTO users (email, email_key, name, language, city_id, skills, bio, is_active, created_at, updated_at, digest_frequency) VALUES {}",
                batch.join(",")
            ))
            .await
            .expect("users");
            batch.clear();
        }
    }
    for c in 1..=50 {
        txn.execute_unprepared(&format!(
            "INSERT INTO meetup_series (city_id, title, description, ordinal, weekday, start_time, duration_minutes, time_zone, place_address, audiences, capacity, active, created_at, updated_at) VALUES ({c}, 'Rencontre {c}', '', '{}', '{}', '19:00', 150, 'Europe/Paris', 'Mairie', '', 200, TRUE, '{stamp}', '{stamp}')",
            Ordinal::First.code(),
            DayOfWeek::Thursday.code(),
        ))
        .await
        .expect("series");
        let rows: Vec<String> = (0..200)
            .map(|k| {
                let month = first_meeting() + Duration::days(30 * k);
                let at = month.to_rfc3339();
                let end = (month + Duration::hours(2)).to_rfc3339();
                let day = month.format("%Y-%m-%d");
                format!(
                    "({c}, {c}, '{day}', 'Rencontre {c}', '', '{at}', '{end}', 'Mairie', 200, '{}', FALSE, '', 0, '{stamp}', '{stamp}')",
                    Status::Scheduled.code()
                )
            })
            .collect();
        txn.execute_unprepared(&format!(
            "INSERT INTO meetup_occurrences (series_id, city_id, rule_date, title, description, starts_at, ends_at, place_address, capacity, status, manual, minutes, sequence, created_at, updated_at) VALUES {}",
            rows.join(",")
        ))
        .await
        .expect("occurrences");
    }
    txn.commit().await.expect("commit");
}

const MEMBERS: usize = 100_000;

fn first_meeting() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2016, 1, 7, 18, 0, 0)
        .single()
        .expect("t")
}

/// A moment when each city has a meeting within three weeks, and none
/// within a week: every member gets exactly one invitation.
fn invitation_moment() -> DateTime<Utc> {
    first_meeting() + Duration::days(30 * 120) - Duration::days(10)
}

/// How the planner queued before batching, kept here to print its figure
/// beside today's: one `outbox::enqueue` (and its own statements for the
/// member's preferences and unsubscribe link) per email.
async fn queue_one_by_one(app: &TestApp, due: &[reminder::Planned], now: DateTime<Utc>) -> usize {
    let mut queued = 0;
    for p in due {
        if outbox::enqueue(&app.ctx.db, p.email(), now)
            .await
            .expect("enqueue")
        {
            queued += 1;
        }
    }
    queued
}

async fn planning() {
    let now = invitation_moment();
    let app = TestApp::spawn_at(now).await;
    let seeded = Instant::now();
    seed_programme(&app.ctx.db).await;
    println!(
        "planning: seeded 100,000 members, 50 cities, 10,000 occurrences in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let due = reminder::due(&app.ctx.db, now).await.expect("due");
    let computed = started.elapsed().as_secs_f64();
    assert_eq!(due.len(), MEMBERS, "one invitation per member");
    let started = Instant::now();
    let queued = reminder::plan(&app.ctx, now).await.expect("plan");
    let after = started.elapsed().as_secs_f64();
    assert_eq!(queued, MEMBERS, "every invitation must be queued");
    let started = Instant::now();
    let again = reminder::plan(&app.ctx, now).await.expect("plan again");
    let second = started.elapsed().as_secs_f64();
    assert_eq!(again, 0, "planning twice queues nothing more");

    let before_app = TestApp::spawn_at(now).await;
    seed_programme(&before_app.ctx.db).await;
    let started = Instant::now();
    let due = reminder::due(&before_app.ctx.db, now).await.expect("due");
    let one_by_one = queue_one_by_one(&before_app, &due, now).await;
    let before = started.elapsed().as_secs_f64();
    assert_eq!(one_by_one, MEMBERS);
    drop(before_app);

    println!(
        "planning: computed {} due emails in {computed:.2} s",
        due.len()
    );
    println!(
        "planning: planned and queued 100,000 invitations in {after:.1} s (target: under 10 s: {}); \
         before, one statement per email: {before:.1} s",
        if after < 10.0 { "met" } else { "NOT met" }
    );
    println!("planning: a second run queued {again} (idempotent) in {second:.1} s");
    digests(&app).await;
}

/// Weekly digests for the same 100,000 members: a new public project in
/// each city during the week, so every member has one to read.
async fn digests(app: &TestApp) {
    let now = invitation_moment();
    let slot = digest::last_slot(digest::Frequency::Weekly, chrono_tz::Europe::Paris, now)
        .expect("weekly slot");
    let created = (slot - Duration::days(2)).to_rfc3339();
    let rows: Vec<String> = (1..=50)
        .map(|c| {
            format!(
                "('projet-{c}', 'Projet {c}', 'Un projet.', '', '', '', 'MIT', 1, {c}, 'idea', TRUE, FALSE, '', '{created}', '{created}', '{created}')"
            )
        })
        .collect();
    app.ctx
        .db
        .execute_unprepared(&format!(
            "INSERT INTO projects (slug, title, pitch, description, themes, technical_challenge, licence, edition_id, city_id, stage, is_public, looking_for_help, help_wanted, last_activity_at, created_at, updated_at) VALUES {}",
            rows.join(",")
        ))
        .await
        .expect("projects");
    let started = Instant::now();
    let queued = digest::plan(&app.ctx, now).await.expect("digests");
    let took = started.elapsed().as_secs_f64();
    assert_eq!(queued, MEMBERS, "one digest per member");
    let started = Instant::now();
    let again = digest::plan(&app.ctx, now).await.expect("digests again");
    assert_eq!(again, 0);
    println!(
        "digests: planned and queued 100,000 weekly digests in {took:.1} s; a second run queued {again} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    delivery().await;
    planning().await;
}

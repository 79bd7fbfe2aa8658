//! Outbox delivery over a real SMTP conversation: a message goes out once
//! with its Message-ID, a server that is down means "later", a refused
//! address is recorded as failed, and several delivery loops racing over a
//! thousand emails deliver each exactly once.

use chrono::Duration;
use relais_domain::Role;
use relais_domain::email_message::{EmailMessage, Moment};
use relais_domain::entities::email_outbox;
use relais_domain::outbox::State;
use relais_domain::outbox::{self, NewEmail};
use relais_scheduler::{JobContext, Mailer, deliver};
use relais_tests::TestApp;
use relais_tests::outbox::queue_invitations;
use relais_tests::smtp::SmtpServer;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;
use std::sync::Arc;

fn over_smtp(app: &TestApp, url: &str, worker: &str) -> JobContext {
    JobContext {
        mailer: Arc::new(Mailer::smtp(url).expect("smtp url")),
        worker: worker.to_owned(),
        ..app.jobs.clone()
    }
}

async fn request_reset(app: &TestApp, email: &str) {
    let client = app.client();
    client
        .submit("/password/forgot", "/password/forgot", &[("email", email)])
        .await;
}

async fn rows(app: &TestApp) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .all(&app.ctx.db)
        .await
        .expect("outbox")
}

#[tokio::test]
async fn an_email_goes_out_once_over_smtp_as_plain_text_and_html_with_a_stable_message_id() {
    let app = TestApp::spawn().await;
    app.create_account("ana@example.org", "Ana", Role::Member, None)
        .await;
    let server = SmtpServer::start().await;
    let jobs = over_smtp(&app, &server.url(), "w1");
    request_reset(&app, "ana@example.org").await;
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!((report.attempted, report.sent), (1, 1));
    let again = deliver::run(&jobs, app.ctx.now() + Duration::hours(1))
        .await
        .expect("deliver");
    assert_eq!(again.attempted, 0, "nothing is sent twice");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.to, vec!["ana@example.org".to_owned()]);
    assert!(mail.data.contains("multipart/alternative"), "{}", mail.data);
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"));
    let key = rows(&app).await[0].idempotency_key.clone();
    assert_eq!(
        mail.header("Message-ID"),
        Some(relais_scheduler::mailer::message_id(
            &key,
            &app.jobs.base_url
        ))
    );
}

#[tokio::test]
async fn a_server_that_is_down_means_later_and_the_email_goes_out_once_it_is_back() {
    let app = TestApp::spawn().await;
    app.create_account("ben@example.org", "Ben", Role::Member, None)
        .await;
    // Reserve a port, then leave it closed: connections are refused.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr")
    };
    let jobs = over_smtp(&app, &format!("smtp://{port}"), "w1");
    request_reset(&app, "ben@example.org").await;
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!((report.sent, report.retried), (0, 1));
    let row = &rows(&app).await[0];
    assert_eq!(row.state, State::Pending);
    assert!(row.last_error.is_some());
    assert!(row.next_attempt_at > app.ctx.now(), "backed off");
    assert_eq!(
        deliver::run(&jobs, app.ctx.now())
            .await
            .expect("deliver")
            .attempted,
        0,
        "not before its time"
    );

    let server = SmtpServer::start_on(port).await;
    app.advance(Duration::hours(2));
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!(report.sent, 1);
    assert_eq!(server.received().len(), 1);
    assert_eq!(rows(&app).await[0].state, State::Sent);
}

#[tokio::test]
async fn a_refused_address_is_recorded_as_failed_with_the_servers_answer() {
    let app = TestApp::spawn().await;
    app.create_accounts(&[
        ("gone@example.org", "Gone", Role::Member, None),
        ("busy@example.org", "Busy", Role::Member, None),
    ])
    .await;
    let server = SmtpServer::start().await;
    server.refuse("gone@example.org");
    server.defer("busy@example.org");
    let jobs = over_smtp(&app, &server.url(), "w1");
    request_reset(&app, "gone@example.org").await;
    request_reset(&app, "busy@example.org").await;
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!((report.failed, report.retried), (1, 1));
    let all = rows(&app).await;
    let gone = all
        .iter()
        .find(|r| r.recipient_email == "gone@example.org")
        .expect("gone");
    assert_eq!(gone.state, State::Failed);
    assert!(
        gone.last_error
            .as_deref()
            .is_some_and(|e| e.contains("550") || e.contains("no such mailbox")),
        "{:?}",
        gone.last_error
    );
    let busy = all
        .iter()
        .find(|r| r.recipient_email == "busy@example.org")
        .expect("busy");
    assert_eq!(busy.state, State::Pending);
    // Transient failures are retried for a day, then given up on.
    app.advance(Duration::hours(25));
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!(report.failed, 1);
    assert!(server.received().is_empty());

    // Coordinators see why, and can send a failed email again.
    app.create_account("coord@example.org", "Luc", Role::Coordinator, None)
        .await;
    let coordinator = app.client();
    coordinator
        .log_in("coord@example.org", relais_tests::PASSWORD)
        .await;
    let page = coordinator.get("/admin/outbox").await;
    page.assert_contains("gone@example.org");
    page.assert_contains("no such mailbox here");
    let member = app.client();
    member
        .log_in("busy@example.org", relais_tests::PASSWORD)
        .await;
    assert_eq!(
        member.get("/admin/outbox").await.status,
        reqwest::StatusCode::FORBIDDEN
    );
    let retry = regex::Regex::new(r#"action="(/admin/outbox/\d+/retry)""#)
        .expect("regex")
        .captures(&page.body)
        .expect("retry form")[1]
        .to_owned();
    let server_ok = SmtpServer::start().await;
    let jobs = over_smtp(&app, &server_ok.url(), "w2");
    coordinator.submit("/admin/outbox", &retry, &[]).await;
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!(report.sent, 1);
    assert_eq!(server_ok.received().len(), 1);
}

#[tokio::test]
async fn three_delivery_loops_racing_over_a_thousand_emails_deliver_each_exactly_once() {
    let app = TestApp::spawn().await;
    let server = SmtpServer::start().await;
    let now = app.ctx.now();
    queue(&app, "race", 1000).await;
    // Queuing the same key again does nothing.
    let again = EmailMessage::MeetupInvitation {
        title: "x".into(),
        when: Moment::Written("x".into()),
        place: "x".into(),
        meetup_id: 1,
        event: None,
    };
    let queued = outbox::enqueue(
        &app.ctx.db,
        NewEmail {
            idempotency_key: "race:7".into(),
            to: "x@example.org",
            user_id: None,
            language: relais_domain::Language::Fr,
            message: &again,
        },
        now,
    )
    .await
    .expect("enqueue");
    assert!(!queued);

    let loops: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|w| {
            let jobs = over_smtp(&app, &server.url(), w);
            tokio::spawn(async move { deliver::run(&jobs, now).await.expect("deliver") })
        })
        .collect();
    let mut sent = 0;
    for l in loops {
        sent += l.await.expect("loop").sent;
    }
    assert_eq!(sent, 1000);
    let received = server.received();
    assert_eq!(received.len(), 1000);
    let ids: HashSet<String> = received
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    assert_eq!(ids.len(), 1000, "no email delivered twice");
    let pending = email_outbox::Entity::find()
        .filter(email_outbox::Column::State.ne("sent"))
        .all(&app.ctx.db)
        .await
        .expect("rows");
    assert!(pending.is_empty());
}

#[tokio::test]
async fn one_click_unsubscribe_stops_a_category_but_never_account_emails() {
    use chrono::TimeZone;
    let app = TestApp::spawn_at(
        chrono::Utc
            .with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
            .single()
            .expect("time"),
    )
    .await;
    let (_, lyon) = app.create_lyon().await;
    let lyon = lyon.to_string();
    app.create_accounts(&[
        ("coord@example.org", "Luc", Role::Coordinator, Some("lyon")),
        ("ana@example.org", "Ana", Role::Member, Some("lyon")),
    ])
    .await;
    let server = SmtpServer::start().await;
    let jobs = over_smtp(&app, &server.url(), "w1");
    let coordinator = app.client();
    coordinator
        .log_in("coord@example.org", relais_tests::PASSWORD)
        .await;
    let poll = |title: &'static str| {
        let lyon = lyon.clone();
        let coordinator = &coordinator;
        async move {
            coordinator
                .submit(
                    "/admin/polls",
                    "/admin/polls",
                    &[
                        ("city_id", lyon.as_str()),
                        ("title", title),
                        ("duration_minutes", "60"),
                        ("capacity", "10"),
                        ("slot_date", "2026-02-10"),
                        ("slot_time", "18:00"),
                        ("slot_date", "2026-02-11"),
                        ("slot_time", "18:00"),
                        ("closes_on", "2026-02-01"),
                    ],
                )
                .await
        }
    };
    poll("Premier sondage").await;
    deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    let to_ana = server
        .received()
        .into_iter()
        .find(|m| m.to.contains(&"ana@example.org".to_owned()))
        .expect("poll email");
    let link = to_ana.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert_eq!(
        to_ana.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let url = link
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    assert!(
        url.starts_with(&format!("{}/unsubscribe/", app.base_url)) && url.ends_with("/polls"),
        "{url}"
    );

    // What a mail client sends: a bare POST, no cookie, no form token.
    let response = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("one-click");
    assert_eq!(response.status(), reqwest::StatusCode::OK);

    poll("Deuxième sondage").await;
    deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    let to_ana: Vec<_> = server
        .received()
        .into_iter()
        .filter(|m| m.to.contains(&"ana@example.org".to_owned()))
        .collect();
    assert_eq!(to_ana.len(), 1, "no second poll email for Ana");
    let ana = app.client();
    ana.log_in("ana@example.org", relais_tests::PASSWORD).await;
    let profile = ana.get("/profile").await;
    assert!(
        !profile.body.contains(r#"value="polls" checked"#),
        "the profile shows the choice"
    );
    assert!(profile.body.contains(r#"value="meetups" checked"#));

    // Account emails still go.
    app.client()
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "ana@example.org")],
        )
        .await;
    deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    let to_ana: Vec<_> = server
        .received()
        .into_iter()
        .filter(|m| m.to.contains(&"ana@example.org".to_owned()))
        .collect();
    assert_eq!(to_ana.len(), 2);
    assert!(
        to_ana[1].header("List-Unsubscribe").is_none(),
        "account emails have no unsubscribe link"
    );
    // A link nobody was sent has no page (its button would do nothing).
    assert_eq!(
        app.client()
            .get("/unsubscribe/unknown-token-but-long-enough/polls")
            .await
            .status,
        reqwest::StatusCode::NOT_FOUND
    );
    let bogus = reqwest::Client::new()
        .post(format!(
            "{}/unsubscribe/unknown-token-but-long-enough/polls",
            app.base_url
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(bogus.status(), reqwest::StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn emails_claimed_by_a_worker_that_died_are_taken_back_after_the_lease() {
    let app = TestApp::spawn().await;
    app.create_account("cleo@example.org", "Cléo", Role::Member, None)
        .await;
    let server = SmtpServer::start().await;
    request_reset(&app, "cleo@example.org").await;
    // A worker claims the email, then dies before sending it.
    let claimed = outbox::claim_due(
        &app.ctx.db,
        "dead-worker",
        app.ctx.now(),
        deliver::LEASE,
        10,
    )
    .await
    .expect("claim");
    assert_eq!(claimed.len(), 1);
    let survivor = over_smtp(&app, &server.url(), "survivor");
    assert_eq!(
        deliver::run(&survivor, app.ctx.now())
            .await
            .expect("deliver")
            .attempted,
        0,
        "still leased"
    );
    app.advance(deliver::LEASE + Duration::seconds(1));
    let report = deliver::run(&survivor, app.ctx.now())
        .await
        .expect("deliver");
    assert_eq!(report.sent, 1);
    assert_eq!(server.received().len(), 1);
    // The dead worker cannot mark it afterwards: the row is no longer its own.
    outbox::fail(&app.ctx.db, claimed[0].row.id, "dead-worker", "late")
        .await
        .expect("no-op");
    assert_eq!(rows(&app).await[0].state, State::Sent);
}

/// Queues `n` invitations to `member{i}@example.org`, keys `{prefix}:{i}`.
async fn queue(app: &TestApp, prefix: &str, n: usize) {
    let emails: Vec<(String, String)> = (0..n)
        .map(|i| (format!("{prefix}:{i}"), format!("member{i}@example.org")))
        .collect();
    queue_invitations(&app.ctx.db, &emails, app.ctx.now())
        .await
        .expect("enqueue");
}

/// A delivery instance over `server` with its own worker name and settings.
fn instance(app: &TestApp, server: &SmtpServer, worker: &str, in_flight: usize) -> JobContext {
    JobContext {
        mailer: Arc::new(Mailer::smtp_pooled(&server.url(), in_flight).expect("smtp url")),
        worker: worker.to_owned(),
        delivery: deliver::Settings {
            in_flight,
            ..deliver::Settings::default()
        },
        shutdown: relais_scheduler::Shutdown::default(),
        ..app.jobs.clone()
    }
}

async fn states(app: &TestApp) -> Vec<(String, i32, Option<String>)> {
    rows(app)
        .await
        .into_iter()
        .map(|r| (r.state.code().to_owned(), r.attempts, r.locked_by))
        .collect()
}

#[tokio::test]
async fn a_run_that_outlasts_its_lease_keeps_its_emails_and_sends_none_twice() {
    let app = TestApp::spawn().await;
    queue(&app, "long", 6).await;
    // Each email takes longer than a lease: only renewal keeps the second
    // instance from taking back what the first has on the wire.
    let server = SmtpServer::start_slow(std::time::Duration::from_millis(2500)).await;
    let real_time = relais_domain::Context::new(
        app.ctx.db.clone(),
        Arc::new(relais_domain::clock::SystemClock),
    );
    let with_short_lease = |worker: &str| JobContext {
        ctx: real_time.clone(),
        delivery: deliver::Settings {
            in_flight: 2,
            lease: Duration::seconds(2),
        },
        ..instance(&app, &server, worker, 2)
    };
    let (first, second) = (with_short_lease("first"), with_short_lease("second"));
    let now = real_time.now();
    let first = tokio::spawn(async move { deliver::run(&first, now).await.expect("first") });
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mut second_reports = Vec::new();
    while !first.is_finished() {
        second_reports.push(
            deliver::run(&second, real_time.now())
                .await
                .expect("second"),
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let first = first.await.expect("first run");
    let second_sent: usize = second_reports.iter().map(|r| r.sent).sum();
    assert_eq!(first.sent + second_sent, 6, "{first:?} {second_reports:?}");
    assert_eq!(server.received().len(), 6);
    assert_eq!(server.duplicates(), 0, "nothing sent twice");
    assert!(
        first.sent >= 2,
        "the first run kept what it claimed: {first:?}"
    );
    assert!(states(&app).await.iter().all(|(s, _, _)| s == "sent"));
}

#[tokio::test]
async fn no_more_emails_than_the_setting_are_ever_on_the_wire() {
    let app = TestApp::spawn().await;
    queue(&app, "wire", 40).await;
    let server = SmtpServer::start_slow(std::time::Duration::from_millis(100)).await;
    let jobs = instance(&app, &server, "w1", 4);
    let report = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!((report.attempted, report.sent), (40, 40));
    assert_eq!(server.most_on_the_wire(), 4);
    assert!(server.connections() <= 4, "{}", server.connections());
    assert_eq!(server.duplicates(), 0);
}

#[tokio::test]
async fn the_first_retry_comes_30_seconds_after_a_failure_then_a_minute() {
    // A whole second: PostgreSQL keeps microseconds, the clock nanoseconds,
    // and the waits below are read in whole seconds.
    use chrono::SubsecRound;
    let app = TestApp::spawn_at(chrono::Utc::now().trunc_subsecs(0)).await;
    app.create_account("busy@example.org", "Busy", Role::Member, None)
        .await;
    let server = SmtpServer::start().await;
    server.defer("busy@example.org");
    let jobs = over_smtp(&app, &server.url(), "w1");
    request_reset(&app, "busy@example.org").await;
    let failed_at = app.ctx.now();
    assert_eq!(
        deliver::run(&jobs, failed_at)
            .await
            .expect("deliver")
            .retried,
        1
    );
    let row = rows(&app).await.remove(0);
    assert_eq!(row.attempts, 1);
    let wait = (row.next_attempt_at - failed_at).num_seconds();
    assert!((30..=36).contains(&wait), "first wait {wait} s");

    app.advance(Duration::seconds(29));
    let early = deliver::run(&jobs, app.ctx.now()).await.expect("deliver");
    assert_eq!(early.attempted, 0, "not before 30 s");
    app.advance(Duration::seconds(8));
    let second_at = app.ctx.now();
    let again = deliver::run(&jobs, second_at).await.expect("deliver");
    assert_eq!(again.retried, 1, "retried once 37 s after the failure");
    let row = rows(&app).await.remove(0);
    assert_eq!(row.attempts, 2);
    let wait = (row.next_attempt_at - second_at).num_seconds();
    assert!((60..=72).contains(&wait), "second wait {wait} s");
}

#[tokio::test]
async fn aborting_gives_the_emails_on_the_wire_back_unsent_for_another_instance() {
    let app = TestApp::spawn().await;
    queue(&app, "abort", 5).await;
    let slow = SmtpServer::start_slow(std::time::Duration::from_secs(30)).await;
    let jobs = instance(&app, &slow, "stopping", 3);
    let shutdown = jobs.shutdown.clone();
    let now = app.ctx.now();
    let run = tokio::spawn(async move { deliver::run(&jobs, now).await.expect("deliver") });
    for _ in 0..200 {
        if slow.on_the_wire() == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(slow.on_the_wire(), 3);
    shutdown.stop.cancel();
    shutdown.abort.cancel();
    let report = tokio::time::timeout(std::time::Duration::from_secs(10), run)
        .await
        .expect("an aborted run ends at once")
        .expect("run");
    assert_eq!((report.attempted, report.released, report.sent), (3, 3, 0));
    assert!(slow.received().is_empty());
    let after = states(&app).await;
    assert!(
        after
            .iter()
            .all(|(s, a, by)| s == "pending" && *a == 0 && by.is_none()),
        "released, not counted as attempts: {after:?}"
    );

    // Another instance takes them at once, without waiting for a lease.
    let server = SmtpServer::start().await;
    let other = instance(&app, &server, "other", 8);
    let report = deliver::run(&other, app.ctx.now()).await.expect("deliver");
    assert_eq!(report.sent, 5);
    assert_eq!(server.received().len(), 5);
    assert_eq!(server.duplicates(), 0);
}

#[tokio::test]
async fn the_scheduler_never_overlaps_a_delivery_run_and_stops_within_its_grace() {
    let app = TestApp::spawn().await;
    queue(&app, "tick", 12).await;
    // A run lasts about 3 s (12 emails, 3 at a time, 700 ms each) while
    // the job wakes every second.
    let server = SmtpServer::start_slow(std::time::Duration::from_millis(700)).await;
    let jobs = instance(&app, &server, "scheduled", 3);
    let schedules = relais_scheduler::Schedules::default()
        .with("delivery", "* * * * * *")
        .expect("schedule")
        .without_planning_at_start();
    let running = relais_scheduler::start(jobs, schedules)
        .await
        .expect("start");
    assert_eq!(
        server
            .wait_for(12, std::time::Duration::from_secs(30))
            .await,
        12
    );
    let counts = running.counts("delivery").expect("delivery counts");
    assert!(counts.skipped >= 1, "{counts:?}");
    assert_eq!(server.most_on_the_wire(), 3);
    assert_eq!(server.duplicates(), 0);

    // Stopping with emails on the wire: they finish within the grace.
    queue(&app, "late", 30).await;
    for _ in 0..200 {
        if server.on_the_wire() == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let on_the_wire = server.on_the_wire();
    assert_eq!(on_the_wire, 3);
    let before = server.received().len();
    let stopped = running
        .stop(std::time::Duration::from_secs(10))
        .await
        .expect("stop");
    assert_eq!(stopped, relais_scheduler::Stopped::Finished);
    let delivered = server.received().len() - before;
    assert!(delivered >= on_the_wire && delivered < 30, "{delivered}");
    let late: Vec<_> = rows(&app)
        .await
        .into_iter()
        .filter(|r| r.idempotency_key.starts_with("late:"))
        .collect();
    assert_eq!(
        late.iter().filter(|r| r.state == State::Sent).count(),
        delivered
    );
    assert!(
        late.iter()
            .filter(|r| r.state != State::Sent)
            .all(|r| r.state == State::Pending && r.attempts == 0),
        "nothing claimed after the stop"
    );
    assert_eq!(server.duplicates(), 0);
}

#[tokio::test]
async fn a_stop_whose_grace_runs_out_releases_what_is_on_the_wire() {
    let app = TestApp::spawn().await;
    queue(&app, "grace", 4).await;
    let server = SmtpServer::start_slow(std::time::Duration::from_secs(60)).await;
    let jobs = instance(&app, &server, "scheduled", 2);
    let schedules = relais_scheduler::Schedules::default()
        .with("delivery", "* * * * * *")
        .expect("schedule")
        .without_planning_at_start();
    let running = relais_scheduler::start(jobs, schedules)
        .await
        .expect("start");
    for _ in 0..300 {
        if server.on_the_wire() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(server.on_the_wire(), 2);
    let stopped = running
        .stop(std::time::Duration::from_millis(300))
        .await
        .expect("stop");
    assert_eq!(stopped, relais_scheduler::Stopped::Released);
    assert!(server.received().is_empty());
    let after = states(&app).await;
    assert!(
        after
            .iter()
            .all(|(s, a, by)| s == "pending" && *a == 0 && by.is_none()),
        "{after:?}"
    );
}

/// One email of every kind, as the outbox would hold them.
fn every_kind() -> Vec<EmailMessage> {
    use chrono::TimeZone;
    use relais_domain::email_message::{Day, DigestItem, Period};
    use relais_domain::relation_email::{NeedSummary, RelationEmail};
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 12, 3, 18, 0, 0)
        .single()
        .expect("time");
    let when = || Moment::new(at, chrono_tz::Europe::Paris, "Lyon");
    let day = Day::On(at.date_naive());
    let need = || NeedSummary {
        project: "Compost".into(),
        slug: "compost".into(),
        need_id: 3,
        kind: relais_domain::help_kind::HelpKind::Designer,
        description: "Un parcours simple".into(),
    };
    let token = || "t".repeat(43);
    let mut all = vec![
        EmailMessage::PollInvitation {
            title: "Atelier".into(),
            city: "Lyon".into(),
            closes_on: day.clone(),
            poll_id: 1,
            token: token(),
        },
        EmailMessage::PollReminder {
            title: "Atelier".into(),
            closes_on: when(),
            poll_id: 1,
            token: token(),
        },
        EmailMessage::MeetupInvitation {
            title: "Rencontre".into(),
            when: when(),
            place: "Lyon".into(),
            meetup_id: 1,
            event: None,
        },
        EmailMessage::MeetupReminder {
            title: "Rencontre".into(),
            when: when(),
            place: "Lyon".into(),
            meetup_id: 1,
            days: 7,
        },
        EmailMessage::MeetupNudge {
            title: "Rencontre".into(),
            when: when(),
            meetup_id: 1,
        },
        EmailMessage::MeetupChanged {
            title: "Rencontre".into(),
            when: when(),
            cancelled: true,
            meetup_id: 1,
            place: "Lyon".into(),
            event: None,
        },
        EmailMessage::MeetupPromoted {
            title: "Rencontre".into(),
            when: when(),
            place: "Lyon".into(),
            meetup_id: 1,
            event: None,
        },
        EmailMessage::ReviewPosted {
            project: "Compost".into(),
            slug: "compost".into(),
            mentor: "Léa".into(),
            strengths: "Une équipe **soudée**.".into(),
            recommendations: "- Tester avec [les habitants](/projects/compost)".into(),
        },
        EmailMessage::ReviewRequested {
            project: "Compost".into(),
            slug: "compost".into(),
            requested_by: "Ana".into(),
            question: "Et **maintenant** ?".into(),
        },
        EmailMessage::MilestoneDue {
            project: "Compost".into(),
            slug: "compost".into(),
            milestone: "Bacs".into(),
            due_on: day.clone(),
            overdue: false,
        },
        EmailMessage::ReviewDue {
            project: "Compost".into(),
            slug: "compost".into(),
            overdue: true,
            question: None,
        },
        EmailMessage::QuietProject {
            project: "Compost".into(),
            slug: "compost".into(),
        },
        EmailMessage::Digest {
            period: Period::Days {
                from: at.date_naive(),
                until: at.date_naive(),
            },
            items: vec![DigestItem {
                kind: relais_domain::email_message::DigestKind::Update,
                project: "Compost".into(),
                text: "**Bien** avancé.".into(),
                path: "/projects/compost".into(),
            }],
            next_meetup: Some(("Rencontre".into(), when(), 1)),
        },
        EmailMessage::Announcement {
            subject: "Nouvelles".into(),
            body: "Bonjour à **toutes et tous**.".into(),
            from: Some("Lyon".into()),
        },
        EmailMessage::CheckIn {
            project: "Compost".into(),
            month: "2026-12".into(),
            token: token(),
        },
        EmailMessage::Relation(RelationEmail::Request {
            from: "Camille".into(),
            from_team: false,
            need: need(),
            message: "Je peux aider.".into(),
            token: token(),
        }),
        EmailMessage::Relation(RelationEmail::Declined {
            need: need(),
            reader_is_team: false,
        }),
        EmailMessage::Relation(RelationEmail::Expired { need: need() }),
        EmailMessage::Relation(RelationEmail::Closed {
            need: need(),
            filled: true,
        }),
        EmailMessage::Relation(RelationEmail::FollowUp {
            other_name: "Camille".into(),
            need: need(),
            token: token(),
        }),
        // Account emails, and the one giving an address both sides agreed to.
        EmailMessage::Relation(RelationEmail::Accepted {
            other_name: "Camille".into(),
            other_email: "camille@example.org".into(),
            need: need(),
            reader_is_team: false,
        }),
        EmailMessage::Activation {
            name: "Ana".into(),
            token: token(),
        },
        EmailMessage::AccountExists { name: "Ana".into() },
        EmailMessage::PasswordReset {
            name: "Ana".into(),
            token: token(),
        },
        EmailMessage::SetPassword {
            name: "Ana".into(),
            token: token(),
        },
        EmailMessage::Invitation {
            inviter: "Luc".into(),
            city: Some("Lyon".into()),
            token: token(),
        },
        EmailMessage::ProjectInvitation {
            inviter: "Luc".into(),
            project: "Compost".into(),
            token: token(),
        },
    ];
    for (ended, to_mentor) in [(false, true), (false, false), (true, true), (true, false)] {
        all.push(EmailMessage::MentorChanged {
            project: "Compost".into(),
            slug: "compost".into(),
            mentor: "Léa".into(),
            ended,
            to_mentor,
        });
    }
    all
}

#[tokio::test]
async fn every_optional_email_ends_with_a_link_that_stops_exactly_its_category() {
    use relais_domain::email_preference::Category;
    use relais_domain::entities::email_preference as pref;
    let app = TestApp::spawn().await;
    let ana = app
        .create_account("ana@example.org", "Ana", Role::Member, None)
        .await;
    let kinds = every_kind();
    let covered: HashSet<Category> = kinds.iter().filter_map(Category::of).collect();
    assert_eq!(
        covered.len(),
        Category::ALL.len(),
        "a sample of every category"
    );
    for (i, message) in kinds.iter().enumerate() {
        outbox::enqueue(
            &app.ctx.db,
            NewEmail {
                idempotency_key: format!("kind:{i}"),
                to: "ana@example.org",
                user_id: Some(ana),
                language: relais_domain::Language::Fr,
                message,
            },
            app.ctx.now(),
        )
        .await
        .expect("enqueue");
    }
    let server = SmtpServer::start().await;
    let report = deliver::run(&over_smtp(&app, &server.url(), "w1"), app.ctx.now())
        .await
        .expect("deliver");
    assert_eq!(report.sent, kinds.len());
    let received = server.received();
    let link = regex::Regex::new(&format!(
        r"{}/unsubscribe/([A-Za-z0-9_-]{{43}})/([a-z]+)",
        regex::escape(&app.base_url)
    ))
    .expect("pattern");
    let anyone = reqwest::Client::new();
    let mut links = Vec::new();
    for (i, message) in kinds.iter().enumerate() {
        let id = relais_scheduler::mailer::message_id(&format!("kind:{i}"), &app.jobs.base_url);
        let mail = received
            .iter()
            .find(|m| m.header("Message-ID").as_deref() == Some(id.as_str()))
            .unwrap_or_else(|| panic!("no {}", message.kind()));
        let text = relais_tests::mime_part(&mail.data, "text/plain");
        let html = relais_tests::mime_part(&mail.data, "text/html");
        let Some(category) = Category::of(message) else {
            assert!(
                !text.contains("/unsubscribe/") && !html.contains("/unsubscribe/"),
                "{} is an account email:\n{text}",
                message.kind()
            );
            assert!(mail.header("List-Unsubscribe").is_none());
            continue;
        };
        let found = link
            .captures(&text)
            .unwrap_or_else(|| panic!("no unsubscribe link in {}:\n{text}", message.kind()));
        let url = found[0].to_owned();
        assert_eq!(&found[2], category.code(), "{}", message.kind());
        assert!(
            html.contains(&format!(r#"href="{url}""#)),
            "{}:\n{html}",
            message.kind()
        );
        assert!(
            text.contains(&format!("{}/profile#emails", app.base_url)),
            "{}",
            message.kind()
        );
        assert_eq!(
            mail.header("List-Unsubscribe"),
            Some(format!("<{url}>")),
            "the header and the body give the same link"
        );
        assert!(
            !text.contains("**") && !html.contains("**"),
            "{}:\n{text}",
            message.kind()
        );
        links.push((message.kind(), category, url, found[1].to_owned()));
    }
    let off = || async {
        pref::Entity::find()
            .filter(pref::Column::UserId.eq(ana))
            .filter(pref::Column::Enabled.eq(false))
            .all(&app.ctx.db)
            .await
            .expect("preferences")
            .into_iter()
            .map(|p| p.category)
            .collect::<Vec<_>>()
    };
    for (kind, category, url, token) in links {
        // The link leads to a page with one button, which posts back to it.
        let page = anyone.get(&url).send().await.expect("page");
        assert_eq!(page.status(), reqwest::StatusCode::OK, "{kind}");
        let page = page.text().await.expect("page");
        let path = url.trim_start_matches(&app.base_url);
        assert!(
            page.contains(&format!(r#"action="{path}""#)),
            "{kind}:\n{page}"
        );
        // The same secret does not stop another category.
        let other = Category::ALL
            .into_iter()
            .find(|c| *c != category)
            .expect("another category");
        let forged = anyone
            .post(format!(
                "{}/unsubscribe/{token}/{}",
                app.base_url,
                other.code()
            ))
            .send()
            .await
            .expect("forged");
        assert_eq!(forged.status(), reqwest::StatusCode::NOT_FOUND, "{kind}");
        assert!(off().await.is_empty(), "{kind}");
        let done = anyone
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("unsubscribe");
        assert_eq!(done.status(), reqwest::StatusCode::OK, "{kind}");
        assert_eq!(off().await, vec![category], "{kind}");
        pref::Entity::delete_many()
            .filter(pref::Column::UserId.eq(ana))
            .exec(&app.ctx.db)
            .await
            .expect("back on");
    }
    // Once sent, the outbox keeps no working link.
    let rows = email_outbox::Entity::find()
        .all(&app.ctx.db)
        .await
        .expect("rows");
    assert!(rows.iter().all(|r| r.unsubscribe.is_none()));
    assert!(
        rows.iter()
            .filter_map(|r| r.body_text.as_deref())
            .all(|b| !link.is_match(b)),
        "stored bodies hold no working link"
    );
}

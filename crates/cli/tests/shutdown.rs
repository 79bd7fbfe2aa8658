//! `relais serve`'s background work as an operator meets it: planning at
//! start-up, and stopping: on SIGTERM it claims no more emails, lets those
//! on the wire finish (or gives them back once the grace period is over)
//! and exits with status 0; an instance that cannot bind its port starts
//! no background work at all.

use relais_domain::email_message::EmailKind;
use relais_domain::entities::{email_outbox, job_run};
use relais_domain::outbox::State;
use relais_domain::sea_orm::{DatabaseConnection, EntityTrait};
use relais_tests::outbox::queue_invitations;
use relais_tests::process::{Relais, healthy, relais};
use relais_tests::smtp::SmtpServer;
use relais_tests::{TestDb, free_address};
use std::process::Stdio;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_relais");

/// `relais` with `args` (`serve`…) on `bind` over `db`, with `env` added.
fn start(
    db: &TestDb,
    dir: &std::path::Path,
    args: &[&str],
    bind: &str,
    env: &[(&str, &str)],
) -> Relais {
    let mut cmd = relais(BIN, args, dir);
    cmd.env("RELAIS_DATABASE_URL", &db.url)
        .env("RELAIS_BIND", bind)
        .env("RELAIS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    Relais::spawn(&mut cmd)
}

async fn wait_until_listening(bind: &str) {
    assert!(
        healthy(&format!("http://{bind}")).await,
        "relais did not start on {bind}"
    );
}

/// Queues `n` invitations to `member{i}@example.org`.
async fn queue(db: &DatabaseConnection, n: usize) {
    let emails: Vec<(String, String)> = (0..n)
        .map(|i| (format!("sigterm:{i}"), format!("member{i}@example.org")))
        .collect();
    queue_invitations(db, &emails, chrono::Utc::now())
        .await
        .expect("enqueue");
}

async fn wait_on_the_wire(server: &SmtpServer, n: usize) {
    assert!(
        server.wait_on_the_wire(n, Duration::from_secs(10)).await,
        "never {n} emails on the wire"
    );
}

async fn outbox_rows(db: &DatabaseConnection) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().all(db).await.expect("outbox")
}

#[tokio::test]
async fn sigterm_lets_the_emails_on_the_wire_finish_and_exits_0_and_the_next_instance_sends_the_rest()
 {
    let db = TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    queue(&conn, 20).await;
    let server = SmtpServer::start_slow(Duration::from_millis(1500)).await;
    let dir = tempfile::tempdir().expect("dir");
    let bind = free_address();
    let env = [
        ("RELAIS_SMTP_URL", server.url()),
        ("RELAIS_DELIVERY_IN_FLIGHT", "4".to_owned()),
        ("RELAIS_SCHEDULE_DELIVERY", "* * * * * *".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut first = start(&db, dir.path(), &["serve"], &bind, &env);
    wait_until_listening(&bind).await;
    wait_on_the_wire(&server, 4).await;
    assert_eq!(server.received().len(), 0, "mid-delivery");
    first.terminate();
    let status = first.exit(Duration::from_secs(20)).await;
    assert!(status.success(), "exit status {status:?}");
    let delivered = server.received().len();
    assert!(
        (4..20).contains(&delivered),
        "those on the wire finished, nothing more was claimed: {delivered}"
    );
    let rows = outbox_rows(&conn).await;
    assert_eq!(
        rows.iter().filter(|r| r.state == State::Sent).count(),
        delivered
    );
    assert!(
        rows.iter()
            .filter(|r| r.state != State::Sent)
            .all(|r| r.state == State::Pending && r.locked_by.is_none()),
        "nothing left claimed"
    );

    // The next instance sends the rest, once each.
    server.set_delay(Duration::ZERO);
    let mut second = start(&db, dir.path(), &["serve"], &bind, &env);
    wait_until_listening(&bind).await;
    assert_eq!(server.wait_for(20, Duration::from_secs(30)).await, 20);
    second.terminate();
    assert!(second.exit(Duration::from_secs(20)).await.success());
    assert_eq!(server.received().len(), 20);
    assert_eq!(server.duplicates(), 0, "each email delivered once");
    assert!(
        outbox_rows(&conn)
            .await
            .iter()
            .all(|r| r.state == State::Sent)
    );
}

#[tokio::test]
async fn sigterm_past_the_grace_period_gives_the_emails_on_the_wire_back_and_exits_0() {
    let db = TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    queue(&conn, 6).await;
    let server = SmtpServer::start_slow(Duration::from_secs(60)).await;
    let dir = tempfile::tempdir().expect("dir");
    let bind = free_address();
    let url = server.url();
    let env = [
        ("RELAIS_SMTP_URL", url.as_str()),
        ("RELAIS_DELIVERY_IN_FLIGHT", "3"),
        ("RELAIS_SHUTDOWN_GRACE", "1"),
        ("RELAIS_SCHEDULE_DELIVERY", "* * * * * *"),
    ];
    let mut serve = start(&db, dir.path(), &["serve"], &bind, &env);
    wait_until_listening(&bind).await;
    wait_on_the_wire(&server, 3).await;
    serve.terminate();
    let status = serve.exit(Duration::from_secs(15)).await;
    assert!(status.success(), "exit status {status:?}");
    assert!(server.received().is_empty());
    let rows = outbox_rows(&conn).await;
    assert!(
        rows.iter()
            .all(|r| r.state == State::Pending && r.attempts == 0 && r.locked_by.is_none()),
        "given back unsent, not counted as an attempt"
    );
}

#[tokio::test]
async fn an_instance_that_cannot_bind_its_port_does_no_work_and_fails() {
    let db = TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    queue(&conn, 3).await;
    let server = SmtpServer::start().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let bind = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let url = server.url();
    let env = [
        ("RELAIS_SMTP_URL", url.as_str()),
        ("RELAIS_SCHEDULE_DELIVERY", "* * * * * *"),
    ];
    let mut serve = start(&db, dir.path(), &["serve"], &bind, &env);
    let status = serve.exit(Duration::from_secs(20)).await;
    assert!(!status.success());
    assert!(server.received().is_empty(), "no email sent");
    assert_eq!(server.connections(), 0);
    assert!(
        outbox_rows(&conn)
            .await
            .iter()
            .all(|r| r.state == State::Pending && r.attempts == 0)
    );
    assert!(
        job_run::Entity::find()
            .all(&conn)
            .await
            .expect("job runs")
            .is_empty(),
        "no planning ran"
    );
}

#[tokio::test]
async fn a_fresh_demo_plans_at_start_up_and_its_check_ins_arrive_within_a_minute() {
    let db = TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    let server = SmtpServer::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let bind = free_address();
    let url = server.url();
    let mut serve = start(
        &db,
        dir.path(),
        &["serve", "--demo"],
        &bind,
        &[("RELAIS_SMTP_URL", &url)],
    );
    wait_until_listening(&bind).await;
    // Monthly check-ins are due at any moment for live projects that have
    // not had this month's: the start-up planning queues them, delivery
    // sends them, all without waiting for the hourly slot.
    let mut check_ins = 0;
    for _ in 0..600 {
        check_ins = outbox_rows(&conn)
            .await
            .iter()
            .filter(|r| r.kind == EmailKind::CheckIn && r.state == State::Sent)
            .count();
        if check_ins > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(check_ins > 0, "no check-in sent within a minute");
    assert!(server.received().len() >= check_ins);
    serve.terminate();
    assert!(serve.exit(Duration::from_secs(40)).await.success());
    assert_eq!(server.duplicates(), 0);
}

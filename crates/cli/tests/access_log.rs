//! The access log of `relais serve` as an operator reads it: one line per
//! request naming the route's pattern, never a secret from the path, and
//! no line for health probes.

use relais_tests::TestDb;
use reqwest::StatusCode;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_relais");

#[tokio::test]
async fn the_access_log_names_routes_not_the_secrets_in_their_paths() {
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let log_path = dir.path().join("relais.log");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let mut child = Command::new(BIN)
        .args(["serve", "--no-scheduler"])
        .current_dir(dir.path())
        .env("RELAIS_DATABASE_URL", &db.url)
        .env("RELAIS_BIND", format!("127.0.0.1:{port}"))
        .env("RELAIS_LOG", "info")
        .env_remove("RELAIS_CONFIG")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).expect("log file"))
        .spawn()
        .expect("start relais");
    let base = format!("http://127.0.0.1:{port}");
    let mut up = false;
    for _ in 0..100 {
        if reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let secret = "Zq3secretTOKENvalue0123456789abcdefXYZ";
    let mut statuses = Vec::new();
    if up {
        for path in [
            format!("/calendar/{secret}.ics"),
            format!("/activate/{secret}"),
            format!("/password/reset/{secret}"),
            format!("/no-such-page/{secret}"),
            "/healthz".to_owned(),
        ] {
            let status = reqwest::get(format!("{base}{path}"))
                .await
                .map(|r| r.status());
            statuses.push((path, status.ok()));
        }
    }
    // Let the last lines reach the file, then stop the server.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(&log_path).expect("log");
    assert!(up, "relais did not start:\n{log}");
    assert!(statuses.iter().all(|(_, s)| s.is_some()), "{statuses:?}");

    assert!(!log.contains(secret), "a secret reached the log:\n{log}");
    assert!(log.contains("/calendar/{file}"), "{log}");
    assert!(log.contains("/activate/{token}"), "{log}");
    assert!(log.contains("(no route)"), "{log}");
    assert!(!log.contains("/healthz"), "{log}");
}

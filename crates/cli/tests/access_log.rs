//! The access log of `relais serve` as an operator reads it: one line per
//! request naming the route's pattern, never a secret from the path, and
//! no line for health probes.

use relais_tests::process::{Relais, healthy, relais};
use relais_tests::{TestDb, free_address};
use std::process::Stdio;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_relais");

#[tokio::test]
async fn the_access_log_names_routes_not_the_secrets_in_their_paths() {
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let log_path = dir.path().join("relais.log");
    let bind = free_address();
    let server = Relais::spawn(
        relais(BIN, &["serve", "--no-scheduler"], dir.path())
            .env("RELAIS_DATABASE_URL", &db.url)
            .env("RELAIS_BIND", &bind)
            .env("RELAIS_LOG", "info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log_path).expect("log file")),
    );
    let base = format!("http://{bind}");
    let up = healthy(&base).await;
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
    drop(server);
    let log = std::fs::read_to_string(&log_path).expect("log");
    assert!(up, "relais did not start:\n{log}");
    assert!(statuses.iter().all(|(_, s)| s.is_some()), "{statuses:?}");

    assert!(!log.contains(secret), "a secret reached the log:\n{log}");
    assert!(log.contains("/calendar/{file}"), "{log}");
    assert!(log.contains("/activate/{token}"), "{log}");
    assert!(log.contains("(no route)"), "{log}");
    assert!(!log.contains("/healthz"), "{log}");
}

//! `/metrics` as an operator's scraper reads it from `relais serve`: on
//! the metrics address only, in Prometheus' text format, requests by
//! route pattern (never a secret from a path), the outbox by state, the
//! delivery's successes and failures, and the scheduled jobs' runs.

use relais_domain::sea_orm::DatabaseConnection;
use relais_tests::outbox::queue_invitations;
use relais_tests::process::{Relais, healthy, relais};
use relais_tests::smtp::SmtpServer;
use relais_tests::{TestDb, free_address};
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_relais");

/// Three emails: one the server accepts, one it refuses for good, one it
/// asks to try again later.
async fn queue(db: &DatabaseConnection) {
    let emails: Vec<(String, String)> = ["accepted", "refused", "deferred"]
        .into_iter()
        .map(|to| {
            (
                format!("metrics:{to}@example.org"),
                format!("{to}@example.org"),
            )
        })
        .collect();
    queue_invitations(db, &emails, chrono::Utc::now())
        .await
        .expect("enqueue");
}

/// One sample of the text format: its metric's name and labels.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// The samples of a scrape (comment lines left out). Label values here
/// hold no escaped quote or comma.
fn samples(text: &str) -> Vec<Sample> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').expect("value");
            let (name, labels) = match series.split_once('{') {
                Some((name, rest)) => (name, rest.trim_end_matches('}')),
                None => (series, ""),
            };
            let labels = labels
                .split("\",")
                .filter(|l| !l.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once("=\"").expect("label");
                    (k.to_owned(), v.trim_end_matches('"').to_owned())
                })
                .collect();
            Sample {
                name: name.to_owned(),
                labels,
                value: value.parse().expect("number"),
            }
        })
        .collect()
}

/// The value of the series `name` whose labels include `labels`, if any.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).is_some_and(|x| x == v))
        })
        .map(|s| s.value)
}

async fn scrape(address: &str) -> (StatusCode, Option<String>, String) {
    let response = reqwest::get(format!("http://{address}/metrics"))
        .await
        .expect("scrape");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, kind, response.text().await.expect("body"))
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_the_outbox_by_state_deliveries_and_job_runs() {
    let db = TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    queue(&conn).await;
    let server = SmtpServer::start().await;
    server.refuse("refused@example.org");
    server.defer("deferred@example.org");
    let dir = tempfile::tempdir().expect("dir");
    let bind = free_address();
    let metrics = free_address();
    let _serve = Relais::spawn(
        relais(BIN, &["serve"], dir.path())
            .env("RELAIS_DATABASE_URL", &db.url)
            .env("RELAIS_BIND", &bind)
            .env("RELAIS_METRICS_ADDR", &metrics)
            .env("RELAIS_SMTP_URL", server.url())
            .env("RELAIS_SCHEDULE_DELIVERY", "* * * * * *")
            .env("RELAIS_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    let site = format!("http://{bind}");
    assert!(healthy(&site).await, "relais did not start on {bind}");

    let secret = "Zq3secretTOKENvalue0123456789abcdefXYZ";
    let client = reqwest::Client::new();
    for path in [
        "/".to_owned(),
        "/".to_owned(),
        format!("/calendar/{secret}.ics"),
        format!("/activate/{secret}"),
        format!("/no-such-page/{secret}"),
    ] {
        client
            .get(format!("{site}{path}"))
            .send()
            .await
            .expect("request");
    }
    assert_eq!(
        client
            .get(format!("{site}/metrics"))
            .send()
            .await
            .expect("request")
            .status(),
        StatusCode::NOT_FOUND,
        "no metrics on the site's address"
    );

    // One email accepted, one refused for good, one put back for later.
    assert_eq!(server.wait_for(1, Duration::from_secs(30)).await, 1);
    let mut text = String::new();
    for _ in 0..200 {
        let (status, kind, body) = scrape(&metrics).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            kind.as_deref(),
            Some("text/plain; version=0.0.4; charset=utf-8")
        );
        let s = samples(&body);
        text = body;
        let settled = value(
            &s,
            "relais_delivery_failures_total",
            &[("outcome", "failed")],
        ) == Some(1.0)
            && value(
                &s,
                "relais_delivery_failures_total",
                &[("outcome", "retried")],
            ) == Some(1.0);
        if settled {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let s = samples(&text);
    let get = |name: &str, labels: &[(&str, &str)]| {
        value(&s, name, labels).unwrap_or_else(|| panic!("no {name} {labels:?} in:\n{text}"))
    };

    assert!(!text.contains(secret), "a secret in the metrics:\n{text}");
    let requests = "relais_http_requests_total";
    assert_eq!(
        get(
            requests,
            &[("method", "GET"), ("route", "/"), ("status", "200")]
        ),
        2.0
    );
    assert_eq!(
        get(
            requests,
            &[("method", "GET"), ("route", "/calendar/{file}")]
        ),
        1.0
    );
    assert_eq!(
        get(
            requests,
            &[("method", "GET"), ("route", "/activate/{token}")]
        ),
        1.0
    );
    assert_eq!(
        get(
            requests,
            &[
                ("method", "GET"),
                ("route", "(no route)"),
                ("status", "404")
            ]
        ),
        2.0,
        "the unknown page and /metrics on the site"
    );
    assert_eq!(
        value(&s, requests, &[("route", "/healthz")]),
        None,
        "probes are not counted"
    );
    let duration = "relais_http_request_duration_seconds";
    assert_eq!(
        get(
            &format!("{duration}_bucket"),
            &[("method", "GET"), ("route", "/"), ("le", "+Inf")]
        ),
        2.0
    );
    assert_eq!(
        get(
            &format!("{duration}_count"),
            &[("method", "GET"), ("route", "/")]
        ),
        2.0
    );
    assert!(get(&format!("{duration}_sum"), &[("route", "/")]) > 0.0);

    let outbox = "relais_outbox_emails";
    assert_eq!(get(outbox, &[("state", "sent")]), 1.0);
    assert_eq!(get(outbox, &[("state", "failed")]), 1.0);
    assert_eq!(
        get(outbox, &[("state", "pending")]),
        1.0,
        "the deferred one"
    );
    assert_eq!(get(outbox, &[("state", "sending")]), 0.0);

    assert_eq!(get("relais_emails_delivered_total", &[]), 1.0);
    assert_eq!(
        get("relais_delivery_failures_total", &[("outcome", "failed")]),
        1.0
    );
    assert_eq!(
        get("relais_delivery_failures_total", &[("outcome", "retried")]),
        1.0
    );

    assert!(
        get(
            "relais_job_runs_total",
            &[("job", "delivery"), ("outcome", "ok")]
        ) >= 1.0
    );
    assert!(get("relais_job_duration_seconds_count", &[("job", "delivery")]) >= 1.0);
    assert!(
        get(
            "relais_job_duration_seconds_bucket",
            &[("job", "delivery"), ("le", "+Inf")]
        ) >= 1.0
    );
    for name in [
        requests,
        duration,
        outbox,
        "relais_emails_delivered_total",
        "relais_delivery_failures_total",
        "relais_job_runs_total",
        "relais_job_duration_seconds",
    ] {
        assert!(
            text.contains(&format!("# HELP {name} ")),
            "{name} is described:\n{text}"
        );
    }
}

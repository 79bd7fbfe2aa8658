//! `/metrics` in Prometheus' text format, on its own address
//! (`RELAIS_METRICS_ADDR`), never on the site's: the figures are for the
//! operator's scraper, and nothing there is reachable from the public
//! address. The requests, jobs and deliveries are counted where they
//! happen (`relais_web::request_metrics`, `relais_scheduler`); the outbox's
//! depth is read from the database at each scrape, with one grouped query.

use anyhow::Context as _;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use relais_domain::outbox;
use relais_domain::sea_orm::DatabaseConnection;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Outbox rows by state, as read at the scrape.
pub const OUTBOX: &str = "relais_outbox_emails";

/// Histogram buckets in seconds, from a page answered from memory to a
/// delivery run against a slow mail server.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0,
];

/// How often histogram samples are folded into their buckets between
/// scrapes (the exporter leaves it to its caller).
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The process' one recorder: metrics are recorded through a global.
static RECORDER: Mutex<Option<PrometheusHandle>> = Mutex::new(None);

/// Installs the Prometheus recorder (once per process) and describes
/// every metric; returns what renders them.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    let mut installed = RECORDER.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(handle) = installed.as_ref() {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets(BUCKETS)
        .context("metrics buckets")?
        .install_recorder()
        .context("installing the metrics recorder")?;
    relais_web::request_metrics::describe();
    relais_scheduler::describe_metrics();
    metrics::describe_gauge!(
        OUTBOX,
        "outbox rows by state (pending, sending, sent, failed), read from the database at each scrape: the same on every instance"
    );
    *installed = Some(handle.clone());
    Ok(handle)
}

/// Folds histogram samples into their buckets every few seconds, for as
/// long as the process runs.
pub fn keep_up(handle: PrometheusHandle) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP_EVERY);
        loop {
            every.tick().await;
            handle.run_upkeep();
        }
    });
}

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    db: DatabaseConnection,
}

/// The metrics address' one route, `GET /metrics`.
pub fn router(handle: PrometheusHandle, db: DatabaseConnection) -> axum::Router {
    axum::Router::new()
        .route("/metrics", get(scrape))
        .with_state(Scrape { handle, db })
}

async fn scrape(State(scrape): State<Scrape>) -> Response {
    match outbox::depth(&scrape.db).await {
        Ok(depth) => {
            for (state, rows) in depth {
                // Precision lost only past 2^53 rows.
                #[allow(clippy::cast_precision_loss)]
                metrics::gauge!(OUTBOX, "state" => state.code()).set(rows as f64);
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "metrics: reading the outbox");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        scrape.handle.render(),
    )
        .into_response()
}

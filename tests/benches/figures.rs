//! How fast the programme's figures answer with 10,000 projects.
//!
//! Run with `cargo bench -p relais-tests --bench figures`. With
//! `RELAIS_BENCH_KEEP=/tmp/figures.db` the seeded SQLite file is kept there
//! (`VACUUM INTO`), to read query plans with `EXPLAIN QUERY PLAN`.

use chrono::Utc;
use relais_domain::figures::{continuity, scope};
use relais_tests::bulk::{keep_if_asked, seeded, whole_second};
use std::time::Instant;

#[tokio::main]
async fn main() {
    let now = whole_second(Utc::now());
    let (_db, conn, _plan) = seeded(now).await;
    keep_if_asked(&conn).await;
    let scope = scope::public(&conn, None, None, chrono_tz::Europe::Paris)
        .await
        .expect("scope");
    let mut timings = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let c = continuity::of_scope(&conn, &scope, now)
            .await
            .expect("continuity");
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(c.len(), 1);
    }
    println!(
        "continuity, first (fixes the months over) {:.1} ms",
        timings[0]
    );
    timings.sort_by(f64::total_cmp);
    println!("continuity median {:.1} ms", timings[timings.len() / 2]);
}

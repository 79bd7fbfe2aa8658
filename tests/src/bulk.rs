//! Ten thousand projects, for the benchmarks and the statement and plan
//! checks: the programme of `relais_domain::scale` written into a fresh
//! test database, then the real application in-process, and a plain
//! client to time it.

pub use relais_domain::scale::*;

use chrono::{DateTime, Utc};
use relais_domain::Context;
use relais_domain::clock::FixedClock;
use relais_domain::sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Untimed requests per page first, so that the figures do not include
/// opening database connections or filling caches.
pub const WARM_UP: usize = 5;

/// The visible project with the longest public journal: the heaviest
/// project page, feed and API answer.
pub fn busiest_project(plan: &Plan) -> &ProjectPlan {
    plan.projects
        .iter()
        .filter(|p| p.is_visible())
        .max_by_key(|p| (p.public_updates, -p.id))
        .expect("a visible project")
}

/// A fresh SQLite database (or PostgreSQL, as the tests choose) filled
/// with the plan for `now`; prints where it is and how long seeding took.
pub async fn seeded(now: DateTime<Utc>) -> (crate::TestDb, DatabaseConnection, Plan) {
    seeded_sized(now, PROJECTS).await
}

/// As `seeded`, with `projects` projects.
pub async fn seeded_sized(
    now: DateTime<Utc>,
    projects: i32,
) -> (crate::TestDb, DatabaseConnection, Plan) {
    let db = crate::TestDb::create().await;
    let conn = db.connect_and_migrate().await;
    println!("database: {}", db.url);
    let started = Instant::now();
    let (plan, counts) = seed_sized(&conn, now, projects).await.expect("seeding");
    let counts: Vec<String> = counts
        .iter()
        .map(|(table, n)| format!("{n} {table}"))
        .collect();
    println!("rows: {}", counts.join(", "));
    println!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    (db, conn, plan)
}

/// Copies the seeded SQLite database to the file `RELAIS_BENCH_KEEP`
/// names, if it names one, to look at it after the run.
pub async fn keep_if_asked(conn: &DatabaseConnection) {
    use sea_orm::ConnectionTrait;
    if let Ok(path) = std::env::var("RELAIS_BENCH_KEEP") {
        let _ = std::fs::remove_file(&path);
        conn.execute_unprepared(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
            .await
            .expect("vacuum into");
        println!("kept in {path}");
    }
}

/// Adds the accounts `relais seed --scale` makes who can log in (seeded
/// accounts have no password): see [`Who`].
pub async fn add_log_ins(conn: &DatabaseConnection, plan: &Plan, now: DateTime<Utc>) {
    let ctx = Context::new(conn.clone(), Arc::new(FixedClock::new(now)));
    relais_cli::seed::scale_log_ins(&ctx, plan)
        .await
        .expect("accounts that log in");
}

/// Who asks for a page of the scaled programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Not logged in.
    Visitor,
    /// The programme's coordinator.
    Coordinator,
    /// A member of the teams of the busiest projects.
    Member,
    /// The mentor of the busiest mentor's projects.
    Mentor,
}

impl Who {
    /// Everyone, in order.
    pub const ALL: [Who; 4] = [Who::Visitor, Who::Coordinator, Who::Member, Who::Mentor];

    /// A client of `base_url`, logged in as this one.
    pub async fn client(self, base_url: &str) -> crate::Client {
        use relais_cli::seed::{DEMO_PASSWORD, SCALE_COORDINATOR, SCALE_MEMBER, SCALE_MENTOR};
        let client = crate::Client::new(base_url);
        let email = match self {
            Who::Visitor => return client,
            Who::Coordinator => SCALE_COORDINATOR,
            Who::Member => SCALE_MEMBER,
            Who::Mentor => SCALE_MENTOR,
        };
        client.log_in(email, DEMO_PASSWORD).await;
        client
    }
}

/// Starts the application as `TestApp::spawn_at` does; returns its base URL.
pub async fn serve(conn: DatabaseConnection, now: DateTime<Utc>) -> String {
    let ctx = Context::new(conn, Arc::new(FixedClock::new(now)));
    crate::start_server(ctx, |config| config).await.0
}

/// What timing one page gave.
pub struct Measured {
    /// How long each request took.
    pub timings: Vec<Duration>,
    /// Body bytes received in all: a page that got much smaller than usual
    /// would mean it is not showing what it should.
    pub bytes: usize,
}

/// Requests every path in turn, after a few untimed ones.
pub async fn measure(client: &reqwest::Client, base_url: &str, paths: &[String]) -> Measured {
    for path in paths.iter().take(WARM_UP) {
        fetch(client, base_url, path).await;
    }
    let mut measured = Measured {
        timings: Vec::with_capacity(paths.len()),
        bytes: 0,
    };
    for path in paths {
        let started = Instant::now();
        measured.bytes += fetch(client, base_url, path).await;
        measured.timings.push(started.elapsed());
    }
    measured
}

/// One GET, body included; panics on anything but 200. Returns the size of
/// the body.
pub async fn fetch(client: &reqwest::Client, base_url: &str, path: &str) -> usize {
    let response = client
        .get(format!("{base_url}{path}"))
        .send()
        .await
        .expect("request");
    let status = response.status();
    let body = response.bytes().await.expect("response body");
    assert!(
        status == reqwest::StatusCode::OK,
        "GET {path} answered {status}:\n{}",
        String::from_utf8_lossy(&body)
    );
    body.len()
}

/// Latency figures for one page, in milliseconds.
pub struct Stats {
    pub requests: usize,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
    /// Mean body size, in KiB.
    pub kib: f64,
}

impl Stats {
    pub fn of(measured: Measured) -> Stats {
        let Measured { mut timings, bytes } = measured;
        timings.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        // Nearest-rank percentile: the smallest timing at least `p` of the
        // requests did not exceed.
        let percentile = |p: f64| {
            let rank = (p * timings.len() as f64).ceil() as usize;
            ms(timings[rank.clamp(1, timings.len()) - 1])
        };
        Stats {
            requests: timings.len(),
            median: percentile(0.5),
            p90: percentile(0.9),
            max: timings.last().copied().map_or(0.0, ms),
            kib: bytes as f64 / 1024.0 / Ord::max(timings.len(), 1) as f64,
        }
    }
}

//! How fast the public gallery and a project page answer once the programme
//! has been running for years.
//!
//! The target comes from the issue: "the gallery and project pages answer in
//! under 50 ms at the median with 10,000 projects and 100,000 updates in
//! SQLite". This benchmark builds exactly that: a fresh SQLite file with one
//! edition in five cities, 1,000 accounts, 10,000 projects (a few private or
//! archived) with their teams, stage history and milestones, and 100,000
//! journal entries written over two years. It then starts the real
//! application in-process, the way the end-to-end tests do, and times real
//! HTTP requests from a plain client:
//!
//! * the gallery's first page, what most visitors see;
//! * a text search with a theme filter ("ecole", which the search index
//!   matches to "Ecole", "école" and "écoles" alike);
//! * a deep page sorted by name, which pays for its offset;
//! * the pages of the projects with the longest journals, the worst case of
//!   the project page (it shows up to 100 entries);
//! * the open API's `/api/v1/projects` (issue 15): its first page, a city
//!   and a search, a deep page of 100 by name, and the busiest projects;
//! * the library of explainer videos (about 3,600 of them): its first page,
//!   a city and theme filter, a deep page, and its Atom feed.
//!
//! Requests are sent one after the other, so the figures are the latencies
//! of a quiet server, from sending the request to reading the last byte of
//! the body. Nothing is asserted about time, since machines are shared and
//! noisy: the figures are printed, with a last line comparing the medians to
//! the target. A page that does not answer 200 stops the run, because timing
//! an error page would mean nothing.
//!
//! Run with `cargo bench -p relais-tests --bench pages`.

use chrono::Utc;
use relais_domain::gallery::{self, Filter};
use relais_domain::sea_orm::DatabaseConnection;
use relais_domain::theme::Theme;
use relais_tests::bulk::{Plan, ProjectPlan, Stats, measure, seeded, serve, whole_second};

/// Requests timed per page.
const REQUESTS: usize = 200;
/// The target for the median, in milliseconds.
const TARGET_MS: f64 = 50.0;

#[tokio::main]
async fn main() {
    let now = whole_second(Utc::now());
    let (_db, conn, plan) = seeded(now).await;
    describe_search(&conn).await;

    let base_url = serve(conn, now).await;
    let client = reqwest::Client::new();
    let mut results = Vec::new();
    for scenario in scenarios(&plan) {
        let measured = measure(&client, &base_url, &scenario.paths).await;
        results.push((scenario.label, Stats::of(measured)));
    }
    report(&results);
}

/// Prints how many projects the timed search finds, so that it is clear
/// the search page has results to show.
async fn describe_search(conn: &DatabaseConnection) {
    let filter = Filter {
        text: "ecole".to_owned(),
        theme: Some(Theme::Educational),
        ..Filter::default()
    };
    let page = gallery::search(conn, &filter)
        .await
        .expect("gallery search");
    println!(
        "search \"ecole\" + educational: {} projects, {} pages",
        page.total, page.pages
    );
}

// ---------------------------------------------------------------------------
// Serving and measuring.

/// A page to time, and the paths to request for it (one per request).
struct Scenario {
    label: &'static str,
    paths: Vec<String>,
}

fn scenarios(plan: &Plan) -> Vec<Scenario> {
    let repeat = |path: &str| vec![path.to_owned(); REQUESTS];
    vec![
        Scenario {
            label: "gallery, first page",
            paths: repeat("/projects"),
        },
        Scenario {
            label: "gallery, search + theme",
            paths: repeat("/projects?q=ecole&theme=educational"),
        },
        Scenario {
            label: "gallery, page 200 by name",
            paths: repeat("/projects?page=200&sort=name"),
        },
        Scenario {
            label: "videos, first page",
            paths: repeat("/videos"),
        },
        Scenario {
            label: "videos, city + theme",
            paths: repeat("/videos?city=2&theme=social"),
        },
        Scenario {
            label: "videos, page 100",
            paths: repeat("/videos?page=100"),
        },
        Scenario {
            label: "videos, Atom feed",
            paths: repeat("/videos/feed.atom"),
        },
        Scenario {
            label: "API projects, first page",
            paths: repeat("/api/v1/projects"),
        },
        Scenario {
            label: "API projects, city + search",
            paths: repeat("/api/v1/projects?city=paris&q=ecole"),
        },
        Scenario {
            label: "API projects, 100 by name, p. 50",
            paths: repeat("/api/v1/projects?sort=name&per_page=100&page=50"),
        },
        Scenario {
            label: "API project",
            paths: busiest_projects(plan)
                .into_iter()
                .map(|slug| format!("/api/v1/projects/{slug}"))
                .collect(),
        },
        Scenario {
            label: "project page",
            paths: busiest_projects(plan)
                .into_iter()
                .map(|slug| format!("/projects/{slug}"))
                .collect(),
        },
    ]
}

/// Slugs of the visible projects with the longest public journals.
fn busiest_projects(plan: &Plan) -> Vec<&str> {
    let mut visible: Vec<&ProjectPlan> = plan.projects.iter().filter(|p| p.is_visible()).collect();
    visible.sort_by_key(|p| std::cmp::Reverse(p.public_updates));
    visible
        .iter()
        .take(REQUESTS)
        .map(|p| p.slug.as_str())
        .collect()
}

fn report(results: &[(&str, Stats)]) {
    println!();
    println!(
        "{:<28} {:>8} {:>10} {:>8} {:>8} {:>8}",
        "page", "requests", "median ms", "p90 ms", "max ms", "KiB"
    );
    for (label, s) in results {
        println!(
            "{label:<28} {:>8} {:>10.1} {:>8.1} {:>8.1} {:>8.0}",
            s.requests, s.median, s.p90, s.max, s.kib
        );
    }
    let median = |label: &str| {
        results
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(f64::INFINITY, |(_, s)| s.median)
    };
    let (gallery, project) = (median("gallery, first page"), median("project page"));
    let api = median("API projects, first page");
    let verdict = if gallery < TARGET_MS && project < TARGET_MS && api < TARGET_MS {
        "met"
    } else {
        "NOT met"
    };
    println!();
    println!(
        "target (median under {TARGET_MS} ms): {verdict} (gallery first page {gallery:.1} ms, project page {project:.1} ms, /api/v1/projects {api:.1} ms)"
    );
}

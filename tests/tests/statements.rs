//! Every page answers from a bounded number of SQL statements, however many
//! projects exist (issue 13): the same pages are requested over HTTP on a
//! programme of 50 projects and on one of 500 (seeded as the benchmarks
//! seed 10,000), counting the statements each request sends, and a page
//! whose count grows with the number of projects has a query in a loop.

use chrono::Utc;
use relais_tests::bulk::{
    COORDINATOR, Plan, add_coordinator, busiest_project, seeded_sized, serve, whole_second,
};
use relais_tests::{Client, PASSWORD};
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The pages counted: (label, path, as the coordinator).
fn pages(plan: &Plan) -> Vec<(&'static str, String, bool)> {
    let busy = busiest_project(plan);
    vec![
        ("home", "/".to_owned(), false),
        ("edition", "/editions/2024".to_owned(), false),
        ("gallery", "/projects".to_owned(), false),
        ("gallery by city", "/projects?city=2".to_owned(), false),
        (
            "gallery by name, page 2",
            "/projects?sort=title&page=2".to_owned(),
            false,
        ),
        ("project page", format!("/projects/{}", busy.slug), false),
        (
            "project feed",
            format!("/projects/{}/feed.atom", busy.slug),
            false,
        ),
        ("programme feed", "/feed.atom".to_owned(), false),
        ("meetups", "/meetups".to_owned(), false),
        ("videos", "/videos".to_owned(), false),
        ("api projects", "/api/v1/projects".to_owned(), false),
        (
            "api projects by city, page 2",
            "/api/v1/projects?city=paris&sort=name&page=2&per_page=3".to_owned(),
            false,
        ),
        (
            "api project",
            format!("/api/v1/projects/{}", busy.slug),
            false,
        ),
        (
            "api project journal",
            format!("/api/v1/projects/{}/journal", busy.slug),
            false,
        ),
        ("api meetups", "/api/v1/meetups".to_owned(), false),
        ("api editions", "/api/v1/editions".to_owned(), false),
        ("api cities", "/api/v1/cities".to_owned(), false),
        ("api document", "/api/openapi.json".to_owned(), false),
        ("open data page", "/open-data".to_owned(), false),
        (
            "open data package",
            "/open-data/2024/datapackage.json".to_owned(),
            false,
        ),
        ("admin", "/admin".to_owned(), true),
        ("quiet projects", "/admin/quiet?city=1".to_owned(), true),
        ("outbox", "/admin/outbox".to_owned(), true),
        ("dashboard", "/admin/figures".to_owned(), true),
        (
            "dashboard of a city",
            "/admin/figures?city=1".to_owned(),
            true,
        ),
        ("quarterly report", "/admin/figures/report".to_owned(), true),
        (
            "coordinator's project page",
            format!("/projects/{}", busy.slug),
            true,
        ),
    ]
}

/// Statements per page on a programme of `projects` projects.
async fn count(projects: i32) -> BTreeMap<&'static str, usize> {
    let now = whole_second(Utc::now());
    let (_db, mut conn, plan) = seeded_sized(now, projects).await;
    add_coordinator(&conn, now).await;
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    conn.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let base_url = serve(conn, now).await;
    let visitor = Client::new(&base_url);
    let coordinator = Client::new(&base_url);
    coordinator.log_in(COORDINATOR, PASSWORD).await;
    let mut counts = BTreeMap::new();
    for (label, path, logged_in) in pages(&plan) {
        let client = if logged_in { &coordinator } else { &visitor };
        // Once first, so that nothing counted is a one-time cost.
        client.get(&path).await;
        statements.store(0, Ordering::SeqCst);
        let page = client.get(&path).await;
        let sent = statements.load(Ordering::SeqCst);
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{label} ({path}): {}",
            page.body
        );
        println!("{projects} projects, {label}: {sent} statements");
        counts.insert(label, sent);
    }
    counts
}

#[tokio::test]
async fn statements_per_page_do_not_grow_with_the_projects() {
    let small = count(50).await;
    let large = count(500).await;
    for (label, sent) in &small {
        assert_eq!(
            large.get(label),
            Some(sent),
            "{label}: {sent} statements with 50 projects, {:?} with 500",
            large.get(label)
        );
        assert!(*sent <= 40, "{label}: {sent} statements");
    }
}

//! Every page answers from a bounded number of SQL statements, however many
//! projects exist (issue 13): the same pages are requested over HTTP on a
//! programme of 50 projects and on one of 500 (seeded as the benchmarks
//! seed 10,000), counting the statements each request sends, and a page
//! whose count grows with the number of projects has a query in a loop.

use chrono::Utc;
use relais_tests::bulk::{
    Plan, Who, add_log_ins, busiest_project, seeded_sized, serve, whole_second,
};
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The pages counted: (label, path, who asks).
fn pages(plan: &Plan) -> Vec<(&'static str, String, Who)> {
    let busy = busiest_project(plan);
    vec![
        ("home", "/".to_owned(), Who::Visitor),
        ("edition", "/editions/2024".to_owned(), Who::Visitor),
        ("gallery", "/projects".to_owned(), Who::Visitor),
        (
            "gallery by city",
            "/projects?city=2".to_owned(),
            Who::Visitor,
        ),
        (
            "gallery by name, page 2",
            "/projects?sort=title&page=2".to_owned(),
            Who::Visitor,
        ),
        (
            "project page",
            format!("/projects/{}", busy.slug),
            Who::Visitor,
        ),
        (
            "project feed",
            format!("/projects/{}/feed.atom", busy.slug),
            Who::Visitor,
        ),
        ("programme feed", "/feed.atom".to_owned(), Who::Visitor),
        ("meetups", "/meetups".to_owned(), Who::Visitor),
        ("videos", "/videos".to_owned(), Who::Visitor),
        ("api projects", "/api/v1/projects".to_owned(), Who::Visitor),
        (
            "api projects by city, page 2",
            "/api/v1/projects?city=paris&sort=name&page=2&per_page=3".to_owned(),
            Who::Visitor,
        ),
        (
            "api project",
            format!("/api/v1/projects/{}", busy.slug),
            Who::Visitor,
        ),
        (
            "api project journal",
            format!("/api/v1/projects/{}/journal", busy.slug),
            Who::Visitor,
        ),
        ("api meetups", "/api/v1/meetups".to_owned(), Who::Visitor),
        ("api editions", "/api/v1/editions".to_owned(), Who::Visitor),
        ("api cities", "/api/v1/cities".to_owned(), Who::Visitor),
        ("api document", "/api/openapi.json".to_owned(), Who::Visitor),
        ("open data page", "/open-data".to_owned(), Who::Visitor),
        (
            "open data package",
            "/open-data/2024/datapackage.json".to_owned(),
            Who::Visitor,
        ),
        ("admin", "/admin".to_owned(), Who::Coordinator),
        (
            "quiet projects",
            "/admin/quiet?city=1".to_owned(),
            Who::Coordinator,
        ),
        ("outbox", "/admin/outbox".to_owned(), Who::Coordinator),
        ("dashboard", "/admin/figures".to_owned(), Who::Coordinator),
        (
            "dashboard of a city",
            "/admin/figures?city=1".to_owned(),
            Who::Coordinator,
        ),
        (
            "quarterly report",
            "/admin/figures/report".to_owned(),
            Who::Coordinator,
        ),
        (
            "coordinator's project page",
            format!("/projects/{}", busy.slug),
            Who::Coordinator,
        ),
        (
            "coordinator's mentoring of a city",
            "/admin/mentoring?city=1".to_owned(),
            Who::Coordinator,
        ),
        ("member's dashboard", "/dashboard".to_owned(), Who::Member),
        (
            "team member's project page",
            format!("/projects/{}", busy.slug),
            Who::Member,
        ),
        ("mentor's dashboard", "/mentor".to_owned(), Who::Mentor),
    ]
}

/// Statements per page on a programme of `projects` projects.
async fn count(projects: i32) -> BTreeMap<&'static str, usize> {
    let now = whole_second(Utc::now());
    let (_db, mut conn, plan) = seeded_sized(now, projects).await;
    add_log_ins(&conn, &plan, now).await;
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    conn.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let base_url = serve(conn, now).await;
    let mut clients = Vec::new();
    for who in Who::ALL {
        clients.push(who.client(&base_url).await);
    }
    let mut counts = BTreeMap::new();
    for (label, path, who) in pages(&plan) {
        let client = &clients[who as usize];
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

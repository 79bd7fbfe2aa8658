//! The query plans of the pages (issue 13): on a seeded programme of 2,000
//! projects, with the planner's statistics gathered as production gathers
//! them (`ANALYZE`), every SELECT a page sends is explained — SQLite's
//! `EXPLAIN QUERY PLAN`, PostgreSQL's `EXPLAIN (FORMAT JSON)` — and the test
//! fails when one reads a big table whole or sorts many of its rows:
//!
//! * SQLite: `SCAN <table>` without an index on a big table; a temporary
//!   B-tree for ORDER BY or GROUP BY over rows found other than by one
//!   entity's key (a project's milestones may be sorted, the gallery not);
//! * PostgreSQL: a Seq Scan of a big table; a Sort over more than
//!   `SORT_ROWS` estimated rows.
//!
//! The statements are the ones the pages really send, caught on the
//! connection as the requests run, so a new query is checked as soon as a
//! page uses it.

use chrono::Utc;
use relais_domain::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use relais_tests::bulk::{
    Plan, Who, add_log_ins, busiest_project, seeded_sized, serve, whole_second,
};
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// Projects seeded: enough that reading a table whole costs what it would
/// at 10,000, quick enough for the suite.
const PROJECTS: i32 = 2_000;
/// A table with at least this many rows is big (the projects are; the
/// 1,000 accounts, which PostgreSQL rightly reads whole, are not).
const BIG_TABLE: i64 = 2_000;
/// PostgreSQL: a Sort over more estimated rows than this fails.
const SORT_ROWS: f64 = 500.0;

/// The pages explained: (path, as the coordinator).
fn pages(plan: &Plan, meeting: i32) -> Vec<(String, Who)> {
    let busy = busiest_project(plan);
    let mut pages: Vec<(String, Who)> = [
        "/",
        "/editions/2024",
        "/projects",
        "/projects?city=2",
        "/projects?stage=prototype",
        "/projects?sort=title",
        "/projects?sort=title&city=3",
        "/projects?page=40",
        "/projects?sort=title&page=40",
        "/feed.atom",
        "/meetups",
        "/meetups?city=1",
        "/cities/paris/meetups.ics",
        "/videos",
        "/videos?page=5",
        "/videos/feed.atom",
        "/needs",
        "/api/v1/projects",
        "/api/v1/projects?page=40",
        "/api/v1/projects?city=paris",
        "/api/v1/projects?stage=prototype",
        "/api/v1/meetups",
        "/api/v1/meetups?city=paris",
        "/api/v1/editions",
        "/api/v1/cities",
    ]
    .into_iter()
    .map(|p| (p.to_owned(), Who::Visitor))
    .collect();
    for path in [
        format!("/projects/{}", busy.slug),
        format!("/projects/{}/feed.atom", busy.slug),
        format!("/api/v1/projects/{}", busy.slug),
        format!("/api/v1/projects/{}/journal", busy.slug),
        format!("/api/v1/meetups/{meeting}"),
        format!("/meetups/{meeting}"),
    ] {
        pages.push((path, Who::Visitor));
    }
    for path in [
        "/admin".to_owned(),
        "/admin/quiet?city=1".to_owned(),
        "/admin/outbox".to_owned(),
        "/admin/figures".to_owned(),
        "/admin/figures?city=1".to_owned(),
        "/admin/figures/report".to_owned(),
        "/admin/mentoring?city=1".to_owned(),
        "/dashboard".to_owned(),
        format!("/projects/{}", busy.slug),
        format!("/meetups/{meeting}"),
    ] {
        pages.push((path, Who::Coordinator));
    }
    for path in ["/dashboard".to_owned(), format!("/projects/{}", busy.slug)] {
        pages.push((path, Who::Member));
    }
    pages.push(("/mentor".to_owned(), Who::Mentor));
    pages
}

/// Rows in each table.
async fn table_sizes(db: &DatabaseConnection) -> BTreeMap<String, i64> {
    let backend = db.get_database_backend();
    let list = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let mut sizes = BTreeMap::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .expect("tables")
    {
        let name: String = row.try_get("", "name").expect("name");
        let count = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{name}\""),
            ))
            .await
            .expect("count")
            .expect("a row");
        sizes.insert(name, count.try_get::<i64>("", "n").expect("n"));
    }
    sizes
}

/// A SQLite plan line that finds rows by one entity's key: its primary
/// key, or a foreign key naming one project, account, meeting…, but not a
/// category such as a city or an edition.
fn by_entity_key(line: &str) -> bool {
    if !line.starts_with("SEARCH") {
        return false;
    }
    let Some(keys) = line.split('(').nth(1) else {
        return false;
    };
    keys.split(" AND ")
        .map(|k| k.trim_end_matches(')'))
        .any(|k| {
            let column = k.split(['=', '>', '<', ' ']).next().unwrap_or("");
            (column == "id" || column == "rowid" || column.ends_with("_id"))
                && k.contains("=?")
                && !matches!(column, "city_id" | "edition_id")
        })
}

/// What is wrong with a SQLite plan, if anything.
fn sqlite_faults(lines: &[String], big: &BTreeSet<String>) -> Vec<String> {
    let mut faults = Vec::new();
    let table_of = |line: &str| line.split_whitespace().nth(1).unwrap_or("").to_owned();
    for line in lines {
        if line.starts_with("SCAN ") && !line.contains(" USING ") && big.contains(&table_of(line)) {
            faults.push(format!("reads a big table whole: {line}"));
        }
    }
    // Grouping for a count reads what the scan rule above has already
    // judged; ordering is what must come from an index.
    let sorts = lines
        .iter()
        .any(|l| l.contains("USE TEMP B-TREE FOR ORDER BY"));
    let unbounded = lines.iter().any(|l| {
        (l.starts_with("SCAN ") || l.starts_with("SEARCH "))
            && big.contains(&table_of(l))
            && !by_entity_key(l)
    });
    if sorts && unbounded {
        faults.push("sorts rows of a big table found other than by one entity's key".to_owned());
    }
    faults
}

/// What is wrong with a PostgreSQL plan node and its children.
fn postgres_faults(node: &serde_json::Value, big: &BTreeSet<String>, faults: &mut Vec<String>) {
    let kind = node["Node Type"].as_str().unwrap_or("");
    if kind == "Seq Scan" {
        let table = node["Relation Name"].as_str().unwrap_or("");
        if big.contains(table) {
            faults.push(format!("Seq Scan on {table}"));
        }
    }
    // An Incremental Sort only orders rows that an index gave already in
    // order of its first keys, and stops at the LIMIT: it is not counted.
    if kind == "Sort" {
        let input = node["Plans"][0]["Plan Rows"].as_f64().unwrap_or(0.0);
        if input > SORT_ROWS {
            faults.push(format!("{kind} of {input} rows"));
        }
    }
    if let Some(children) = node["Plans"].as_array() {
        for child in children {
            postgres_faults(child, big, faults);
        }
    }
}

/// The plan of `statement`, and what is wrong with it.
async fn explain(
    db: &DatabaseConnection,
    statement: &Statement,
    big: &BTreeSet<String>,
) -> (String, Vec<String>) {
    let backend = db.get_database_backend();
    let prefix = match backend {
        DbBackend::Postgres => "EXPLAIN (FORMAT JSON) ",
        _ => "EXPLAIN QUERY PLAN ",
    };
    let explained = Statement {
        sql: format!("{prefix}{}", statement.sql),
        ..statement.clone()
    };
    let rows = db
        .query_all_raw(explained)
        .await
        .unwrap_or_else(|e| panic!("explain {}: {e}", statement.sql));
    match backend {
        DbBackend::Postgres => {
            let plan: serde_json::Value = rows
                .first()
                .expect("a plan")
                .try_get("", "QUERY PLAN")
                .expect("the plan");
            let mut faults = Vec::new();
            postgres_faults(&plan[0]["Plan"], big, &mut faults);
            (plan.to_string(), faults)
        }
        _ => {
            let lines: Vec<String> = rows
                .iter()
                .map(|r| r.try_get::<String>("", "detail").expect("detail"))
                .collect();
            let faults = sqlite_faults(&lines, big);
            (lines.join("\n"), faults)
        }
    }
}

/// Statements known to read more than their page, each with its reason.
const KNOWN: &[(&str, &str)] = &[
    // A city's review coverage (/admin/mentoring) lists every live project
    // of the city with its reviews, a fifth of the programme: PostgreSQL
    // rightly reads both tables whole for it. The list is unbounded; it
    // would need pages of its own.
    (
        "WHERE \"projects\".\"city_id\" = $1 AND \"projects\".\"archived_at\" IS NULL ORDER BY \"projects\".\"title\"",
        "a city's review coverage: its live projects",
    ),
    (
        // The scores of the projects shown, in one query: a mentor's few
        // dozen or a city's; on this small reviews table PostgreSQL prefers
        // reading it whole to probing the index for each project.
        "\"reviews\".\"team_health\" FROM \"reviews\" WHERE \"reviews\".\"project_id\" IN",
        "the reviews' scores of the projects shown",
    ),
    // The coordinators' roll-up counts every live project by city and
    // stage (quiet, skipped check-ins, the milestones kept on the
    // project: columns of the project, read from the index on live
    // projects on SQLite), and the quiet ones of a city
    // for their list: PostgreSQL may rightly read the table whole for most
    // of its rows.
    (
        "COUNT(\"projects\".\"id\") AS \"n\" FROM \"projects\" WHERE \"projects\".\"city_id\" IN",
        "the quiet projects' count by city",
    ),
    (
        "AS \"skipped\" FROM \"projects\"",
        "the roll-up's counts by city and stage",
    ),
    (
        // The outbox's troubles (failed, or pending after an error) are found
        // by state on two index ranges and sorted: they are the few emails in
        // trouble, not the outbox, and the email work owns this query.
        "FROM \"email_outbox\" WHERE \"email_outbox\".\"state\" = ",
        "the outbox's troubles",
    ),
    (
        // Continuity's and the monthly figures' denominators: every project
        // of the editions counted, by edition and city — the figure is about
        // all of them, so all of them are read (an index-only count on
        // SQLite, a Seq Scan PostgreSQL rightly prefers).
        "AS \"projects\" FROM \"projects\"",
        "the figures' projects per edition and city",
    ),
    (
        // Activity counted per month after the marathon or per calendar
        // month: a month is counted over all its rows once, when it is
        // first read after it ends, then fixed (continuity_months,
        // monthly_figures); only the month under way is counted again, over
        // that month's rows joined to their projects.
        "AS \"counted\" FROM (SELECT",
        "the figures' activity per month, fixed once over",
    ),
    (
        // The dashboard counts the live projects a mentor follows, from
        // the live assignments (a third of the projects at most), and the
        // answers to a half-year of meetups: PostgreSQL rightly hashes the
        // projects for the first (most of them are live) and reads the
        // answers whole; a few rows per city or month come back.
        "AS \"followed\", SUM(",
        "the dashboard's mentor reviews by city",
    ),
    (
        "AS \"meetings\", SUM(",
        "the dashboard's meetup attendance by month",
    ),
];

/// Which statements are checked: SELECTs, but
/// * the gallery's text search (and its theme filter), `lower(…) LIKE
///   '%…%'`, which cannot use an index: issue 14 replaces it with
///   accent-insensitive full-text search and brings its own check;
/// * a condition on two parameters (`? = ?`, sea-orm's `IN ()` of an empty
///   list), false before any row is read on both databases whatever the
///   plan says;
/// * the `KNOWN` ones.
fn checked(sql: &str) -> bool {
    let select = sql.trim_start().to_ascii_uppercase();
    let two_parameters = regex::Regex::new(r"(\?|\$\d+) = (\?|\$\d+)").expect("pattern");
    (select.starts_with("SELECT") || select.starts_with("WITH"))
        && !select.contains(" LIKE ")
        && !two_parameters.is_match(sql)
        && !KNOWN.iter().any(|(part, _)| sql.contains(part))
}

#[tokio::test]
async fn page_queries_read_indexes_not_whole_tables() {
    let now = whole_second(Utc::now());
    let (_db, mut conn, plan) = seeded_sized(now, PROJECTS).await;
    add_log_ins(&conn, &plan, now).await;
    let analyze = match conn.get_database_backend() {
        DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    conn.execute_unprepared(analyze).await.expect("analyze");
    let big: BTreeSet<String> = table_sizes(&conn)
        .await
        .into_iter()
        .filter(|(_, n)| *n >= BIG_TABLE)
        .map(|(t, _)| t)
        .collect();
    let meeting: i32 = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT MAX(id) AS id FROM meetup_occurrences",
        ))
        .await
        .expect("meeting")
        .expect("a row")
        .try_get("", "id")
        .expect("id");
    let sent: Arc<Mutex<Vec<(String, Statement)>>> = Arc::default();
    let page = Arc::new(Mutex::new(String::new()));
    {
        let sent = sent.clone();
        let page = page.clone();
        conn.set_metric_callback(move |info| {
            if checked(&info.statement.sql) {
                let path = page.lock().expect("page").clone();
                sent.lock()
                    .expect("statements")
                    .push((path, info.statement.clone()));
            }
        });
    }
    let base_url = serve(conn.clone(), now).await;
    let mut clients = Vec::new();
    for who in Who::ALL {
        clients.push(who.client(&base_url).await);
    }
    for (path, who) in pages(&plan, meeting) {
        *page.lock().expect("page") = path.clone();
        let client = &clients[who as usize];
        let answer = client.get(&path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    }
    *page.lock().expect("page") = String::new();
    let statements = std::mem::take(&mut *sent.lock().expect("statements"));
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for (path, statement) in &statements {
        if !seen.insert(statement.sql.clone()) {
            continue;
        }
        let (plan, faults) = explain(&conn, statement, &big).await;
        if !faults.is_empty() {
            failures.push(format!(
                "{path}: {}\n  {}\n  plan: {plan}",
                faults.join("; "),
                statement.sql
            ));
        }
    }
    println!(
        "{} distinct statements explained; big tables: {big:?}",
        seen.len()
    );
    assert!(seen.len() > 30, "the pages sent the statements to check");
    assert!(
        failures.is_empty(),
        "{} statements read or sort a big table:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

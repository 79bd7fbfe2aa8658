//! The Rust half of `scripts/bench-pages` (issue 13), which runs `wrk`:
//!
//! - `bench_pages prepare <database-url> <relais-url> <dir>` picks the pages
//!   to measure on a database seeded by `relais seed --scale N`, logs in the
//!   coordinator and the member that seed made, fetches every page once
//!   from the running `relais serve` (its bytes go to `<dir>/<n>.body`), and
//!   counts the SQL statements one request of each page sends, with the same
//!   application run in this process on the same database. It writes
//!   `<dir>/pages.tsv`: number, label, path, cookie, bytes, statements.
//! - `bench_pages static <dir> <address>` serves each page's own bytes at
//!   `/<n>` on the same axum and tokio stack, for the ratio: what the
//!   application costs beyond writing those bytes.

use anyhow::{Context as _, bail};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use relais_cli::seed::SCALE_MEMBER;
use relais_domain::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use relais_tests::bulk::Who;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["prepare", db, relais, dir] => prepare(db, relais, dir).await,
        ["static", dir, address] => serve_static(dir, address).await,
        _ => bail!(
            "usage: bench_pages prepare <database-url> <relais-url> <dir> | static <dir> <address>"
        ),
    }
}

/// One text value of the first row of `sql`.
async fn first(db: &DatabaseConnection, sql: &str) -> anyhow::Result<String> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await?
        .with_context(|| format!("no row for {sql}"))?;
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(|n| n.to_string()))
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .map_err(|e| anyhow::anyhow!("{sql}: {e:?}"))
}

/// The pages measured: (label, path, who asks).
async fn pages(db: &DatabaseConnection) -> anyhow::Result<Vec<(&'static str, String, Who)>> {
    // The visible project with the longest public journal, the meeting with
    // the most answers, the first city.
    let busy = first(
        db,
        "SELECT p.slug FROM projects p JOIN project_updates u ON u.project_id = p.id \
         WHERE p.is_public AND p.archived_at IS NULL AND u.is_public \
         GROUP BY p.id, p.slug ORDER BY COUNT(*) DESC, p.id LIMIT 1",
    )
    .await?;
    let meeting = first(
        db,
        "SELECT occurrence_id FROM rsvps GROUP BY occurrence_id \
         ORDER BY COUNT(*) DESC, occurrence_id DESC LIMIT 1",
    )
    .await?;
    let city = first(db, "SELECT slug FROM cities ORDER BY id LIMIT 1").await?;
    // The scale member's team project with the longest journal.
    let team = first(
        db,
        &format!(
            "SELECT p.slug FROM projects p \
             JOIN project_members m ON m.project_id = p.id \
             JOIN users u ON u.id = m.user_id \
             WHERE u.email_key = '{SCALE_MEMBER}' \
             ORDER BY (SELECT COUNT(*) FROM project_updates x WHERE x.project_id = p.id) DESC, \
             p.id LIMIT 1"
        ),
    )
    .await?;
    Ok(vec![
        ("home", "/".to_owned(), Who::Visitor),
        ("gallery", "/projects".to_owned(), Who::Visitor),
        (
            "gallery, city + theme + search",
            "/projects?city=2&theme=social&q=ecole".to_owned(),
            Who::Visitor,
        ),
        (
            "gallery, page 200",
            "/projects?page=200".to_owned(),
            Who::Visitor,
        ),
        ("project page", format!("/projects/{busy}"), Who::Visitor),
        ("meetups list", "/meetups".to_owned(), Who::Visitor),
        ("meeting page", format!("/meetups/{meeting}"), Who::Visitor),
        ("programme Atom feed", "/feed.atom".to_owned(), Who::Visitor),
        (
            "city calendar",
            format!("/cities/{city}/meetups.ics"),
            Who::Visitor,
        ),
        ("API projects", "/api/v1/projects".to_owned(), Who::Visitor),
        (
            "API projects, city + search",
            format!("/api/v1/projects?city={city}&q=ecole"),
            Who::Visitor,
        ),
        (
            "API project",
            format!("/api/v1/projects/{busy}"),
            Who::Visitor,
        ),
        ("/admin", "/admin".to_owned(), Who::Coordinator),
        (
            "/admin/outbox",
            "/admin/outbox".to_owned(),
            Who::Coordinator,
        ),
        ("member dashboard", "/dashboard".to_owned(), Who::Member),
        (
            "project page as a team member",
            format!("/projects/{team}"),
            Who::Member,
        ),
        ("mentor dashboard", "/mentor".to_owned(), Who::Mentor),
        (
            "programme dashboard",
            "/admin/figures".to_owned(),
            Who::Coordinator,
        ),
        (
            "programme dashboard, one city",
            "/admin/figures?city=1".to_owned(),
            Who::Coordinator,
        ),
        (
            "quarterly report",
            "/admin/figures/report".to_owned(),
            Who::Coordinator,
        ),
    ])
}

async fn prepare(db_url: &str, relais: &str, dir: &str) -> anyhow::Result<()> {
    let mut db = relais_domain::db::connect(db_url)
        .await
        .context("connect")?;
    let pages = pages(&db).await?;
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let counted = relais_tests::bulk::serve(db, chrono::Utc::now()).await;
    let mut clients = Vec::new();
    for who in Who::ALL {
        clients.push((who.client(&counted).await, who.client(relais).await));
    }
    let mut table = String::new();
    for (n, (label, path, who)) in pages.into_iter().enumerate() {
        let (local, remote) = &clients[who as usize];
        // Statements: the second request in-process, after a first that
        // may fill caches.
        local.get(&path).await;
        statements.store(0, Ordering::SeqCst);
        local.get(&path).await;
        let sent = statements.load(Ordering::SeqCst);
        // Bytes: as the running server sends them.
        let page = remote.get(&path).await;
        if page.status != StatusCode::OK {
            bail!("{label} ({path}) answered {}:\n{}", page.status, page.body);
        }
        let kind = page
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("text/html; charset=utf-8")
            .to_owned();
        std::fs::write(format!("{dir}/{n}.body"), &page.body)?;
        std::fs::write(format!("{dir}/{n}.type"), &kind)?;
        let cookie = remote.cookie("relais_session").unwrap_or_default();
        writeln!(
            table,
            "{n}\t{label}\t{path}\t{cookie}\t{}\t{sent}",
            page.body.len()
        )?;
    }
    std::fs::write(format!("{dir}/pages.tsv"), table)?;
    Ok(())
}

/// The bytes and content type of each page, by number.
type Bodies = Arc<Vec<(String, axum::body::Bytes)>>;

async fn serve_static(dir: &str, address: &str) -> anyhow::Result<()> {
    let table = std::fs::read_to_string(format!("{dir}/pages.tsv"))?;
    let mut bodies = Vec::new();
    for n in 0..table.lines().count() {
        let kind = std::fs::read_to_string(format!("{dir}/{n}.type"))?;
        let body = std::fs::read(format!("{dir}/{n}.body"))?;
        bodies.push((kind, axum::body::Bytes::from(body)));
    }
    let app = axum::Router::new()
        .route("/{n}", axum::routing::get(page))
        .with_state(Arc::new(bodies));
    let listener = tokio::net::TcpListener::bind(address).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

async fn page(State(bodies): State<Bodies>, Path(n): Path<usize>) -> impl IntoResponse {
    match bodies.get(n) {
        Some((kind, body)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, kind.clone())],
            body.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

//! The `relais` binary's parts, as a library so tests can drive them:
//! configuration, start-up, the demo seed and admin tasks.

pub mod backup;
pub mod config;
pub mod monitoring;
pub mod seed;
pub mod serve;

use anyhow::Context as _;
use relais_domain::clock::SystemClock;
use relais_domain::sea_orm::DatabaseConnection;
use relais_domain::{Context, db};
use relais_migrations::{Migrator, MigratorTrait};
use std::sync::Arc;

/// Connects and applies pending migrations; the error names the database.
pub async fn open_database(url: &str) -> anyhow::Result<DatabaseConnection> {
    let shown = redact(url);
    let conn = db::connect(url)
        .await
        .with_context(|| format!("cannot open the database {shown} (RELAIS_DATABASE_URL)"))?;
    let pending = Migrator::get_pending_migrations(&conn)
        .await
        .with_context(|| format!("cannot read the migrations of {shown}"))?
        .len();
    Migrator::up(&conn, None)
        .await
        .with_context(|| format!("cannot migrate the database {shown}"))?;
    if pending > 0 {
        db::analyze(&conn)
            .await
            .with_context(|| format!("cannot analyze the database {shown}"))?;
    }
    db::optimize(&conn)
        .await
        .with_context(|| format!("cannot optimize the database {shown}"))?;
    Ok(conn)
}

/// The domain context over `db` with the real clock.
pub fn context(db: DatabaseConnection) -> Context {
    Context::new(db, Arc::new(SystemClock))
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

//! Opening the database: SQLite by default, PostgreSQL in production.

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use std::time::Duration;

/// Connects to `url` (`sqlite://…` or `postgres://…`) with Relais' settings.
///
/// SQLite gets WAL, `synchronous=NORMAL`, foreign keys and a 5 s busy timeout,
/// so that the web server, the scheduler and a second process can share one
/// file without "database is locked" errors under ordinary load.
pub async fn connect(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10));
    if DbBackend::Sqlite.is_prefix_of(url) {
        options.max_connections(8).map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    } else {
        options.max_connections(16);
    }
    Database::connect(options).await
}

/// Refreshes the query planner's statistics where they have gone stale:
/// SQLite's `PRAGMA optimize` (cheap; run at start-up and every hour).
/// PostgreSQL's autovacuum does the same on its own.
pub async fn optimize(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize").await?;
    }
    Ok(())
}

/// Gathers the query planner's statistics for every table (`ANALYZE` on
/// both databases): after migrations, so that new indexes are weighed
/// with the data they index from the first request.
pub async fn analyze(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

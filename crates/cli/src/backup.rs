//! `relais backup` and `relais restore` for an SQLite database.
//!
//! A backup is a consistent copy taken by SQLite itself (`VACUUM INTO`),
//! safe while `relais serve` is running and writing (WAL). A restore puts a
//! backup in place of the database file, first keeping the current one
//! beside it, so that nothing is lost by restoring the wrong file. On
//! PostgreSQL the database's own tools do this better (`pg_dump`,
//! `pg_restore`, see the README), and these commands say so.

use anyhow::{Context as _, bail};
use relais_domain::db;
use relais_domain::sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use relais_migrations::{Migrator, MigratorTrait};
use std::path::{Path, PathBuf};

/// What to tell a PostgreSQL operator.
const POSTGRES: &str = "on PostgreSQL, back up with `pg_dump --format=custom --file=FILE DATABASE_URL` \
     and restore with `pg_restore --clean --if-exists --dbname=DATABASE_URL FILE` (see the README, \"Backups\")";

/// The file behind an SQLite URL (`sqlite://relais.db?mode=rwc` →
/// `relais.db`), or an error naming what to do on PostgreSQL.
pub fn sqlite_file(database_url: &str) -> anyhow::Result<PathBuf> {
    let Some(rest) = database_url.strip_prefix("sqlite:") else {
        bail!("{POSTGRES}");
    };
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let file = rest.split('?').next().unwrap_or(rest);
    if file.is_empty() || file == ":memory:" {
        bail!("RELAIS_DATABASE_URL names no database file to back up or restore");
    }
    Ok(PathBuf::from(file))
}

/// Writes a consistent copy of the database to `to`, which must not exist;
/// returns its size in bytes.
pub async fn backup(database_url: &str, to: &Path) -> anyhow::Result<u64> {
    sqlite_file(database_url)?;
    if to.exists() {
        bail!("{} already exists: choose a new file name", to.display());
    }
    let conn = db::connect(database_url)
        .await
        .context("cannot open the database (RELAIS_DATABASE_URL)")?;
    let target = to
        .to_str()
        .context("the backup's path is not valid UTF-8")?
        .to_owned();
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.into()],
    ))
    .await
    .with_context(|| format!("cannot write the backup {}", to.display()))?;
    conn.close().await?;
    Ok(std::fs::metadata(to)?.len())
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the database that was replaced now is, if there was one.
    pub previous: Option<PathBuf>,
    /// Migrations this binary will apply at the next start (an older backup).
    pub pending: usize,
}

/// Puts the backup `from` in place of the database. Relais must be stopped:
/// a running instance would keep writing to the file it had open.
pub async fn restore(database_url: &str, from: &Path, stamp: &str) -> anyhow::Result<Restored> {
    let file = sqlite_file(database_url)?;
    let pending = check_backup(from).await?;
    let previous = if file.exists() {
        let kept = file.with_extension(format!("before-restore-{stamp}.db"));
        // A copy by SQLite, so that what was in the WAL is kept too.
        backup(database_url, &kept)
            .await
            .context("cannot keep the current database before restoring")?;
        Some(kept)
    } else {
        None
    };
    // Copied beside the database, then renamed over it: a crash leaves
    // either the old file or the new one, never half of one.
    let incoming = file.with_extension("restoring");
    std::fs::copy(from, &incoming)
        .with_context(|| format!("cannot copy {} beside the database", from.display()))?;
    std::fs::File::open(&incoming)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let mut side = file.clone().into_os_string();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).context("cannot remove the old write-ahead log"),
        }
    }
    std::fs::rename(&incoming, &file).context("cannot put the backup in place")?;
    Ok(Restored { previous, pending })
}

/// Checks that `from` is a Relais database this binary knows: every
/// migration it holds is one of ours. Returns how many of ours it lacks.
async fn check_backup(from: &Path) -> anyhow::Result<usize> {
    if !from.is_file() {
        bail!("{} is not a file", from.display());
    }
    // Read-only and without Relais' settings (which would switch it to WAL).
    let url = format!("sqlite://{}?mode=ro", from.display());
    let conn: DatabaseConnection = Database::connect(url)
        .await
        .with_context(|| format!("{} is not an SQLite database", from.display()))?;
    let applied = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT version FROM seaql_migrations",
        ))
        .await
        .with_context(|| format!("{} is not a Relais database", from.display()))?;
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let mut held = 0;
    for row in applied {
        let version: String = row.try_get_by_index(0)?;
        if !known.contains(&version) {
            bail!(
                "{} comes from a newer Relais (migration {version}): restore it with that version",
                from.display()
            );
        }
        held += 1;
    }
    conn.close().await?;
    Ok(known.len() - held)
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;
    use std::path::PathBuf;

    #[test]
    fn the_file_comes_from_the_sqlite_url_and_postgres_is_pointed_to_its_tools() {
        for url in [
            "sqlite://relais.db?mode=rwc",
            "sqlite:relais.db",
            "sqlite://relais.db",
        ] {
            assert_eq!(sqlite_file(url).expect(url), PathBuf::from("relais.db"));
        }
        assert_eq!(
            sqlite_file("sqlite:///var/lib/relais/relais.db?mode=rwc").expect("absolute"),
            PathBuf::from("/var/lib/relais/relais.db")
        );
        let pg = sqlite_file("postgres://relais@db/relais").expect_err("postgres");
        assert!(pg.to_string().contains("pg_dump"), "{pg}");
        assert!(sqlite_file("sqlite::memory:").is_err());
    }
}

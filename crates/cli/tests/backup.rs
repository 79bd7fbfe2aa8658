//! `relais backup` and `relais restore` as an operator runs them: a backup
//! taken while `relais serve` is writing, a restore that keeps the database
//! it replaces, and clear refusals.

use relais_tests::free_address;
use relais_tests::process::{self, Relais, healthy};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_relais");

/// `relais` with `args` over `database_url`.
fn relais(args: &[&str], dir: &Path, database_url: &str) -> Command {
    let mut command = process::relais(BIN, args, dir);
    command
        .env("RELAIS_DATABASE_URL", database_url)
        .env("RELAIS_OUTBOX_DIR", dir.join("outbox"));
    command
}

fn run(args: &[&str], dir: &Path, database_url: &str) -> Output {
    relais(args, dir, database_url)
        .output()
        .expect("run relais")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn create_user(dir: &Path, url: &str, email: &str) {
    ok(&run(
        &[
            "user", "create", "--email", email, "--name", "X", "--role", "member",
        ],
        dir,
        url,
    ));
}

async fn emails(file: &Path) -> Vec<String> {
    use relais_domain::sea_orm::{ConnectionTrait, DbBackend, Statement};
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = relais_domain::sea_orm::Database::connect(url)
        .await
        .expect("open");
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT email FROM users ORDER BY email",
        ))
        .await
        .expect("users");
    let emails = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("email"))
        .collect();
    db.close().await.expect("close");
    emails
}

async fn serve(dir: &Path, url: &str) -> Relais {
    let bind = free_address();
    let server = Relais::spawn(
        relais(&["serve", "--no-scheduler"], dir, url)
            .env("RELAIS_BIND", &bind)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    assert!(
        healthy(&format!("http://{bind}")).await,
        "relais did not start on {bind}"
    );
    server
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_what_was_written_before_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db_file = dir.path().join("relais.db");
    let url = format!("sqlite://{}?mode=rwc", db_file.display());
    ok(&run(&["migrate"], dir.path(), &url));
    let server = serve(dir.path(), &url).await;
    // Written through another process while the server holds the file
    // open in WAL mode: the backup must still see it.
    create_user(dir.path(), &url, "before@example.org");
    let snapshot = dir.path().join("snapshot.db");
    let said = ok(&run(
        &["backup", snapshot.to_str().expect("path")],
        dir.path(),
        &url,
    ));
    assert!(said.contains("backup written to"), "{said}");
    create_user(dir.path(), &url, "after@example.org");

    // A second backup to the same file is refused: nothing is overwritten.
    let again = run(
        &["backup", snapshot.to_str().expect("path")],
        dir.path(),
        &url,
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    drop(server);

    let said = ok(&run(
        &["restore", snapshot.to_str().expect("path")],
        dir.path(),
        &url,
    ));
    assert!(said.contains("0 migration(s)"), "{said}");
    let kept = said
        .lines()
        .find_map(|l| l.strip_prefix("the database it replaced is kept as "))
        .expect("where the replaced database went")
        .to_owned();
    assert_eq!(emails(&db_file).await, vec!["before@example.org"]);
    assert_eq!(
        emails(Path::new(&kept)).await,
        vec!["after@example.org", "before@example.org"],
        "the replaced database is kept whole"
    );
    // And the restored database serves.
    let _server = serve(dir.path(), &url).await;
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_relais_database_and_postgres_is_pointed_to_its_tools() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("relais.db").display()
    );
    ok(&run(&["migrate"], dir.path(), &url));
    create_user(dir.path(), &url, "kept@example.org");
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not a database").expect("write");
    let out = run(&["restore", junk.to_str().expect("path")], dir.path(), &url);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert_eq!(
        emails(&dir.path().join("relais.db")).await,
        vec!["kept@example.org"],
        "nothing replaced"
    );

    let out = run(
        &["backup", "dump.db"],
        dir.path(),
        "postgres://relais@127.0.0.1:1/relais",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
}

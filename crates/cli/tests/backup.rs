//! `relais backup` and `relais restore` as an operator runs them: a backup
//! taken while `relais serve` is writing, a restore that keeps the database
//! it replaces, and clear refusals.

use reqwest::StatusCode;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_relais");

fn relais(args: &[&str], dir: &Path, database_url: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("RELAIS_CONFIG")
        .env("RELAIS_DATABASE_URL", database_url)
        .env("RELAIS_OUTBOX_DIR", dir.join("outbox"))
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
    ok(&relais(
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

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve(dir: &Path, url: &str) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let bind = format!("127.0.0.1:{port}");
    let server = Server(
        Command::new(BIN)
            .args(["serve", "--no-scheduler"])
            .current_dir(dir)
            .env_remove("RELAIS_CONFIG")
            .env("RELAIS_DATABASE_URL", url)
            .env("RELAIS_BIND", &bind)
            .env("RELAIS_OUTBOX_DIR", dir.join("outbox"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start relais"),
    );
    for _ in 0..100 {
        if reqwest::get(format!("http://{bind}/healthz"))
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("relais did not start on {bind}");
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_what_was_written_before_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db_file = dir.path().join("relais.db");
    let url = format!("sqlite://{}?mode=rwc", db_file.display());
    ok(&relais(&["migrate"], dir.path(), &url));
    let server = serve(dir.path(), &url).await;
    // Written through another process while the server holds the file
    // open in WAL mode: the backup must still see it.
    create_user(dir.path(), &url, "before@example.org");
    let snapshot = dir.path().join("snapshot.db");
    let said = ok(&relais(
        &["backup", snapshot.to_str().expect("path")],
        dir.path(),
        &url,
    ));
    assert!(said.contains("backup written to"), "{said}");
    create_user(dir.path(), &url, "after@example.org");

    // A second backup to the same file is refused: nothing is overwritten.
    let again = relais(
        &["backup", snapshot.to_str().expect("path")],
        dir.path(),
        &url,
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    drop(server);

    let said = ok(&relais(
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
    ok(&relais(&["migrate"], dir.path(), &url));
    create_user(dir.path(), &url, "kept@example.org");
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not a database").expect("write");
    let out = relais(&["restore", junk.to_str().expect("path")], dir.path(), &url);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert_eq!(
        emails(&dir.path().join("relais.db")).await,
        vec!["kept@example.org"],
        "nothing replaced"
    );

    let out = relais(
        &["backup", "dump.db"],
        dir.path(),
        "postgres://relais@127.0.0.1:1/relais",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
}

//! One fresh database per test: a SQLite file in a temporary folder, or a
//! new PostgreSQL database on the server `RELAIS_TEST_DATABASE_URL` names,
//! dropped when the test ends.

use relais_domain::sea_orm::{ConnectionTrait, DatabaseConnection};
use relais_migrations::{Migrator, MigratorTrait};

/// A database that exists for one test.
pub struct TestDb {
    /// The URL to connect to.
    pub url: String,
    admin_url: Option<String>,
    name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

/// True when the tests run against PostgreSQL.
pub fn is_postgres() -> bool {
    std::env::var("RELAIS_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

/// A fresh name for a test database on PostgreSQL.
fn new_name() -> String {
    format!(
        "relais_t_{}",
        relais_domain::token::generate()
            .to_lowercase()
            .replace(['-', '_'], "")
            .get(..16)
            .unwrap_or("x")
    )
}

impl TestDb {
    /// The test database `name` on the server `admin_url` names.
    fn postgres(admin_url: &str, name: String) -> TestDb {
        let mut url = url::Url::parse(admin_url).expect("postgres url");
        url.set_path(&format!("/{name}"));
        TestDb {
            url: url.to_string(),
            admin_url: Some(admin_url.to_owned()),
            name: Some(name),
            _dir: None,
        }
    }

    /// Runs `statements` on the PostgreSQL server at `admin_url`, which
    /// make the database `name` there.
    async fn made_on_server(admin_url: &str, statements: &[String], name: String) -> TestDb {
        let admin = relais_domain::db::connect(admin_url)
            .await
            .expect("PostgreSQL server");
        for sql in statements {
            admin
                .execute_unprepared(sql)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        admin.close().await.ok();
        TestDb::postgres(admin_url, name)
    }

    /// Creates an empty database.
    pub async fn create() -> TestDb {
        match std::env::var("RELAIS_TEST_DATABASE_URL") {
            Ok(admin_url) if admin_url.starts_with("postgres") => {
                let name = new_name();
                let create = format!("CREATE DATABASE {name}");
                TestDb::made_on_server(&admin_url, &[create], name).await
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("relais.db").display());
                TestDb {
                    url,
                    admin_url: None,
                    name: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// A new database holding a copy of this one, for tests that try many
    /// actions each from the same starting point. On PostgreSQL the copy is
    /// made from this database as a template, so whatever was connected to
    /// it is disconnected first: use only the copies afterwards.
    pub async fn copy(&self) -> TestDb {
        match (&self.admin_url, &self.name) {
            (Some(admin_url), Some(name)) => {
                let copy_name = new_name();
                let statements = [
                    // Disconnects whatever uses the original.
                    format!(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                    ),
                    format!("CREATE DATABASE {copy_name} TEMPLATE {name}"),
                ];
                TestDb::made_on_server(admin_url, &statements, copy_name).await
            }
            _ => {
                let copy = TestDb::create().await;
                let path = copy
                    .url
                    .strip_prefix("sqlite://")
                    .expect("a SQLite URL")
                    .replace('\'', "''");
                let conn = self.connect().await;
                conn.execute_unprepared(&format!("VACUUM INTO '{path}'"))
                    .await
                    .expect("copy the database");
                conn.close().await.ok();
                copy
            }
        }
    }

    /// Drops `dbs` several at a time: on PostgreSQL each drop waits for a
    /// checkpoint, which drops made together share.
    pub fn drop_all(dbs: Vec<TestDb>) {
        let mut dbs = dbs;
        while !dbs.is_empty() {
            let batch: Vec<TestDb> = dbs.drain(..dbs.len().min(16)).collect();
            std::thread::scope(|s| {
                for db in batch {
                    s.spawn(move || drop(db));
                }
            });
        }
    }

    /// Connects without migrating.
    pub async fn connect(&self) -> DatabaseConnection {
        relais_domain::db::connect(&self.url)
            .await
            .expect("connect to test database")
    }

    /// Connects and applies every migration.
    pub async fn connect_and_migrate(&self) -> DatabaseConnection {
        let conn = self.connect().await;
        Migrator::up(&conn, None).await.expect("migrations");
        conn
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (Some(admin_url), Some(name)) = (self.admin_url.clone(), self.name.clone()) else {
            return;
        };
        // Drop runs inside the test's runtime: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = relais_domain::db::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    admin.close().await.ok();
                }
            });
        })
        .join();
    }
}

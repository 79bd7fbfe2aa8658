//! The `relais` binary as an operator meets it: start-up errors are one
//! clear line, accounts are created from the command line, and two
//! instances on one database share sessions.

use relais_tests::process::{self, Relais, healthy};
use relais_tests::{TestDb, free_address};
use reqwest::StatusCode;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_relais");

fn relais(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> std::process::Output {
    process::relais(BIN, args, dir)
        .envs(env.iter().copied())
        .output()
        .expect("run relais")
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let dir = tempfile::tempdir().expect("dir");
    let out = relais(
        &["migrate"],
        &[("RELAIS_BIND", "not-an-address")],
        dir.path(),
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("RELAIS_BIND: expected an address and port"),
        "{stderr}"
    );

    let out = relais(
        &["migrate"],
        &[("RELAIS_TIMEZONE", "Europe/Nowhere")],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RELAIS_TIMEZONE"));
}

#[test]
fn an_unreachable_database_stops_start_up_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("dir");
    let out = relais(
        &["migrate"],
        &[(
            "RELAIS_DATABASE_URL",
            "postgres://nobody:secret@127.0.0.1:1/none",
        )],
        dir.path(),
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot open the database"), "{stderr}");
    assert!(
        !stderr.contains("secret"),
        "the password is not printed: {stderr}"
    );
}

#[test]
fn the_default_database_is_an_sqlite_file_in_the_working_directory() {
    let dir = tempfile::tempdir().expect("dir");
    succeeded(&relais(&["migrate"], &[], dir.path()));
    assert!(dir.path().join("relais.db").exists());
}

#[test]
fn user_create_without_a_password_prints_a_single_use_link() {
    let dir = tempfile::tempdir().expect("dir");
    let out = relais(
        &[
            "user",
            "create",
            "--email",
            "claire@example.org",
            "--name",
            "Claire",
            "--role",
            "coordinator",
        ],
        &[("RELAIS_BASE_URL", "https://relais.example.org")],
        dir.path(),
    );
    let stdout = succeeded(&out);
    assert!(
        stdout.contains("https://relais.example.org/password/reset/"),
        "{stdout}"
    );

    let out = relais(
        &[
            "user",
            "create",
            "--email",
            "CLAIRE@example.org",
            "--name",
            "Again",
            "--role",
            "member",
        ],
        &[],
        dir.path(),
    );
    assert!(
        !out.status.success(),
        "the address is taken whatever its case"
    );
    let out = relais(
        &[
            "user",
            "create",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "mentor",
            "--city",
            "atlantis",
        ],
        &[],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--city"));
}

async fn start(db_url: &str, dir: &std::path::Path, scheduler: bool) -> (Relais, String) {
    let bind = free_address();
    let mut args = vec!["serve"];
    if !scheduler {
        args.push("--no-scheduler");
    }
    let server = Relais::spawn(
        process::relais(BIN, &args, dir)
            .env("RELAIS_DATABASE_URL", db_url)
            .env("RELAIS_BIND", &bind)
            .env("RELAIS_OUTBOX_DIR", dir.join("outbox"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    let base = format!("http://{bind}");
    assert!(healthy(&base).await, "relais did not start on {bind}");
    (server, base)
}

#[tokio::test]
async fn a_second_instance_on_the_same_database_sees_the_session_of_the_first() {
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let mut create = Command::new(BIN)
        .args([
            "user",
            "create",
            "--email",
            "ana@example.org",
            "--name",
            "Ana",
            "--role",
            "member",
            "--password-stdin",
        ])
        .current_dir(dir.path())
        .env("RELAIS_DATABASE_URL", &db.url)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("user create");
    create
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"correct horse battery\n")
        .expect("password");
    assert!(create.wait().expect("wait").success());

    let (_first, first_url) = start(&db.url, dir.path(), true).await;
    let (_second, second_url) = start(&db.url, dir.path(), false).await;

    let client = relais_tests::Client::new(&first_url);
    client
        .log_in("ana@example.org", "correct horse battery")
        .await;
    assert_eq!(client.get("/profile").await.status, StatusCode::OK);

    // The same cookie, sent to the other instance.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let page = client.get("/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = client.cookie("relais_session").expect("session cookie");
    jar.add_cookie_str(&cookie, &second_url.parse().expect("url"));
    let other = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = other
        .get(format!("{second_url}/profile"))
        .send()
        .await
        .expect("profile");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("ana@example.org")
    );
}

#[tokio::test]
async fn the_scale_seed_fills_an_empty_database_with_n_projects_and_three_log_ins() {
    use relais_domain::sea_orm::{ConnectionTrait, Statement};
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let env = [("RELAIS_DATABASE_URL", db.url.as_str())];
    let out = relais(&["seed", "--scale", "0"], &env, dir.path());
    assert!(!out.status.success(), "no projects is refused");
    let out = relais(&["seed", "--scale", "40"], &env, dir.path());
    let stdout = succeeded(&out);
    assert!(stdout.contains("40 projects"), "{stdout}");
    assert!(stdout.contains("400 project_updates"), "{stdout}");
    assert!(stdout.contains("coordination@relais.example"), "{stdout}");
    let again = relais(&["seed", "--scale", "40"], &env, dir.path());
    assert!(!again.status.success(), "a second seed is refused");

    let conn = relais_domain::db::connect(&db.url).await.expect("connect");
    let count = |sql: &'static str| {
        let conn = conn.clone();
        async move {
            let row = conn
                .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                .await
                .expect("count")
                .expect("a row");
            row.try_get_by_index::<i64>(0).expect("a number")
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM projects").await, 40);
    assert_eq!(count("SELECT COUNT(*) FROM milestones").await, 200);
    assert!(count("SELECT COUNT(*) FROM rsvps").await > 0);
    assert!(count("SELECT COUNT(*) FROM meetup_occurrences").await > 0);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM project_members m JOIN users u ON u.id = m.user_id \
             WHERE u.email = 'membre@relais.example'"
        )
        .await,
        3
    );

    // The application serves it, and the two accounts log in.
    let (_server, url) = start(&db.url, dir.path(), false).await;
    let gallery = reqwest::get(format!("{url}/projects"))
        .await
        .expect("gallery");
    assert_eq!(gallery.status(), StatusCode::OK);
    let member = relais_tests::Client::new(&url);
    member
        .log_in("membre@relais.example", "relais-demo-2018")
        .await;
    let dashboard = member.get("/dashboard").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(
        dashboard.body.matches("href=\"/projects/").count() >= 3,
        "{}",
        dashboard.body
    );
    let coordinator = relais_tests::Client::new(&url);
    coordinator
        .log_in("coordination@relais.example", "relais-demo-2018")
        .await;
    assert_eq!(coordinator.get("/admin").await.status, StatusCode::OK);
    let mentor = relais_tests::Client::new(&url);
    mentor
        .log_in("mentor@relais.example", "relais-demo-2018")
        .await;
    let assigned = count(
        "SELECT COUNT(*) FROM mentor_assignments a JOIN users u ON u.id = a.mentor_id \
         WHERE u.email = 'mentor@relais.example' AND a.ended_at IS NULL",
    )
    .await;
    assert!(assigned > 0, "the scale mentor follows projects");
    let followed = mentor.get("/mentor").await;
    assert_eq!(followed.status, StatusCode::OK);
    assert!(
        followed.body.matches("href=\"/projects/").count() as i64 >= assigned,
        "{}",
        followed.body
    );
}

#[tokio::test]
async fn the_demo_seed_fills_an_empty_database_once_and_serves_its_projects() {
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let out = relais(
        &["seed", "--demo"],
        &[("RELAIS_DATABASE_URL", &db.url)],
        dir.path(),
    );
    let stdout = succeeded(&out);
    assert!(stdout.contains("relais-demo-2018"), "{stdout}");
    for city in ["paris", "lyon", "bruxelles", "montreal", "dakar"] {
        assert!(
            stdout.contains(&format!("{city}@relais.demo")),
            "a coordinator for {city}: {stdout}"
        );
    }
    let again = relais(
        &["seed", "--demo"],
        &[("RELAIS_DATABASE_URL", &db.url)],
        dir.path(),
    );
    assert!(!again.status.success(), "a second seed is refused");

    let (_server, url) = start(&db.url, dir.path(), false).await;
    let gallery = reqwest::get(format!("{url}/projects"))
        .await
        .expect("gallery");
    let body = gallery.text().await.expect("body");
    assert!(body.contains("Carte des fontaines"), "{body}");
    assert!(
        !body.contains("Cantine sans gaspillage"),
        "the private demo project stays private"
    );
    // Explainer videos at every level of the plain-language check, one captioned.
    let library = relais_tests::Client::new(&url).get("/videos").await;
    for level in [
        "Très facile à lire",
        "Facile à lire",
        "Assez difficile à lire",
        "Difficile à lire",
        "Trop court pour être mesuré",
        "Sous-titres",
    ] {
        library.assert_contains(level);
    }
    let client = relais_tests::Client::new(&url);
    client
        .log_in("mentor.data@relais.demo", "relais-demo-2018")
        .await;
    let mentor = client.get("/mentor").await;
    mentor.assert_contains("Carte des fontaines");
    mentor.assert_contains("Pouvez-vous relire notre plan de financement ?");
    let meetups = client.get("/meetups").await;
    for city in ["Paris", "Lyon", "Bruxelles", "Montréal", "Dakar"] {
        meetups.assert_contains(&format!("Rencontre mensuelle — {city}"));
    }
    // Mise en relation: open needs, a question with its helpful answer,
    // an accepted introduction (addresses exchanged) and a pending one.
    let needs = client.get("/needs").await;
    needs.assert_contains("Consultations citoyennes accessibles");
    let legal = client.get("/projects/primes-energie-simplifiees").await;
    legal.assert_contains("Quelle licence pour nos données ?");
    legal.assert_contains("Licence Ouverte 2.0");
    let alice = relais_tests::Client::new(&url);
    alice.log_in("alice@relais.demo", "relais-demo-2018").await;
    alice
        .get("/relation")
        .await
        .assert_contains("chloe@relais.demo");
    let gabriel = relais_tests::Client::new(&url);
    gabriel
        .log_in("gabriel@relais.demo", "relais-demo-2018")
        .await;
    let waiting = gabriel.get("/relation").await;
    waiting.assert_contains("Bastien Leroy");
    assert!(
        !waiting.body.contains("bastien@relais.demo"),
        "no address before acceptance"
    );
}

#[tokio::test]
async fn reminders_dry_run_lists_what_would_be_queued_without_queuing_it() {
    let db = TestDb::create().await;
    let dir = tempfile::tempdir().expect("dir");
    let env = [("RELAIS_DATABASE_URL", db.url.as_str())];
    assert!(
        relais(&["seed", "--demo"], &env, dir.path())
            .status
            .success()
    );
    // The demo's first meetings are within three weeks of some moment in
    // the next month; a month ahead covers every city's first meeting.
    let at = (chrono::Utc::now() + chrono::Duration::days(20)).to_rfc3339();
    let dry = relais(&["reminders", "--dry-run", "--at", &at], &env, dir.path());
    let listed = succeeded(&dry);
    assert!(
        listed.contains(relais_domain::email_message::EmailKind::MeetupInvitation.code()),
        "{listed}"
    );
    let again = relais(&["reminders", "--dry-run", "--at", &at], &env, dir.path());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        listed,
        "a dry run queues nothing"
    );
    let real = relais(&["reminders", "--at", &at], &env, dir.path());
    assert!(String::from_utf8_lossy(&real.stdout).contains("queued"));
    let after = relais(&["reminders", "--dry-run", "--at", &at], &env, dir.path());
    assert!(String::from_utf8_lossy(&after.stdout).contains("0 email(s) would be queued"));
    let bad = relais(
        &["reminders", "--dry-run", "--at", "tomorrow"],
        &env,
        dir.path(),
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--at"));
}

/// What a run that must succeed printed; its errors if it failed.
fn succeeded(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

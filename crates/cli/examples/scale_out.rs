//! The driver of `scripts/scale-out` (issue 10): three `relais serve` on
//! one PostgreSQL database, a local SMTP server (the tests' own, fast or
//! slow), a mixed load of log-ins, RSVPs and journal entries spread over
//! the three, one `kill -9` and one `SIGTERM` while emails are on the wire
//! (each instance started again as a supervisor would), then the checks:
//! every acknowledged write is in the database, every queued email was
//! delivered, and every duplicate is one the driver can name as caught on
//! the wire: its first copy was accepted by the SMTP server, before the
//! `kill -9`, over a connection of the process killed.
//!
//! Settings, from the environment: `RELAIS_BIN` (the binary),
//! `RELAIS_TEST_DATABASE_URL` (a PostgreSQL server where a database is made
//! and dropped), `EMAILS` (queued in three waves, one before each fault and
//! one at the start), `USERS` (people in the load), `LOAD_SECONDS`,
//! `SMTP_DELAY_MS` (the server's wait before accepting each message) and
//! `LEASE_SECONDS` (`RELAIS_DELIVERY_LEASE`). Prints its figures as a
//! Markdown table; exits 1 when a check fails.

use anyhow::{Context as _, bail};
use relais_domain::rsvp::Answer;
use relais_domain::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use relais_tests::TestDb;
use relais_tests::outbox::queue_invitations;
use relais_tests::smtp::{Received, SmtpServer};
use reqwest::StatusCode;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The public URL every instance shares, as behind one load balancer: the
/// Message-IDs are made from it.
const BASE_URL: &str = "http://relais.scale-out.test/";
const PASSWORD: &str = relais_cli::seed::DEMO_PASSWORD;
const INSTANCES: usize = 3;
const GRACE_SECONDS: u64 = 10;

struct Settings {
    bin: PathBuf,
    emails: usize,
    users: usize,
    load: Duration,
    smtp_delay: Duration,
    lease: u64,
}

fn setting(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .with_context(|| format!("{name}: expected a number, got {text:?}")),
        Err(_) => Ok(default),
    }
}

impl Settings {
    fn from_env() -> anyhow::Result<Settings> {
        Ok(Settings {
            bin: std::env::var("RELAIS_BIN")
                .map(PathBuf::from)
                .context("RELAIS_BIN: the relais binary to run")?,
            emails: usize::try_from(setting("EMAILS", 300)?)?,
            users: usize::try_from(setting("USERS", 6)?)?,
            load: Duration::from_secs(setting("LOAD_SECONDS", 20)?),
            smtp_delay: Duration::from_millis(setting("SMTP_DELAY_MS", 200)?),
            lease: setting("LEASE_SECONDS", 4)?,
        })
    }
}

/// One `relais serve`, started again after each fault.
struct Instance {
    number: usize,
    bind: String,
    log: PathBuf,
    child: Option<Child>,
}

impl Instance {
    fn start(&mut self, settings: &Settings, db: &TestDb, smtp: &SmtpServer) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let child = Command::new(&settings.bin)
            .arg("serve")
            .env_remove("RELAIS_CONFIG")
            .env("RELAIS_DATABASE_URL", &db.url)
            .env("RELAIS_BIND", &self.bind)
            .env("RELAIS_BASE_URL", BASE_URL)
            .env("RELAIS_SMTP_URL", smtp.url())
            .env(
                "RELAIS_SECRET",
                "scale-out-secret-0123456789abcdefghijklmnop",
            )
            .env("RELAIS_SCHEDULE_DELIVERY", "* * * * * *")
            .env("RELAIS_DELIVERY_LEASE", settings.lease.to_string())
            .env("RELAIS_SHUTDOWN_GRACE", GRACE_SECONDS.to_string())
            .env("RELAIS_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", settings.bin.display()))?;
        self.child = Some(child);
        Ok(())
    }

    async fn wait_ready(&self) -> anyhow::Result<()> {
        for _ in 0..600 {
            if reqwest::get(format!("http://{}/healthz", self.bind))
                .await
                .is_ok_and(|r| r.status() == StatusCode::OK)
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!(
            "instance {} did not start on {} (log: {})",
            self.number,
            self.bind,
            self.log.display()
        )
    }

    fn pid(&self) -> anyhow::Result<u32> {
        Ok(self.child.as_ref().context("not running")?.id())
    }

    /// `kill -9`; returns the moment it was seen dead (the signal is
    /// delivered some time after `kill` returns).
    fn kill(&mut self) -> anyhow::Result<Instant> {
        let mut child = self.child.take().context("not running")?;
        child.kill()?;
        child.wait()?;
        Ok(Instant::now())
    }

    /// `SIGTERM`, then waits for the exit status.
    async fn terminate(&mut self) -> anyhow::Result<std::process::ExitStatus> {
        let mut child = self.child.take().context("not running")?;
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()?;
        if !status.success() {
            bail!("kill -TERM failed");
        }
        let until = Instant::now() + Duration::from_secs(GRACE_SECONDS + 20);
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > until {
                let _ = child.kill();
                bail!("instance {} still running after SIGTERM", self.number);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The local ports of `pid`'s TCP connections to `port`: which of the SMTP
/// server's clients belong to the process about to be killed.
fn ports_connected_to(pid: u32, port: u16) -> anyhow::Result<HashSet<u16>> {
    let mut inodes = HashSet::new();
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd"))? {
        let Ok(target) = std::fs::read_link(fd?.path()) else {
            continue;
        };
        if let Some(inode) = target
            .to_str()
            .and_then(|t| t.strip_prefix("socket:["))
            .and_then(|t| t.strip_suffix(']'))
        {
            inodes.insert(inode.to_owned());
        }
    }
    let mut ports = HashSet::new();
    for table in ["tcp", "tcp6"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(remote), Some(inode)) =
                (fields.get(1), fields.get(2), fields.get(9))
            else {
                continue;
            };
            let port_of = |address: &str| {
                address
                    .rsplit_once(':')
                    .and_then(|(_, p)| u16::from_str_radix(p, 16).ok())
            };
            if inodes.contains(*inode) && port_of(remote) == Some(port) {
                ports.extend(port_of(local));
            }
        }
    }
    Ok(ports)
}

/// A tiny deterministic generator (SplitMix64): the load's choices.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        usize::try_from(z % below.max(1) as u64).unwrap_or(0)
    }
}

#[derive(Clone)]
struct Person {
    id: i32,
    email: String,
    project: Option<String>,
}

/// One write the load tried.
#[derive(Debug, Clone)]
enum Write {
    /// A log-in; the client holding its session is kept to try it later.
    LogIn { session: usize },
    /// An answer to a meeting.
    Rsvp {
        occurrence: i32,
        answer: &'static str,
    },
    /// A journal entry whose body is `marker`.
    Entry { marker: String },
}

#[derive(Debug, Clone)]
struct Attempt {
    person: i32,
    write: Write,
    acknowledged: bool,
}

#[derive(Default)]
struct Ledger {
    attempts: Vec<Attempt>,
    sessions: Vec<reqwest::Client>,
    /// Answers other than the acknowledgement (status), and failed connections (0).
    refused: BTreeMap<u16, usize>,
}

fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()?)
}

fn csrf_token(body: &str) -> Option<String> {
    let re = regex::Regex::new(r#"name="csrf_token" value="([0-9a-f]+)""#).ok()?;
    re.captures(body).map(|c| c[1].to_owned())
}

/// Loads `page`, then posts `fields` with its CSRF token to `action`, as a
/// browser would; `Ok(status)` of the post, `Err` when an instance did not
/// answer (down, or killed mid-request).
async fn submit(
    http: &reqwest::Client,
    base: &str,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Result<StatusCode, StatusCode> {
    let form = http
        .get(format!("{base}{page}"))
        .send()
        .await
        .map_err(|_| StatusCode::from_u16(599).unwrap_or(StatusCode::BAD_GATEWAY))?;
    let body = form
        .text()
        .await
        .map_err(|_| StatusCode::from_u16(599).unwrap_or(StatusCode::BAD_GATEWAY))?;
    let Some(token) = csrf_token(&body) else {
        return Ok(StatusCode::UNPROCESSABLE_ENTITY);
    };
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    http.post(format!("{base}{action}"))
        .form(&all)
        .send()
        .await
        .map(|r| r.status())
        .map_err(|_| StatusCode::from_u16(599).unwrap_or(StatusCode::BAD_GATEWAY))
}

/// One person's load until `stop`: log-ins, answers to meetings and journal
/// entries, each through the next instance in turn.
async fn load(
    person: Person,
    bases: Arc<Vec<String>>,
    occurrences: Arc<Vec<i32>>,
    ledger: Arc<Mutex<Ledger>>,
    turn: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) {
    let mut dice = Dice(u64::try_from(person.id).unwrap_or(1) * 7919);
    let mut http: Option<reqwest::Client> = None;
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let base = &bases[turn.fetch_add(1, Ordering::Relaxed) % bases.len()];
        let roll = dice.next(10);
        let mut announced = None;
        let (write, outcome, session) = if http.is_none() || roll < 2 {
            let Ok(fresh) = client() else { return };
            let outcome = submit(
                &fresh,
                base,
                "/login",
                "/login",
                &[("email", &person.email), ("password", PASSWORD)],
            )
            .await;
            let session = fresh.clone();
            http = Some(fresh);
            (Write::LogIn { session: 0 }, outcome, Some(session))
        } else if roll < 6 || person.project.is_none() {
            let occurrence = occurrences[dice.next(occurrences.len())];
            let answer = Answer::ALL[dice.next(Answer::ALL.len())].code();
            let Some(h) = &http else { continue };
            // Written down before it is sent: an answer may reach the
            // database before its acknowledgement reaches the ledger, and
            // a check in between must know it was tried.
            announced = Some(announce(&ledger, person.id, occurrence, answer));
            let page = format!("/meetups/{occurrence}");
            let outcome = submit(
                h,
                base,
                &page,
                &format!("{page}/rsvp"),
                &[("answer", answer)],
            )
            .await;
            (Write::Rsvp { occurrence, answer }, outcome, None)
        } else {
            let slug = person.project.as_deref().unwrap_or_default();
            let marker = format!("scale-out entry {}-{n}", person.id);
            let Some(h) = &http else { continue };
            let page = format!("/projects/{slug}");
            let outcome = submit(
                h,
                base,
                &page,
                &format!("{page}/updates"),
                &[("body", &marker), ("milestone_id", "")],
            )
            .await;
            (Write::Entry { marker }, outcome, None)
        };
        let acknowledged = outcome == Ok(StatusCode::SEE_OTHER);
        if !acknowledged && matches!(write, Write::LogIn { .. }) {
            // Not logged in after all: log in again next time.
            http = None;
        }
        // An instance that did not answer is given a moment, as a load
        // balancer's health check would.
        let pause = if outcome.is_err() { 200 } else { 20 };
        record(&ledger, person.id, write, outcome, session, announced);
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
}

/// Writes down an answer about to be sent; returns its place in the ledger.
fn announce(ledger: &Mutex<Ledger>, person: i32, occurrence: i32, answer: &'static str) -> usize {
    let mut ledger = ledger
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    ledger.attempts.push(Attempt {
        person,
        write: Write::Rsvp { occurrence, answer },
        acknowledged: false,
    });
    ledger.attempts.len() - 1
}

/// Writes down one attempt (at its place if `announced`); an
/// acknowledged log-in keeps its session.
fn record(
    ledger: &Mutex<Ledger>,
    person: i32,
    write: Write,
    outcome: Result<StatusCode, StatusCode>,
    session: Option<reqwest::Client>,
    announced: Option<usize>,
) {
    let acknowledged = outcome == Ok(StatusCode::SEE_OTHER);
    let mut ledger = ledger
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let write = match (write, session) {
        (Write::LogIn { .. }, Some(client)) if acknowledged => {
            ledger.sessions.push(client);
            Write::LogIn {
                session: ledger.sessions.len() - 1,
            }
        }
        (write, _) => write,
    };
    if !acknowledged {
        let code = match outcome {
            Ok(status) | Err(status) => status.as_u16(),
        };
        *ledger.refused.entry(code).or_default() += 1;
    }
    let attempt = Attempt {
        person,
        write,
        acknowledged,
    };
    match announced.and_then(|i| ledger.attempts.get_mut(i)) {
        Some(place) => *place = attempt,
        None => ledger.attempts.push(attempt),
    }
}

async fn rows(
    db: &DatabaseConnection,
    sql: &str,
) -> anyhow::Result<Vec<relais_domain::sea_orm::QueryResult>> {
    Ok(db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?)
}

async fn count(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let found = rows(db, sql).await?;
    Ok(found
        .first()
        .context("no row")?
        .try_get_by_index::<i64>(0)?)
}

/// Acknowledged writes, and those of them found: journal entries by their
/// text, answers to meetings as the last acknowledged one (or one tried
/// after it), sessions by using them on `base`.
async fn writes_found(
    db: &DatabaseConnection,
    ledger: &Arc<Mutex<Ledger>>,
    base: &str,
) -> anyhow::Result<(usize, usize, Vec<String>)> {
    let (attempts, sessions) = {
        let l = ledger
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (l.attempts.clone(), l.sessions.clone())
    };
    let entries: HashSet<String> = rows(
        db,
        "SELECT body FROM project_updates WHERE body LIKE 'scale-out entry %'",
    )
    .await?
    .iter()
    .map(|r| r.try_get_by_index::<String>(0))
    .collect::<Result<_, _>>()?;
    let stored: HashMap<(i32, i32), String> =
        rows(db, "SELECT user_id, occurrence_id, answer FROM rsvps")
            .await?
            .iter()
            .map(|r| {
                Ok::<_, anyhow::Error>((
                    (r.try_get_by_index::<i32>(0)?, r.try_get_by_index::<i32>(1)?),
                    r.try_get_by_index::<String>(2)?,
                ))
            })
            .collect::<Result<_, _>>()?;
    let mut acknowledged = 0;
    let mut found = 0;
    let mut missing = Vec::new();
    // Answers per (person, meeting), in the order tried.
    let mut tried: BTreeMap<(i32, i32), Vec<(&'static str, bool)>> = BTreeMap::new();
    for a in &attempts {
        match &a.write {
            Write::Entry { marker } if a.acknowledged => {
                acknowledged += 1;
                if entries.contains(marker) {
                    found += 1;
                } else {
                    missing.push(format!("journal entry {marker:?}"));
                }
            }
            Write::Rsvp { occurrence, answer } => tried
                .entry((a.person, *occurrence))
                .or_default()
                .push((answer, a.acknowledged)),
            Write::LogIn { session } if a.acknowledged => {
                acknowledged += 1;
                let answered = sessions[*session]
                    .get(format!("{base}/dashboard"))
                    .send()
                    .await
                    .map(|r| r.status());
                if answered.as_ref().is_ok_and(|s| *s == StatusCode::OK) {
                    found += 1;
                } else {
                    missing.push(format!(
                        "session {session}: /dashboard answered {answered:?}"
                    ));
                }
            }
            _ => {}
        }
    }
    for ((person, occurrence), answers) in tried {
        let Some(last) = answers.iter().rposition(|(_, acked)| *acked) else {
            continue;
        };
        acknowledged += 1;
        let allowed = answers_of(&answers[last..]);
        match stored.get(&(person, occurrence)) {
            Some(answer) if allowed.contains(&answer.as_str()) => found += 1,
            other => missing.push(format!(
                "answer of person {person} to meeting {occurrence}: {other:?}, expected one of {allowed:?}"
            )),
        }
    }
    Ok((acknowledged, found, missing))
}

fn answers_of(tried: &[(&'static str, bool)]) -> Vec<&'static str> {
    tried.iter().map(|(a, _)| *a).collect()
}

/// Emails queued so far, in three waves of `n` in one transaction each.
async fn queue(db: &DatabaseConnection, wave: usize, n: usize) -> anyhow::Result<()> {
    let emails: Vec<(String, String)> = (0..n)
        .map(|i| {
            let to = format!("wave{wave}.member{i}@example.org");
            (format!("scale-out:{to}"), to)
        })
        .collect();
    queue_invitations(db, &emails, chrono::Utc::now()).await?;
    Ok(())
}

/// Emails as the SMTP server saw them against the outbox.
struct Mail {
    queued: usize,
    delivered: usize,
    duplicates: usize,
    /// Duplicates whose first copy came over a connection of the process
    /// killed, accepted before it died: (Message-ID, ms before the kill).
    caught: Vec<(String, u128)>,
    unexplained: Vec<String>,
    undelivered: usize,
}

async fn mail(
    db: &DatabaseConnection,
    received: &[Received],
    killed: Option<&(HashSet<u16>, Instant)>,
) -> anyhow::Result<Mail> {
    let keys: Vec<String> = rows(db, "SELECT idempotency_key FROM email_outbox")
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    let base: relais_domain::base_url::BaseUrl = BASE_URL.parse()?;
    let expected: HashSet<String> = keys
        .iter()
        .map(|k| relais_scheduler::mailer::message_id(k, &base))
        .collect();
    let mut by_id: HashMap<String, Vec<&Received>> = HashMap::new();
    for r in received {
        by_id
            .entry(r.header("Message-ID").unwrap_or_default())
            .or_default()
            .push(r);
    }
    let mut m = Mail {
        queued: keys.len(),
        delivered: 0,
        duplicates: 0,
        caught: Vec::new(),
        unexplained: Vec::new(),
        undelivered: 0,
    };
    for id in &expected {
        if by_id.contains_key(id) {
            m.delivered += 1;
        } else {
            m.undelivered += 1;
        }
    }
    for (id, copies) in &by_id {
        if !expected.contains(id) {
            m.unexplained.push(format!("{id}: not in the outbox"));
            continue;
        }
        if copies.len() < 2 {
            continue;
        }
        m.duplicates += copies.len() - 1;
        let first = copies
            .iter()
            .min_by_key(|c| c.accepted_at)
            .copied()
            .context("copies")?;
        match killed {
            Some((ports, died))
                if copies.len() == 2
                    && ports.contains(&first.peer.port())
                    && first.accepted_at <= *died =>
            {
                m.caught.push((
                    id.clone(),
                    died.duration_since(first.accepted_at).as_millis(),
                ));
            }
            _ => {
                let when = |c: &Received| match killed {
                    Some((ports, died)) => format!(
                        "port {}{} at {:+} ms from the kill -9",
                        c.peer.port(),
                        if ports.contains(&c.peer.port()) {
                            " (the killed process')"
                        } else {
                            ""
                        },
                        if c.accepted_at >= *died {
                            i128::try_from(c.accepted_at.duration_since(*died).as_millis())
                                .unwrap_or(0)
                        } else {
                            -i128::try_from(died.duration_since(c.accepted_at).as_millis())
                                .unwrap_or(0)
                        }
                    ),
                    None => format!("port {}", c.peer.port()),
                };
                let seen: Vec<String> = copies.iter().map(|c| when(c)).collect();
                m.unexplained.push(format!(
                    "{id}: {} copies: {}",
                    copies.len(),
                    seen.join("; ")
                ));
            }
        }
    }
    Ok(m)
}

/// One line of the figures.
struct Figures {
    moment: String,
    mail: Mail,
    acknowledged: usize,
    found: usize,
}

async fn figures(
    moment: &str,
    db: &DatabaseConnection,
    smtp: &SmtpServer,
    killed: Option<&(HashSet<u16>, Instant)>,
    ledger: &Arc<Mutex<Ledger>>,
    base: &str,
    problems: &mut Vec<String>,
) -> anyhow::Result<Figures> {
    let (acknowledged, found, missing) = writes_found(db, ledger, base).await?;
    let mail = mail(db, &smtp.received(), killed).await?;
    problems.extend(
        missing
            .into_iter()
            .map(|m| format!("{moment}: missing {m}")),
    );
    problems.extend(
        mail.unexplained
            .iter()
            .map(|u| format!("{moment}: duplicate not caught on the wire: {u}")),
    );
    eprintln!(
        "scale-out: {moment}: emails queued {}, delivered {}, duplicates {} (caught on the wire {}); writes acknowledged {acknowledged}, found {found}",
        mail.queued,
        mail.delivered,
        mail.duplicates,
        mail.caught.len()
    );
    Ok(Figures {
        moment: moment.to_owned(),
        mail,
        acknowledged,
        found,
    })
}

async fn run() -> anyhow::Result<bool> {
    let settings = Settings::from_env()?;
    if !relais_tests::database::is_postgres() {
        bail!("RELAIS_TEST_DATABASE_URL: expected a postgres:// server");
    }
    let started = Instant::now();
    let db = TestDb::create().await;
    let seeded = Command::new(&settings.bin)
        .args(["seed", "--demo"])
        .env_remove("RELAIS_CONFIG")
        .env("RELAIS_DATABASE_URL", &db.url)
        .env("RELAIS_LOG", "warn")
        .stdout(Stdio::null())
        .status()?;
    if !seeded.success() {
        bail!("relais seed --demo failed");
    }
    let conn = db.connect().await;
    let smtp = SmtpServer::start_slow(settings.smtp_delay).await;
    let logs = tempfile::tempdir()?;
    let mut instances: Vec<Instance> = (0..INSTANCES)
        .map(|number| {
            let bind = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.to_string())?;
            Ok(Instance {
                number,
                bind,
                log: logs.path().join(format!("relais-{number}.log")),
                child: None,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    for instance in &mut instances {
        instance.start(&settings, &db, &smtp)?;
    }
    for instance in &instances {
        instance.wait_ready().await?;
    }
    let bases: Arc<Vec<String>> = Arc::new(
        instances
            .iter()
            .map(|i| format!("http://{}", i.bind))
            .collect(),
    );

    // The people, their projects and the meetings to come (generated by
    // the instances' planning at start-up).
    let people: Vec<Person> = {
        let sql = format!(
            "SELECT u.id, u.email, (SELECT p.slug FROM project_members m JOIN projects p ON p.id = m.project_id \
             WHERE m.user_id = u.id ORDER BY p.id LIMIT 1) \
             FROM users u WHERE u.is_active AND u.password_hash IS NOT NULL \
             ORDER BY EXISTS (SELECT 1 FROM project_members m WHERE m.user_id = u.id) DESC, u.id LIMIT {}",
            settings.users
        );
        rows(&conn, &sql)
            .await?
            .iter()
            .map(|r| {
                Ok::<_, anyhow::Error>(Person {
                    id: r.try_get_by_index(0)?,
                    email: r.try_get_by_index(1)?,
                    project: r.try_get_by_index(2)?,
                })
            })
            .collect::<Result<_, _>>()?
    };
    let mut occurrences: Vec<i32> = Vec::new();
    for _ in 0..300 {
        occurrences = rows(
            &conn,
            "SELECT id FROM meetup_occurrences WHERE status <> 'cancelled' \
             AND starts_at > now() + interval '1 day' ORDER BY starts_at LIMIT 6",
        )
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?;
        if !occurrences.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if people.is_empty() || occurrences.is_empty() {
        bail!("the demo has no people or no meetings to come");
    }
    let occurrences = Arc::new(occurrences);

    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let turn = Arc::new(AtomicUsize::new(0));
    let wave = settings.emails / 3;
    queue(&conn, 1, wave).await?;
    let load_started = Instant::now();
    let tasks: Vec<_> = people
        .iter()
        .cloned()
        .map(|p| {
            tokio::spawn(load(
                p,
                bases.clone(),
                occurrences.clone(),
                ledger.clone(),
                turn.clone(),
                stop.clone(),
            ))
        })
        .collect();
    let mut problems = Vec::new();
    let mut table = Vec::new();

    // kill -9 of instance 0 while emails are on the wire.
    tokio::time::sleep(settings.load / 3).await;
    queue(&conn, 2, wave).await?;
    smtp.wait_on_the_wire(1, Duration::from_secs(30)).await;
    let victim = &mut instances[0];
    let ports = ports_connected_to(victim.pid()?, smtp.addr.port())?;
    let on_the_wire = smtp.on_the_wire();
    let died = victim.kill()?;
    eprintln!(
        "scale-out: kill -9 of instance 0 ({} SMTP connections, {on_the_wire} emails on the wire)",
        ports.len()
    );
    let killed = (ports, died);
    table.push(
        figures(
            "after kill -9",
            &conn,
            &smtp,
            Some(&killed),
            &ledger,
            &bases[1],
            &mut problems,
        )
        .await?,
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    instances[0].start(&settings, &db, &smtp)?;
    instances[0].wait_ready().await?;

    // SIGTERM of instance 1 while emails are on the wire.
    let until = load_started + settings.load * 2 / 3;
    tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
    queue(&conn, 3, settings.emails - 2 * wave).await?;
    smtp.wait_on_the_wire(1, Duration::from_secs(30)).await;
    let on_the_wire = smtp.on_the_wire();
    let status = instances[1].terminate().await?;
    eprintln!("scale-out: SIGTERM to instance 1 ({on_the_wire} emails on the wire): {status}");
    if !status.success() {
        problems.push(format!("instance 1 ended with {status} after SIGTERM"));
    }
    table.push(
        figures(
            "after SIGTERM",
            &conn,
            &smtp,
            Some(&killed),
            &ledger,
            &bases[2],
            &mut problems,
        )
        .await?,
    );
    instances[1].start(&settings, &db, &smtp)?;
    instances[1].wait_ready().await?;

    // The rest of the load, then every email out.
    let until = load_started + settings.load;
    tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await?;
    }
    let drain = Duration::from_secs(settings.lease + 120)
        + settings.smtp_delay * u32::try_from(settings.emails / 8 + 1).unwrap_or(u32::MAX);
    let drained_by = Instant::now() + drain;
    loop {
        let left = count(
            &conn,
            "SELECT count(*) FROM email_outbox WHERE state <> 'sent'",
        )
        .await?;
        if left == 0 {
            break;
        }
        if Instant::now() > drained_by {
            problems.push(format!("{left} emails still not sent after {drain:?}"));
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let end = figures(
        "end, all delivered",
        &conn,
        &smtp,
        Some(&killed),
        &ledger,
        &bases[0],
        &mut problems,
    )
    .await?;
    if end.mail.undelivered > 0 {
        problems.push(format!(
            "{} queued emails never reached the SMTP server",
            end.mail.undelivered
        ));
    }
    table.push(end);
    for (number, instance) in instances.iter_mut().enumerate() {
        let status = instance.terminate().await?;
        if !status.success() {
            problems.push(format!("instance {number} ended with {status} at the end"));
        }
    }

    let ledger = ledger
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in &ledger.attempts {
        let kind = match a.write {
            Write::LogIn { .. } => "log-ins",
            Write::Rsvp { .. } => "answers to meetings",
            Write::Entry { .. } => "journal entries",
        };
        let k = kinds.entry(kind).or_default();
        k.0 += 1;
        k.1 += usize::from(a.acknowledged);
    }
    let mut out = String::new();
    writeln!(
        out,
        "{} instances, {} people, {} s of load, {} emails queued in three waves, SMTP server waiting {} ms per message, lease {} s, {} s in all.\n",
        INSTANCES,
        people.len(),
        settings.load.as_secs(),
        settings.emails,
        settings.smtp_delay.as_millis(),
        settings.lease,
        started.elapsed().as_secs()
    )?;
    let tried: Vec<String> = kinds
        .iter()
        .map(|(kind, (tried, acked))| format!("{kind} {acked} acknowledged of {tried} tried"))
        .collect();
    let refused: Vec<String> = ledger
        .refused
        .iter()
        .map(|(code, n)| match code {
            599 => format!("{n} without answer (instance down)"),
            code => format!("{n} answered {code}"),
        })
        .collect();
    writeln!(
        out,
        "Load: {}; not acknowledged: {}.\n",
        tried.join(", "),
        if refused.is_empty() {
            "none".to_owned()
        } else {
            refused.join(", ")
        }
    )?;
    writeln!(
        out,
        "Writes: each acknowledged log-in (its session still opens /dashboard) and journal entry; for answers to meetings, the last acknowledged one per person and meeting (or one tried after it).\n"
    )?;
    writeln!(
        out,
        "| moment | emails queued | delivered | duplicated | of which caught on the wire | writes acknowledged | found |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for f in &table {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            f.moment,
            f.mail.queued,
            f.mail.delivered,
            f.mail.duplicates,
            f.mail.caught.len(),
            f.acknowledged,
            f.found
        )?;
    }
    if let Some(end) = table.last() {
        for (id, ms) in &end.mail.caught {
            writeln!(
                out,
                "\nCaught on the wire: {id}, accepted {ms} ms before the kill -9."
            )?;
        }
    }
    print!("{out}");
    for p in &problems {
        eprintln!("scale-out: FAILED: {p}");
    }
    if !problems.is_empty() {
        for instance in &instances {
            eprintln!("--- {}", instance.log.display());
            eprintln!(
                "{}",
                std::fs::read_to_string(&instance.log).unwrap_or_default()
            );
        }
    }
    Ok(problems.is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("scale-out: {e:#}");
            ExitCode::FAILURE
        }
    }
}

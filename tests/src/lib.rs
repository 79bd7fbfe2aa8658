//! Test harness for whole journeys: a fresh database per test (SQLite file,
//! or a new PostgreSQL database when `RELAIS_TEST_DATABASE_URL` points at a
//! server), the real application on a real port, a cookie-keeping HTTP
//! client that reads CSRF tokens from forms like a browser would, and the
//! outbox delivered into `.eml` files the test can read.

pub mod browser;
pub mod bulk;
pub mod checks;
pub mod database;
pub mod lyon;
pub mod outbox;
pub mod process;
pub mod programme;
pub mod smtp;
pub mod walk;
pub mod world;

use chrono::{DateTime, Duration, Utc};
use regex::Regex;
use relais_domain::clock::FixedClock;
use relais_domain::video::VideoHosts;
use relais_domain::{Context, account};
use relais_scheduler::{JobContext, Mailer};
use relais_web::{AppState, WebConfig};
use reqwest::StatusCode;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use database::TestDb;

/// The password test accounts are given.
pub const PASSWORD: &str = "correct horse battery";

/// A running Relais on a free port, with its database, clock and mail folder.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The domain context the server uses (same database, same clock).
    pub ctx: Context,
    /// The clock, to move time forward.
    pub clock: Arc<FixedClock>,
    /// Delivers the outbox into `mail_dir`.
    pub jobs: JobContext,
    /// Where delivered emails are written.
    pub mail_dir: PathBuf,
    /// `None` once [`TestApp::stop`] gave it back.
    db: Option<TestDb>,
    _mail_tmp: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Text as tests quote it: French puts a narrow no-break space before
/// `: ; ! ?` and inside « », which a reader sees as a space and a test
/// writes as one (the translations' own test checks the typography).
pub fn as_read(text: &str) -> String {
    text.replace('\u{202f}', " ")
}

/// A delivered email, as read back from its `.eml` file.
#[derive(Debug, Clone)]
pub struct Email {
    /// The `To:` header.
    pub to: String,
    /// The `Subject:` header, decoded, [`as_read`].
    pub subject: String,
    /// The whole file, with quoted-printable soft breaks removed, [`as_read`].
    pub raw: String,
}

/// A message source with quoted-printable soft breaks and escapes decoded,
/// so that French text and long links read as written.
pub fn decode_quoted_printable(raw: &str) -> String {
    let raw = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text parts of a message as received over SMTP, each as (content
/// type, body) with its transfer encoding (quoted-printable or base64)
/// undone: what a mail client shows.
pub fn mime_parts(data: &str) -> Vec<(String, String)> {
    use base64::Engine;
    let boundaries: Vec<String> = Regex::new(r#"boundary="?([^";\r\n]+)"?"#)
        .expect("boundary pattern")
        .captures_iter(data)
        .map(|c| format!("--{}", &c[1]))
        .collect();
    let lines: Vec<&str> = data.lines().collect();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].to_ascii_lowercase();
        let Some(rest) = line.strip_prefix("content-type: text/") else {
            i += 1;
            continue;
        };
        let kind = format!("text/{}", rest.split(';').next().unwrap_or("").trim());
        let mut encoding = String::new();
        i += 1;
        while i < lines.len() && !lines[i].is_empty() {
            if let Some(e) = lines[i]
                .to_ascii_lowercase()
                .strip_prefix("content-transfer-encoding:")
            {
                encoding = e.trim().to_owned();
            }
            i += 1;
        }
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && !boundaries.iter().any(|b| lines[i].starts_with(b.as_str())) {
            body.push(lines[i]);
            i += 1;
        }
        let body = match encoding.as_str() {
            "base64" => String::from_utf8_lossy(
                &base64::engine::general_purpose::STANDARD
                    .decode(body.concat())
                    .expect("base64 body"),
            )
            .into_owned(),
            "quoted-printable" => decode_quoted_printable(&body.join("\r\n")).replace("\r\n", "\n"),
            _ => body.join("\n"),
        };
        parts.push((kind, body));
    }
    parts
}

/// The part of `data` of content type `kind` (`text/plain`, `text/html`), [`as_read`].
pub fn mime_part(data: &str, kind: &str) -> String {
    mime_parts(data)
        .into_iter()
        .find(|(k, _)| k == kind)
        .map(|(_, body)| as_read(&body))
        .unwrap_or_else(|| panic!("no {kind} part in:\n{data}"))
}

impl Email {
    /// The email's source with quoted-printable decoded, [`as_read`].
    pub fn text(&self) -> String {
        as_read(&decode_quoted_printable(&self.raw))
    }

    /// The first link in the email that starts with `prefix` (e.g. "/activate/").
    pub fn link(&self, base_url: &str, prefix: &str) -> String {
        let pattern = format!(
            r#"{}{}[A-Za-z0-9_\-?=/]+"#,
            regex::escape(base_url),
            regex::escape(prefix)
        );
        let re = Regex::new(&pattern).expect("link pattern");
        re.find(&self.raw)
            .unwrap_or_else(|| panic!("no {prefix} link in email:\n{}", self.raw))
            .as_str()
            .to_owned()
    }
}

fn decode_subject(line: &str) -> String {
    use base64::Engine;
    // lettre writes non-ASCII subjects as RFC 2047 base64 words; white space
    // between two encoded words is not part of the text, and a character may
    // be split across words, so adjacent words' bytes are joined first.
    let re = Regex::new(r"=\?utf-8\?b\?([A-Za-z0-9+/=]+)\?=").expect("rfc2047");
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut last = 0;
    for cap in re.captures_iter(line) {
        let m = cap.get(0).expect("match");
        let between = &line[last..m.start()];
        if !(between.trim().is_empty() && last > 0) {
            out.push_str(&String::from_utf8_lossy(&pending));
            pending.clear();
            out.push_str(between);
        }
        pending.extend(
            base64::engine::general_purpose::STANDARD
                .decode(&cap[1])
                .expect("base64 word"),
        );
        last = m.end();
    }
    out.push_str(&String::from_utf8_lossy(&pending));
    out.push_str(&line[last..]);
    out.trim().to_owned()
}

impl TestApp {
    /// Starts Relais on a fresh database, with the clock at `now`.
    pub async fn spawn() -> TestApp {
        Self::spawn_at(Utc::now()).await
    }

    /// Starts Relais on a fresh database, with the clock at `at`.
    pub async fn spawn_at(at: DateTime<Utc>) -> TestApp {
        Self::spawn_with_config(at, |config| config).await
    }

    /// Starts Relais trusting `video_hosts` (as `RELAIS_VIDEO_HOSTS` would).
    pub async fn spawn_with_video_hosts(video_hosts: &str) -> TestApp {
        let hosts = VideoHosts::parse(video_hosts).expect("video hosts");
        Self::spawn_with_config(Utc::now(), |config| config.with_video_hosts(hosts)).await
    }

    /// Starts Relais with the clock at `at` and the web settings `configure`
    /// makes of the defaults (as environment variables would).
    pub async fn spawn_with_config(
        at: DateTime<Utc>,
        configure: impl FnOnce(WebConfig) -> WebConfig,
    ) -> TestApp {
        let db = TestDb::create().await;
        let conn = db.connect_and_migrate().await;
        Self::serve(db, conn, at, configure).await
    }

    /// Starts Relais on `db`, a database already migrated (e.g. a
    /// [`TestDb::copy`] of another test app's), with the clock at `at`.
    pub async fn spawn_on(db: TestDb, at: DateTime<Utc>) -> TestApp {
        let conn = db.connect().await;
        Self::serve(db, conn, at, |config| config).await
    }

    async fn serve(
        db: TestDb,
        conn: relais_domain::sea_orm::DatabaseConnection,
        at: DateTime<Utc>,
        configure: impl FnOnce(WebConfig) -> WebConfig,
    ) -> TestApp {
        let clock = Arc::new(FixedClock::new(at));
        let ctx = Context::new(conn, clock.clone());
        let (base_url, server) = start_server(ctx.clone(), configure).await;
        let mail_tmp = tempfile::tempdir().expect("mail dir");
        let mail_dir = mail_tmp.path().to_path_buf();
        let jobs = JobContext {
            ctx: ctx.clone(),
            mailer: Arc::new(Mailer::files(&mail_dir).expect("mailer")),
            base_url: base_url.parse().expect("base url"),
            from: "La Nuit du Code Citoyen <relais@localhost>"
                .parse()
                .expect("mailbox"),
            worker: "test-worker".to_owned(),
            delivery: relais_scheduler::deliver::Settings::default(),
            shutdown: relais_scheduler::Shutdown::default(),
        };
        TestApp {
            base_url,
            ctx,
            clock,
            jobs,
            mail_dir,
            db: Some(db),
            _mail_tmp: mail_tmp,
            server,
        }
    }

    /// Another instance of the application on this one's database and
    /// clock, as in a deployment of several instances, with the web
    /// settings `configure` makes; returns its base URL.
    pub async fn spawn_instance(&self, configure: impl FnOnce(WebConfig) -> WebConfig) -> String {
        start_server(self.ctx.clone(), configure).await.0
    }

    /// The scheduler's jobs, delivering to the SMTP server at `url`.
    pub fn jobs_over_smtp(&self, url: &str) -> JobContext {
        JobContext {
            mailer: Arc::new(Mailer::smtp(url).expect("smtp url")),
            ..self.jobs.clone()
        }
    }

    /// Stops this app's use of its database and gives a copy of it, the
    /// starting point for [`TestApp::spawn_on`]. Several copies can be made
    /// of the returned database; this app no longer answers.
    pub async fn freeze(&self) -> TestDb {
        self.server.abort();
        self.ctx.db.close_by_ref().await.ok();
        self.db
            .as_ref()
            .expect("a running app's database")
            .copy()
            .await
    }

    /// Stops this app and closes its connections, giving back its database
    /// (e.g. to drop many test databases at once with [`TestDb::drop_all`]).
    pub async fn stop(mut self) -> TestDb {
        self.server.abort();
        self.ctx.db.close_by_ref().await.ok();
        self.db.take().expect("a running app's database")
    }

    /// Moves the application's clock.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// A new browser-like client (its own cookies).
    pub fn client(&self) -> Client {
        Client::new(&self.base_url)
    }

    /// Delivers the outbox now and returns every email delivered so far.
    pub async fn deliver(&self) -> Vec<Email> {
        relais_scheduler::deliver::run(&self.jobs, self.ctx.now())
            .await
            .expect("delivery");
        let mut emails = Vec::new();
        for entry in std::fs::read_dir(&self.mail_dir).expect("mail dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "eml") {
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime");
                let original = std::fs::read_to_string(&path).expect("eml");
                // Quoted-printable soft breaks and escapes, for the bodies.
                let raw = original.replace("=\r\n", "").replace("=3D", "=");
                // Long headers are folded onto lines starting with white space.
                let unfolded = original
                    .replace("\r\n ", " ")
                    .replace("\n ", " ")
                    .replace("\r\n\t", " ");
                let header = |name: &str| {
                    unfolded
                        .lines()
                        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                        .unwrap_or("")
                        .to_owned()
                };
                emails.push((
                    modified,
                    Email {
                        to: header("To"),
                        subject: as_read(&decode_subject(&header("Subject"))),
                        raw: as_read(&raw),
                    },
                ));
            }
        }
        emails.sort_by_key(|(m, _)| *m);
        emails.into_iter().map(|(_, e)| e).collect()
    }

    /// The last email delivered to `address`.
    pub async fn last_email_to(&self, address: &str) -> Email {
        self.deliver()
            .await
            .into_iter()
            .rev()
            .find(|e| e.to.contains(address))
            .unwrap_or_else(|| panic!("no email to {address}"))
    }

    /// Creates an account directly (with `PASSWORD`), for tests that start logged in.
    pub async fn create_account(
        &self,
        email: &str,
        name: &str,
        role: relais_domain::Role,
        city: Option<&str>,
    ) -> i32 {
        account::create_account(
            &self.ctx,
            account::NewAccount {
                email: email.to_owned(),
                name: name.to_owned(),
                role,
                city: city.map(str::to_owned),
                password: Some(PASSWORD.to_owned()),
                language: relais_domain::Language::Fr,
            },
        )
        .await
        .expect("account")
        .0
    }

    /// Creates accounts directly, each `(email, name, role, city slug)`,
    /// with [`PASSWORD`].
    pub async fn create_accounts(
        &self,
        people: &[(&str, &str, relais_domain::Role, Option<&str>)],
    ) {
        for (email, name, role, city) in people {
            self.create_account(email, name, *role, *city).await;
        }
    }

    /// A new client logged in as `email` (password [`PASSWORD`]).
    pub async fn logged_in(&self, email: &str) -> Client {
        let client = self.client();
        client.log_in(email, PASSWORD).await;
        client
    }

    /// The account id of `email`.
    pub async fn user_id(&self, email: &str) -> i32 {
        use relais_domain::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        user::Entity::find()
            .filter(user::Column::EmailKey.eq(email))
            .one(&self.ctx.db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("no account {email}"))
            .id
    }

    /// `email`'s account as the domain sees it acting.
    pub async fn actor(&self, email: &str) -> relais_domain::Actor {
        account::load(&self.ctx.db, self.user_id(email).await)
            .await
            .expect("load")
            .expect("account")
            .actor()
    }

    /// Creates a city as a throw-away programme coordinator would.
    pub async fn create_city(&self, slug: &str, name: &str) -> i32 {
        self.create_city_in(slug, name, "Europe/Paris", None).await
    }

    /// Creates a city in `zone`, taking part in `edition_id` if given.
    pub async fn create_city_in(
        &self,
        slug: &str,
        name: &str,
        zone: &str,
        edition_id: Option<i32>,
    ) -> i32 {
        relais_domain::city::create(&self.ctx, &programme_actor(), slug, name, zone, edition_id)
            .await
            .expect("city")
            .id
    }

    /// Creates the edition "2018" (marathon from 9 March 2018) and Lyon
    /// (Europe/Paris) taking part in it; returns their ids (edition, Lyon).
    pub async fn create_lyon(&self) -> (i32, i32) {
        let edition = self.create_edition("2018", "2018-03-09").await;
        let lyon = self
            .create_city_in("lyon", "Lyon", "Europe/Paris", Some(edition))
            .await;
        (edition, lyon)
    }

    /// Creates an edition whose marathon starts on `starts_on` (YYYY-MM-DD).
    pub async fn create_edition(&self, slug: &str, starts_on: &str) -> i32 {
        relais_domain::edition::create(
            &self.ctx,
            &programme_actor(),
            slug,
            &format!("Édition {slug}"),
            starts_on,
            starts_on,
        )
        .await
        .expect("edition")
        .id
    }
}

/// Serves the application over `ctx` on a free port, with the web
/// settings `configure` makes of the defaults; returns its base URL and the
/// server's task.
pub async fn start_server(
    ctx: Context,
    configure: impl FnOnce(WebConfig) -> WebConfig,
) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("addr"));
    let secret = relais_domain::settings::server_secret(&ctx.db, None)
        .await
        .expect("secret");
    let state = AppState {
        ctx,
        config: Arc::new(configure(WebConfig::new(base_url.parse().expect("url")))),
        secret: Arc::new(secret),
    };
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            relais_web::app(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("server");
    });
    (base_url, server)
}

/// A `127.0.0.1:PORT` address free a moment ago, for a process to bind.
pub fn free_address() -> String {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.to_string())
        .expect("port")
}

/// A programme coordinator that exists only in memory, for set-up.
pub fn programme_actor() -> relais_domain::Actor {
    relais_domain::Actor::User(relais_domain::role::UserActor {
        user_id: 0,
        city_id: None,
        grants: vec![relais_domain::role::Grant {
            role: relais_domain::Role::Coordinator,
            city_id: None,
        }],
    })
}

/// A page as fetched: status, final location and body.
#[derive(Debug)]
pub struct Page {
    /// The status code.
    pub status: StatusCode,
    /// `Location` for redirects.
    pub location: Option<String>,
    /// The HTML.
    pub body: String,
    /// Every `Set-Cookie` header.
    pub set_cookies: Vec<String>,
    /// Every response header, lower-case names.
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    /// The `csrf_token` of the first form on the page.
    pub fn csrf_token(&self) -> String {
        let re = Regex::new(r#"name="csrf_token" value="([0-9a-f]+)""#).expect("csrf pattern");
        re.captures(&self.body)
            .unwrap_or_else(|| panic!("no CSRF token on page:\n{}", self.body))[1]
            .to_owned()
    }

    /// The value of the first `<option>` whose label starts with
    /// `label_start`.
    pub fn option_value(&self, label_start: &str) -> String {
        let re = Regex::new(&format!(
            r#"<option value="(\d+)"[^>]*>{}"#,
            regex::escape(label_start)
        ))
        .expect("option pattern");
        re.captures(&self.body)
            .unwrap_or_else(|| panic!("no option {label_start}:\n{}", self.body))[1]
            .to_owned()
    }

    /// Asserts the page contains `text` (HTML-escaped as maud would), the
    /// page [`as_read`].
    pub fn assert_contains(&self, text: &str) {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        let body = as_read(&self.body);
        assert!(
            body.contains(text) || body.contains(&escaped),
            "page ({}) does not contain {text:?}:\n{}",
            self.status,
            self.body
        );
    }
}

/// A browser-like HTTP client: keeps cookies, does not follow redirects.
pub struct Client {
    base_url: String,
    http: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
    /// Extra headers sent with every request (e.g. `Accept-Language`).
    pub accept_language: Option<String>,
}

impl Client {
    /// A client for `base_url` with an empty cookie jar.
    pub fn new(base_url: &str) -> Client {
        Self::with_headers(base_url, reqwest::header::HeaderMap::new())
    }

    /// A client that sends `headers` with every request (e.g. as a reverse
    /// proxy adds `X-Forwarded-For`).
    pub fn with_headers(base_url: &str, headers: reqwest::header::HeaderMap) -> Client {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        Client {
            base_url: base_url.to_owned(),
            http: reqwest::Client::builder()
                .default_headers(headers)
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            jar,
            accept_language: None,
        }
    }

    /// The `name=value` of cookie `name` as this client would send it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base_url.parse().ok()?;
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// Every cookie this client would send, as one `Cookie` header value.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let Ok(url) = self.base_url.parse() else {
            return String::new();
        };
        self.jar
            .cookies(&url)
            .and_then(|h| h.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{}", self.base_url, path)
        }
    }

    async fn read(response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let set_cookies = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect();
        let body = response.text().await.expect("body");
        Page {
            status,
            location,
            body,
            set_cookies,
            headers,
        }
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> Page {
        let mut request = self.http.get(self.url(path));
        if let Some(lang) = &self.accept_language {
            request = request.header("accept-language", lang);
        }
        Self::read(request.send().await.expect("GET")).await
    }

    /// POST raw form fields to `path` (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let response = self
            .http
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        Self::read(response).await
    }

    /// Loads `form_page`, then posts a multipart form to `action`: the
    /// page's CSRF token first (as a browser sends the hidden field first),
    /// then `file` as field `name` (`None`: no file chosen).
    pub async fn upload(
        &self,
        form_page: &str,
        action: &str,
        name: &str,
        file: Option<(&str, Vec<u8>)>,
    ) -> Page {
        let token = self.get(form_page).await.csrf_token();
        let part = match file {
            Some((file_name, bytes)) => reqwest::multipart::Part::bytes(bytes)
                .file_name(file_name.to_owned())
                .mime_str("text/vtt")
                .expect("mime"),
            None => reqwest::multipart::Part::bytes(Vec::new())
                .file_name("")
                .mime_str("application/octet-stream")
                .expect("mime"),
        };
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .part(name.to_owned(), part);
        let response = self
            .http
            .post(self.url(action))
            .multipart(form)
            .send()
            .await
            .expect("POST multipart");
        Self::read(response).await
    }

    /// Loads `form_page`, then posts `fields` with the page's CSRF token to `action`.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(form_page).await;
        let token = page.csrf_token();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    /// Creates a public MIT project in edition 1 through the form; returns its path.
    pub async fn create_project(
        &self,
        title: &str,
        pitch: &str,
        theme: &str,
        city_id: &str,
    ) -> String {
        self.create_project_from(&[
            ("title", title),
            ("pitch", pitch),
            ("themes", theme),
            ("licence", "MIT"),
            ("edition_id", "1"),
            ("city_id", city_id),
            ("is_public", "on"),
        ])
        .await
    }

    /// Creates a project through the form filled with `fields`; panics
    /// unless it is created; returns its path.
    pub async fn create_project_from(&self, fields: &[(&str, &str)]) -> String {
        let page = self.submit("/projects/new", "/projects", fields).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "project not created:\n{}",
            page.body
        );
        page.location.expect("location of the new project")
    }

    /// Logs in through the form; panics unless it succeeds.
    pub async fn log_in(&self, email: &str, password: &str) {
        let page = self
            .submit(
                "/login",
                "/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "log-in failed:\n{}",
            page.body
        );
    }
}

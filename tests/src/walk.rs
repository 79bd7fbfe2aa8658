//! The demo (`relais seed --demo`) served on a test clock, and a walk over
//! the pages each kind of person reaches from it by following links: the
//! ground for checks that must hold on every page (dates for people,
//! validity, accessibility).

use crate::{Client, TestApp};
use chrono::{DateTime, Utc};
use regex::Regex;
use relais_domain::Role;
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::OnceLock;

/// A member with no team (the demo's members all have one).
pub const LONE_MEMBER: &str = "lone@relais.demo";

/// The people who walk the demo: (label, email to log in with, where to start).
pub const WALKERS: [(&str, Option<&str>, &str); 5] = [
    ("visitor", None, "/"),
    ("member", Some(LONE_MEMBER), "/dashboard"),
    ("team member", Some("alice@relais.demo"), "/dashboard"),
    ("mentor", Some("mentor.data@relais.demo"), "/mentor"),
    ("coordinator", Some("coordination@relais.demo"), "/admin"),
];

/// The moment the demo is seeded and read at: a Friday in November, so
/// that meetings, polls and milestones are ahead and behind.
pub fn demo_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
        .expect("demo instant")
        .with_timezone(&Utc)
}

/// The demo, served.
pub struct Demo {
    /// The running application.
    pub app: TestApp,
    /// The lone member's ballot in the Paris date poll (its emailed address).
    pub ballot: String,
}

impl Demo {
    /// Where `walker` starts: their first page, and for the lone member
    /// also the ballot only an email leads to.
    pub fn starts(&self, email: Option<&str>, first: &str) -> Vec<String> {
        let mut starts = vec![first.to_owned()];
        if email == Some(LONE_MEMBER) {
            starts.push(self.ballot.clone());
        }
        starts
    }
}

/// Relais at [`demo_now`] holding the demo, a member without a team and a
/// date poll in Paris (the demo has none) with its invitations delivered.
pub async fn demo() -> Demo {
    let app = TestApp::spawn_at(demo_now()).await;
    relais_cli::seed::demo(&app.ctx).await.expect("demo seed");
    app.create_account(LONE_MEMBER, "Lou Petit", Role::Member, Some("paris"))
        .await;
    let coordinator = Client::new(&app.base_url);
    coordinator
        .log_in("coordination@relais.demo", relais_cli::seed::DEMO_PASSWORD)
        .await;
    let created = coordinator
        .submit(
            "/admin/polls",
            "/admin/polls",
            &[
                ("city_id", "1"),
                ("title", "Atelier cartographie"),
                ("description", "Quand se retrouver ?"),
                ("place_address", "La Fabrique"),
                ("duration_minutes", "120"),
                ("capacity", "20"),
                ("slot_date", "2026-12-03"),
                ("slot_time", "19:00"),
                ("slot_date", "2026-12-10"),
                ("slot_time", "18:30"),
                ("closes_on", "2026-11-30"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "demo poll refused:\n{}",
        created.body
    );
    app.deliver().await;
    let invitation = app.last_email_to(LONE_MEMBER).await;
    let ballot = invitation
        .link(&app.base_url, "/polls/")
        .trim_start_matches(&app.base_url)
        .to_owned();
    Demo { app, ballot }
}

/// The password of a walker's account: the demo's, or [`crate::PASSWORD`]
/// for the lone member.
pub fn password_for(email: &str) -> &'static str {
    if email == LONE_MEMBER {
        crate::PASSWORD
    } else {
        relais_cli::seed::DEMO_PASSWORD
    }
}

/// A client for `walker`'s email, logged in.
pub async fn client_for(app: &TestApp, email: Option<&str>) -> Client {
    let client = Client::new(&app.base_url);
    if let Some(email) = email {
        client.log_in(email, password_for(email)).await;
    }
    client
}

/// The pages each of the [`WALKERS`] reaches from their start, at most
/// `per_shape` of a kind and 150 in all: (label, email, pages).
pub async fn walk_all(
    demo: &Demo,
    per_shape: usize,
) -> Vec<(&'static str, Option<&'static str>, Vec<Reached>)> {
    let mut walks = Vec::new();
    for (who, email, start) in WALKERS {
        let client = client_for(&demo.app, email).await;
        let pages = walk(&client, &demo.starts(email, start), per_shape, 150).await;
        walks.push((who, email, pages));
    }
    walks
}

/// A page reached on a walk: its path and HTML.
#[derive(Debug, Clone)]
pub struct Reached {
    /// Path and query.
    pub path: String,
    /// The HTML.
    pub html: String,
}

/// Addresses a walk does not follow: actions, machine formats, files,
/// and pages that change who is walking.
fn followable(path: &str) -> bool {
    const SKIP_PREFIXES: [&str; 7] = [
        "/logout",
        "/language/",
        "/text/",
        "/static/",
        "/calendar/",
        "/source",
        "/activate/",
    ];
    const SKIP_SUFFIXES: [&str; 8] = [
        ".atom", ".ics", ".txt", ".vtt", ".csv", ".json", ".ico", ".pdf",
    ];
    let bare = path.split(['?', '#']).next().unwrap_or(path);
    path.starts_with('/')
        && !path.starts_with("//")
        && !SKIP_PREFIXES.iter().any(|p| bare.starts_with(p))
        && !SKIP_SUFFIXES.iter().any(|s| bare.ends_with(s))
}

/// What makes two addresses the same kind of page: numbers and the second
/// segment (a slug) blurred, the query dropped.
fn shape(path: &str) -> String {
    static DIGITS: OnceLock<Regex> = OnceLock::new();
    let digits = DIGITS.get_or_init(|| Regex::new(r"[0-9]+").expect("digits"));
    let bare = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments: Vec<String> = bare
        .split('/')
        .map(|s| digits.replace_all(s, "N").into_owned())
        .collect();
    if segments.len() > 2 && segments[1] != "admin" {
        segments[2] = "*".to_owned();
    }
    segments.join("/")
}

/// The same-site links of a page, without fragments, HTML entities decoded.
fn links(html: &str) -> Vec<String> {
    static HREF: OnceLock<Regex> = OnceLock::new();
    let href = HREF.get_or_init(|| Regex::new(r#"href="([^"]*)""#).expect("href"));
    href.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .map(|l| l.split('#').next().unwrap_or_default().to_owned())
        .filter(|l| followable(l))
        .collect()
}

/// Follows links from `starts` as `client`, breadth first, reading at most
/// `per_shape` pages of each kind and `limit` pages in all; every page
/// reached must answer 200, or send the walker away (a redirect, 401, 403:
/// a page for another role, not followed).
pub async fn walk(
    client: &Client,
    starts: &[String],
    per_shape: usize,
    limit: usize,
) -> Vec<Reached> {
    let mut queue: VecDeque<String> = starts.iter().cloned().collect();
    let mut seen: BTreeSet<String> = starts.iter().cloned().collect();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut reached = Vec::new();
    while let Some(path) = queue.pop_front() {
        if reached.len() >= limit {
            break;
        }
        let count = shapes.entry(shape(&path)).or_default();
        if *count >= per_shape {
            continue;
        }
        *count += 1;
        let page = client.get(&path).await;
        // A page for another role (a redirect to log in, or "access
        // refused") is not this walker's page.
        if page.status.is_redirection()
            || page.status == StatusCode::UNAUTHORIZED
            || page.status == StatusCode::FORBIDDEN
        {
            continue;
        }
        let is_html = page
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if !is_html {
            continue;
        }
        assert!(
            page.status == StatusCode::OK,
            "{path} answered {} on a walk:\n{}",
            page.status,
            page.body
        );
        for link in links(&page.body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        reached.push(Reached {
            path,
            html: page.body,
        });
    }
    reached
}

/// The text a reader sees: markup, scripts, styles and attribute values
/// removed, the content of `<textarea>` and `<code>` (what someone typed,
/// machine text) left out, entities for spaces decoded.
pub fn reader_text(html: &str) -> String {
    static HIDDEN: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let hidden = HIDDEN.get_or_init(|| {
        Regex::new(r"(?s)<(script|style|textarea|code|pre)\b.*?</(script|style|textarea|code|pre)>")
            .expect("hidden")
    });
    let tag = TAG.get_or_init(|| Regex::new(r"(?s)<[^>]*>").expect("tag"));
    let visible = hidden.replace_all(html, " ");
    tag.replace_all(&visible, " ")
        .replace("&nbsp;", " ")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_group_pages_of_one_kind() {
        assert_eq!(shape("/projects/velo-ecole"), "/projects/*");
        assert_eq!(shape("/projects/a/needs/12"), "/projects/*/needs/N");
        assert_eq!(shape("/admin/polls/3?x=1"), "/admin/polls/N");
        assert_eq!(shape("/meetups/7"), "/meetups/*");
    }

    #[test]
    fn walks_skip_actions_and_machine_formats() {
        let html = r##"<a href="/projects?theme=x&amp;page=2#top">a</a><a href="/feed.atom">f</a>
            <a href="https://example.org/">x</a><a href="/logout">o</a><a href="#content">s</a>"##;
        assert_eq!(links(html), vec!["/projects?theme=x&page=2".to_owned()]);
    }

    #[test]
    fn reader_text_leaves_attributes_and_typed_text_out() {
        let html = r#"<p><time datetime="2026-12-03T18:00:00Z">3&nbsp;déc.</time></p><textarea>2026-12-03</textarea>"#;
        let text = reader_text(html);
        assert!(!text.contains("2026-12-03"), "{text}");
        assert!(text.contains("3 déc."), "{text}");
    }
}

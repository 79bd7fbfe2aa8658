//! A hostile corpus (issue 10): script tags, event handlers, `javascript:`
//! and `data:` links, SVG, right-to-left overrides, NUL bytes, CRLF, SQL
//! fragments, 100 kB values and far dates, sent through every text field of
//! every form the demo's people reach (a visitor, a member, a team member, a
//! mentor, a coordinator). Nothing may answer 5xx or inject a header; then
//! every page they reach and every email sent is read again: no markup that
//! runs may appear, whatever was stored.

use regex::Regex;
use relais_tests::Client;
use relais_tests::walk::{self, WALKERS};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// What an attacker types.
fn corpus() -> Vec<String> {
    let mut values: Vec<String> = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)' x='",
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "<svg onload=alert(1)><circle r=9 /></svg>",
        "[clic](javascript:alert(1)) ![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "<a href=\"data:text/html,<script>alert(1)</script>\">lien</a>",
        "\u{202e}gnp.exe\u{202c} \u{2066}isolé",
        "avant\0après",
        "ligne\r\nX-Injected: oui\r\n\r\n<b>corps</b>",
        "'; DROP TABLE projects; --",
        "1 OR 1=1 UNION SELECT password_hash FROM users --",
        "99999-12-31",
        "+262142-01-01T00:00",
    ]
    .map(str::to_owned)
    .to_vec();
    values.push("é".repeat(50_000)); // 100 kB once encoded in UTF-8
    values
}

/// One field of a form, as a browser would send it untouched.
#[derive(Debug, Clone)]
struct Field {
    name: String,
    /// What the browser sends when nobody changes it.
    value: String,
    /// Whether a person types into it.
    typed: bool,
}

/// A form found on a page.
#[derive(Debug, Clone)]
struct Form {
    action: String,
    post: bool,
    fields: Vec<Field>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("pattern"))
}

fn attrs(tag: &str) -> Vec<(String, String)> {
    static ATTR: OnceLock<Regex> = OnceLock::new();
    re(&ATTR, r#"([a-zA-Z_:-]+)(?:="([^"]*)")?"#)
        .captures_iter(tag)
        .map(|c| {
            (
                c[1].to_ascii_lowercase(),
                c.get(2).map_or("", |m| m.as_str()).to_owned(),
            )
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Typed into by people: everything but choices, buttons and hidden fields.
const TYPED: [&str; 10] = [
    "text",
    "email",
    "url",
    "search",
    "tel",
    "number",
    "date",
    "time",
    "datetime-local",
    "password",
];

/// The forms of a page (file uploads left out: they take files, not text).
fn forms(page: &str, html: &str) -> Vec<Form> {
    static FORM: OnceLock<Regex> = OnceLock::new();
    static CONTROL: OnceLock<Regex> = OnceLock::new();
    static OPTION: OnceLock<Regex> = OnceLock::new();
    let form = re(&FORM, r"(?s)<form\b([^>]*)>(.*?)</form>");
    let control = re(
        &CONTROL,
        r"(?s)<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>|<select\b([^>]*)>(.*?)</select>",
    );
    let option = re(&OPTION, r"<option\b([^>]*)>");
    let mut found = Vec::new();
    for f in form.captures_iter(html) {
        let form_attrs = attrs(&f[1]);
        if attr(&form_attrs, "enctype") == Some("multipart/form-data") {
            continue;
        }
        let mut fields = Vec::new();
        for c in control.captures_iter(&f[2]) {
            if let Some(input) = c.get(1) {
                let a = attrs(input.as_str());
                let (Some(name), kind) = (attr(&a, "name"), attr(&a, "type").unwrap_or("text"))
                else {
                    continue;
                };
                let checkable = kind == "checkbox" || kind == "radio";
                if checkable && attr(&a, "checked").is_none() {
                    continue;
                }
                if kind == "submit" || kind == "file" {
                    continue;
                }
                fields.push(Field {
                    name: name.to_owned(),
                    value: unescape(attr(&a, "value").unwrap_or_default()),
                    typed: TYPED.contains(&kind),
                });
            } else if let Some(textarea) = c.get(2) {
                let a = attrs(textarea.as_str());
                if let Some(name) = attr(&a, "name") {
                    fields.push(Field {
                        name: name.to_owned(),
                        value: unescape(c.get(3).map_or("", |m| m.as_str())),
                        typed: true,
                    });
                }
            } else if let Some(select) = c.get(4) {
                let a = attrs(select.as_str());
                let options: Vec<Vec<(String, String)>> = option
                    .captures_iter(c.get(5).map_or("", |m| m.as_str()))
                    .map(|o| attrs(&o[1]))
                    .collect();
                let chosen = options
                    .iter()
                    .find(|o| attr(o, "selected").is_some())
                    .or_else(|| options.iter().find(|o| attr(o, "value") != Some("")))
                    .and_then(|o| attr(o, "value"));
                if let (Some(name), Some(value)) = (attr(&a, "name"), chosen) {
                    fields.push(Field {
                        name: name.to_owned(),
                        value: unescape(value),
                        typed: false,
                    });
                }
            }
        }
        found.push(Form {
            action: unescape(attr(&form_attrs, "action").unwrap_or(page)),
            post: attr(&form_attrs, "method").is_some_and(|m| m.eq_ignore_ascii_case("post")),
            fields,
        });
    }
    found
}

/// Forms that end something (a session, a meeting, a membership, an
/// account) or ask first: sending them again and again would change who
/// walks, not test what is shown.
fn ends_something(form: &Form) -> bool {
    const ENDING: [&str; 13] = [
        "/logout",
        "cancel",
        "delete",
        "remove",
        "leave",
        "convert",
        "revoke",
        "withdraw",
        "unsubscribe",
        "/sessions",
        "/password",
        "/activate/",
        "/profile/email",
    ];
    ENDING.iter().any(|e| form.action.contains(e))
        || form.fields.iter().any(|f| f.name == "confirmed")
}

/// A value a person would type where the form offers none, by field name.
fn plausible(name: &str) -> &'static str {
    match name {
        n if n.contains("email") => "quelqu.un@example.org",
        n if n.contains("url") || n.contains("link") || n.contains("website") => {
            "https://example.org/"
        }
        n if n.ends_with("_on") || n.contains("date") => "2027-01-14",
        n if n.contains("time") => "18:30",
        "duration_minutes" => "90",
        "capacity" => "20",
        "password" => "un mot de passe assez long",
        _ => "Texte ordinaire",
    }
}

/// Markup that would run, found in `html`: a script, frame or object
/// element, an event-handler attribute, or a link or source whose address
/// runs (`javascript:`, `vbscript:`, `data:`). Tags are read with their
/// quoted attribute values, as a browser reads them, so that a value shown
/// escaped inside an attribute is text, not markup.
fn dangers(html: &str) -> Vec<String> {
    static TAG: OnceLock<Regex> = OnceLock::new();
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let tag = re(
        &TAG,
        r#"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*/?>"#,
    );
    let attribute = re(
        &ATTR,
        r#"([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?"#,
    );
    let mut found = Vec::new();
    for t in tag.captures_iter(html) {
        let name = t[1].to_ascii_lowercase();
        let mut bad = ["script", "object", "embed", "base", "frame"].contains(&name.as_str());
        // A video player is the one frame pages carry: from a host over
        // https, and sandboxed.
        if name == "iframe" {
            let framed = &t[2];
            bad |= !(framed.contains(r#"src="https://"#) && framed.contains("sandbox="));
        }
        for a in attribute.captures_iter(&t[2]) {
            let key = a[1].to_ascii_lowercase();
            let value = a
                .get(2)
                .or_else(|| a.get(3))
                .or_else(|| a.get(4))
                .map_or(String::new(), |v| unescape(v.as_str()));
            let address: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let runs = ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|scheme| address.starts_with(scheme));
            bad |= key.starts_with("on")
                || ([
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "xlink:href",
                    "srcdoc",
                ]
                .contains(&key.as_str())
                    && runs);
        }
        if bad {
            found.push(t[0].chars().take(200).collect());
        }
    }
    found
}

/// Every problem with one answer: a 5xx, an injected header, running markup.
fn answer_problems(label: &str, page: &relais_tests::Page) -> Vec<String> {
    let mut problems = Vec::new();
    if page.status.is_server_error() {
        problems.push(format!("{label}: {}", page.status));
    }
    if page.headers.contains_key("x-injected") {
        problems.push(format!("{label}: header injected"));
    }
    for danger in dangers(&page.body) {
        problems.push(format!("{label}: {danger:?}"));
    }
    problems
}

fn encode(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Sends `value` in `field` of `form`, every other field as found.
async fn send(
    client: &Client,
    token: &str,
    form: &Form,
    field: &str,
    value: &str,
) -> relais_tests::Page {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for f in &form.fields {
        let v = if f.name == field {
            value.to_owned()
        } else if f.name == "csrf_token" {
            token.to_owned()
        } else if f.value.is_empty() && f.typed {
            plausible(&f.name).to_owned()
        } else {
            f.value.clone()
        };
        pairs.push((f.name.clone(), v));
    }
    if form.post {
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        client.post_raw(&form.action, &borrowed).await
    } else {
        // Addresses stop near 8 kB on the way (browsers, proxies): a long
        // value in a search box is cut to what would arrive.
        for (_, v) in &mut pairs {
            if v.len() > 2_000 {
                *v = v.chars().take(1_000).collect();
            }
        }
        let sep = if form.action.contains('?') { '&' } else { '?' };
        client
            .get(&format!("{}{sep}{}", form.action, encode(&pairs)))
            .await
    }
}

#[tokio::test]
async fn hostile_input_through_every_form_runs_nowhere_and_breaks_nothing() {
    let demo = walk::demo().await;
    let app = &demo.app;
    let corpus = corpus();
    let mut problems: Vec<String> = Vec::new();
    let mut sent = 0usize;
    let mut tried: BTreeSet<String> = BTreeSet::new();
    let mut clients = Vec::new();
    for (who, email, first) in WALKERS {
        let client = walk::client_for(app, email).await;
        let pages = walk::walk(&client, &demo.starts(email, first), 2, 60).await;
        for reached in &pages {
            for form in forms(&reached.path, &reached.html) {
                if ends_something(&form) || !form.fields.iter().any(|f| f.typed) {
                    continue;
                }
                // One form of each kind per person: the same form on
                // another project's page reaches the same code.
                let kind: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
                let shape = format!(
                    "{who} {} {}",
                    form.action.trim_end_matches(char::is_numeric),
                    kind.join(",")
                );
                if !tried.insert(shape) {
                    continue;
                }
                for field in form.fields.iter().filter(|f| f.typed) {
                    for value in &corpus {
                        // The page's token, as a browser has it; a failed
                        // log-in or a refused form keeps it valid.
                        let token = form
                            .fields
                            .iter()
                            .find(|f| f.name == "csrf_token")
                            .map_or("", |f| f.value.as_str());
                        let page = send(&client, token, &form, &field.name, value).await;
                        sent += 1;
                        let label = format!(
                            "{who} {} {} ← {:.40?}",
                            if form.post { "POST" } else { "GET" },
                            form.action,
                            value
                        );
                        problems.extend(answer_problems(&label, &page));
                        if page.status.is_redirection()
                            && let Some(next) = page.location.as_deref()
                            && next.starts_with('/')
                        {
                            let shown = client.get(next).await;
                            problems
                                .extend(answer_problems(&format!("{label} then {next}"), &shown));
                        }
                    }
                }
            }
        }
        clients.push((who, email, first, client));
    }
    assert!(
        tried.len() >= 25 && sent >= 1_000,
        "too few forms tried to mean anything: {} forms, {sent} values:\n{tried:#?}",
        tried.len()
    );

    // Whatever was kept is shown again: every page each person reaches now.
    let mut stored_and_escaped = false;
    for (who, email, first, client) in &clients {
        for reached in walk::walk(client, &demo.starts(*email, first), 2, 80).await {
            stored_and_escaped |= reached
                .html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            for danger in dangers(&reached.html) {
                problems.push(format!("{who} reading {}: {danger:?}", reached.path));
            }
        }
    }
    assert!(
        stored_and_escaped,
        "no hostile value was kept and shown: the corpus reached nothing"
    );

    // And every email it caused: no header added, no markup that runs.
    let mut html_parts = 0;
    for email in app.deliver().await {
        let source = email.text();
        let head = source.split("\r\n\r\n").next().unwrap_or_default();
        if head
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("x-injected"))
        {
            problems.push(format!("email to {}: header injected", email.to));
        }
        // The plain-text part shows what was typed as typed: only the HTML
        // part is read by a mail client as markup.
        for (_, html) in relais_tests::mime_parts(&email.raw)
            .into_iter()
            .filter(|(kind, _)| kind == "text/html")
        {
            html_parts += 1;
            for danger in dangers(&html) {
                problems.push(format!(
                    "email to {} ({}): {danger:?}",
                    email.to, email.subject
                ));
            }
        }
    }
    assert!(html_parts > 10, "too few emails read: {html_parts}");
    assert!(
        problems.is_empty(),
        "{} problems from {sent} hostile values in {} forms:\n{}",
        problems.len(),
        tried.len(),
        problems.join("\n")
    );
}

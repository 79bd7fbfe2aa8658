//! The page shell: head, navigation, language switch, flash, footer.

use crate::assets::style_version;
use crate::i18n::t;
use maud::{DOCTYPE, Markup, Render, html};
use relais_domain::Language;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// What every page needs to know about the request it answers.
#[derive(Debug, Clone, Default)]
pub struct PageContext {
    /// The language to write in.
    pub lang: Language,
    /// The CSRF token to put in every form, made when a form first asks.
    pub csrf_token: CsrfToken,
    /// The logged-in person, if any.
    pub user: Option<NavUser>,
    /// A one-off message from the previous request.
    pub flash: Option<Flash>,
    /// The current path (for the language switch to come back to).
    pub path: String,
    /// Feeds of what the page shows, named in its head.
    pub feeds: Vec<Feed>,
    /// The text size the reader chose.
    pub text_size: TextSize,
}

/// How big the text is: "texte plus grand" is a reader's choice, kept in a
/// cookie, for those who find the normal size (18 px) still too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TextSize {
    /// The stylesheet's size.
    #[default]
    Normal,
    /// A quarter larger.
    Large,
}

impl TextSize {
    /// The code in the cookie and the switch's address.
    pub fn code(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Large => "large",
        }
    }

    /// The size of `code`, if it is one.
    pub fn parse(code: &str) -> Option<TextSize> {
        match code {
            "normal" => Some(TextSize::Normal),
            "large" => Some(TextSize::Large),
            _ => None,
        }
    }

    /// The other size: what the switch offers.
    pub fn other(self) -> TextSize {
        match self {
            TextSize::Normal => TextSize::Large,
            TextSize::Large => TextSize::Normal,
        }
    }
}

/// A feed a page offers (`<link rel="alternate">` in its head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Atom or iCalendar.
    pub kind: FeedKind,
    /// Its title, already translated.
    pub title: String,
    /// Its address.
    pub href: String,
}

/// What a feed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// An Atom news feed.
    Atom,
    /// An iCalendar (.ics) calendar.
    Calendar,
}

impl FeedKind {
    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedKind::Atom => "application/atom+xml",
            FeedKind::Calendar => "text/calendar",
        }
    }
}

impl PageContext {
    /// The same context, offering `feeds` in the page's head.
    pub fn with_feeds(&self, feeds: Vec<Feed>) -> PageContext {
        PageContext {
            feeds,
            ..self.clone()
        }
    }
}

/// A page's CSRF token, made the first time a form renders it: a page
/// without a form costs no token, and the request envelope learns from
/// [`CsrfToken::is_made`] whether the browser needs a cookie to bind it to.
/// Clones share the one token.
#[derive(Clone)]
pub struct CsrfToken(Arc<CsrfInner>);

struct CsrfInner {
    value: OnceLock<String>,
    make: Box<dyn Fn() -> String + Send + Sync>,
}

impl CsrfToken {
    /// A token made by `make` on first use, at most once.
    pub fn lazy(make: impl Fn() -> String + Send + Sync + 'static) -> Self {
        Self(Arc::new(CsrfInner {
            value: OnceLock::new(),
            make: Box::new(make),
        }))
    }

    /// A token known in advance (previews, emails, tests).
    pub fn fixed(value: impl Into<String>) -> Self {
        let value = value.into();
        Self::lazy(move || value.clone())
    }

    /// The token, made now if no form asked for it before.
    pub fn get(&self) -> &str {
        self.0.value.get_or_init(|| (self.0.make)())
    }

    /// Whether the token was made (a form on the page, or a check).
    pub fn is_made(&self) -> bool {
        self.0.value.get().is_some()
    }
}

impl Default for CsrfToken {
    fn default() -> Self {
        Self::fixed("")
    }
}

impl fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsrfToken")
            .field("made", &self.is_made())
            .finish_non_exhaustive()
    }
}

impl Render for CsrfToken {
    fn render_to(&self, buffer: &mut String) {
        self.get().render_to(buffer);
    }
}

/// The logged-in person, as the navigation shows them.
#[derive(Debug, Clone, Default)]
pub struct NavUser {
    /// Display name.
    pub name: String,
    /// Whether to show the coordination link.
    pub is_coordinator: bool,
    /// Whether to show the mentoring link.
    pub is_mentor: bool,
}

/// A one-off message shown at the top of the next page.
#[derive(Debug, Clone)]
pub struct Flash {
    /// Translation key of the message.
    pub key: String,
    /// Shown as an error rather than a confirmation.
    pub is_error: bool,
}

/// Percent-encodes a path for use in a query string.
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The log-in address that comes back to `path` afterwards (the log-in
/// and sign-up pages, and the home page, need no way back).
pub fn log_in_href(path: &str) -> String {
    match path {
        "" | "/" | "/login" | "/signup" | "/logout" => "/login".to_owned(),
        p if p.starts_with("/password/") || p.starts_with("/activate/") => "/login".to_owned(),
        p => format!("/login?next={}", encode_query(p)),
    }
}

/// A whole page around `body`, titled `title`.
pub fn page(ctx: &PageContext, title: &str, body: Markup) -> Markup {
    shell(ctx, title, false, body)
}

/// A whole page with a narrow column (forms).
pub fn narrow_page(ctx: &PageContext, title: &str, body: Markup) -> Markup {
    shell(ctx, title, true, body)
}

fn shell(ctx: &PageContext, title: &str, narrow: bool, body: Markup) -> Markup {
    let lang = ctx.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) class=[(ctx.text_size == TextSize::Large).then_some("text-large")] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (t(lang, "site-name")) }
                link rel="stylesheet" href={ "/static/style.css?v=" (style_version()) };
                link rel="icon" href="/favicon.ico" sizes="32x32";
                @for feed in &ctx.feeds {
                    link rel="alternate" type=(feed.kind.media_type()) title=(feed.title) href=(feed.href);
                }
            }
            body {
                a.skip-link href="#content" { (t(lang, "skip-to-content")) }
                header.site {
                    a.brand href="/" { (t(lang, "site-name")) small { (t(lang, "programme-name")) } }
                    nav.main aria-label=(t(lang, "nav-main")) {
                        ul {
                            li { a href="/" { (t(lang, "nav-home")) } }
                            li { a href="/projects" { (t(lang, "nav-projects")) } }
                            li { a href="/videos" { (t(lang, "nav-videos")) } }
                            li { a href="/meetups" { (t(lang, "nav-meetups")) } }
                            li { a href="/needs" { (t(lang, "nav-needs")) } }
                            @if let Some(user) = &ctx.user {
                                li { a href="/dashboard" { (t(lang, "nav-dashboard")) } }
                                li { a href="/relation" { (t(lang, "nav-relation")) } }
                                @if user.is_mentor {
                                    li { a href="/mentor" { (t(lang, "nav-mentor")) } }
                                }
                                @if user.is_coordinator {
                                    li { a href="/admin" { (t(lang, "nav-admin")) } }
                                }
                                li { a href="/profile" { (t(lang, "nav-profile")) " (" (user.name) ")" } }
                                li {
                                    form method="post" action="/logout" {
                                        input type="hidden" name="csrf_token" value=(ctx.csrf_token);
                                        button.link type="submit" { (t(lang, "nav-logout")) }
                                    }
                                }
                            } @else {
                                li { a href=(log_in_href(&ctx.path)) { (t(lang, "nav-login")) } }
                                li { a href="/signup" { (t(lang, "nav-signup")) } }
                            }
                            li.text-size {
                                a href={ "/text/" (ctx.text_size.other().code()) "?next=" (encode_query(&ctx.path)) } {
                                    (t(lang, &format!("text-size-{}", ctx.text_size.other().code())))
                                }
                            }
                            li.lang-switch aria-label=(t(lang, "nav-language")) {
                                @for other in Language::ALL {
                                    a href={ "/language/" (other.code()) "?next=" (encode_query(&ctx.path)) }
                                        hreflang=(other.code()) lang=(other.code())
                                        aria-current=[(other == lang).then_some("true")] {
                                        (t(other, &format!("language-{}", other.code())))
                                    }
                                    " "
                                }
                            }
                        }
                    }
                }
                main id="content" class=[narrow.then_some("narrow")] {
                    @if let Some(flash) = &ctx.flash {
                        div.flash.error[flash.is_error] role="status" { (t(lang, &flash.key)) }
                    }
                    (body)
                }
                footer.site {
                    p { (t(lang, "site-name")) " — " (t(lang, "site-tagline")) }
                    p {
                        a href="/source" { (t(lang, "footer-source")) }
                        " · "
                        a href="/open-data" { (t(lang, "footer-open-data")) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_token_is_made_once_and_only_when_a_form_renders_it() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let token = CsrfToken::lazy(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            "t0k".to_owned()
        });
        let ctx = PageContext {
            csrf_token: token.clone(),
            ..PageContext::default()
        };
        let without_form = page(&ctx, "title", html! { p { "no form" } }).into_string();
        assert!(!without_form.contains("t0k"));
        assert!(!token.is_made());
        assert_eq!(calls.load(Ordering::SeqCst), 0);
        let with_form = page(&ctx, "title", crate::form::csrf(&ctx)).into_string();
        assert!(with_form.contains(r#"value="t0k""#));
        let again = crate::form::csrf(&ctx).into_string();
        assert!(again.contains("t0k"));
        assert!(token.is_made());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}

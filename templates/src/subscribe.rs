//! The feeds pages offer: named in the head (`<link rel="alternate">`) and,
//! for calendars, "S'abonner" links a calendar application opens directly
//! (`webcal:`) beside the plain address to paste.

use crate::i18n::{t, t_args};
use crate::layout::{Feed, FeedKind};
use maud::{Markup, html};
use relais_domain::Language;

/// The programme's news: every project's public journal.
pub fn programme(lang: Language) -> Feed {
    Feed {
        kind: FeedKind::Atom,
        title: t(lang, "feed-programme"),
        href: "/feed.atom".to_owned(),
    }
}

/// The explainer videos.
pub fn videos(lang: Language) -> Feed {
    Feed {
        kind: FeedKind::Atom,
        title: t(lang, "feed-videos"),
        href: "/videos/feed.atom".to_owned(),
    }
}

/// One project's public journal.
pub fn project(lang: Language, slug: &str, title: &str) -> Feed {
    Feed {
        kind: FeedKind::Atom,
        title: t_args(lang, "feed-project", &[("title", title)]),
        href: format!("/projects/{slug}/feed.atom"),
    }
}

/// A city's meetings as a calendar.
pub fn city_calendar(lang: Language, slug: &str, city: &str) -> Feed {
    Feed {
        kind: FeedKind::Calendar,
        title: t_args(lang, "feed-city-calendar", &[("city", city)]),
        href: format!("/cities/{slug}/meetups.ics"),
    }
}

/// The `webcal:` form of an http(s) address, which calendar applications
/// open as a subscription.
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// "S'abonner" (webcal) and the https address, for a calendar feed;
/// `base_url` is the site's public address without a trailing slash.
pub fn calendar_links(lang: Language, base_url: &str, feed: &Feed) -> Markup {
    let https = format!("{base_url}{}", feed.href);
    html! {
        a.button.subscribe href=(webcal(&https)) type=(feed.kind.media_type()) { (t(lang, "subscribe")) }
        " "
        a href=(https) type=(feed.kind.media_type()) { (t(lang, "subscribe-address")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendars_open_as_subscriptions() {
        assert_eq!(
            webcal("https://relais.example.org/cities/paris/meetups.ics"),
            "webcal://relais.example.org/cities/paris/meetups.ics"
        );
        assert_eq!(
            webcal("http://127.0.0.1:8080/x.ics"),
            "webcal://127.0.0.1:8080/x.ics"
        );
        let feed = city_calendar(Language::Fr, "paris", "Paris");
        let html = calendar_links(Language::Fr, "https://r.example", &feed).into_string();
        assert!(
            html.contains(r#"href="webcal://r.example/cities/paris/meetups.ics""#),
            "{html}"
        );
        assert!(
            html.contains(r#"href="https://r.example/cities/paris/meetups.ics""#),
            "{html}"
        );
        assert!(html.contains("S'abonner"), "{html}");
    }
}

//! Atom 1.0 feeds (RFC 4287), so people can follow projects in a feed reader.
//!
//! Characters that XML 1.0 forbids (most control characters) are dropped
//! from every text: escaping cannot make them legal, and a single one makes
//! feed readers reject the whole feed.

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, Utc};

/// The feed-level author: Atom requires one for entries that have none.
pub const FEED_AUTHOR: &str = "La Nuit du Code Citoyen";

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// Stable, unique id: a `tag:` URI or an https URL.
    pub id: String,
    /// Title, plain text.
    pub title: String,
    /// The item's page on the site.
    pub url: String,
    /// Author's display name, if the item has one.
    pub author: Option<String>,
    /// When the item first appeared.
    pub published: DateTime<Utc>,
    /// When the item last changed.
    pub updated: DateTime<Utc>,
    /// Short plain-text summary.
    pub summary: String,
    /// Full content, already sanitised HTML.
    pub content_html: String,
    /// A media file readers may download with the entry (podcast-style).
    pub enclosure: Option<Enclosure>,
}

/// A media file attached to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enclosure {
    /// The file's address.
    pub url: String,
    /// Its media type, such as `video/mp4`.
    pub mime_type: String,
}

/// The feed itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedMeta {
    /// Stable, unique id of the feed.
    pub id: String,
    /// Title, plain text.
    pub title: String,
    /// Where this feed is served.
    pub self_url: String,
    /// The HTML page the feed mirrors.
    pub site_url: String,
    /// When anything in the feed last changed.
    pub updated: DateTime<Utc>,
}

fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..))
        .collect()
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: xml_safe(href),
        rel: rel.to_owned(),
        mime_type: Some(mime_type.to_owned()),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: xml_safe(name),
        ..Person::default()
    }
}

fn entry(e: &FeedEntry) -> Entry {
    Entry {
        id: xml_safe(&e.id),
        title: Text::plain(xml_safe(&e.title)),
        updated: e.updated.fixed_offset(),
        published: Some(e.published.fixed_offset()),
        authors: e.author.as_deref().map(person).into_iter().collect(),
        links: std::iter::once(link(&e.url, "alternate", "text/html"))
            .chain(
                e.enclosure
                    .iter()
                    .map(|m| link(&m.url, "enclosure", &m.mime_type)),
            )
            .collect(),
        summary: Some(Text::plain(xml_safe(&e.summary))),
        content: Some(Content {
            value: Some(xml_safe(&e.content_html)),
            content_type: Some("html".to_owned()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// Renders an Atom feed document.
pub fn atom(meta: &FeedMeta, entries: &[FeedEntry]) -> String {
    let feed = Feed {
        id: xml_safe(&meta.id),
        title: Text::plain(xml_safe(&meta.title)),
        updated: meta.updated.fixed_offset(),
        authors: vec![person(FEED_AUTHOR)],
        links: vec![
            link(&meta.self_url, "self", "application/atom+xml"),
            link(&meta.site_url, "alternate", "text/html"),
        ],
        entries: entries.iter().map(entry).collect(),
        ..Feed::default()
    };
    // `Feed::to_string` would turn a write error into an empty document.
    let bytes = feed
        .write_to(Vec::new())
        .expect("writing XML into memory cannot fail");
    String::from_utf8(bytes).expect("the XML is written from Rust strings, so it is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use atom_syndication::TextType;
    use chrono::TimeZone;
    use std::str::FromStr;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0)
            .single()
            .expect("test dates are valid")
    }

    fn meta() -> FeedMeta {
        FeedMeta {
            id: "tag:relais.example,2025:projects".into(),
            title: "Projets de Relais".into(),
            self_url: "https://relais.example/projets.atom".into(),
            site_url: "https://relais.example/projets".into(),
            updated: at(10, 12),
        }
    }

    fn sample_entry() -> FeedEntry {
        FeedEntry {
            id: "tag:relais.example,2025:project-3".into(),
            title: "Jardin partagé".into(),
            url: "https://relais.example/projets/3".into(),
            author: Some("Awa".into()),
            published: at(1, 9),
            updated: at(9, 18),
            summary: "Un jardin <au> centre".into(),
            content_html: "<p>Un <em>jardin</em> &amp; des bancs</p>".into(),
            enclosure: None,
        }
    }

    fn parse(xml: &str) -> Feed {
        Feed::from_str(xml).unwrap_or_else(|e| panic!("invalid Atom ({e}): {xml}"))
    }

    fn rel<'a>(links: &'a [Link], rel: &str) -> Option<&'a Link> {
        links.iter().find(|l| l.rel == rel)
    }

    #[test]
    fn a_feed_reads_back_with_its_links_author_and_entries() {
        let xml = atom(&meta(), &[sample_entry()]);
        assert!(
            xml.contains(r#"xmlns="http://www.w3.org/2005/Atom""#),
            "{xml}"
        );
        let feed = parse(&xml);
        assert_eq!(feed.id, "tag:relais.example,2025:projects");
        assert_eq!(feed.title.value, "Projets de Relais");
        assert_eq!(feed.updated, at(10, 12).fixed_offset());
        assert_eq!(feed.authors.len(), 1);
        assert_eq!(feed.authors[0].name, FEED_AUTHOR);
        let this = rel(&feed.links, "self").expect("a self link");
        assert_eq!(this.href, "https://relais.example/projets.atom");
        assert_eq!(this.mime_type.as_deref(), Some("application/atom+xml"));
        let site = rel(&feed.links, "alternate").expect("an alternate link");
        assert_eq!(site.href, "https://relais.example/projets");
        assert_eq!(site.mime_type.as_deref(), Some("text/html"));

        assert_eq!(feed.entries.len(), 1);
        let entry = &feed.entries[0];
        assert_eq!(entry.id, "tag:relais.example,2025:project-3");
        assert_eq!(entry.title.value, "Jardin partagé");
        assert_eq!(entry.updated, at(9, 18).fixed_offset());
        assert_eq!(entry.published, Some(at(1, 9).fixed_offset()));
        assert_eq!(entry.authors.len(), 1);
        assert_eq!(entry.authors[0].name, "Awa");
        let page = rel(&entry.links, "alternate").expect("an entry link");
        assert_eq!(page.href, "https://relais.example/projets/3");
        assert_eq!(page.mime_type.as_deref(), Some("text/html"));
        let summary = entry.summary.as_ref().expect("a summary");
        assert_eq!(summary.r#type, TextType::Text);
        assert_eq!(summary.value, "Un jardin <au> centre");
        let content = entry.content.as_ref().expect("content");
        assert_eq!(content.content_type.as_deref(), Some("html"));
        assert_eq!(
            content.value.as_deref(),
            Some("<p>Un <em>jardin</em> &amp; des bancs</p>")
        );
    }

    #[test]
    fn entries_without_an_author_rely_on_the_feed_author() {
        let xml = atom(
            &meta(),
            &[FeedEntry {
                author: None,
                ..sample_entry()
            }],
        );
        let feed = parse(&xml);
        assert!(feed.entries[0].authors.is_empty());
        assert_eq!(feed.authors[0].name, FEED_AUTHOR);
    }

    #[test]
    fn markup_characters_in_titles_round_trip() {
        let title = r#"Vélos <& "trottinettes"> l'été"#;
        let xml = atom(
            &FeedMeta {
                title: title.into(),
                ..meta()
            },
            &[FeedEntry {
                title: title.into(),
                ..sample_entry()
            }],
        );
        assert!(!xml.contains("<&"), "{xml}");
        let feed = parse(&xml);
        assert_eq!(feed.title.value, title);
        assert_eq!(feed.entries[0].title.value, title);
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        let xml = atom(
            &meta(),
            &[FeedEntry {
                title: "Bip\u{7}\u{0} fin\u{fffe}".into(),
                ..sample_entry()
            }],
        );
        let feed = parse(&xml);
        assert_eq!(feed.entries[0].title.value, "Bip fin");
    }

    #[test]
    fn an_enclosure_is_a_link_with_its_media_type() {
        let xml = atom(
            &meta(),
            &[FeedEntry {
                enclosure: Some(Enclosure {
                    url: "https://video.example.org/v.mp4".into(),
                    mime_type: "video/mp4".into(),
                }),
                ..sample_entry()
            }],
        );
        let feed = parse(&xml);
        let file = rel(&feed.entries[0].links, "enclosure").expect("an enclosure");
        assert_eq!(file.href, "https://video.example.org/v.mp4");
        assert_eq!(file.mime_type.as_deref(), Some("video/mp4"));
    }

    #[test]
    fn an_empty_feed_is_still_valid_atom() {
        let xml = atom(&meta(), &[]);
        let feed = parse(&xml);
        assert_eq!(feed.id, "tag:relais.example,2025:projects");
        assert_eq!(feed.title.value, "Projets de Relais");
        assert_eq!(feed.updated, at(10, 12).fixed_offset());
        assert_eq!(feed.authors[0].name, FEED_AUTHOR);
        assert!(feed.entries.is_empty());
        for element in ["<id>", "<title>", "<updated>", "<author>"] {
            assert!(xml.contains(element), "missing {element} in {xml}");
        }
    }
}

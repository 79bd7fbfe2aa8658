//! User-written Markdown: turned into safe HTML for pages, or into a short
//! plain-text excerpt for feeds and cards.
//!
//! The HTML is sanitised *after* rendering, never before: Markdown can build
//! markup out of harmless-looking text (a `javascript:` link, raw HTML
//! blocks), so only the final HTML can be judged. The allow-list also keeps
//! out inline `style` attributes, which the site's Content-Security-Policy
//! would block anyway, so table column alignment written in Markdown is lost.

use ammonia::Builder;
use maud::PreEscaped;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The sanitiser, built once: its allow-lists are costly to assemble.
static SANITISER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        // The page owns h1 and h2; demotion handles Markdown headings, this
        // catches the ones typed as raw HTML.
        .rm_tags(&["h1", "h2"])
        // Their content is fallback markup or code, not text worth showing.
        .add_clean_content_tags(&["iframe", "noscript", "object"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow ugc noopener"))
        // Images load without a click, so unlike links they may not point
        // at a relative or mailto URL.
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if !is_http_url(value) => None,
            _ => Some(Cow::Borrowed(value)),
        });
    builder
});

fn is_http_url(url: &str) -> bool {
    let url = url.trim();
    ["http://", "https://"].iter().any(|prefix| {
        url.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    })
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The levels a text's headings take on a page, which owns h1 and h2: the
/// levels the text uses, highest first, become h3, h4, h5 and h6, so that
/// a description written with "##" alone reads as h3 under the page's h2
/// and no level is skipped.
struct Demotion([HeadingLevel; 6]);

impl Demotion {
    fn of(markdown: &str) -> Self {
        let mut used = [false; 6];
        for event in Parser::new_ext(markdown, options()) {
            if let Event::Start(Tag::Heading { level, .. }) = event {
                used[level as usize - 1] = true;
            }
        }
        let mut levels = [HeadingLevel::H6; 6];
        let mut next = [HeadingLevel::H3, HeadingLevel::H4, HeadingLevel::H5].into_iter();
        for (level, used) in levels.iter_mut().zip(used) {
            if used {
                *level = next.next().unwrap_or(HeadingLevel::H6);
            }
        }
        Demotion(levels)
    }

    fn level(&self, level: HeadingLevel) -> HeadingLevel {
        self.0[level as usize - 1]
    }

    fn event<'a>(&self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: self.level(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(self.level(level))),
            other => other,
        }
    }
}

/// Renders user Markdown (CommonMark, tables, strikethrough) as sanitised HTML.
pub fn render(markdown: &str) -> PreEscaped<String> {
    let demotion = Demotion::of(markdown);
    let events = Parser::new_ext(markdown, options()).map(|e| demotion.event(e));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    PreEscaped(SANITISER.clean(&html).to_string())
}

/// The same, for an email: links and images written relative to the site
/// ("/projects/compost") point under `base`, since a mail client has no
/// page to resolve them against.
pub fn render_in_email(markdown: &str, base: &str) -> PreEscaped<String> {
    let demotion = Demotion::of(markdown);
    let events = Parser::new_ext(markdown, options())
        .map(|e| demotion.event(e))
        .map(|e| absolute(e, base));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    PreEscaped(SANITISER.clean(&html).to_string())
}

/// `event` with a site-relative link or image address put under `base`.
fn absolute<'a>(event: Event<'a>, base: &str) -> Event<'a> {
    let under = |url: pulldown_cmark::CowStr<'a>| -> pulldown_cmark::CowStr<'a> {
        if url.starts_with('/') && !url.starts_with("//") {
            format!("{}{url}", base.trim_end_matches('/')).into()
        } else {
            url
        }
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: under(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: under(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

/// The text of user Markdown, whitespace collapsed, cut to at most
/// `max_chars` characters (ellipsis included) at a word boundary.
pub fn plain_excerpt(markdown: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // Block ends separate words that the source kept on other lines;
            // inline ends must not, or "[lien](…)." would read "lien .".
            Event::End(end) if is_inline(end) => {}
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::End(_) => text.push(' '),
            // Raw HTML is markup, not text.
            _ => {}
        }
    }
    truncate(&collapse_whitespace(&text), max_chars)
}

/// User Markdown as readable plain text, for the text part of emails:
/// paragraphs apart, list items on their own lines ("- ", "1. "), quotes
/// marked "> ", headings as their words, links as "text (url)" (a
/// site-relative one under `base`), no `*`, `#` or raw HTML left.
pub fn plain_text(markdown: &str, base: &str) -> String {
    let mut w = PlainWriter::default();
    for event in Parser::new_ext(markdown, options()).map(|e| absolute(e, base)) {
        match event {
            Event::Start(tag) => w.start(&tag),
            Event::End(end) => w.end(end),
            Event::Text(t) | Event::Code(t) => w.text(&t),
            Event::SoftBreak | Event::HardBreak => w.line_break(),
            Event::Rule => {
                w.text("—");
                w.block_end();
            }
            Event::TaskListMarker(done) => w.text(if done { "[x] " } else { "[ ] " }),
            // Raw HTML is markup, not text; footnotes and math are not enabled.
            _ => {}
        }
    }
    w.out.trim_end().to_owned()
}

/// Writes plain text block by block: breaks are owed at a block's end and
/// paid (with the quote and list prefix) when the next text comes.
#[derive(Default)]
struct PlainWriter {
    out: String,
    /// `Some(n)`: at a line start, `n` line breaks owed; `None`: mid-line.
    owed: Option<usize>,
    quotes: usize,
    /// Open lists: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    /// Open links and images: their address and where their text began.
    links: Vec<(String, usize)>,
    /// Cells written in the current table row.
    cells: usize,
}

impl PlainWriter {
    fn owe(&mut self, breaks: usize) {
        self.owed = Some(self.owed.unwrap_or(0).max(breaks));
    }

    fn block_end(&mut self) {
        self.owe(if self.lists.is_empty() { 2 } else { 1 });
    }

    fn line_break(&mut self) {
        self.owe(1);
    }

    /// Pays the breaks owed, then the prefix of a line `indent` lists deep.
    fn pay(&mut self, indent: usize) {
        let Some(breaks) = self.owed.take() else {
            return;
        };
        if !self.out.is_empty() {
            for _ in 0..breaks {
                self.out.push('\n');
            }
        }
        for _ in 0..self.quotes {
            self.out.push_str("> ");
        }
        for _ in 0..indent {
            self.out.push_str("   ");
        }
    }

    fn text(&mut self, text: &str) {
        // Code blocks keep their lines.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.line_break();
            }
            if !line.is_empty() {
                self.pay(self.lists.len());
                self.out.push_str(line);
            }
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::BlockQuote(_) => self.quotes += 1,
            Tag::List(first) => self.lists.push(*first),
            Tag::Item => {
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_owned(),
                };
                self.owe(1);
                self.pay(self.lists.len().saturating_sub(1));
                self.out.push_str(&marker);
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.out.len()));
            }
            Tag::TableHead | Tag::TableRow => self.cells = 0,
            Tag::TableCell => {
                if self.cells > 0 {
                    self.pay(self.lists.len());
                    self.out.push_str(" | ");
                }
                self.cells += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::HtmlBlock => self.block_end(),
            TagEnd::BlockQuote(_) => {
                self.block_end();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.block_end();
            }
            TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow => self.line_break(),
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, start)) = self.links.pop() {
                    let text = self.out.get(start..).unwrap_or("").trim();
                    let same = text == url || url.strip_prefix("mailto:") == Some(text);
                    if !url.is_empty() && !same {
                        self.pay(self.lists.len());
                        self.out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Whether `c` is a space that may be collapsed or cut at. Non-breaking
/// spaces are kept: French puts them before `:`, `!` or `?`, and a line must
/// not break there.
fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

fn collapse_whitespace(text: &str) -> String {
    text.split(is_breaking_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    // Room for the ellipsis.
    let Some(keep) = max_chars.checked_sub(1) else {
        return String::new();
    };
    let cut = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = if text[cut..].starts_with(' ') {
        head
    } else {
        // A single word longer than the limit is cut where it must be.
        head.rfind(' ').map_or(head, |space| &head[..space])
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—".contains(c));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render(markdown).into_string()
    }

    #[test]
    fn script_tags_and_their_content_are_removed() {
        let out = html("Avant <script>alert(1)</script> après\n\n<script>\nalert(2)\n</script>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(out.contains("Avant"), "{out}");
    }

    #[test]
    fn javascript_links_lose_their_href() {
        for link in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        ] {
            let out = html(link);
            assert!(!out.contains("href"), "{link} gave {out}");
            assert!(out.contains(">x</a>"), "{link} gave {out}");
        }
    }

    #[test]
    fn event_handlers_and_non_http_image_sources_are_dropped() {
        let out = html("<img src=x onerror=alert(1)>");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(!out.contains("src"), "{out}");
        let out = html("![pixel](data:image/png;base64,AAAA)");
        assert!(!out.contains("data:"), "{out}");
    }

    #[test]
    fn http_images_are_kept() {
        let out = html("![Plan du quartier](https://example.org/plan.png)");
        assert!(
            out.contains(r#"<img src="https://example.org/plan.png" alt="Plan du quartier">"#),
            "{out}"
        );
    }

    #[test]
    fn iframes_are_removed_with_their_content() {
        let out = html("<iframe src=\"https://evil.example\">fallback</iframe>");
        assert!(!out.contains("iframe"), "{out}");
        assert!(!out.contains("evil"), "{out}");
        assert!(!out.contains("fallback"), "{out}");
    }

    #[test]
    fn inline_styles_are_stripped() {
        let out = html("<p style=\"position:fixed;top:0\">Bonjour</p>\n\n| a |\n|--:|\n| 1 |");
        assert!(!out.contains("style"), "{out}");
        assert!(out.contains("<p>Bonjour</p>"), "{out}");
        assert!(out.contains("<td>1</td>"), "{out}");
    }

    #[test]
    fn ordinary_markdown_survives() {
        let out = html(
            "Un *petit* **projet** ~~abandonné~~ avec `du code`.\n\n\
             - un\n- deux\n\n\
             1. premier\n\n\
             ```\nfn main() {}\n```\n\n\
             > cité\n\n\
             [le site](https://example.org/a?b=1&c=2) et <mailto:awa@example.org> et [relatif](/projets/3)",
        );
        for expected in [
            "<em>petit</em>",
            "<strong>projet</strong>",
            "<del>abandonné</del>",
            "<code>du code</code>",
            "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>",
            "<ol>\n<li>premier</li>\n</ol>",
            "<pre><code>fn main() {}\n</code></pre>",
            "<blockquote>\n<p>cité</p>\n</blockquote>",
            r#"href="https://example.org/a?b=1&amp;c=2""#,
            r#"href="mailto:awa@example.org""#,
            r#"href="/projets/3""#,
        ] {
            assert!(out.contains(expected), "missing {expected} in {out}");
        }
    }

    #[test]
    fn every_link_carries_the_user_content_rel() {
        let out = html("[a](https://example.org) <a href=\"https://b.example\" rel=\"me\">b</a>");
        assert_eq!(
            out.matches(r#"rel="nofollow ugc noopener""#).count(),
            2,
            "{out}"
        );
        assert!(!out.contains(r#"rel="me""#), "{out}");
    }

    #[test]
    fn headings_never_produce_h1_or_h2() {
        let out = html("# Titre\n\n## Sous-titre\n\n###### Petit\n\n<h1>Brut</h1>");
        assert!(!out.contains("<h1") && !out.contains("<h2"), "{out}");
        assert!(out.contains("<h3>Titre</h3>"), "{out}");
        assert!(out.contains("<h4>Sous-titre</h4>"), "{out}");
        assert!(out.contains("<h5>Petit</h5>"), "{out}");
        assert!(out.contains("Brut"), "{out}");
    }

    #[test]
    fn a_text_s_top_headings_come_just_below_the_page_s() {
        let out = html("## Le problème\n\ntexte\n\n#### Détail\n\n## La solution");
        assert!(out.contains("<h3>Le problème</h3>"), "{out}");
        assert!(out.contains("<h4>Détail</h4>"), "{out}");
        assert!(out.contains("<h3>La solution</h3>"), "{out}");
    }

    #[test]
    fn excerpts_are_plain_text_with_whitespace_collapsed() {
        let excerpt = plain_excerpt(
            "# Titre\n\nUn *petit*   projet\navec [un lien](https://x.example), *et* `code`.\n\n- un\n- deux",
            200,
        );
        assert_eq!(
            excerpt,
            "Titre Un petit projet avec un lien, et code. un deux"
        );
    }

    #[test]
    fn excerpts_drop_raw_html() {
        let excerpt = plain_excerpt("Avant <b>gras</b> après\n\n<div>\nbloc\n</div>", 200);
        assert_eq!(excerpt, "Avant gras après");
    }

    #[test]
    fn long_excerpts_are_cut_at_a_word_boundary_with_an_ellipsis() {
        let excerpt = plain_excerpt("Les habitants du quartier, réunis en atelier", 30);
        assert_eq!(excerpt, "Les habitants du quartier…");
        assert!(excerpt.chars().count() <= 30);
    }

    #[test]
    fn a_cut_just_before_a_space_keeps_the_whole_word() {
        assert_eq!(plain_excerpt("abc def ghi", 4), "abc…");
        assert_eq!(plain_excerpt("abc def ghi", 8), "abc def…");
    }

    #[test]
    fn a_single_overlong_word_is_cut_inside() {
        assert_eq!(plain_excerpt("anticonstitutionnellement", 10), "anticonst…");
    }

    #[test]
    fn short_excerpts_are_left_whole() {
        assert_eq!(plain_excerpt("Court.", 6), "Court.");
        assert_eq!(plain_excerpt("", 10), "");
        assert_eq!(plain_excerpt("abc", 0), "");
    }

    #[test]
    fn plain_text_reads_without_markup() {
        let text = plain_text(
            "## Nouvelles du jardin\n\nUn **petit** pas, *enfin*. Voir [le site](https://example.org/a) \
             ou <https://example.org/b>.\n\n- un\n- deux\n\n1. premier\n2. second\n\n\
             > cité\n\n<div>brut</div>\n\nFin `code`.",
            "https://relais.example",
        );
        assert_eq!(
            text,
            "Nouvelles du jardin\n\n\
             Un petit pas, enfin. Voir le site (https://example.org/a) ou https://example.org/b.\n\n\
             - un\n- deux\n\n\
             1. premier\n2. second\n\n\
             > cité\n\n\
             Fin code."
        );
        assert!(!text.contains("**") && !text.contains('#') && !text.contains("div"));
    }

    #[test]
    fn plain_text_keeps_nested_lists_and_line_breaks_apart() {
        let text = plain_text(
            "- a\n  - b\n- c\n\nligne un\nligne deux",
            "https://relais.example",
        );
        assert_eq!(text, "- a\n   - b\n- c\n\nligne un\nligne deux");
    }

    #[test]
    fn in_emails_site_relative_links_point_under_the_site() {
        let markdown = "[le projet](/projects/compost), [ailleurs](https://example.org/x), \
                        [protocole](//cdn.example/y) ![plan](/static/plan.png)";
        let html = render_in_email(markdown, "https://relais.example/").into_string();
        assert!(
            html.contains(r#"href="https://relais.example/projects/compost""#),
            "{html}"
        );
        assert!(html.contains(r#"href="https://example.org/x""#), "{html}");
        assert!(
            html.contains(r#"src="https://relais.example/static/plan.png""#),
            "{html}"
        );
        assert!(!html.contains(r#"href="/projects"#), "{html}");
        let text = plain_text(markdown, "https://relais.example");
        assert!(
            text.contains("le projet (https://relais.example/projects/compost)"),
            "{text}"
        );
        // Pages keep them relative.
        assert!(
            render(markdown)
                .into_string()
                .contains(r#"href="/projects/compost""#)
        );
    }

    #[test]
    fn excerpts_never_break_at_a_non_breaking_space() {
        let excerpt = plain_excerpt("Question\u{202f}? Oui", 12);
        assert_eq!(excerpt, "Question\u{202f}?…");
    }
}

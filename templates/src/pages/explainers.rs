//! Explainer videos: the public library, an explainer's page (player,
//! captions, transcript beside it), the team's form with its plain-language
//! check, and the coordinators' coverage page.
//!
//! Privacy: a page shows a poster drawn here and a button; the host's
//! player (and any address on the host) appears only on the page the
//! button leads to (`?play=1`). Direct video files play in
//! `<video preload="none">`, which fetches nothing until the viewer presses
//! play. Works without JavaScript.

use crate::form::{FormState, Input, csrf, error_summary, input, select, textarea};
use crate::i18n::{t, t_args, t_count};
use crate::layout::{PageContext, narrow_page, page};
use crate::markdown;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::explainer::{Coverage, Explainer, ExplainerRights, LibraryPage, Listed};
use relais_domain::readability::{self, Analysis, Score};
use relais_domain::theme::Theme;
use relais_domain::video::Playback;
use relais_domain::webvtt::Refusal;

/// An explainer with how its video may be played (`None`: no video yet).
#[derive(Debug, Clone)]
pub struct VideoCard<'a> {
    /// The explainer and its project.
    pub item: &'a Listed,
    /// How the page may offer the video.
    pub playback: Option<Playback>,
}

/// The path of an explainer's page.
pub fn explainer_path(id: i32) -> String {
    format!("/videos/{id}")
}

fn level_label(lang: Language, score: Score) -> String {
    match score.level() {
        Some(level) => t(lang, &format!("readability-level-{}", level.code())),
        None => t(lang, "readability-too-short"),
    }
}

/// The plain-language badge: its level, the score in its title.
pub fn badge(lang: Language, score: Score) -> Markup {
    let class = score.level().map_or("unmeasured", |l| l.code());
    html! {
        @match score.rounded() {
            Some(n) => {
                span class={ "badge readability " (class) } title=(t_args(lang, "readability-score-title", &[("score", &n.to_string())])) {
                    (level_label(lang, score))
                }
            }
            None => { span class={ "badge readability " (class) } { (level_label(lang, score)) } }
        }
    }
}

fn length_text(lang: Language, e: &Explainer) -> Option<String> {
    e.length.map(|l| {
        let (m, s) = l.minutes_and_seconds();
        t_args(
            lang,
            "explainer-length-value",
            &[("minutes", &m.to_string()), ("seconds", &format!("{s:02}"))],
        )
    })
}

fn play_label(lang: Language, playback: &Playback) -> String {
    match playback {
        Playback::Link { host } => t_args(lang, "explainer-watch-on", &[("host", host)]),
        other => t_args(lang, "explainer-play", &[("host", other.host())]),
    }
}

/// Where the poster's button leads: the page that plays the video.
fn play_href(id: i32, playback: &Playback) -> String {
    match playback {
        Playback::Embed { .. } => format!("{}?play=1#player", explainer_path(id)),
        _ => format!("{}#player", explainer_path(id)),
    }
}

/// A poster drawn here (nothing is fetched from the host): the title on
/// the programme's colours with a play sign. Presentation attributes only
/// (the CSP forbids inline styles).
pub fn poster(title: &str, host: Option<&str>) -> Markup {
    let mut lines: Vec<String> = Vec::new();
    // The title on up to three lines of about 28 characters.
    for word in title.split_whitespace() {
        let fits = lines
            .last()
            .is_some_and(|line| line.chars().count() + word.chars().count() < 28);
        if let (true, Some(line)) = (fits, lines.last_mut()) {
            line.push(' ');
            line.push_str(word);
        } else if lines.len() < 3 {
            lines.push(word.to_owned());
        }
    }
    html! {
        svg.poster viewBox="0 0 320 180" role="img" aria-label=(title) {
            rect width="320" height="180" rx="8" fill="#1d2330" {}
            circle cx="160" cy="70" r="28" fill="#0b6e4f" {}
            path d="M151 56 L151 84 L175 70 Z" fill="#ffffff" {}
            @for (i, line) in lines.iter().enumerate() {
                text x="160" y=(122 + i * 18) text-anchor="middle" fill="#ffffff" font-size="15" font-family="system-ui, sans-serif" { (line) }
            }
            @if let Some(host) = host {
                text x="310" y="172" text-anchor="end" fill="#c9cfd8" font-size="11" font-family="system-ui, sans-serif" { (host) }
            }
        }
    }
}

/// A card of the library and the home page (`with_project`: the project
/// named, a transcript excerpt) or of its project's page (the whole
/// transcript, folded).
pub fn card(lang: Language, card: &VideoCard<'_>, with_project: bool) -> Markup {
    let e = &card.item.explainer;
    let p = &card.item.project;
    let href = explainer_path(e.id);
    html! {
        article.card.explainer-card {
            a.poster-link href=(href) tabindex="-1" aria-hidden="true" {
                (poster(&e.title, card.playback.as_ref().map(Playback::host)))
            }
            h3 { a href=(href) { (e.title) } }
            p.meta {
                @if with_project {
                    a href={ "/projects/" (p.slug) } { (p.title) } " · " (p.city) " · " (p.edition)
                }
                @if let Some(length) = length_text(lang, e) { " · " (length) }
            }
            p {
                (badge(lang, e.score()))
                @if e.has_captions || e.captions_url.is_some() { " " span.badge { (t(lang, "explainer-captioned")) } }
                @if e.reviewed_at.is_some() { " " span.badge.reviewed { (t(lang, "explainer-reviewed")) } }
            }
            @if with_project {
                p.excerpt lang=(e.language.code()) { (markdown::plain_excerpt(&e.transcript, 180)) }
            } @else {
                details.transcript {
                    summary { (t(lang, "project-transcript")) }
                    div lang=(e.language.code()) { (markdown::render(&e.transcript)) }
                }
            }
            @match &card.playback {
                Some(playback) => { p { a.button href=(play_href(e.id, playback)) { (play_label(lang, playback)) } } }
                None => { p.muted { (t(lang, "explainer-no-video")) } }
            }
        }
    }
}

fn pagination(lang: Language, results: &LibraryPage, query: &str) -> Markup {
    html! {
        @if results.pages > 1 {
            nav.pagination aria-label=(t(lang, "pagination")) {
                @if results.page > 1 {
                    a rel="prev" href={ "/videos?" (query) "page=" (results.page - 1) } { "← " (t(lang, "pagination-previous")) }
                }
                " " span { (t_args(lang, "pagination-position", &[("page", &results.page.to_string()), ("pages", &results.pages.to_string())])) } " "
                @if results.page < results.pages {
                    a rel="next" href={ "/videos?" (query) "page=" (results.page + 1) } { (t(lang, "pagination-next")) " →" }
                }
            }
        }
    }
}

/// The public library: filters, cards, pagination, the feed.
pub fn library(
    ctx: &PageContext,
    filters: &FormState,
    choices: &crate::pages::projects::Choices,
    results: &LibraryPage,
    cards: &[VideoCard<'_>],
    query_without_page: &str,
) -> Markup {
    let lang = ctx.lang;
    let with_blank = |options: Vec<(String, String)>| {
        let mut all = vec![(String::new(), t(lang, "filter-all"))];
        all.extend(options);
        all
    };
    let themes = with_blank(
        Theme::ALL
            .iter()
            .map(|th| {
                (
                    th.code().to_owned(),
                    t(lang, &format!("theme-{}", th.code())),
                )
            })
            .collect(),
    );
    let editions = with_blank(choices.editions.clone());
    let cities = with_blank(choices.cities.clone());
    page(
        ctx,
        &t(lang, "library-title"),
        html! {
            h1 { (t(lang, "library-title")) }
            p.lead { (t(lang, "library-lead")) }
            p { a.feed href="/videos/feed.atom" { (t(lang, "library-feed")) } }
            form.filters.card method="get" action="/videos" role="search" {
                div.grid {
                    (select(lang, filters, "edition", "filter-edition", &editions))
                    (select(lang, filters, "city", "filter-city", &cities))
                    (select(lang, filters, "theme", "filter-theme", &themes))
                }
                p { button type="submit" { (t(lang, "filter-submit")) } }
            }
            // The results' heading, over the cards' h3.
            h2.results-count { (t_count(lang, "library-count", "count", results.total)) }
            @if cards.is_empty() {
                p.muted { (t(lang, "library-empty")) }
            } @else {
                div.grid.explainers { @for c in cards { (card(lang, c, true)) } }
            }
            (pagination(lang, results, query_without_page))
        },
    )
}

/// Everything an explainer's page shows.
#[derive(Debug, Clone)]
pub struct ExplainerPage<'a> {
    /// The explainer and how its video plays.
    pub card: VideoCard<'a>,
    /// The viewer asked to play the embedded video.
    pub playing: bool,
    /// What the reader may do.
    pub rights: ExplainerRights,
}

fn player(lang: Language, view: &ExplainerPage<'_>) -> Markup {
    let e = &view.card.item.explainer;
    let captions_src = format!("{}/captions.vtt", explainer_path(e.id));
    html! {
        figure.player id="player" {
            @match &view.card.playback {
                None => {
                    (poster(&e.title, None))
                    figcaption { (t(lang, "explainer-no-video")) }
                }
                Some(Playback::Embed { host, src }) if view.playing => {
                    div.frame {
                        iframe src=(src) title=(t_args(lang, "explainer-frame-title", &[("title", &e.title)]))
                            allow="fullscreen; picture-in-picture" allowfullscreen
                            sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
                            referrerpolicy="no-referrer" {}
                    }
                    figcaption {
                        @if let Some(url) = &e.video_url {
                            a href=(url) rel="nofollow ugc noopener" { (t_args(lang, "explainer-open-on", &[("host", host)])) }
                        }
                        @if let Some(url) = &e.captions_url {
                            " · " a href=(url) rel="nofollow ugc noopener" { (t(lang, "explainer-host-captions")) }
                        }
                    }
                }
                Some(playback @ Playback::Embed { host, .. }) => {
                    a.poster-link href=(play_href(e.id, playback)) { (poster(&e.title, Some(host))) }
                    figcaption {
                        a.button.play href=(play_href(e.id, playback)) { (play_label(lang, playback)) }
                        p.muted { (t_args(lang, "explainer-consent", &[("host", host)])) }
                        @if e.captions_url.is_some() { p.muted { (t(lang, "explainer-host-captions-later")) } }
                    }
                }
                Some(Playback::File { src, mime, .. }) => {
                    video controls preload="none" {
                        source src=(src) type=(mime);
                        @if e.has_captions {
                            track kind="captions" src=(captions_src) srclang=(e.language.code())
                                label=(t(lang, &format!("language-{}", e.language.code()))) default;
                        }
                        a href=(src) { (t(lang, "explainer-download-video")) }
                    }
                }
                Some(playback @ Playback::Link { .. }) => {
                    (poster(&e.title, Some(playback.host())))
                    figcaption {
                        @if let Some(url) = &e.video_url {
                            a.button href=(url) rel="nofollow ugc noopener" { (play_label(lang, playback)) }
                        }
                    }
                }
            }
            @if e.has_captions {
                p { a href=(captions_src) download { (t(lang, "explainer-captions-download")) } }
            }
        }
    }
}

/// An explainer's page: the player, the transcript beside it.
pub fn explainer_page(ctx: &PageContext, view: &ExplainerPage<'_>) -> Markup {
    let lang = ctx.lang;
    let e = &view.card.item.explainer;
    let p = &view.card.item.project;
    let base = format!("/projects/{}/explainers/{}", p.slug, e.id);
    page(
        ctx,
        &e.title,
        html! {
            p { a href="/videos" { "← " (t(lang, "library-title")) } }
            h1 { (e.title) }
            p.meta {
                (t(lang, "explainer-project")) (t(lang, "colon")) a href={ "/projects/" (p.slug) } { (p.title) }
                " · " (p.city) " · " (p.edition)
                @if let Some(length) = length_text(lang, e) { " · " (length) }
            }
            p {
                (badge(lang, e.score()))
                @if e.reviewed_at.is_some() { " " span.badge.reviewed { (t(lang, "explainer-reviewed")) } }
            }
            div.explainer-layout {
                (player(lang, view))
                section.transcript-side aria-labelledby="transcript-title" {
                    h2 id="transcript-title" { (t(lang, "project-transcript")) }
                    div.transcript-text lang=(e.language.code()) { (markdown::render(&e.transcript)) }
                    p { a href={ (explainer_path(e.id)) "/transcript.txt" } download { (t(lang, "explainer-transcript-download")) } }
                }
            }
            @if view.rights.edit() || view.rights.review() {
                section.card {
                    @if view.rights.edit() { p { a.button href={ (base) "/edit" } { (t(lang, "explainer-edit")) } } }
                    @if view.rights.review() { (review_form(ctx, e)) }
                }
            }
        },
    )
}

fn review_form(ctx: &PageContext, e: &Explainer) -> Markup {
    let lang = ctx.lang;
    let action = format!("{}/review", explainer_path(e.id));
    html! {
        form.inline method="post" action=(action) {
            (csrf(ctx))
            input type="hidden" name="next" value=(ctx.path);
            @if e.reviewed_at.is_some() {
                input type="hidden" name="reviewed" value="";
                span { (t(lang, "explainer-reviewed")) } " "
                button.link type="submit" { (t(lang, "explainer-unreview")) }
            } @else {
                input type="hidden" name="reviewed" value="on";
                button type="submit" { (t(lang, "explainer-review")) }
            }
        }
    }
}

/// The plain-language check of a text, as the form shows it.
pub fn readability_panel(lang: Language, analysis: &Analysis) -> Markup {
    let text_lang = analysis.language;
    let formula = match text_lang {
        Language::Fr => "readability-formula-fr",
        Language::En => "readability-formula-en",
    };
    let long: Vec<_> = analysis.long_sentences().collect();
    html! {
        section.readability.card id="readability" aria-labelledby="readability-title" {
            h2 id="readability-title" { (t(lang, "readability-title")) }
            @match analysis.score.rounded() {
                Some(score) => {
                    p.score {
                        (t(lang, "readability-score")) (t(lang, "colon"))
                        strong id="readability-score" { (score) } " / 100 — " (badge(lang, analysis.score))
                        " "
                        meter min="0" max="100" low="50" high=(readability::TARGET) optimum="100" value=(score) { (score) }
                    }
                }
                None => {
                    p.score id="readability-score" { (t_count(lang, "readability-too-short-detail", "min", readability::MIN_WORDS as u64)) }
                }
            }
            p { (t_args(lang, "readability-target", &[("target", &readability::TARGET.to_string())])) " " span.muted { (t(lang, formula)) } }
            p.muted {
                (t_count(lang, "readability-words", "count", analysis.words as u64)) ", "
                (t_count(lang, "readability-sentences", "count", analysis.sentences as u64))
            }
            @if !long.is_empty() {
                h3 { (t_count(lang, "readability-long-title", "count", long.len() as u64)) }
                p { (t_count(lang, "readability-long-hint", "max", readability::LONG_SENTENCE as u64)) }
                div.highlighted lang=(text_lang.code()) {
                    p {
                        @for (i, s) in analysis.sentence_list.iter().enumerate() {
                            @if s.starts_paragraph && i > 0 { br; br; }
                            @if s.is_long() {
                                mark title=(t_count(lang, "readability-long-words", "count", s.words as u64)) { (s.text) }
                            } @else {
                                (s.text)
                            }
                            " "
                        }
                    }
                }
            }
            @if !analysis.jargon.is_empty() {
                h3 { (t(lang, "readability-jargon-title")) }
                ul.jargon {
                    @for j in &analysis.jargon {
                        li {
                            strong lang=(text_lang.code()) { (t_args(lang, "quoted", &[("text", j.term(text_lang))])) } " — "
                            (t(lang, "readability-jargon-explain")) (t(lang, "colon"))
                            span lang=(text_lang.code()) { (t_args(lang, "quoted", &[("text", &t(text_lang, j.key))])) }
                        }
                    }
                }
            }
            p.muted { (t(lang, "readability-advice-only")) }
        }
    }
}

/// Whose explainer form this is.
#[derive(Debug, Clone)]
pub struct ExplainerFormView<'a> {
    /// The project's URL name.
    pub project_slug: &'a str,
    /// The project's title.
    pub project_title: &'a str,
    /// The explainer being edited, `None` for a new one.
    pub existing: Option<&'a Explainer>,
    /// The plain-language check to show, if any.
    pub analysis: Option<Analysis>,
    /// Why the last captions file was refused.
    pub captions_refusal: Option<CaptionsError>,
}

/// Why a captions upload was refused, for the message by the field.
#[derive(Debug, Clone, Copy)]
pub enum CaptionsError {
    /// No file was chosen.
    Missing,
    /// The file was checked and refused.
    Refused(Refusal),
}

fn captions_message(lang: Language, error: CaptionsError) -> String {
    match error {
        CaptionsError::Missing => t(lang, "vtt-missing"),
        CaptionsError::Refused(r) => {
            let what = t_count(
                lang,
                r.problem.key(),
                "max",
                (relais_domain::webvtt::MAX_BYTES / 1024) as u64,
            );
            match r.line {
                Some(line) => t_args(
                    lang,
                    "vtt-at-line",
                    &[("line", &line.to_string()), ("problem", &what)],
                ),
                None => what,
            }
        }
    }
}

/// The form to add or edit an explainer, with its check and, once it
/// exists, its captions.
pub fn explainer_form(ctx: &PageContext, form: &FormState, view: &ExplainerFormView<'_>) -> Markup {
    let lang = ctx.lang;
    let project_path = format!("/projects/{}", view.project_slug);
    let (title, action) = match view.existing {
        Some(e) => (
            t(lang, "explainer-edit"),
            format!("{project_path}/explainers/{}/edit", e.id),
        ),
        None => (
            t(lang, "explainer-new"),
            format!("{project_path}/explainers"),
        ),
    };
    let languages: Vec<(String, String)> = Language::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_owned(),
                t(lang, &format!("language-{}", l.code())),
            )
        })
        .collect();
    narrow_page(
        ctx,
        &title,
        html! {
            p { a href=(project_path) { "← " (view.project_title) } }
            h1 { (title) }
            p { (t(lang, "explainer-form-lead")) }
            (error_summary(lang, form))
            form.stacked method="post" action=(action) novalidate {
                (csrf(ctx))
                (input(lang, form, Input::text("title", "explainer-title")))
                (input(lang, form, Input::text("video_url", "explainer-video-url").kind("url").optional().hint("explainer-video-url-hint")))
                (select(lang, form, "language", "explainer-language", &languages))
                (input(lang, form, Input::text("length", "explainer-length").optional().hint("explainer-length-hint")))
                (textarea(lang, form, "transcript", "project-transcript", Some("explainer-transcript-hint")))
                @if let Some(analysis) = &view.analysis { (readability_panel(lang, analysis)) }
                (input(lang, form, Input::text("captions_url", "explainer-captions-url").kind("url").optional().hint("explainer-captions-url-hint")))
                p {
                    button type="submit" { (t(lang, "explainer-save")) } " "
                    button.secondary type="submit" name="check" value="1" { (t(lang, "readability-check")) }
                }
            }
            @if let Some(e) = view.existing {
                (captions_section(ctx, &format!("{project_path}/explainers/{}", e.id), e, view.captions_refusal))
                h2 { (t(lang, "explainer-delete-title")) }
                form method="post" action={ (project_path) "/explainers/" (e.id) "/delete" } {
                    (csrf(ctx)) button.danger type="submit" { (t(lang, "explainer-delete")) }
                }
            }
        },
    )
}

fn captions_section(
    ctx: &PageContext,
    base: &str,
    e: &Explainer,
    refusal: Option<CaptionsError>,
) -> Markup {
    let lang = ctx.lang;
    let message = refusal.map(|r| captions_message(lang, r));
    html! {
        section id="captions" {
            h2 { (t(lang, "explainer-captions-title")) }
            @if e.has_captions {
                p {
                    (t(lang, "explainer-captions-present")) " "
                    a href={ (explainer_path(e.id)) "/captions.vtt" } download { (t(lang, "explainer-captions-download")) }
                }
                form.inline method="post" action={ (base) "/captions/delete" } {
                    (csrf(ctx)) button.link type="submit" { (t(lang, "explainer-captions-remove")) }
                }
            } @else {
                p.muted { (t(lang, "explainer-captions-none")) }
            }
            form.stacked.card method="post" action={ (base) "/captions" } enctype="multipart/form-data" novalidate {
                (csrf(ctx))
                div.field.has-error[message.is_some()] {
                    label for="field-captions" { (t(lang, "explainer-captions-file")) }
                    span.hint id="hint-captions" { (t_count(lang, "explainer-captions-hint", "max", (relais_domain::webvtt::MAX_BYTES / 1024) as u64)) }
                    @if let Some(m) = &message { span.error id="error-captions" role="alert" { (m) } }
                    input id="field-captions" type="file" name="captions" accept=".vtt,text/vtt"
                        aria-invalid=[message.as_ref().map(|_| "true")]
                        aria-describedby=(if message.is_some() { "hint-captions error-captions" } else { "hint-captions" });
                }
                p { button type="submit" { (t(lang, "explainer-captions-upload")) } }
            }
        }
    }
}

/// The coordinators' page: projects without an explainer, explainers to review.
pub fn coverage(ctx: &PageContext, coverage: &Coverage, to_review: &[VideoCard<'_>]) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "explainer-coverage-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "explainer-coverage-title")) }
            h2 { (t_count(lang, "explainer-coverage-without", "count", coverage.without_total)) }
            @if coverage.without.is_empty() {
                p.muted { (t(lang, "explainer-coverage-without-none")) }
            } @else {
                ul {
                    @for (slug, title, city) in &coverage.without {
                        li { a href={ "/projects/" (slug) } { (title) } " — " (city) }
                    }
                }
            }
            h2 { (t_count(lang, "explainer-coverage-to-review", "count", coverage.to_review_total)) }
            @if to_review.is_empty() {
                p.muted { (t(lang, "explainer-coverage-to-review-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "explainer-title")) }
                        th scope="col" { (t(lang, "explainer-project")) }
                        th scope="col" { (t(lang, "readability-title")) }
                        th scope="col" {}
                    } }
                    tbody {
                        @for c in to_review {
                            @let e = &c.item.explainer;
                            tr {
                                td { a href=(explainer_path(e.id)) { (e.title) } }
                                td { a href={ "/projects/" (c.item.project.slug) } { (c.item.project.title) } " — " (c.item.project.city) }
                                td { (badge(lang, e.score())) @if e.video_url.is_none() { " " span.muted { (t(lang, "explainer-no-video")) } } }
                                td { (review_form(ctx, e)) }
                            }
                        }
                    }
                }
            }
            h2 { (t(lang, "explainer-coverage-reviewed")) }
            @if coverage.reviewed.is_empty() {
                p.muted { (t(lang, "explainer-coverage-reviewed-none")) }
            } @else {
                ul {
                    @for l in &coverage.reviewed {
                        li {
                            a href=(explainer_path(l.explainer.id)) { (l.explainer.title) }
                            " — " (l.project.title) " " (review_form(ctx, &l.explainer))
                        }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_poster_is_drawn_here_and_names_the_host_without_an_address() {
        let html = poster(
            "Alerte <inondation> expliquée à ma grand-mère",
            Some("framatube.org"),
        )
        .into_string();
        assert!(html.starts_with("<svg"), "{html}");
        assert!(html.contains("Alerte &lt;inondation&gt;"));
        assert!(html.contains(">framatube.org</text>"));
        assert!(!html.contains("http"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn the_panel_says_when_a_text_is_too_short_instead_of_a_number() {
        let analysis = readability::analyse("Trop court.", Language::Fr);
        let html = readability_panel(Language::Fr, &analysis).into_string();
        assert!(html.contains("trop court pour être mesuré"), "{html}");
        assert!(!html.contains("<meter"));
    }
}

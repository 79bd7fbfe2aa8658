//! Project pages: the gallery, a project's page (timeline, journal, team,
//! chart), and the forms to create and edit projects, milestones and
//! journal entries.

use crate::chart::{ChartLabels, ProgressPoint, milestones_done};
use crate::form::{
    FormState, Input, checkbox, checkboxes, csrf, error_summary, input, select, textarea,
};
use crate::i18n::{licence_name, t, t_args, t_count};
use crate::layout::{PageContext, encode_query, narrow_page, page};
use crate::markdown;
use crate::pages::explainers::{VideoCard, card as explainer_card, readability_panel};
use chrono::{DateTime, NaiveDate, Utc};
use maud::{Markup, html};
use relais_domain::gallery::{Card, Page as GalleryPage};
use relais_domain::licence::LICENCES;
use relais_domain::milestone::Status;
use relais_domain::project::{Project, TeamRole};
use relais_domain::readability::Analysis;
use relais_domain::stage::{Requirement, Stage};
use relais_domain::theme::Theme;
use relais_domain::{Language, project_page};

/// Options for the selects of the project forms and gallery filters.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Editions: (id, name).
    pub editions: Vec<(String, String)>,
    /// Cities: (id, name).
    pub cities: Vec<(String, String)>,
}

fn stage_label(lang: Language, stage: Stage) -> String {
    t(lang, &format!("stage-{}", stage.code()))
}

fn theme_label(lang: Language, theme: Theme) -> String {
    t(lang, &format!("theme-{}", theme.code()))
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}

/// A progress bar readable without colour: a native `<progress>` and the figure.
fn progress_bar(lang: Language, share: Option<f64>) -> Markup {
    html! {
        @match share {
            Some(s) => {
                span.progress {
                    progress value=(percent(s)) max="100" aria-label=(t(lang, "project-progress")) { (percent(s)) "%" }
                    " " (percent(s)) " %"
                }
            }
            None => { span.muted { (t(lang, "project-no-milestones")) } }
        }
    }
}

fn with_blank(lang: Language, options: &[(String, String)]) -> Vec<(String, String)> {
    let mut all = vec![(String::new(), t(lang, "filter-all"))];
    all.extend(options.iter().cloned());
    all
}

fn stage_options(lang: Language) -> Vec<(String, String)> {
    Stage::ALL
        .iter()
        .map(|s| (s.code().to_owned(), stage_label(lang, *s)))
        .collect()
}

fn theme_options(lang: Language) -> Vec<(String, String)> {
    Theme::ALL
        .iter()
        .map(|th| (th.code().to_owned(), theme_label(lang, *th)))
        .collect()
}

fn licence_options(lang: Language) -> Vec<(String, String)> {
    LICENCES
        .iter()
        .map(|l| {
            (
                l.spdx.to_owned(),
                format!("{} — {}", l.spdx, licence_name(lang, l)),
            )
        })
        .collect()
}

/// A gallery card.
pub fn card(lang: Language, card: &Card) -> Markup {
    html! {
        article.card.project-card {
            h3 { a href={ "/projects/" (card.slug) } { (card.title) } }
            p { (card.pitch) }
            p.meta {
                span.badge { (stage_label(lang, card.stage)) }
                " " span.badge.licence { (card.licence) }
                " · " (card.city)
                @for theme in &card.themes { " · " (theme_label(lang, *theme)) }
            }
            p { (progress_bar(lang, card.progress)) }
            @if !card.needs.is_empty() {
                p.help { (t(lang, "project-looking-for-help")) (t(lang, "colon"))
                    (card.needs.iter().map(|k| crate::pages::relation::kind_label(lang, *k)).collect::<Vec<_>>().join(", ")) }
            }
        }
    }
}

/// The gallery's filters the reader chose (the search and the order are
/// not filters: they stay in sight).
fn active_filters(filters: &FormState) -> u64 {
    [
        "edition", "city", "theme", "stage", "licence", "need", "help",
    ]
    .iter()
    .filter(|name| !filters.value(name).is_empty())
    .count() as u64
}

/// The gallery with its filters; `edition` is the edition filtered by
/// (URL name, display name), whose page the gallery links to.
pub fn gallery(
    ctx: &PageContext,
    filters: &FormState,
    choices: &Choices,
    results: &GalleryPage,
    query_without_page: &str,
    edition: Option<(&str, &str)>,
) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "gallery-title"),
        html! {
            h1 { (t(lang, "gallery-title")) }
            p.lead { (t(lang, "gallery-lead")) }
            @if ctx.user.is_some() { p { a.button href="/projects/new" { (t(lang, "project-new")) } } }
            form.filters.card method="get" action="/projects" role="search" {
                (input(lang, filters, Input::text("q", "filter-text").kind("search").optional()))
                // Folded on a phone, where the filters would fill the first
                // screen; the stylesheet unfolds them on wider screens.
                details.more-filters {
                    summary { (t_count(lang, "filters-more", "count", active_filters(filters))) }
                    div.grid {
                        (select(lang, filters, "edition", "filter-edition", &with_blank(lang, &choices.editions)))
                        (select(lang, filters, "city", "filter-city", &with_blank(lang, &choices.cities)))
                        (select(lang, filters, "theme", "filter-theme", &with_blank(lang, &theme_options(lang))))
                        (select(lang, filters, "stage", "filter-stage", &with_blank(lang, &stage_options(lang))))
                        (select(lang, filters, "licence", "filter-licence", &with_blank(lang, &licence_options(lang))))
                        (select(lang, filters, "sort", "filter-sort", &[
                            ("activity".to_owned(), t(lang, "sort-activity")),
                            ("name".to_owned(), t(lang, "sort-name")),
                        ]))
                    }
                    (select(lang, filters, "need", "filter-need", &with_blank(lang, &crate::pages::relation::kind_choices(lang))))
                    (checkbox(lang, filters, "help", "filter-help"))
                }
                p { button type="submit" { (t(lang, "filter-submit")) } }
            }
            // The results' heading, over the cards' h3.
            h2.results-count { (t_count(lang, "gallery-count", "count", results.total)) }
            @if let Some((slug, name)) = edition {
                p { a href={ "/editions/" (slug) "#continuity" } { (t_args(lang, "gallery-edition-page", &[("edition", name)])) " →" } }
            }
            @if results.cards.is_empty() {
                p.muted { (t(lang, "gallery-empty")) }
            } @else {
                div.grid { @for c in &results.cards { (card(lang, c)) } }
            }
            @if results.pages > 1 {
                nav.pagination aria-label=(t(lang, "pagination")) {
                    @if results.page > 1 {
                        a rel="prev" href={ "/projects?" (query_without_page) "page=" (results.page - 1) } { "← " (t(lang, "pagination-previous")) }
                    }
                    " " span { (t_args(lang, "pagination-position", &[("page", &results.page.to_string()), ("pages", &results.pages.to_string())])) } " "
                    @if results.page < results.pages {
                        a rel="next" href={ "/projects?" (query_without_page) "page=" (results.page + 1) } { (t(lang, "pagination-next")) " →" }
                    }
                }
            }
        },
    )
}

/// A project's page: the domain's read model and what the page adds.
#[derive(Debug, Clone)]
pub struct ProjectPage<'a> {
    /// What the project's page shows, for this reader.
    pub read: &'a project_page::ProjectPage,
    /// Its explainer videos, with how each may be played here.
    pub explainers: &'a [VideoCard<'a>],
    /// Forms that came back with errors.
    pub forms: ProjectForms,
}

/// The forms of a project page, with what was typed and its errors.
#[derive(Debug, Clone, Default)]
pub struct ProjectForms {
    /// New milestone.
    pub milestone: FormState,
    /// New journal entry.
    pub entry: FormState,
    /// Team invitation.
    pub invite: FormState,
    /// Stage change.
    pub stage: FormState,
    /// Team changes.
    pub team: FormState,
    /// New need.
    pub need: FormState,
}

/// The day of `dt` on the project's clock.
fn local_day(dt: DateTime<Utc>, project: &Project) -> NaiveDate {
    dt.with_timezone(&project.time_zone).date_naive()
}

fn status_label(lang: Language, status: Status) -> String {
    t(lang, &format!("milestone-status-{}", status.code()))
}

fn requirement_label(lang: Language, r: Requirement) -> String {
    t(lang, &format!("requirement-{}", r.code()))
}

/// The project page.
pub fn project_page(ctx: &PageContext, view: &ProjectPage<'_>) -> Markup {
    let read = view.read;
    let p = &read.project;
    let row = &p.row;
    let base = format!("/projects/{}", row.slug);
    page(
        ctx,
        &row.title,
        html! {
            article.project {
                (project_header(ctx, view, &base))
                (crate::pages::relation::project_section(ctx, p, &read.needs, &read.questions, &view.forms.need))
                (about_section(ctx, view))
                (explainers_section(ctx, view, &base))
                (stage_section(ctx, view, &base))
                (milestones_section(ctx, view, &base))
                (journal_section(ctx, view, &base))
                (presentations_section(ctx, view))
                (team_section(ctx, view, &base))
                (archive_section(ctx, view, &base))
            }
        },
    )
}

/// The header: title, pitch, stage, licence, place, flags, progress and the team's buttons.
fn project_header(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let row = &p.row;
    html! {
        header {
            h1 { (row.title) }
            p.lead { (row.pitch) }
            p.meta {
                span.badge { (stage_label(lang, p.stage)) }
                " " a.badge.licence href={ "https://spdx.org/licenses/" (p.licence.spdx) ".html" } rel="license" title=(licence_name(lang, p.licence)) { (p.licence.spdx) }
                " · " (p.city_name) " · " (p.edition_name)
                @for theme in &p.themes { " · " (theme_label(lang, *theme)) }
            }
            @if row.archived_at.is_some() { p.flash.error { (t(lang, "project-archived")) } }
            @if !row.is_public { p.muted { (t(lang, "project-private")) } }
            @if p.rights().see_private() && p.is_quiet(read.now) { p.flash.error role="status" { (t(lang, "project-quiet")) } }
            p { (progress_bar(lang, read.progress)) }
            @if p.rights().edit() || read.reviews_link {
                p {
                    @if p.rights().edit() { a.button href={ (base) "/edit" } { (t(lang, "project-edit")) } " " }
                    @if read.reviews_link { a.button href={ (base) "/reviews" } { (t(lang, "nav-reviews")) } }
                }
            }
        }
    }
}

/// What the project is: description, technical challenge and links.
fn about_section(ctx: &PageContext, view: &ProjectPage<'_>) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let row = &p.row;
    html! {
        section {
            h2 { (t(lang, "project-about")) }
            (markdown::render(&row.description))
            @if !row.technical_challenge.is_empty() {
                h3 { (t(lang, "project-technical-challenge")) }
                p { (row.technical_challenge) }
            }
            ul.links {
                @if let Some(url) = &row.repository_url { li { a href=(url) rel="nofollow ugc noopener" { (t(lang, "project-repository")) } } }
                @if let Some(url) = &row.demo_url { li { a href=(url) rel="nofollow ugc noopener" { (t(lang, "project-demo")) } } }
            }
        }
    }
}

/// The explainers, and for the team the links to add and edit them.
fn explainers_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    html! {
        @if !view.explainers.is_empty() || p.rights().edit() {
            section.explainers id="explainers" {
                h2 { (t(lang, "project-explainer")) }
                @if view.explainers.is_empty() { p.muted { (t(lang, "explainer-none-yet")) } }
                div.grid.explainers { @for c in view.explainers { (explainer_card(lang, c, false)) } }
                @if p.rights().edit() {
                    p {
                        a.button href={ (base) "/explainers/new" } { (t(lang, "explainer-new")) }
                        @for c in view.explainers {
                            " " a href={ (base) "/explainers/" (c.item.explainer.id) "/edit" } {
                                (t_args(lang, "explainer-edit-named", &[("title", &c.item.explainer.title)]))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where the project stands, what the next stage asks for, and the stage form.
fn stage_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    html! {
        section {
            h2 { (t(lang, "project-stage")) }
            ol.stages {
                @for (stage, at) in &p.stage_history {
                    li { (stage_label(lang, *stage)) " — " time datetime=(crate::dates::machine(*at)) { (crate::dates::date(lang, local_day(*at, p))) } }
                }
            }
            @if let Some((next, missing)) = &read.next_stage {
                @if missing.is_empty() {
                    p { (t_args(lang, "stage-next-ready", &[("stage", &stage_label(lang, *next))])) }
                } @else {
                    p { (t_args(lang, "stage-next-missing", &[("stage", &stage_label(lang, *next))])) }
                    ul.checklist { @for r in missing { li { (requirement_label(lang, *r)) } } }
                }
            }
            @if p.rights().edit() {
                // Forms of this page post to the page itself with a
                // fragment: a refused form comes back at the page's
                // own address, scrolled to the form and its summary.
                div id="stage-form" {
                    (error_summary(lang, &view.forms.stage))
                    form.inline method="post" action={ (base) "#stage-form" } {
                        (csrf(ctx))
                        input type="hidden" name="form" value="stage";
                        (select(lang, &view.forms.stage, "stage", "project-stage-change", &stage_options(lang)))
                        button type="submit" { (t(lang, "project-stage-submit")) }
                    }
                }
            }
        }
    }
}

/// The milestones on a timeline, the chart of what is done and the form to add one.
fn milestones_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let row = &p.row;
    let labels = ChartLabels {
        title: t(lang, "chart-title"),
        description: t_args(lang, "chart-description", &[("title", &row.title)]),
        empty: t(lang, "chart-empty"),
        date_heading: t(lang, "chart-date"),
        done_heading: t(lang, "chart-done"),
        lang,
    };
    let points: Vec<ProgressPoint> = read
        .done_points
        .iter()
        .map(|(date, done)| ProgressPoint {
            date: *date,
            done: *done,
        })
        .collect();
    let countable = u32::try_from(
        read.milestones
            .iter()
            .filter(|m| m.status != Status::Dropped)
            .count(),
    )
    .unwrap_or(0);
    html! {
        section {
            h2 { (t(lang, "project-milestones")) }
            @if read.milestones.is_empty() {
                p.muted { (t(lang, "project-no-milestones")) }
            } @else {
                ol.timeline {
                    @for m in &read.milestones {
                        @let late = m.is_late(read.today);
                        li.milestone.late[late] .done[m.status == Status::Done] {
                            strong { (m.title) }
                            " — " (status_label(lang, m.status))
                            " · " (t(lang, "milestone-due")) " " (crate::dates::date_tag(lang, m.due_on))
                            @if m.status != Status::Done && m.status != Status::Dropped { " (" (crate::dates::day_relative(lang, m.due_on, read.today)) ")" }
                            @if let Some(done) = m.done_on { " · " (t(lang, "milestone-done-on")) " " (crate::dates::date_tag(lang, done)) }
                            @if m.weight != 1 { " · " (t_args(lang, "milestone-weight-value", &[("weight", &m.weight.to_string())])) }
                            @if late { " " strong.late-flag { (t(lang, "milestone-late")) } }
                            @if !m.description.is_empty() { div { (markdown::render(&m.description)) } }
                            @if p.rights().edit() { " " a href={ (base) "/milestones/" (m.id) "/edit" } { (t(lang, "milestone-edit")) } }
                        }
                    }
                }
            }
            (milestones_done(&points, countable, read.today, &labels))
            @if p.rights().edit() {
                details.card id="milestone-form" open[!view.forms.milestone.errors.is_empty()] {
                    summary { (t(lang, "milestone-add")) }
                    (milestone_fields(ctx, &view.forms.milestone, &format!("{base}#milestone-form"), "milestone-add", Some("milestone")))
                }
            }
        }
    }
}

/// The journal, newest first, with the form to write in it.
fn journal_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let milestone_choices: Vec<(String, String)> =
        std::iter::once((String::new(), t(lang, "entry-no-milestone")))
            .chain(
                read.milestones
                    .iter()
                    .filter(|m| m.status != Status::Dropped)
                    .map(|m| (m.id.to_string(), m.title.clone())),
            )
            .collect();
    html! {
        section {
            h2 { (t(lang, "project-journal")) " " a.feed href={ (base) "/feed.atom" } { (t(lang, "feed-link")) } }
            @if p.rights().post_update() {
                div id="entry-form" {
                (error_summary(lang, &view.forms.entry))
                form.stacked.card method="post" action={ (base) "#entry-form" } novalidate {
                    (csrf(ctx))
                    input type="hidden" name="form" value="entry";
                    (textarea(lang, &view.forms.entry, "body", "entry-body", Some("entry-body-hint")))
                    (select(lang, &view.forms.entry, "milestone_id", "entry-milestone", &milestone_choices))
                    (checkbox(lang, &view.forms.entry, "completes_milestone", "entry-completes"))
                    (checkbox(lang, &view.forms.entry, "is_public", "entry-public"))
                    p { button type="submit" { (t(lang, "entry-submit")) } }
                }
                }
            }
            @if read.entries.is_empty() { p.muted { (t(lang, "journal-empty")) } }
            @for e in &read.entries {
                article.card.entry id={ "update-" (e.id) } {
                    p.meta {
                        time datetime=(crate::dates::machine(e.created_at)) { (crate::dates::date_and_time(lang, e.created_at, p.time_zone)) }
                        @if let Some(name) = &e.author_name { " · " (name) }
                        @if let Some(m) = &e.milestone_title { " · " (t(lang, "entry-about")) " " (m) }
                        @if !e.is_public { " · " span.badge { (t(lang, "entry-team-only")) } }
                        @if e.edited_at.is_some() { " · " (t(lang, "entry-edited")) }
                    }
                    (markdown::render(&e.body))
                    @if read.editable_entries.contains(&e.id) {
                        p { a href={ (base) "/updates/" (e.id) "/edit" } { (t(lang, "entry-edit")) } }
                    }
                }
            }
        }
    }
}

/// The meetings where the project was presented.
fn presentations_section(ctx: &PageContext, view: &ProjectPage<'_>) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    html! {
        @if !read.presentations.is_empty() {
            section {
                h2 { (t(lang, "project-presentations")) }
                ul { @for (id, title, date) in &read.presentations { li { a href={ "/meetups/" (id) } { (title) } " — " (crate::dates::date_tag(lang, *date)) } } }
            }
        }
    }
}

/// The team, with the forms to manage it.
fn team_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    html! {
        section {
            h2 { (t(lang, "project-team")) }
            (error_summary(lang, &view.forms.team))
            ul.team {
                @for m in &p.team {
                    li {
                        (m.name)
                        @if m.role == TeamRole::Owner { " " span.badge { (t(lang, "team-owner")) } }
                        @if p.rights().manage_team() && Some(m.user_id) != read.reader_id {
                            @if m.role == TeamRole::Member {
                                form.inline method="post" action={ (base) "/team/" (m.user_id) "/owner" } {
                                    (csrf(ctx)) button.link type="submit" { (t(lang, "team-make-owner")) }
                                }
                            }
                            // Asks first, on a page of its own.
                            form.inline method="get" action={ (base) "/team/" (m.user_id) "/remove" } {
                                button.link type="submit" { (t(lang, "team-remove")) }
                            }
                        }
                    }
                }
            }
            @if p.membership.is_some() {
                form.inline method="post" action={ (base) "/team/leave" } {
                    (csrf(ctx)) button.link type="submit" { (t(lang, "team-leave")) }
                }
            }
            @if p.rights().manage_team() {
                (error_summary(lang, &view.forms.invite))
                form.stacked.card method="post" action={ (base) "/team/invite" } novalidate {
                    (csrf(ctx))
                    (input(lang, &view.forms.invite, Input::text("email", "team-invite-email").kind("email")))
                    (select(lang, &view.forms.invite, "language", "admin-invite-language", &crate::pages::auth::language_options()))
                    p { button type="submit" { (t(lang, "team-invite-submit")) } }
                }
            }
        }
    }
}

/// Archive or restore, for those who may.
fn archive_section(ctx: &PageContext, view: &ProjectPage<'_>, base: &str) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let row = &p.row;
    html! {
        @if p.rights().archive() {
            section {
                @if row.archived_at.is_some() {
                    form method="post" action={ (base) "/restore" } { (csrf(ctx)) button type="submit" { (t(lang, "project-restore")) } }
                } @else {
                    form method="post" action={ (base) "/archive" } { (csrf(ctx)) button.danger type="submit" { (t(lang, "project-archive")) } }
                }
            }
        }
    }
}

/// The milestone form; `page_form` names it when it posts to the project
/// page itself.
fn milestone_fields(
    ctx: &PageContext,
    form: &FormState,
    action: &str,
    submit_key: &str,
    page_form: Option<&str>,
) -> Markup {
    let lang = ctx.lang;
    let statuses: Vec<(String, String)> = Status::ALL
        .iter()
        .map(|s| (s.code().to_owned(), status_label(lang, *s)))
        .collect();
    html! {
        (error_summary(lang, form))
        form.stacked method="post" action=(action) novalidate {
            (csrf(ctx))
            @if let Some(name) = page_form { input type="hidden" name="form" value=(name); }
            (input(lang, form, Input::text("title", "milestone-title")))
            (textarea(lang, form, "description", "milestone-description", None))
            (input(lang, form, Input::text("due_on", "milestone-due-on").kind("date")))
            (select(lang, form, "status", "milestone-status", &statuses))
            (input(lang, form, Input::text("weight", "milestone-weight").optional().hint("milestone-weight-hint")))
            (input(lang, form, Input::text("position", "milestone-position").optional()))
            p { button type="submit" { (t(lang, submit_key)) } }
        }
    }
}

/// The page to edit one milestone.
pub fn milestone_edit(
    ctx: &PageContext,
    project: &Project,
    milestone_id: i32,
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let base = format!("/projects/{}", project.row.slug);
    narrow_page(
        ctx,
        &t(lang, "milestone-edit"),
        html! {
            p { a href=(base) { "← " (project.row.title) } }
            h1 { (t(lang, "milestone-edit")) }
            (milestone_fields(ctx, form, &format!("{base}/milestones/{milestone_id}/edit"), "milestone-save", None))
            form method="post" action={ (base) "/milestones/" (milestone_id) "/delete" } {
                (csrf(ctx)) button.danger type="submit" { (t(lang, "milestone-delete")) }
            }
        },
    )
}

/// The page to correct a journal entry.
pub fn entry_edit(ctx: &PageContext, project: &Project, entry_id: i32, form: &FormState) -> Markup {
    let lang = ctx.lang;
    let base = format!("/projects/{}", project.row.slug);
    narrow_page(
        ctx,
        &t(lang, "entry-edit"),
        html! {
            p { a href=(base) { "← " (project.row.title) } }
            h1 { (t(lang, "entry-edit")) }
            (error_summary(lang, form))
            form.stacked method="post" action={ (base) "/updates/" (entry_id) "/edit" } novalidate {
                (csrf(ctx))
                (textarea(lang, form, "body", "entry-body", Some("entry-body-hint")))
                p { button type="submit" { (t(lang, "entry-save")) } }
            }
        },
    )
}

/// The form to create or edit a project, with the plain-language check of
/// its summary when the writer asked for it.
pub fn project_form(
    ctx: &PageContext,
    form: &FormState,
    choices: &Choices,
    existing_slug: Option<&str>,
    analysis: Option<&Analysis>,
) -> Markup {
    let lang = ctx.lang;
    let (title, action) = match existing_slug {
        Some(slug) => (t(lang, "project-edit"), format!("/projects/{slug}/edit")),
        None => (t(lang, "project-new"), "/projects".to_owned()),
    };
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (error_summary(lang, form))
            form.stacked method="post" action=(action) novalidate {
                (csrf(ctx))
                (input(lang, form, Input::text("title", "project-title")))
                (input(lang, form, Input::text("slug", "project-slug").optional().hint("project-slug-hint")))
                (input(lang, form, Input::text("pitch", "project-pitch").hint("project-pitch-hint")))
                (textarea(lang, form, "description", "project-description", Some("markdown-hint")))
                @if let Some(analysis) = analysis { (readability_panel(lang, analysis)) }
                (checkboxes(lang, form, "themes", "project-themes", &theme_options(lang)))
                (textarea(lang, form, "technical_challenge", "project-technical-challenge", None))
                (select(lang, form, "licence", "project-licence", &licence_options(lang)))
                (select(lang, form, "edition_id", "project-edition", &choices.editions))
                (select(lang, form, "city_id", "project-city", &choices.cities))
                (input(lang, form, Input::text("repository_url", "project-repository").kind("url").optional()))
                (input(lang, form, Input::text("demo_url", "project-demo").kind("url").optional()))
                (checkbox(lang, form, "is_public", "project-public"))
                p {
                    button type="submit" { (t(lang, "project-save")) } " "
                    button.secondary type="submit" name="check" value="1" { (t(lang, "readability-check-summary")) }
                }
            }
        },
    )
}

/// The page that offers to join a team from an invitation.
pub fn team_invitation(ctx: &PageContext, token: &str, project_title: &str) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "team-invitation-title"),
        html! {
            h1 { (t(lang, "team-invitation-title")) }
            p { (t_args(lang, "team-invitation-body", &[("project", project_title)])) }
            @if ctx.user.is_some() {
                form method="post" action={ "/team-invitations/" (token) } {
                    (csrf(ctx)) button type="submit" { (t(lang, "team-invitation-accept")) }
                }
            } @else {
                p { (t(lang, "team-invitation-log-in")) }
                @let next = encode_query(&format!("/team-invitations/{token}"));
                p {
                    a.button href={ "/login?next=" (next) } { (t(lang, "nav-login")) }
                    " " a href="/signup" { (t(lang, "nav-signup")) }
                }
            }
        },
    )
}

/// The monthly check-in form, opened from the email without logging in.
pub fn check_in(
    ctx: &PageContext,
    project_title: &str,
    month: &str,
    token: &str,
    answered: bool,
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "check-in-title"),
        html! {
            h1 { (t_args(lang, "check-in-heading", &[("project", project_title), ("month", month)])) }
            @if answered {
                p.flash { (t(lang, "error-check-in-answered")) }
            } @else {
                p { (t(lang, "check-in-lead")) }
                (error_summary(lang, form))
                form.stacked method="post" action={ "/check-in/" (token) } novalidate {
                    (csrf(ctx))
                    (textarea(lang, form, "progress", "check-in-progress", None))
                    (textarea(lang, form, "blockers", "check-in-blockers", None))
                    (textarea(lang, form, "needs", "check-in-needs", Some("check-in-needs-hint")))
                    (textarea(lang, form, "next_step", "check-in-next-step", None))
                    p { button type="submit" { (t(lang, "check-in-submit")) } }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sample_card() -> Card {
        Card {
            slug: "carte-ecoles".into(),
            title: "Carte <des> écoles".into(),
            pitch: "Où sont les écoles ?".into(),
            city: "Lyon".into(),
            stage: Stage::Demo,
            licence: "AGPL-3.0-or-later".into(),
            themes: vec![Theme::Educational],
            progress: Some(0.5),
            needs: vec![relais_domain::help_kind::HelpKind::Designer],
            last_activity_at: Utc
                .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
                .single()
                .expect("time"),
        }
    }

    #[test]
    fn a_card_links_to_its_project_with_escaped_title_and_progress() {
        let html = card(Language::Fr, &sample_card()).into_string();
        assert!(html.contains(r#"href="/projects/carte-ecoles""#));
        assert!(html.contains("Carte &lt;des&gt; écoles"));
        assert!(html.contains(r#"<progress value="50" max="100""#));
        assert!(html.contains("AGPL-3.0-or-later"));
    }
}

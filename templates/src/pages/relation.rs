//! Mise en relation: needs on project pages and on the public "On
//! cherche…" list, members' offers, explained suggestions, introductions
//! and their answers, the follow-up question, expertise questions, and the
//! coordinators' volumes.
//!
//! Messages people write are plain text: shown escaped, line breaks kept,
//! web addresses turned into links that search engines do not follow.

use crate::dates;
use crate::form::{
    FormState, Input, checkbox, checkboxes, csrf, error_summary, input, select, textarea,
};
use crate::i18n::{t, t_args, t_count};
use crate::layout::{PageContext, encode_query, narrow_page, page};
use chrono::{DateTime, Utc};
use maud::{Markup, html};
use relais_domain::expertise_question::{Listed as QuestionListed, Thread};
use relais_domain::expertise_tag::Tag;
use relais_domain::help_kind::HelpKind;
use relais_domain::introduction::{
    CityCounts, Direction, Initiator, IntroductionState, Listed, Outcome,
};
use relais_domain::matching::{Fit, Reason};
use relais_domain::need::{Need, NeedState, OpenPage};
use relais_domain::offer::PublicPage;
use relais_domain::project::Project;
use relais_domain::spoken_language::SPOKEN;
use relais_domain::suggestion::NeedSuggestion;
use relais_domain::theme::Theme;
use relais_domain::{Language, relation_page};

/// A kind of help in the reader's language.
pub fn kind_label(lang: Language, kind: HelpKind) -> String {
    t(lang, &format!("help-kind-{}", kind.code()))
}

fn state_label(lang: Language, state: NeedState) -> String {
    t(lang, &format!("need-state-{}", state.code()))
}

/// Every kind of help as (code, label) choices.
pub fn kind_choices(lang: Language) -> Vec<(String, String)> {
    HelpKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), kind_label(lang, *k)))
        .collect()
}

fn with_blank(lang: Language, options: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut all = vec![(String::new(), t(lang, "filter-all"))];
    all.extend(options);
    all
}

fn language_options(lang: Language) -> Vec<(String, String)> {
    SPOKEN
        .iter()
        .map(|c| ((*c).to_owned(), t(lang, &format!("spoken-{c}"))))
        .collect()
}

fn theme_options(lang: Language) -> Vec<(String, String)> {
    Theme::ALL
        .iter()
        .map(|th| {
            (
                th.code().to_owned(),
                t(lang, &format!("theme-{}", th.code())),
            )
        })
        .collect()
}

/// "il y a 3 jours" in a `<time>` element that machines read exactly.
fn when(lang: Language, at: DateTime<Utc>, now: DateTime<Utc>) -> Markup {
    html! { time datetime=(dates::machine(at)) { (dates::relative(lang, at, now)) } }
}

/// Plain text as people typed it: escaped, line breaks kept, and web
/// addresses shown as links marked `nofollow`.
pub fn plain_text(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            @for (j, word) in line.split(' ').enumerate() {
                @if j > 0 { " " }
                @if (word.starts_with("https://") || word.starts_with("http://")) && word.len() > 8 {
                    a href=(word) rel="nofollow ugc noopener" { (word) }
                } @else {
                    (word)
                }
            }
        }
    }
}

/// Why a suggestion is there: "designer · Lyon · intéressé·e par l'environnement".
pub fn reasons(lang: Language, fit: &Fit, city: &str) -> String {
    fit.reasons
        .iter()
        .map(|r| match r {
            Reason::Kind(k) => kind_label(lang, *k),
            Reason::Tags(tags) => tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(", "),
            Reason::SameCity => city.to_owned(),
            Reason::Remote => t(lang, "reason-remote"),
            Reason::Theme(th) => t(lang, &format!("reason-theme-{}", th.code())),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn tags_line(tags: &[Tag]) -> Markup {
    html! {
        @for tag in tags { " " span.tag { (tag.as_str()) } }
    }
}

fn place(lang: Language, need: &Need, city: &str) -> String {
    if need.remote {
        t(lang, "need-remote")
    } else {
        city.to_owned()
    }
}

fn need_summary(lang: Language, need: &Need, city: &str) -> Markup {
    html! {
        p.meta {
            span.badge { (kind_label(lang, need.kind)) }
            " · " (place(lang, need, city))
            @if need.state != NeedState::Open { " · " span.badge { (state_label(lang, need.state)) } }
            (tags_line(&need.tags))
        }
    }
}

/// The needs section of a project page, with the best answers to its
/// expertise questions.
pub fn project_section(
    ctx: &PageContext,
    project: &Project,
    needs: &[Need],
    questions: &[QuestionListed],
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let base = format!("/projects/{}", project.row.slug);
    let best: Vec<&QuestionListed> = questions.iter().filter(|q| q.helpful.is_some()).collect();
    html! {
        section.card.help id="needs" {
            h2 { (t(lang, "needs-title")) }
            @if needs.is_empty() { p.muted { (t(lang, "needs-none")) } }
            ul.needs {
                @for need in needs {
                    li {
                        (need_summary(lang, need, &project.city_name))
                        @if !need.description.is_empty() { p { (plain_text(&need.description)) } }
                        p { a href={ (base) "/needs/" (need.id) } {
                            @if project.rights().edit() { (t(lang, "need-manage")) }
                            @else if need.state.is_live() { (t(lang, "need-can-help")) }
                            @else { (t(lang, "need-see")) }
                        } }
                    }
                }
            }
            @if project.rights().edit() {
                details open[!form.errors.is_empty()] {
                    summary { (t(lang, "need-add")) }
                    // Beside the milestone form, which also has a description.
                    (need_fields(ctx, &form.clone().scoped("need"), &format!("{base}/needs"), "need-add"))
                }
            }
            @if !best.is_empty() {
                h3 { (t(lang, "questions-best")) }
                @for q in best {
                    @if let Some((author, text)) = &q.helpful {
                        blockquote.card {
                            p { strong { (q.body) } }
                            p { (plain_text(text)) }
                            p.meta { "— " (author) " · " a href={ (base) "/questions/" (q.id) } { (t(lang, "question-see")) } }
                        }
                    }
                }
            }
        }
    }
}

/// The fields of the need form.
fn need_fields(ctx: &PageContext, form: &FormState, action: &str, submit_key: &str) -> Markup {
    let lang = ctx.lang;
    html! {
        (error_summary(lang, form))
        form.stacked method="post" action=(action) novalidate {
            (csrf(ctx))
            (select(lang, form, "kind", "need-kind", &kind_choices(lang)))
            (textarea(lang, form, "description", "need-description", Some("need-description-hint")))
            (input(lang, form, Input::text("tags", "need-tags").optional().hint("tags-hint")))
            (checkbox(lang, form, "remote", "need-remote-ok"))
            (checkboxes(lang, form, "languages", "need-languages", &language_options(lang)))
            p { button type="submit" { (t(lang, submit_key)) } }
        }
    }
}

/// A need's page: the domain's read model and what the page adds (the
/// reader's session, the forms).
#[derive(Debug, Clone)]
pub struct NeedPage<'a> {
    /// What the need's page shows, for this reader.
    pub read: &'a relation_page::NeedPage,
    /// The reader is logged in.
    pub logged_in: bool,
    /// The help form (a member offering help).
    pub help_form: FormState,
    /// The edit form (team).
    pub edit_form: FormState,
    /// The question form (team).
    pub question_form: FormState,
    /// The form asking one suggested member, with its member id.
    pub ask_form: (Option<i32>, FormState),
}

/// A need's page: what it is, and for the reader what they can do.
pub fn need_page(ctx: &PageContext, view: &NeedPage<'_>) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let n = &read.need;
    let base = format!("/projects/{}/needs/{}", p.row.slug, n.id);
    let title = t_args(
        lang,
        "need-page-title",
        &[
            ("kind", &kind_label(lang, n.kind)),
            ("project", &p.row.title),
        ],
    );
    let on_team = p.membership.is_some();
    let states: Vec<(String, String)> = NeedState::ALL
        .iter()
        .map(|s| (s.code().to_owned(), state_label(lang, *s)))
        .collect();
    page(
        ctx,
        &title,
        html! {
            p { a href={ "/projects/" (p.row.slug) } { "← " (p.row.title) } }
            h1 { (title) }
            (need_summary(lang, n, &p.city_name))
            @if !n.description.is_empty() { p.lead { (plain_text(&n.description)) } }
            @if !n.languages.is_empty() {
                p.meta { (t(lang, "need-languages")) (t(lang, "colon"))
                    (n.languages.iter().map(|c| t(lang, &format!("spoken-{c}"))).collect::<Vec<_>>().join(", ")) }
            }
            @let offering = !on_team && n.state.is_live();
            @if !offering { (error_summary(lang, &view.help_form)) }
            @if offering {
                section.card id="help" {
                    h2 { (t(lang, "need-can-help")) }
                    @match read.reader_request {
                        Some(state) => { p role="status" { (t(lang, &format!("introduction-yours-{}", state.code()))) } }
                        None if view.logged_in => {
                            p { (t(lang, "need-help-lead")) }
                            (error_summary(lang, &view.help_form))
                            form.stacked method="post" action={ (base) "/help" } novalidate {
                                (csrf(ctx))
                                (textarea(lang, &view.help_form, "message", "introduction-message", Some("introduction-message-hint")))
                                p { button type="submit" { (t(lang, "need-help-submit")) } }
                            }
                        }
                        None => {
                            p { (t(lang, "need-help-log-in")) }
                            p { a.button href={ "/login?next=" (encode_query(&base)) } { (t(lang, "nav-login")) } }
                        }
                    }
                }
            }
            @if p.rights().edit() {
                section.card {
                    h2 { (t(lang, "need-state")) }
                    form.inline method="post" action={ (base) "/state" } {
                        (csrf(ctx))
                        (select(lang, &FormState::new().with("state", n.state.code()), "state", "need-state", &states))
                        button type="submit" { (t(lang, "need-state-submit")) }
                    }
                    p.hint { (t(lang, "need-state-hint")) }
                }
                section {
                    h2 { (t(lang, "suggestions-members")) }
                    p.muted { (t(lang, "suggestions-members-lead")) }
                    @if let (Some(member), form) = &view.ask_form {
                        @if !read.suggestions.iter().any(|s| s.user_id == *member) {
                            // A refused request to someone no longer suggested
                            // (declined, busy, not contactable) still says why.
                            div.card {
                                (error_summary(lang, form))
                                form.stacked method="post" action={ (base) "/ask/" (member) } novalidate {
                                    (csrf(ctx))
                                    (textarea(lang, form, "message", "introduction-message", None))
                                    p { button type="submit" { (t(lang, "suggestion-ask-submit")) } }
                                }
                            }
                        }
                    }
                    @if read.suggestions.is_empty() { p.muted { (t(lang, "suggestions-none")) } }
                    @for s in &read.suggestions {
                        article.card.suggestion {
                            h3 { (s.name) }
                            p.reasons { (reasons(lang, &s.fit, &p.city_name)) }
                            @if !s.description.is_empty() { p { (plain_text(&s.description)) } }
                            @if on_team && n.state.is_live() {
                                @let asking = view.ask_form.0 == Some(s.user_id);
                                @let form = if asking { view.ask_form.1.clone() } else { FormState::new() };
                                details open[asking] {
                                    summary { (t_args(lang, "suggestion-ask", &[("name", &s.name)])) }
                                    (error_summary(lang, &form))
                                    form.stacked method="post" action={ (base) "/ask/" (s.user_id) } novalidate {
                                        (csrf(ctx))
                                        (textarea(lang, &form, "message", "introduction-message", Some("introduction-message-hint")))
                                        p { button type="submit" { (t(lang, "suggestion-ask-submit")) } }
                                    }
                                }
                            }
                        }
                    }
                }
                details.card open[!view.edit_form.errors.is_empty()] {
                    summary { (t(lang, "need-edit")) }
                    (need_fields(ctx, &view.edit_form, &format!("{base}/edit"), "need-save"))
                }
            }
            section {
                h2 { (t(lang, "questions-title")) }
                @if read.questions.is_empty() { p.muted { (t(lang, "questions-none")) } }
                ul {
                    @for q in &read.questions {
                        li {
                            a href={ "/projects/" (p.row.slug) "/questions/" (q.id) } { (q.body) }
                            " — " (t_count(lang, "question-answers", "count", q.answers))
                        }
                    }
                }
                @if p.rights().post_update() {
                    details.card open[!view.question_form.errors.is_empty()] {
                        summary { (t(lang, "question-ask")) }
                        (error_summary(lang, &view.question_form))
                        form.stacked method="post" action={ (base) "/questions" } novalidate {
                            (csrf(ctx))
                            (textarea(lang, &view.question_form, "question", "question-body", Some("question-body-hint")))
                            (checkbox(lang, &view.question_form, "answers_public", "question-public"))
                            p { button type="submit" { (t(lang, "question-submit")) } }
                        }
                    }
                }
            }
        },
    )
}

/// Filter choices for the public lists.
#[derive(Debug, Clone, Default)]
pub struct ListChoices {
    /// Cities: (id, name).
    pub cities: Vec<(String, String)>,
}

fn pagination(lang: Language, path: &str, query: &str, page: u64, pages: u64) -> Markup {
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(t(lang, "pagination")) {
                @if page > 1 { a rel="prev" href={ (path) "?" (query) "page=" (page - 1) } { "← " (t(lang, "pagination-previous")) } }
                " " span { (t_args(lang, "pagination-position", &[("page", &page.to_string()), ("pages", &pages.to_string())])) } " "
                @if page < pages { a rel="next" href={ (path) "?" (query) "page=" (page + 1) } { (t(lang, "pagination-next")) " →" } }
            }
        }
    }
}

/// The public list of open needs, "On cherche…", by city.
pub fn open_needs(
    ctx: &PageContext,
    filters: &FormState,
    choices: &ListChoices,
    results: &OpenPage,
    query_without_page: &str,
) -> Markup {
    let lang = ctx.lang;
    // Needs come sorted by city: one heading per city.
    let mut by_city: Vec<(&str, Vec<&relais_domain::need::OpenNeed>)> = Vec::new();
    for n in &results.needs {
        match by_city.last_mut() {
            Some((city, list)) if *city == n.city_name => list.push(n),
            _ => by_city.push((&n.city_name, vec![n])),
        }
    }
    page(
        ctx,
        &t(lang, "open-needs-title"),
        html! {
            h1 { (t(lang, "open-needs-title")) }
            p.lead { (t(lang, "open-needs-lead")) }
            form.filters.card method="get" action="/needs" role="search" {
                div.grid {
                    (select(lang, filters, "city", "filter-city", &with_blank(lang, choices.cities.clone())))
                    (select(lang, filters, "kind", "need-kind", &with_blank(lang, kind_choices(lang))))
                }
                p { button type="submit" { (t(lang, "filter-submit")) } }
            }
            p role="status" { (t_count(lang, "open-needs-count", "count", results.total)) }
            @if ctx.user.is_some() { p { a href="/relation" { (t(lang, "open-needs-for-you")) } } }
            @else { p { a href="/offer" { (t(lang, "open-needs-offer")) } } }
            @for (city, needs) in &by_city {
                h2 { (city) }
                @for n in needs {
                    article.card.need {
                        h3 { a href={ "/projects/" (n.project_slug) "/needs/" (n.need.id) } { (kind_label(lang, n.need.kind)) " — " (n.project_title) } }
                        (need_summary(lang, &n.need, &n.city_name))
                        @if !n.need.description.is_empty() { p { (plain_text(&n.need.description)) } }
                    }
                }
            }
            (pagination(lang, "/needs", query_without_page, results.page, results.pages))
        },
    )
}

/// The public list of helpers who chose to show their offer.
pub fn helpers(
    ctx: &PageContext,
    filters: &FormState,
    choices: &ListChoices,
    results: &PublicPage,
    query_without_page: &str,
) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "helpers-title"),
        html! {
            h1 { (t(lang, "helpers-title")) }
            p.lead { (t(lang, "helpers-lead")) }
            form.filters.card method="get" action="/helpers" role="search" {
                (select(lang, filters, "city", "filter-city", &with_blank(lang, choices.cities.clone())))
                p { button type="submit" { (t(lang, "filter-submit")) } }
            }
            @if results.offers.is_empty() { p.muted { (t(lang, "helpers-none")) } }
            div.grid {
                @for o in &results.offers {
                    article.card {
                        h2 { (o.name) }
                        p.meta {
                            @for k in &o.offer.kinds { span.badge { (kind_label(lang, *k)) } " " }
                            @if let Some(c) = &o.city_name { " · " (c) }
                            @if o.offer.remote { " · " (t(lang, "need-remote")) }
                            (tags_line(&o.offer.tags))
                        }
                        @if !o.offer.description.is_empty() { p { (plain_text(&o.offer.description)) } }
                    }
                }
            }
            (pagination(lang, "/helpers", query_without_page, results.page, results.pages))
        },
    )
}

/// The member's offer form, with tags already in use to pick from.
pub fn offer_form(
    ctx: &PageContext,
    form: &FormState,
    cities: &[(String, String)],
    tags_in_use: &[Tag],
) -> Markup {
    let lang = ctx.lang;
    let mut city_options = vec![(String::new(), t(lang, "signup-city-none"))];
    city_options.extend(cities.iter().cloned());
    narrow_page(
        ctx,
        &t(lang, "offer-title"),
        html! {
            h1 { (t(lang, "offer-title")) }
            p.lead { (t(lang, "offer-lead")) }
            (error_summary(lang, form))
            form.stacked method="post" action="/offer" novalidate {
                (csrf(ctx))
                (checkboxes(lang, form, "kinds", "offer-kinds", &kind_choices(lang)))
                (input(lang, form, Input::text("tags", "offer-tags").optional().hint("tags-hint")))
                @if !tags_in_use.is_empty() {
                    p.hint id="tags-in-use" { (t(lang, "tags-in-use")) (t(lang, "colon"))
                        @for (i, tag) in tags_in_use.iter().enumerate() { @if i > 0 { ", " } span.tag { (tag.as_str()) } }
                    }
                }
                (textarea(lang, form, "description", "offer-description", Some("offer-description-hint")))
                (checkboxes(lang, form, "themes", "offer-themes", &theme_options(lang)))
                (checkboxes(lang, form, "languages", "offer-languages", &language_options(lang)))
                (select(lang, form, "city_id", "offer-city", &city_options))
                (checkbox(lang, form, "remote", "offer-remote"))
                (input(lang, form, Input::text("introductions_per_month", "offer-per-month").kind("number").hint("offer-per-month-hint")))
                (checkbox(lang, form, "contactable", "offer-contactable"))
                p.hint { (t(lang, "offer-contactable-hint")) }
                (checkbox(lang, form, "is_public", "offer-public"))
                p.hint { (t(lang, "offer-public-hint")) }
                p { button type="submit" { (t(lang, "offer-save")) } }
            }
        },
    )
}

fn introduction_card(ctx: &PageContext, i: &Listed, now: DateTime<Utc>) -> Markup {
    let lang = ctx.lang;
    let direction = match i.direction {
        Direction::Sent => "sent",
        Direction::Received => "received",
    };
    let initiator = match i.initiator {
        Initiator::Member => "member",
        Initiator::Team => "team",
    };
    let heading = t_args(
        lang,
        &format!("introduction-{direction}-{initiator}"),
        &[
            ("member", &i.member_name),
            ("project", &i.project_title),
            ("kind", &kind_label(lang, i.need_kind)),
        ],
    );
    html! {
        article.card.introduction id={ "introduction-" (i.id) } {
            h3 { (heading) }
            p.meta {
                span.badge { (t(lang, &format!("introduction-state-{}", i.state.code()))) }
                " · " (t_args(lang, "introduction-asked-by", &[("name", &i.asker_name)])) " " (when(lang, i.created_at, now))
                @if i.state == IntroductionState::Pending { " · " (t(lang, "introduction-expires")) " " (when(lang, i.expires_at, now)) }
            }
            blockquote { (plain_text(&i.message)) }
            p { a href={ "/projects/" (i.project_slug) "/needs/" (i.need_id) } { (t(lang, "need-see")) } }
            @if let Some((name, email)) = &i.contact {
                p.flash role="status" { (t_args(lang, "introduction-contact", &[("name", name)])) " " a href={ "mailto:" (email) } { (email) } }
            }
            @if i.can_answer {
                form.inline method="post" action={ "/introductions/" (i.id) "/accept" } {
                    (csrf(ctx)) button type="submit" { (t(lang, "introduction-accept")) }
                }
                " "
                form.inline method="post" action={ "/introductions/" (i.id) "/decline" } {
                    (csrf(ctx)) button.secondary type="submit" { (t(lang, "introduction-decline")) }
                }
            }
        }
    }
}

/// The member's "mise en relation" page: suggestions and introductions.
pub fn hub(
    ctx: &PageContext,
    now: DateTime<Utc>,
    has_offer: bool,
    suggestions: &[NeedSuggestion],
    introductions: &[Listed],
) -> Markup {
    let lang = ctx.lang;
    let (received, sent): (Vec<&Listed>, Vec<&Listed>) = introductions
        .iter()
        .partition(|i| i.direction == Direction::Received);
    page(
        ctx,
        &t(lang, "hub-title"),
        html! {
            h1 { (t(lang, "hub-title")) }
            p { a.button href="/offer" { (t(lang, if has_offer { "hub-edit-offer" } else { "hub-make-offer" })) } " " a href="/needs" { (t(lang, "open-needs-title")) } }
            section {
                h2 { (t(lang, "introductions-received")) }
                @if received.is_empty() { p.muted { (t(lang, "introductions-none")) } }
                @for i in &received { (introduction_card(ctx, i, now)) }
            }
            section {
                h2 { (t(lang, "suggestions-needs")) }
                @if !has_offer { p.muted { (t(lang, "suggestions-need-offer")) } }
                @else if suggestions.is_empty() { p.muted { (t(lang, "suggestions-none")) } }
                @for s in suggestions {
                    article.card.suggestion {
                        h3 { a href={ "/projects/" (s.project_slug) "/needs/" (s.need.id) } { (s.project_title) } }
                        p.reasons { (reasons(lang, &s.fit, &s.city_name)) }
                        (need_summary(lang, &s.need, &s.city_name))
                        @if !s.need.description.is_empty() { p { (plain_text(&s.need.description)) } }
                    }
                }
            }
            section {
                h2 { (t(lang, "introductions-sent")) }
                @if sent.is_empty() { p.muted { (t(lang, "introductions-none")) } }
                @for i in &sent { (introduction_card(ctx, i, now)) }
            }
        },
    )
}

/// What the page behind an emailed answer link shows.
#[derive(Debug, Clone)]
pub struct AnswerLink<'a> {
    /// The token in the path.
    pub token: &'a str,
    /// Who asked.
    pub asker_name: &'a str,
    /// The team asked (rather than the member).
    pub from_team: bool,
    /// The project's title.
    pub project_title: &'a str,
    /// The need's kind.
    pub kind: HelpKind,
    /// The need's description.
    pub description: &'a str,
    /// The message.
    pub message: &'a str,
    /// Where it stands.
    pub state: IntroductionState,
    /// Still answerable.
    pub open: bool,
}

/// The page an introduction request's email links to: accept or decline,
/// without logging in.
pub fn answer_link(ctx: &PageContext, view: &AnswerLink<'_>, error: Option<&str>) -> Markup {
    let lang = ctx.lang;
    let title = t(lang, "introduction-answer-title");
    let lead = t_args(
        lang,
        if view.from_team {
            "introduction-answer-from-team"
        } else {
            "introduction-answer-from-member"
        },
        &[
            ("name", view.asker_name),
            ("project", view.project_title),
            ("kind", &kind_label(lang, view.kind)),
        ],
    );
    narrow_page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.lead { (lead) }
            @if !view.description.is_empty() { p.meta { (plain_text(view.description)) } }
            blockquote { (plain_text(view.message)) }
            @if let Some(key) = error { p.flash.error role="alert" { (t(lang, key)) } }
            @if view.open {
                p { (t(lang, "introduction-answer-explain")) }
                form.inline method="post" action={ "/introductions/answer/" (view.token) } {
                    (csrf(ctx))
                    input type="hidden" name="answer" value="accept";
                    button type="submit" { (t(lang, "introduction-accept")) }
                }
                " "
                form.inline method="post" action={ "/introductions/answer/" (view.token) } {
                    (csrf(ctx))
                    input type="hidden" name="answer" value="decline";
                    button.secondary type="submit" { (t(lang, "introduction-decline")) }
                }
            } @else {
                p role="status" { span.badge { (t(lang, &format!("introduction-state-{}", view.state.code()))) } }
            }
        },
    )
}

/// The follow-up question's page: did the introduction lead somewhere?
pub fn follow_up(
    ctx: &PageContext,
    token: &str,
    project_title: &str,
    other_name: &str,
    answered: Option<Outcome>,
) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "follow-up-title"),
        html! {
            h1 { (t(lang, "follow-up-title")) }
            p.lead { (t_args(lang, "follow-up-question", &[("name", other_name), ("project", project_title)])) }
            @if let Some(o) = answered { p.flash role="status" { (t_args(lang, "follow-up-answered", &[("answer", &t(lang, &format!("follow-up-{}", o.code())))])) } }
            @for o in Outcome::ALL {
                form.inline method="post" action={ "/follow-up/" (token) } {
                    (csrf(ctx))
                    input type="hidden" name="outcome" value=(o.code());
                    button type="submit" { (t(lang, &format!("follow-up-{}", o.code()))) }
                }
                " "
            }
        },
    )
}

/// A question with its thread of answers.
pub fn question_page(
    ctx: &PageContext,
    now: DateTime<Utc>,
    project: &Project,
    thread: &Thread,
    form: &FormState,
    replying_to: Option<i32>,
) -> Markup {
    let lang = ctx.lang;
    let base = format!("/projects/{}/questions/{}", project.row.slug, thread.id);
    let answer_form = |parent: Option<i32>| {
        let own = replying_to == parent;
        let form = if own { form.clone() } else { FormState::new() };
        // One form per answer to reply to, besides the question's own.
        let form = match parent {
            Some(p) => form.scoped(format!("reply-{p}")),
            None => form,
        };
        html! {
            (error_summary(lang, &form))
            form.stacked method="post" action={ (base) "/answers" } novalidate {
                (csrf(ctx))
                @if let Some(p) = parent { input type="hidden" name="parent_id" value=(p); }
                (textarea(lang, &form, "answer", if parent.is_some() { "answer-reply" } else { "answer-body" }, None))
                p { button type="submit" { (t(lang, "answer-submit")) } }
            }
        }
    };
    page(
        ctx,
        &t(lang, "question-title"),
        html! {
            p { a href={ "/projects/" (project.row.slug) "/needs/" (thread.need_id) } { "← " (project.row.title) " · " (kind_label(lang, thread.need_kind)) } }
            h1 { (thread.body) }
            p.meta {
                @if let Some(name) = &thread.asked_by_name { (name) " · " }
                (when(lang, thread.created_at, now)) " · "
                (t(lang, if thread.answers_public { "question-answers-public" } else { "question-answers-team" }))
            }
            @if thread.answers.is_empty() { p.muted { (t(lang, "answers-none")) } }
            @for a in &thread.answers {
                article.card.answer.reply[a.parent_id.is_some()] .helpful[a.helpful] id={ "answer-" (a.id) } {
                    p.meta {
                        strong { (a.author_name) } " · " (when(lang, a.created_at, now))
                        @if a.helpful { " · " span.badge { (t(lang, "answer-helpful")) } }
                    }
                    p { (plain_text(&a.body)) }
                    @if project.rights().post_update() && !a.helpful {
                        form.inline method="post" action={ (base) "/helpful/" (a.id) } {
                            (csrf(ctx)) button.link type="submit" { (t(lang, "answer-mark-helpful")) }
                        }
                    }
                    @if ctx.user.is_some() && a.parent_id.is_none() {
                        details open[replying_to == Some(a.id)] {
                            summary { (t(lang, "answer-reply")) }
                            (answer_form(Some(a.id)))
                        }
                    }
                }
            }
            @if thread.hidden_answers > 0 {
                p.muted { (t_count(lang, "answers-hidden", "count", thread.hidden_answers as u64)) }
            }
            @if ctx.user.is_some() {
                section.card {
                    h2 { (t(lang, "answer-body")) }
                    (answer_form(None))
                }
            } @else {
                p { a.button href={ "/login?next=" (encode_query(&base)) } { (t(lang, "answer-log-in")) } }
            }
        },
    )
}

/// Coordinators' view: volumes of introductions per city, never messages.
pub fn volumes(ctx: &PageContext, rows: &[(String, CityCounts, u64)]) -> Markup {
    let lang = ctx.lang;
    let headings = [
        "volumes-open-needs",
        "volumes-asked",
        "introduction-state-pending",
        "introduction-state-accepted",
        "introduction-state-declined",
        "introduction-state-expired",
        "introduction-state-closed",
        "follow-up-yes",
        "follow-up-in_progress",
        "follow-up-no",
    ];
    page(
        ctx,
        &t(lang, "volumes-title"),
        html! {
            h1 { (t(lang, "volumes-title")) }
            p.lead { (t(lang, "volumes-lead")) }
            table {
                thead { tr { th scope="col" { (t(lang, "filter-city")) } @for h in headings { th scope="col" { (t(lang, h)) } } } }
                tbody {
                    @for (city, c, open_needs) in rows {
                        tr {
                            th scope="row" { (city) }
                            td { (open_needs) }
                            td { (c.asked()) }
                            @for s in [IntroductionState::Pending, IntroductionState::Accepted, IntroductionState::Declined, IntroductionState::Expired, IntroductionState::Closed] {
                                td { (c.state(s)) }
                            }
                            @for o in Outcome::ALL { td { (c.outcome(o)) } }
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
    fn plain_text_escapes_markup_keeps_lines_and_links_with_nofollow() {
        let html = plain_text("<b>Salut</b>\nVoir https://example.org/x?a=1 svp").into_string();
        assert!(html.contains("&lt;b&gt;Salut&lt;/b&gt;<br>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/x?a=1" rel="nofollow ugc noopener">"#),
            "{html}"
        );
        let sneaky = plain_text("javascript:alert(1) \"https://x\"").into_string();
        assert!(!sneaky.contains("<a"), "{sneaky}");
    }

    #[test]
    fn reasons_read_as_one_line() {
        let fit = Fit {
            score: 80,
            same_city: true,
            reasons: vec![
                Reason::Kind(HelpKind::Designer),
                Reason::SameCity,
                Reason::Theme(Theme::Environmental),
            ],
        };
        assert_eq!(
            reasons(Language::Fr, &fit, "Lyon"),
            "designer · Lyon · intéressé·e par l'environnement"
        );
    }
}

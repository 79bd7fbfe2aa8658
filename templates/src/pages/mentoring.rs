//! Mentoring pages: a project's reviews, the review form, the mentor's
//! dashboard and the coordinators' coverage of a city.

use crate::form::{FormState, Input, checkboxes, csrf, error_summary, input, select, textarea};
use crate::i18n::{t, t_args};
use crate::layout::{PageContext, narrow_page, page};
use chrono::{DateTime, Utc};
use maud::{Markup, html};
use relais_domain::mentor::Expertise;
use relais_domain::project::Project;
use relais_domain::review::{DueState, Followed, Score};
use relais_domain::{Language, mentoring_page};

/// The day of `dt` on the project's clock (UTC when there is no project).
fn date(lang: Language, dt: DateTime<Utc>, project: Option<&Project>) -> String {
    let day = match project {
        Some(p) => dt.with_timezone(&p.time_zone).date_naive(),
        None => dt.date_naive(),
    };
    crate::dates::date(lang, day)
}

fn due_badge(lang: Language, due: DueState) -> Markup {
    html! {
        @match due {
            DueState::NotDue => span.badge { (t(lang, "review-due-not_due")) },
            DueState::Due => span.badge.due { (t(lang, "review-due-due")) },
            DueState::Overdue => span.badge.overdue { (t(lang, "review-due-overdue")) },
        }
    }
}

/// A small line of mean review scores (1 to 5), drawn on the server.
pub fn score_trend(lang: Language, trend: &[(DateTime<Utc>, f64)]) -> Markup {
    const W: f64 = 120.0;
    const H: f64 = 30.0;
    if trend.is_empty() {
        return html! { span.muted { (t(lang, "review-none")) } };
    }
    let n = trend.len();
    let x = |i: usize| {
        if n == 1 {
            W / 2.0
        } else {
            4.0 + (W - 8.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| H - 3.0 - (H - 6.0) * (v.clamp(1.0, 5.0) - 1.0) / 4.0;
    let points: Vec<String> = trend
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let summary: Vec<String> = trend
        .iter()
        .map(|(at, v)| format!("{}: {:.1}", crate::dates::date(lang, at.date_naive()), v))
        .collect();
    let label = t_args(
        lang,
        "review-trend-label",
        &[("scores", &summary.join(", "))],
    );
    html! {
        svg.sparkline role="img" aria-label=(label) viewBox={ "0 0 " (W) " " (H) } width="120" height="30" xmlns="http://www.w3.org/2000/svg" {
            title { (label) }
            polyline points=(points.join(" ")) fill="none" stroke="#0b6e4f" stroke-width="2" {}
            @for (i, (_, v)) in trend.iter().enumerate() {
                circle cx={ (format!("{:.1}", x(i))) } cy={ (format!("{:.1}", y(*v))) } r="2.5" fill="#0b6e4f" {}
            }
        }
    }
}

/// A project's reviews page: the domain's read model and the forms that
/// came back refused.
#[derive(Debug, Clone)]
pub struct ReviewsPage<'a> {
    /// What the reviews page shows, for this reader.
    pub read: &'a mentoring_page::ReviewsPage,
    /// The request form, with errors.
    pub request_form: FormState,
    /// An answer form that came back with errors: (review id, form).
    pub response_form: Option<(i32, FormState)>,
}

fn score_row(lang: Language, key: &str, score: &Score) -> Markup {
    html! {
        tr {
            th scope="row" { (t(lang, key)) }
            td { (score.value) " / 5" }
            td { (score.comment) }
        }
    }
}

/// A project's reviews, with the forms around them.
pub fn reviews(ctx: &PageContext, view: &ReviewsPage<'_>) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let p = &read.project;
    let base = format!("/projects/{}", p.row.slug);
    page(
        ctx,
        &t(lang, "reviews-title"),
        html! {
            p { a href=(base) { "← " (p.row.title) } }
            h1 { (t(lang, "reviews-title")) " — " (p.row.title) }
            p.muted { (t(lang, "reviews-private")) }
            p { strong { (t(lang, "reviews-mentors")) (t(lang, "colon")) }
                @if read.mentors.is_empty() { (t(lang, "reviews-no-mentor")) } @else { (read.mentors.join(", ")) }
            }
            @if read.rights.write() { p { a.button href={ (base) "/reviews/new" } { (t(lang, "review-new")) } } }
            @if !read.requests.is_empty() {
                section.card {
                    h2 { (t(lang, "requests-open")) }
                    ul { @for r in &read.requests { li { (r.question) " — " (r.requested_by) ", " (date(lang, r.created_at, Some(p))) } } }
                }
            }
            @if read.rights.respond() {
                (error_summary(lang, &view.request_form))
                form.stacked.card method="post" action={ (base) "/review-requests" } novalidate {
                    (csrf(ctx))
                    (textarea(lang, &view.request_form, "question", "request-question", Some("request-question-hint")))
                    p { button type="submit" { (t(lang, "request-submit")) } }
                }
            }
            @if read.reviews.is_empty() { p.muted { (t(lang, "review-none")) } }
            @for r in &read.reviews {
                article.card.review id={ "review-" (r.id) } {
                    h2 { (t_args(lang, "review-heading", &[("mentor", &r.mentor_name), ("date", &date(lang, r.created_at, Some(p)))])) }
                    table {
                        thead { tr { th scope="col" { (t(lang, "review-criterion")) } th scope="col" { (t(lang, "review-score")) } th scope="col" { (t(lang, "review-comment")) } } }
                        tbody {
                            (score_row(lang, "review-impact", &r.impact))
                            (score_row(lang, "review-progress", &r.progress))
                            (score_row(lang, "review-openness", &r.openness))
                            (score_row(lang, "review-team-health", &r.team_health))
                        }
                    }
                    @if !r.strengths.is_empty() { h3 { (t(lang, "review-strengths")) } p { (r.strengths) } }
                    @if !r.recommendations.is_empty() { h3 { (t(lang, "review-recommendations")) } p { (r.recommendations) } }
                    @if !r.steps.is_empty() {
                        h3 { (t(lang, "review-next-steps")) }
                        ul.steps {
                            @for s in &r.steps {
                                li {
                                    (s.text)
                                    @if s.milestone_id.is_some() {
                                        " — " span.badge { (t(lang, "review-step-milestone")) }
                                    } @else if read.rights.respond() && p.rights().edit() {
                                        form.inline method="post" action={ (base) "/reviews/" (r.id) "/steps/" (s.id) "/milestone" } {
                                            (csrf(ctx)) button.link type="submit" { (t(lang, "review-step-to-milestone")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if read.editable.contains(&r.id) { p { a href={ (base) "/reviews/" (r.id) "/edit" } { (t(lang, "review-edit")) } } }
                    @match r.acknowledged_at {
                        Some(at) => p.muted { (t_args(lang, "review-acknowledged", &[("date", &date(lang, at, Some(p)))])) },
                        None => @if read.rights.respond() {
                            form.inline method="post" action={ (base) "/reviews/" (r.id) "/acknowledge" } {
                                (csrf(ctx)) button type="submit" { (t(lang, "review-acknowledge")) }
                            }
                        },
                    }
                    @if !r.response.is_empty() {
                        div.response {
                            h3 { (t(lang, "review-response")) }
                            p { (r.response) }
                        }
                    }
                    @if read.rights.respond() {
                        @let empty = FormState::new().with("response", r.response.clone());
                        @let form = match &view.response_form { Some((id, f)) if *id == r.id => f, _ => &empty };
                        (error_summary(lang, form))
                        form.stacked method="post" action={ (base) "/reviews/" (r.id) "/respond" } novalidate {
                            (csrf(ctx))
                            (textarea(lang, form, "response", "review-response-field", None))
                            p { button type="submit" { (t(lang, "review-respond")) } }
                        }
                    }
                }
            }
        },
    )
}

fn score_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "—".to_owned()))
        .chain((1..=5).map(|n| (n.to_string(), n.to_string())))
        .collect()
}

/// The form to write or change a review.
pub fn review_form(
    ctx: &PageContext,
    project: &Project,
    review_id: Option<i32>,
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let base = format!("/projects/{}", project.row.slug);
    let action = match review_id {
        Some(id) => format!("{base}/reviews/{id}/edit"),
        None => format!("{base}/reviews"),
    };
    narrow_page(
        ctx,
        &t(lang, "review-new"),
        html! {
            p { a href={ (base) "/reviews" } { "← " (project.row.title) } }
            h1 { (t(lang, if review_id.is_some() { "review-edit" } else { "review-new" })) }
            p { (t(lang, "review-lead")) }
            (error_summary(lang, form))
            form.stacked method="post" action=(action) novalidate {
                (csrf(ctx))
                @for (field, key) in [("impact", "review-impact"), ("progress", "review-progress"), ("openness", "review-openness"), ("team_health", "review-team-health")] {
                    fieldset {
                        legend { (t(lang, key)) }
                        (select(lang, form, field, "review-score", &score_options()))
                        (textarea(lang, form, &format!("{field}_comment"), "review-comment", None))
                    }
                }
                (textarea(lang, form, "strengths", "review-strengths", None))
                (textarea(lang, form, "recommendations", "review-recommendations", None))
                (textarea(lang, form, "next_steps", "review-next-steps", Some("review-next-steps-hint")))
                p { button type="submit" { (t(lang, "review-save")) } }
            }
        },
    )
}

/// The mentor's dashboard, with their profile form.
pub fn mentor_dashboard(ctx: &PageContext, followed: &[Followed], profile: &FormState) -> Markup {
    let lang = ctx.lang;
    let tags: Vec<(String, String)> = Expertise::ALL
        .iter()
        .map(|e| (e.code().to_owned(), t(lang, &format!("expertise-{e}"))))
        .collect();
    page(
        ctx,
        &t(lang, "mentor-title"),
        html! {
            h1 { (t(lang, "mentor-title")) }
            @if followed.is_empty() { p.muted { (t(lang, "mentor-no-projects")) } }
            @for f in followed {
                section.card {
                    h2 { a href={ "/projects/" (f.slug) "/reviews" } { (f.title) } " " (due_badge(lang, f.due)) }
                    p {
                        (t(lang, "review-last")) (t(lang, "colon"))
                        @match f.last_review { Some(at) => (date(lang, at, None)), None => (t(lang, "review-none")) }
                    }
                    @if !f.requests.is_empty() {
                        h3 { (t(lang, "requests-open")) }
                        ul { @for r in &f.requests { li { (r.question) " — " (r.requested_by) } } }
                    }
                    p { a.button href={ "/projects/" (f.slug) "/reviews/new" } { (t(lang, "review-new")) } }
                }
            }
            h2 { (t(lang, "mentor-profile")) }
            (error_summary(lang, profile))
            form.stacked.card method="post" action="/mentor" novalidate {
                (csrf(ctx))
                (checkboxes(lang, profile, "expertise", "mentor-expertise", &tags))
                (input(lang, profile, Input::text("capacity", "mentor-capacity").hint("mentor-capacity-hint")))
                (crate::form::checkbox(lang, profile, "remote", "mentor-remote"))
                p { button type="submit" { (t(lang, "mentor-profile-save")) } }
            }
        },
    )
}

/// (id, label) pairs as a select's options.
fn options(pairs: &[(i32, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(id, label)| (id.to_string(), label.clone()))
        .collect()
}

/// The coordinators' view of a city's mentoring.
pub fn coverage(
    ctx: &PageContext,
    read: &mentoring_page::CoveragePage,
    assign_form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let mentors: Vec<(String, String)> = read
        .mentors
        .iter()
        .map(|(id, name, load, capacity)| (id.to_string(), format!("{name} ({load}/{capacity})")))
        .collect();
    let without_mentor = read
        .followed
        .iter()
        .filter(|f| f.mentors.is_empty())
        .count();
    page(
        ctx,
        &t(lang, "coverage-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "coverage-title")) }
            form.inline method="get" action="/admin/mentoring" {
                (select(lang, &FormState::new().with("city", read.city_id.to_string()), "city", "filter-city", &options(&read.cities)))
                button type="submit" { (t(lang, "filter-submit")) }
            }
            p { (t_args(lang, "coverage-summary", &[("projects", &read.followed.len().to_string()), ("without", &without_mentor.to_string())])) }
            table {
                thead { tr {
                    th scope="col" { (t(lang, "coverage-project")) }
                    th scope="col" { (t(lang, "reviews-mentors")) }
                    th scope="col" { (t(lang, "review-last")) }
                    th scope="col" { (t(lang, "coverage-due")) }
                    th scope="col" { (t(lang, "coverage-trend")) }
                } }
                tbody {
                    @for f in &read.followed {
                        tr {
                            th scope="row" { a href={ "/projects/" (f.slug) "/reviews" } { (f.title) } }
                            td { @if f.mentors.is_empty() { strong.late-flag { (t(lang, "reviews-no-mentor")) } } @else { (f.mentors.join(", ")) } }
                            td { @match f.last_review { Some(at) => (date(lang, at, None)), None => (t(lang, "review-none")) } }
                            td { (due_badge(lang, f.due)) }
                            td { (score_trend(lang, &f.trend)) }
                        }
                    }
                }
            }
            h2 { (t(lang, "assign-title")) }
            (error_summary(lang, assign_form))
            form.stacked.card method="post" action="/admin/mentoring/assign" novalidate {
                (csrf(ctx))
                input type="hidden" name="city" value=(read.city_id);
                (select(lang, assign_form, "project_id", "coverage-project", &options(&read.projects)))
                (select(lang, assign_form, "mentor_id", "assign-mentor", &mentors))
                p { button type="submit" { (t(lang, "assign-submit")) } }
            }
            @if !read.assignments.is_empty() {
                h2 { (t(lang, "assignments-title")) }
                ul {
                    @for (id, project, mentor) in &read.assignments {
                        li {
                            (project) " — " (mentor) " "
                            form.inline method="post" action={ "/admin/mentoring/assignments/" (id) "/end" } {
                                (csrf(ctx))
                                input type="hidden" name="city" value=(read.city_id);
                                button.link type="submit" { (t(lang, "assignment-end")) }
                            }
                        }
                    }
                }
            }
        },
    )
}

//! The team dashboard (what is late or due soon) and the coordinators'
//! roll-up by city.

use crate::i18n::{t, t_args, t_count};
use crate::layout::{PageContext, page};
use maud::{Markup, html};
use relais_domain::dashboard::{self, CityRollup, TeamProject};
use relais_domain::milestone::Milestone;

fn percent(share: Option<f64>) -> String {
    share.map_or_else(
        || "—".to_owned(),
        |s| format!("{} %", (s * 100.0).round() as i64),
    )
}

fn milestone_list(lang: relais_domain::Language, slug: &str, milestones: &[Milestone]) -> Markup {
    html! {
        ul {
            @for m in milestones {
                li {
                    a href={ "/projects/" (slug) "/milestones/" (m.id) "/edit" } { (m.title) }
                    " — " (t(lang, "milestone-due")) " " (crate::dates::date_tag(lang, m.due_on))
                }
            }
        }
    }
}

/// The team member's dashboard.
pub fn team_dashboard(ctx: &PageContext, projects: &[TeamProject]) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "dashboard-title"),
        html! {
            h1 { (t(lang, "dashboard-title")) }
            p { a.button href="/projects/new" { (t(lang, "project-new")) } }
            @if projects.is_empty() { p.muted { (t(lang, "dashboard-no-projects")) } }
            @for p in projects {
                section.card {
                    h2 { a href={ "/projects/" (p.slug) } { (p.title) } }
                    p { (t(lang, "project-progress")) (t(lang, "colon")) (percent(p.progress)) }
                    @if p.quiet { p.flash.error { (t(lang, "project-quiet")) } }
                    @if !p.late.is_empty() {
                        h3 { (t_count(lang, "dashboard-late", "count", p.late.len() as u64)) }
                        (milestone_list(lang, &p.slug, &p.late))
                    }
                    @if !p.due_soon.is_empty() {
                        h3 { (t(lang, "dashboard-due-soon")) }
                        (milestone_list(lang, &p.slug, &p.due_soon))
                    }
                    @if p.late.is_empty() && p.due_soon.is_empty() { p.muted { (t(lang, "dashboard-nothing-due")) } }
                }
            }
        },
    )
}

/// The coordinators' table of progress by city.
pub fn city_rollup(lang: relais_domain::Language, rollups: &[CityRollup]) -> Markup {
    html! {
        table {
            caption { (t(lang, "rollup-title")) }
            thead { tr {
                th scope="col" { (t(lang, "rollup-city")) }
                th scope="col" { (t(lang, "rollup-projects")) }
                th scope="col" { (t(lang, "rollup-progress")) }
                th scope="col" { (t(lang, "rollup-behind")) }
                th scope="col" { (t(lang, "rollup-quiet")) }
                th scope="col" { (t(lang, "rollup-missed-check-ins")) }
            } }
            tbody {
                @for r in rollups {
                    tr {
                        th scope="row" { (r.city) }
                        td { (r.projects) }
                        td { (percent(r.progress)) }
                        td { (r.behind) }
                        td {
                            (project_links(&r.quiet))
                            @if r.quiet_total > r.quiet.len() {
                                " "
                                a href={ "/admin/quiet?city=" (r.city_id) } {
                                    (t_args(lang, "rollup-all-quiet", &[("count", &r.quiet_total.to_string())]))
                                }
                            }
                        }
                        td {
                            (project_links(&r.missed_check_ins))
                            @if r.missed_total > r.missed_check_ins.len() {
                                " "
                                (t_args(lang, "rollup-more", &[("count", &(r.missed_total - r.missed_check_ins.len()).to_string())]))
                            }
                        }
                    }
                }
            }
            @let (projects, progress, behind) = dashboard::total(rollups);
            tfoot { tr {
                th scope="row" { (t(lang, "rollup-total")) }
                td { (projects) }
                td { (percent(progress)) }
                td { (behind) }
                td {}
                td {}
            } }
        }
    }
}

/// A city's quiet projects, a page at a time.
pub fn quiet(
    ctx: &PageContext,
    city: &str,
    city_id: i32,
    projects: &[dashboard::QuietProject],
    page_no: u64,
    pages: u64,
) -> Markup {
    let lang = ctx.lang;
    let title = t_args(lang, "quiet-title", &[("city", city)]);
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            table {
                thead { tr {
                    th scope="col" { (t(lang, "quiet-project")) }
                    th scope="col" { (t(lang, "quiet-since")) }
                } }
                tbody {
                    @for p in projects {
                        tr {
                            td { a href={ "/projects/" (p.slug) } { (p.title) } }
                            td { time datetime=(crate::dates::machine(p.since)) { (crate::dates::date(lang, p.since.date_naive())) } }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav.pagination aria-label=(t(lang, "pagination")) {
                    @if page_no > 1 {
                        a rel="prev" href={ "/admin/quiet?city=" (city_id) "&page=" (page_no - 1) } { "← " (t(lang, "pagination-previous")) }
                    }
                    " " span { (t_args(lang, "pagination-position", &[("page", &page_no.to_string()), ("pages", &pages.to_string())])) } " "
                    @if page_no < pages {
                        a rel="next" href={ "/admin/quiet?city=" (city_id) "&page=" (page_no + 1) } { (t(lang, "pagination-next")) " →" }
                    }
                }
            }
        },
    )
}

fn project_links(projects: &[(String, String)]) -> Markup {
    html! {
        @for (i, (slug, title)) in projects.iter().enumerate() {
            @if i > 0 { ", " }
            a href={ "/projects/" (slug) } { (title) }
        }
    }
}

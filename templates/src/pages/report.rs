//! The quarterly report of a city or of the programme: one page meant to
//! be printed (A4, readable in black and white — see the print rules of
//! the stylesheet), with the quarter's figures, continuity, highlights and
//! the meetups to come.

use crate::dates::{self, NamedZone};
use crate::i18n::{t, t_args, t_values};
use crate::layout::{PageContext, page};
use crate::pages::continuity;
use crate::pages::figures::{Filters, monthly_chart, say};
use chrono::{DateTime, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::figures::continuity::EditionContinuity;
use relais_domain::figures::monthly::MonthFigures;
use relais_domain::figures::months::Quarter;
use relais_domain::figures::report::Highlights;

/// What the report shows.
#[derive(Debug, Clone)]
pub struct ReportPage<'a> {
    /// The quarter reported on.
    pub quarter: Quarter,
    /// Quarters offered in the chooser, latest first.
    pub quarters: Vec<Quarter>,
    /// The filters (edition, city).
    pub filters: &'a Filters,
    /// Whether the scope is the whole programme.
    pub whole_programme: bool,
    /// The quarter's first and last days.
    pub days: (NaiveDate, NaiveDate),
    /// The first day of each of its months.
    pub months: Vec<NaiveDate>,
    /// Each month's figures, all cities together.
    pub monthly: Vec<MonthFigures>,
    /// Continuity of the editions in scope.
    pub continuity: Vec<EditionContinuity>,
    /// Milestones, stages, meetups.
    pub highlights: Highlights,
    /// When the report is made, and where (the scope's zone).
    pub made: (DateTime<Utc>, NamedZone),
}

/// "4e trimestre 2024" / "Q4 2024".
pub fn quarter_name(lang: Language, quarter: Quarter) -> String {
    t_values(
        lang,
        "report-quarter",
        vec![
            ("number", FluentValue::from(quarter.number)),
            ("year", FluentValue::from(quarter.year.to_string())),
        ],
    )
}

/// The quarterly report.
pub fn report(ctx: &PageContext, view: &ReportPage<'_>) -> Markup {
    let lang = ctx.lang;
    let scope = view.filters.scope_name(lang, view.whole_programme);
    let name = quarter_name(lang, view.quarter);
    let query = view.filters.query();
    let link = |q: Quarter| {
        if query.is_empty() {
            format!("/admin/figures/report?quarter={}", q.code())
        } else {
            format!("/admin/figures/report?quarter={}&{query}", q.code())
        }
    };
    let monthly = &view.monthly;
    let begun = monthly.iter().rposition(|m| m.projects > 0 || m.active > 0);
    let h = &view.highlights;
    page(
        ctx,
        &format!("{} — {name} — {scope}", t(lang, "report-title")),
        html! {
            p.no-print { a href={ "/admin/figures" @if !query.is_empty() { "?" (query) } } { "← " (t(lang, "figures-title")) } }
            h1 { (t(lang, "report-title")) " — " (name) }
            p.lead {
                (scope) " · "
                (dates::date(lang, view.days.0)) " – " (dates::date(lang, view.days.1))
            }
            p.muted { (t_args(lang, "report-made", &[("when", &dates::moment(lang, view.made.0, &view.made.1, None))])) }
            div.no-print {
                form.inline method="get" action="/admin/figures/report" {
                    div.field {
                        label for="field-quarter" { (t(lang, "report-quarter-label")) }
                        select id="field-quarter" name="quarter" {
                            @for q in &view.quarters {
                                option value=(q.code()) selected[*q == view.quarter] { (quarter_name(lang, *q)) }
                            }
                        }
                    }
                    @if let Some(e) = view.filters.edition { input type="hidden" name="edition" value=(e); }
                    @if let Some(c) = view.filters.city { input type="hidden" name="city" value=(c); }
                    button type="submit" { (t(lang, "filter-submit")) }
                }
                p {
                    a href=(link(view.quarter.previous())) { "← " (quarter_name(lang, view.quarter.previous())) }
                    " · " (t(lang, "report-print-hint"))
                }
            }

            section.figure aria-labelledby="quarter-figures" {
                h2 #quarter-figures { (t(lang, "report-figures")) }
                @match begun {
                    Some(i) => {
                        p.reading { (t_values(lang, "report-reading-month", vec![
                            ("month", FluentValue::from(dates::month_of_year(lang, view.months[i]))),
                            ("active", FluentValue::from(monthly[i].active)),
                            ("projects", FluentValue::from(monthly[i].projects)),
                        ])) }
                        (monthly_chart(lang, "report-chart", &view.months, &[
                            ("figures-active", &|i| monthly[i].active),
                            ("figures-check-ins-answered", &|i| monthly[i].check_ins_answered),
                            ("figures-milestones-done", &|i| monthly[i].milestones_done),
                            ("figures-stages-forward", &|i| monthly[i].stages_forward),
                            ("figures-reviews-written", &|i| monthly[i].reviews),
                        ]))
                    }
                    None => p.reading { (t(lang, "report-reading-nothing")) }
                }
            }

            section.figure aria-labelledby="report-continuity" {
                h2 #report-continuity { (t(lang, "continuity-title")) }
                @for edition in &view.continuity {
                    h3 { (edition.edition.name) }
                    (continuity::figure(lang, edition))
                }
                (continuity::definition(lang))
            }

            section.figure aria-labelledby="highlights" {
                h2 #highlights { (t(lang, "report-highlights")) }
                h3 { (say(lang, "report-reached", &[("count", h.reached_total)])) }
                @if !h.reached.is_empty() {
                    ul {
                        @for r in &h.reached {
                            li { (dates::date(lang, r.done_on)) " — " strong { (r.project) } (t(lang, "colon")) (r.milestone) }
                        }
                    }
                    @if h.reached_total > h.reached.len() as u64 {
                        p.muted { (say(lang, "report-and-more", &[("count", h.reached_total - h.reached.len() as u64)])) }
                    }
                }
                h3 { (say(lang, "report-moved", &[("count", h.moved_total)])) }
                @if !h.moved.is_empty() {
                    ul {
                        @for m in &h.moved {
                            li {
                                (dates::date(lang, m.reached_at.with_timezone(&m.zone).date_naive())) " — "
                                strong { (m.project) } " → " (t(lang, &format!("stage-{}", m.stage.code())))
                            }
                        }
                    }
                    @if h.moved_total > h.moved.len() as u64 {
                        p.muted { (say(lang, "report-and-more", &[("count", h.moved_total - h.moved.len() as u64)])) }
                    }
                }
            }

            section.figure aria-labelledby="upcoming" {
                h2 #upcoming { (t(lang, "report-upcoming")) }
                @if h.upcoming.is_empty() {
                    p { (t(lang, "report-no-meetup")) }
                } @else {
                    ul {
                        @for m in &h.upcoming {
                            li {
                                (dates::moment(lang, m.starts_at, &NamedZone::new(m.zone, &m.city), None))
                                " — " strong { (m.title) } " (" (m.city) ")"
                            }
                        }
                    }
                }
            }
        },
    )
}

//! The coordinators' dashboard: each figure as a sentence that reads it,
//! a server-drawn chart and the table of its numbers.

use crate::bars::{Axis, Bars, Cell, Group, bars};
use crate::dates;
use crate::i18n::{t, t_values};
use crate::layout::{PageContext, page};
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::figures::dashboard::{CityFigures, Dashboard, UPCOMING_DAYS};
use relais_domain::figures::export::Export;
use relais_domain::figures::monthly::MonthFigures;
use relais_domain::introduction::Outcome;

/// The filters a figures page was asked with, and the choices offered.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Editions: (id, name).
    pub editions: Vec<(i32, String)>,
    /// The edition chosen.
    pub edition: Option<i32>,
    /// Cities the reader may choose: (id, name).
    pub cities: Vec<(i32, String)>,
    /// The city chosen.
    pub city: Option<i32>,
}

impl Filters {
    /// `edition=…&city=…` of the filters chosen, for links that keep them.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(e) = self.edition {
            parts.push(format!("edition={e}"));
        }
        if let Some(c) = self.city {
            parts.push(format!("city={c}"));
        }
        parts.join("&")
    }

    /// What the figures cover: the city chosen, or the reader's cities.
    pub fn scope_name(&self, lang: Language, whole_programme: bool) -> String {
        match self
            .city
            .and_then(|id| self.cities.iter().find(|(c, _)| *c == id))
        {
            Some((_, name)) => name.clone(),
            None if whole_programme => t(lang, "figures-whole-programme"),
            None => self
                .cities
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A translated sentence with number arguments.
pub(crate) fn say(lang: Language, key: &str, args: &[(&'static str, u64)]) -> String {
    t_values(
        lang,
        key,
        args.iter()
            .map(|(name, value)| (*name, FluentValue::from(*value)))
            .collect(),
    )
}

/// The filter form: edition and city.
pub fn filter_form(lang: Language, action: &str, filters: &Filters) -> Markup {
    html! {
        form.inline.filters method="get" action=(action) {
            div.field {
                label for="field-edition" { (t(lang, "filter-edition")) }
                select id="field-edition" name="edition" {
                    option value="" { (t(lang, "filter-all")) }
                    @for (id, name) in &filters.editions {
                        option value=(id) selected[filters.edition == Some(*id)] { (name) }
                    }
                }
            }
            div.field {
                label for="field-city" { (t(lang, "filter-city")) }
                select id="field-city" name="city" {
                    option value="" { (t(lang, "figures-all-my-cities")) }
                    @for (id, name) in &filters.cities {
                        option value=(id) selected[filters.city == Some(*id)] { (name) }
                    }
                }
            }
            button type="submit" { (t(lang, "filter-submit")) }
        }
    }
}

fn month_labels(lang: Language, months: &[chrono::NaiveDate]) -> Vec<String> {
    months
        .iter()
        .map(|m| dates::month_of_year(lang, *m))
        .collect()
}

/// A chart of monthly counts: one group per month, one series per field.
pub(crate) fn monthly_chart(
    lang: Language,
    title: &str,
    months: &[chrono::NaiveDate],
    series: &[(&str, &dyn Fn(usize) -> u64)],
) -> Markup {
    bars(&Bars {
        title: t(lang, title),
        description: t(lang, &format!("{title}-description")),
        group_heading: t(lang, "figures-month"),
        series: series.iter().map(|(key, _)| t(lang, key)).collect(),
        groups: month_labels(lang, months)
            .into_iter()
            .enumerate()
            .map(|(i, label)| Group {
                label,
                cells: series.iter().map(|(_, of)| Cell::count(of(i))).collect(),
            })
            .collect(),
        axis: Axis::Count,
    })
}

/// One count of a city's figures.
type CityCount = fn(&CityFigures) -> u64;

/// A chart of per-city counts: one group per city, one series per field.
fn city_chart(
    lang: Language,
    title: &str,
    cities: &[CityFigures],
    series: &[(&str, CityCount)],
) -> Markup {
    bars(&Bars {
        title: t(lang, title),
        description: t(lang, &format!("{title}-description")),
        group_heading: t(lang, "filter-city"),
        series: series.iter().map(|(key, _)| t(lang, key)).collect(),
        groups: cities
            .iter()
            .map(|c| Group {
                label: c.name.clone(),
                cells: series.iter().map(|(_, of)| Cell::count(of(c))).collect(),
            })
            .collect(),
        axis: Axis::Count,
    })
}

fn section(id: &str, lang: Language, reading: &str, body: Markup) -> Markup {
    html! {
        section.figure aria-labelledby=(id) {
            h2 id=(id) { (t(lang, &format!("figures-{id}"))) }
            p.reading { (reading) }
            (body)
        }
    }
}

/// The sentence that heads the dashboard: active projects this month.
pub fn headline(lang: Language, current: &MonthFigures) -> String {
    say(
        lang,
        "figures-reading-active",
        &[("active", current.active), ("projects", current.projects)],
    )
}

/// The dashboard page.
pub fn dashboard(
    ctx: &PageContext,
    board: &Dashboard,
    filters: &Filters,
    whole_programme: bool,
) -> Markup {
    let lang = ctx.lang;
    let monthly = &board.monthly;
    let current = monthly.last().copied().unwrap_or_default();
    let total = board.total();
    let sum = |of: fn(&MonthFigures) -> u64| monthly.iter().map(of).sum::<u64>();
    let query = filters.query();
    let busiest = board
        .stages
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n);
    let attendance = &board.attendance;
    let outcome = |outcome: Outcome| {
        board
            .outcomes
            .iter()
            .find(|(o, _)| *o == outcome)
            .map_or(0, |(_, n)| *n)
    };
    page(
        ctx,
        &t(lang, "figures-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "figures-title")) }
            p.lead { (filters.scope_name(lang, whole_programme)) }
            (filter_form(lang, "/admin/figures", filters))
            p {
                a.button href={ "/admin/figures/report" @if !query.is_empty() { "?" (query) } } { (t(lang, "report-title")) }
            }
            details.exports {
                summary { (t(lang, "export-title")) }
                p { (t(lang, "export-lead")) }
                ul {
                    @for export in Export::ALL {
                        li { a href={ "/admin/figures/" (export.name()) ".csv" @if !query.is_empty() { "?" (query) } } {
                            (t(lang, &format!("export-{}", export.name())))
                        } }
                    }
                }
            }
            p.reading { strong { (headline(lang, &current)) } }

            (section("activity", lang,
                &say(lang, "figures-reading-check-ins", &[
                    ("answered", current.check_ins_answered), ("sent", current.check_ins_sent),
                ]),
                monthly_chart(lang, "figures-activity-chart", &board.months, &[
                    ("figures-active", &|i| monthly[i].active),
                    ("figures-check-ins-sent", &|i| monthly[i].check_ins_sent),
                    ("figures-check-ins-answered", &|i| monthly[i].check_ins_answered),
                ])))

            (section("stages", lang,
                &match busiest {
                    Some((stage, n)) => crate::i18n::t_args(lang, "figures-reading-stages", &[
                        ("stage", &t(lang, &format!("stage-{}", stage.code()))),
                        ("count", &n.to_string()),
                        ("projects", &total.projects.to_string()),
                    ]),
                    None => t(lang, "figures-reading-no-project"),
                },
                html! {
                    (bars(&Bars {
                        title: t(lang, "figures-stages-chart"),
                        description: t(lang, "figures-stages-chart-description"),
                        group_heading: t(lang, "figures-stage"),
                        series: vec![t(lang, "figures-projects")],
                        groups: board.stages.iter().map(|(stage, n)| Group {
                            label: t(lang, &format!("stage-{}", stage.code())),
                            cells: vec![Cell::count(*n)],
                        }).collect(),
                        axis: Axis::Count,
                    }))
                    p.reading { (say(lang, "figures-reading-stage-changes", &[
                        ("months", board.months.len() as u64),
                        ("forward", sum(|m| m.stages_forward)),
                        ("back", sum(|m| m.stages_back)),
                    ])) }
                    (monthly_chart(lang, "figures-stage-changes-chart", &board.months, &[
                        ("figures-stages-forward", &|i| monthly[i].stages_forward),
                        ("figures-stages-back", &|i| monthly[i].stages_back),
                    ]))
                }))

            (section("milestones", lang,
                &say(lang, "figures-reading-milestones", &[
                    ("late", total.late_milestones),
                    ("upcoming", total.upcoming_milestones),
                    ("days", UPCOMING_DAYS),
                    ("done", current.milestones_done),
                ]),
                html! {
                    (monthly_chart(lang, "figures-milestones-chart", &board.months, &[
                        ("figures-milestones-done", &|i| monthly[i].milestones_done),
                    ]))
                    (city_chart(lang, "figures-milestones-now-chart", &board.cities, &[
                        ("figures-milestones-late", |c| c.late_milestones),
                        ("figures-milestones-upcoming", |c| c.upcoming_milestones),
                    ]))
                }))

            (section("quiet", lang,
                &say(lang, "figures-reading-quiet", &[
                    ("quiet", total.quiet), ("projects", total.projects),
                    ("skipped", total.skipped_check_ins),
                ]),
                html! {
                    (city_chart(lang, "figures-quiet-chart", &board.cities, &[
                        ("figures-quiet-projects", |c| c.quiet),
                        ("figures-skipped-check-ins", |c| c.skipped_check_ins),
                    ]))
                    ul {
                        @for c in &board.cities {
                            li { a href={ "/admin/quiet?city=" (c.city_id) } {
                                (crate::i18n::t_args(lang, "figures-quiet-list", &[("city", &c.name)]))
                            } }
                        }
                    }
                }))

            (section("reviews", lang,
                &say(lang, "figures-reading-reviews", &[
                    ("followed", total.followed), ("projects", total.projects),
                    ("overdue", total.reviews_overdue), ("written", sum(|m| m.reviews)),
                    ("months", board.months.len() as u64),
                ]),
                html! {
                    (city_chart(lang, "figures-reviews-chart", &board.cities, &[
                        ("figures-projects", |c| c.projects),
                        ("figures-followed", |c| c.followed),
                        ("figures-reviews-overdue", |c| c.reviews_overdue),
                    ]))
                    (monthly_chart(lang, "figures-reviews-written-chart", &board.months, &[
                        ("figures-reviews-written", &|i| monthly[i].reviews),
                    ]))
                }))

            (section("meetups", lang,
                &say(lang, "figures-reading-meetups", &[
                    ("meetings", attendance.iter().map(|a| a.meetings).sum()),
                    ("months", board.months.len() as u64),
                    ("yes", attendance.iter().map(|a| a.answered_yes).sum()),
                    ("attended", attendance.iter().map(|a| a.attended).sum()),
                ]),
                monthly_chart(lang, "figures-meetups-chart", &board.months, &[
                    ("figures-meetings", &|i| attendance[i].meetings),
                    ("figures-answered-yes", &|i| attendance[i].answered_yes),
                    ("figures-attended", &|i| attendance[i].attended),
                ])))

            (section("needs", lang,
                &say(lang, "figures-reading-needs", &[
                    ("open", total.open_needs), ("asked", total.introductions),
                    ("accepted", total.introductions_accepted), ("helped", outcome(Outcome::Yes)),
                ]),
                html! {
                    (city_chart(lang, "figures-needs-chart", &board.cities, &[
                        ("figures-open-needs", |c| c.open_needs),
                        ("figures-introductions", |c| c.introductions),
                        ("figures-introductions-accepted", |c| c.introductions_accepted),
                    ]))
                    (bars(&Bars {
                        title: t(lang, "figures-outcomes-chart"),
                        description: t(lang, "figures-outcomes-chart-description"),
                        group_heading: t(lang, "figures-outcome"),
                        series: vec![t(lang, "figures-answers")],
                        groups: board.outcomes.iter().map(|(o, n)| Group {
                            label: t(lang, &format!("figures-outcome-{}", o.code())),
                            cells: vec![Cell::count(*n)],
                        }).collect(),
                        axis: Axis::Count,
                    }))
                }))

            (section("emails", lang,
                &say(lang, "figures-reading-emails", &[
                    ("failed", board.delivery.failed), ("pending", board.delivery.pending + board.delivery.sending),
                    ("sent", board.delivery.sent),
                ]),
                html! {
                    (bars(&Bars {
                        title: t(lang, "figures-emails-chart"),
                        description: t(lang, "figures-emails-chart-description"),
                        group_heading: t(lang, "figures-email-state"),
                        series: vec![t(lang, "figures-emails")],
                        groups: [
                            ("figures-email-pending", board.delivery.pending),
                            ("figures-email-sending", board.delivery.sending),
                            ("figures-email-sent", board.delivery.sent),
                            ("figures-email-failed", board.delivery.failed),
                        ].into_iter().map(|(key, n)| Group { label: t(lang, key), cells: vec![Cell::count(n)] }).collect(),
                        axis: Axis::Count,
                    }))
                    p { a href="/admin/outbox" { (t(lang, "outbox-title")) " →" } }
                }))
        },
    )
}

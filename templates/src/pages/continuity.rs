//! Continuity, the programme's headline figure, as the public pages show
//! it: a sentence that reads it, a bar chart of the share of projects
//! active 1, 3, 6 and 12 months after the marathon per city, its table,
//! and the definition of "active" — a figure nobody can check is a slogan.

use crate::bars::{Axis, Bars, Cell, Group, bars};
use crate::dates;
use crate::i18n::{t, t_args, t_values};
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::figures::continuity::{EditionContinuity, HEADLINE_MONTHS, Line, window};
use relais_domain::figures::months::Progress;

/// "57 %" / "57%": a share, rounded to the unit.
pub fn percent(lang: Language, share: f64) -> String {
    let whole = (share * 100.0).round();
    match lang {
        Language::Fr => format!("{whole:.0}\u{a0}%"),
        Language::En => format!("{whole:.0}%"),
    }
}

/// The latest headline month that has begun, and its figure.
fn latest(line: &Line) -> Option<(u32, Progress, u64, u64)> {
    HEADLINE_MONTHS
        .iter()
        .rev()
        .filter_map(|&m| line.month(m))
        .find(|f| f.progress != Progress::NotStarted)
        .map(|f| (f.month, f.progress, f.active, f.projects))
}

/// One sentence that reads the figure: "6 mois après le marathon, 3 projets
/// sur 7 étaient actifs."
pub fn reading(lang: Language, continuity: &EditionContinuity) -> String {
    if continuity.all.projects == 0 {
        return t(lang, "continuity-reading-empty");
    }
    match latest(&continuity.all) {
        None => {
            let zone = continuity
                .cities
                .first()
                .map_or(relais_domain::time_zone::DEFAULT_TIME_ZONE, |(c, _)| {
                    c.time_zone
                });
            let begins = window(continuity.edition.ends_on, 1, zone).first_day;
            t_args(
                lang,
                "continuity-reading-before",
                &[("date", &dates::date(lang, begins))],
            )
        }
        Some((month, progress, active, projects)) => t_values(
            lang,
            if progress == Progress::Over {
                "continuity-reading-over"
            } else {
                "continuity-reading-running"
            },
            vec![
                ("month", FluentValue::from(month)),
                ("active", FluentValue::from(active)),
                ("projects", FluentValue::from(projects)),
            ],
        ),
    }
}

fn cell(lang: Language, line: &Line, month: u32) -> Cell {
    let Some(figure) = line.month(month) else {
        return Cell::none(t(lang, "continuity-to-come"));
    };
    let Some(share) = line.share(month) else {
        return Cell::none(t(lang, "continuity-to-come"));
    };
    let mut text = t_args(
        lang,
        "continuity-cell",
        &[
            ("active", &figure.active.to_string()),
            ("projects", &figure.projects.to_string()),
            ("percent", &percent(lang, share)),
        ],
    );
    if figure.progress == Progress::Running {
        text.push_str(&t(lang, "continuity-so-far"));
    }
    Cell {
        value: Some(share * 100.0),
        label: percent(lang, share),
        text,
    }
}

/// The chart: a group per headline month, a bar per city and, when there
/// are several, one for all of them.
pub fn chart(lang: Language, continuity: &EditionContinuity) -> Markup {
    let mut lines: Vec<(String, &Line)> = continuity
        .cities
        .iter()
        .map(|(c, l)| (c.name.clone(), l))
        .collect();
    if lines.len() > 1 {
        lines.push((t(lang, "continuity-all"), &continuity.all));
    }
    let groups = HEADLINE_MONTHS
        .iter()
        .map(|&month| Group {
            label: t_values(
                lang,
                "continuity-month",
                vec![("month", FluentValue::from(month))],
            ),
            cells: lines.iter().map(|(_, l)| cell(lang, l, month)).collect(),
        })
        .collect();
    bars(&Bars {
        title: t_args(
            lang,
            "continuity-chart-title",
            &[("edition", &continuity.edition.name)],
        ),
        description: t_args(
            lang,
            "continuity-chart-description",
            &[("edition", &continuity.edition.name)],
        ),
        group_heading: t(lang, "continuity-after"),
        series: lines.into_iter().map(|(name, _)| name).collect(),
        groups,
        axis: Axis::Percent,
    })
}

/// What "active" means, written wherever the figure is shown.
pub fn definition(lang: Language) -> Markup {
    html! {
        div.definition {
            h3 { (t(lang, "continuity-definition-title")) }
            p { (t(lang, "continuity-definition-active")) }
            p { (t(lang, "continuity-definition-months")) }
            p { (t(lang, "continuity-definition-count")) }
        }
    }
}

/// The reading, then the chart and its table once a month has begun.
pub fn figure(lang: Language, continuity: &EditionContinuity) -> Markup {
    let begun = continuity.all.projects > 0 && latest(&continuity.all).is_some();
    html! {
        p.reading { strong { (reading(lang, continuity)) } }
        @if begun { (chart(lang, continuity)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use relais_domain::city::City;
    use relais_domain::edition::Edition;
    use relais_domain::figures::continuity::MonthFigure;

    fn line(projects: u64, months: &[(u32, Progress, u64)]) -> Line {
        Line {
            projects,
            months: (1..=12)
                .map(|month| {
                    let (progress, active) = months
                        .iter()
                        .find(|(m, _, _)| *m == month)
                        .map_or((Progress::NotStarted, 0), |(_, p, a)| (*p, *a));
                    MonthFigure {
                        month,
                        progress,
                        active,
                        projects,
                    }
                })
                .collect(),
        }
    }

    fn continuity(all: Line) -> EditionContinuity {
        EditionContinuity {
            edition: Edition {
                id: 1,
                slug: "2024".into(),
                name: "Nuit 2024".into(),
                starts_on: NaiveDate::from_ymd_opt(2024, 3, 8).expect("date"),
                ends_on: NaiveDate::from_ymd_opt(2024, 3, 10).expect("date"),
            },
            cities: vec![(
                City {
                    id: 1,
                    slug: "paris".into(),
                    name: "Paris".into(),
                    time_zone: chrono_tz::Europe::Paris,
                },
                all.clone(),
            )],
            all,
        }
    }

    #[test]
    fn the_reading_names_the_latest_headline_month_begun() {
        let over = continuity(line(
            7,
            &[
                (1, Progress::Over, 4),
                (3, Progress::Over, 3),
                (6, Progress::Over, 3),
                (9, Progress::Running, 1),
            ],
        ));
        assert_eq!(
            reading(Language::Fr, &over),
            "6 mois après le marathon, 3 projets sur 7 étaient actifs."
        );
        assert_eq!(
            reading(Language::En, &over),
            "6 months after the marathon, 3 of 7 projects were active."
        );
        let running = continuity(line(19, &[(1, Progress::Running, 12)]));
        assert_eq!(
            reading(Language::Fr, &running),
            "Ce mois-ci, 1 mois après le marathon, 12 projets sur 19 sont actifs pour l'instant."
        );
        let before = continuity(line(2, &[]));
        assert_eq!(
            reading(Language::Fr, &before),
            "Les premiers chiffres viendront à partir du 11 mars 2024, au lendemain du marathon."
        );
    }

    #[test]
    fn months_not_begun_are_to_come_in_the_table() {
        let c = continuity(line(
            4,
            &[(1, Progress::Over, 3), (3, Progress::Running, 1)],
        ));
        let out = chart(Language::Fr, &c).into_string();
        assert!(out.contains("<td>3 / 4 (75\u{a0}%)</td>"), "{out}");
        assert!(
            out.contains("<td>1 / 4 (25\u{a0}%), en cours</td>"),
            "{out}"
        );
        assert_eq!(out.matches("<td>à venir</td>").count(), 2, "{out}");
        // One city: its bars and no "all cities" column.
        assert!(!out.contains("Ensemble"), "{out}");
    }
}

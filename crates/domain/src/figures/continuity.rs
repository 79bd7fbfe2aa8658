//! Continuity: the share of an edition's projects still active 1, 3, 6 and
//! 12 months after the marathon — what the programme promises citizens.
//!
//! The definition, written on every page that shows the figure:
//!
//! * month *k* after the marathon runs from the day after the marathon's
//!   last day plus *k − 1* months, to that last day plus *k* months
//!   (marathon ending on 10 March: month 1 is 11 March – 10 April, month 3
//!   is 11 May – 10 June), in each city's calendar;
//! * a project is active in month *k* when during those days it wrote a
//!   public journal entry, marked a milestone done, or answered its monthly
//!   check-in;
//! * every project of the edition counts, whatever its stage, visibility or
//!   archiving today: a project that stopped is a project that is not
//!   active, and leaving it out would flatter the figure.
//!
//! A month that has not begun has no figure; a month under way has the
//! figure so far. A month that is over is fixed the first time it is asked
//! for, with the number of projects the edition had then: a published
//! figure does not move afterwards (a milestone deleted later does not
//! change it), and reading it costs one small query instead of counting a
//! year of activity again.

use super::activity::{Group, Projects, active_counts, project_counts};
use super::months::{Period, Progress};
use super::scope::Scope;
use crate::city::City;
use crate::edition::{self, Edition};
use crate::entities::continuity_month;
use crate::error::Result;
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// How many months after the marathon are followed.
pub const MONTHS_FOLLOWED: u32 = 12;

/// The months the headline shows.
pub const HEADLINE_MONTHS: [u32; 4] = [1, 3, 6, 12];

/// Month `month` (from 1) after a marathon that ended on `ends_on`, in `zone`.
pub fn window(ends_on: NaiveDate, month: u32, zone: Tz) -> Period {
    let first_day = ends_on + Months::new(month.saturating_sub(1)) + Days::new(1);
    let last_day = ends_on + Months::new(month);
    Period::of_days(zone, first_day, last_day)
}

/// One month's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthFigure {
    /// Which month after the marathon, from 1.
    pub month: u32,
    /// Whether the month is over, under way or still to come.
    pub progress: Progress,
    /// Projects active in it (so far).
    pub active: u64,
    /// Projects counted for it: the edition's projects then (once over) or now.
    pub projects: u64,
}

/// The months of one group of projects (a city, or all of an edition's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Projects counted.
    pub projects: u64,
    /// Months 1 to `MONTHS_FOLLOWED`.
    pub months: Vec<MonthFigure>,
}

impl Line {
    /// The figure of month `month`, if it is followed.
    pub fn month(&self, month: u32) -> Option<&MonthFigure> {
        self.months.iter().find(|m| m.month == month)
    }

    /// The share of projects active in `month`: `None` before the month
    /// begins or when there is no project.
    pub fn share(&self, month: u32) -> Option<f64> {
        let figure = self.month(month)?;
        (figure.progress != Progress::NotStarted && figure.projects > 0)
            .then(|| figure.active as f64 / figure.projects as f64)
    }
}

/// An edition's continuity, in all and per city.
#[derive(Debug, Clone)]
pub struct EditionContinuity {
    /// The edition.
    pub edition: Edition,
    /// All its projects in the scope's cities.
    pub all: Line,
    /// Per city with projects, by city name.
    pub cities: Vec<(City, Line)>,
}

/// Continuity of every edition in `scope` (latest edition first), in the
/// scope's cities. A few queries whatever the number of projects: counting
/// activity only for the months neither fixed nor still to come.
pub async fn of_scope(
    db: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Vec<EditionContinuity>> {
    let editions = match &scope.edition {
        Some(e) => vec![e.clone()],
        None => edition::list(db).await?,
    };
    let edition_ids: Vec<i32> = editions.iter().map(|e| e.id).collect();
    let city_ids = scope.city_ids();
    let sizes = project_counts(db, &edition_ids, &city_ids, Projects::All).await?;
    let fixed = fixed_months(db, &edition_ids, &city_ids).await?;
    let mut groups = Vec::new();
    for &(edition_id, city_id) in sizes.keys() {
        let (Some(edition), Some(city)) = (
            editions.iter().find(|e| e.id == edition_id),
            scope.cities.iter().find(|c| c.id == city_id),
        ) else {
            continue;
        };
        let counted: Vec<u32> = (1..=MONTHS_FOLLOWED)
            .filter(|&m| !fixed.contains_key(&(edition_id, city_id, m)))
            .filter(|&m| {
                window(edition.ends_on, m, city.time_zone).progress(now) != Progress::NotStarted
            })
            .collect();
        if let (Some(&first), Some(&last)) = (counted.first(), counted.last()) {
            let periods: Vec<Period> = (first..=last)
                .map(|m| window(edition.ends_on, m, city.time_zone))
                .collect();
            groups.push(Group::new(edition_id, city_id, first, &periods));
        }
    }
    let counted = active_counts(db, &groups).await?;
    let mut figures: BTreeMap<(i32, i32, u32), (u64, u64)> = fixed;
    let mut newly_fixed = Vec::new();
    for group in &groups {
        let (Some(edition), Some(city)) = (
            editions.iter().find(|e| e.id == group.edition_id),
            scope.cities.iter().find(|c| c.id == group.city_id),
        ) else {
            continue;
        };
        let projects = sizes
            .get(&(group.edition_id, group.city_id))
            .copied()
            .unwrap_or(0);
        for month in group.periods() {
            let key = (group.edition_id, group.city_id, month);
            if figures.contains_key(&key) {
                continue;
            }
            let active = counted.get(&key).copied().unwrap_or(0);
            figures.insert(key, (projects, active));
            if window(edition.ends_on, month, city.time_zone).progress(now) == Progress::Over {
                newly_fixed.push((key, projects, active));
            }
        }
    }
    fix(db, &newly_fixed, now).await?;
    Ok(editions
        .into_iter()
        .map(|edition| {
            let cities: Vec<(City, Line)> = scope
                .cities
                .iter()
                .filter_map(|city| {
                    let projects = *sizes.get(&(edition.id, city.id))?;
                    let months = (1..=MONTHS_FOLLOWED)
                        .map(|month| {
                            let (then, active) = figures
                                .get(&(edition.id, city.id, month))
                                .copied()
                                .unwrap_or((projects, 0));
                            MonthFigure {
                                month,
                                progress: window(edition.ends_on, month, city.time_zone)
                                    .progress(now),
                                active,
                                projects: then,
                            }
                        })
                        .collect();
                    Some((city.clone(), Line { projects, months }))
                })
                .collect();
            EditionContinuity {
                all: sum(&cities, edition.ends_on, now),
                edition,
                cities,
            }
        })
        .collect())
}

/// The cities' lines added up. A month counts as over once it is over in
/// every city, and as begun once it has begun in one.
fn sum(cities: &[(City, Line)], ends_on: NaiveDate, now: DateTime<Utc>) -> Line {
    Line {
        projects: cities.iter().map(|(_, l)| l.projects).sum(),
        months: (1..=MONTHS_FOLLOWED)
            .map(|month| {
                let figures = cities.iter().filter_map(|(_, l)| l.month(month));
                let progress = if cities.is_empty() {
                    window(ends_on, month, crate::time_zone::DEFAULT_TIME_ZONE).progress(now)
                } else if figures.clone().all(|f| f.progress == Progress::Over) {
                    Progress::Over
                } else if figures.clone().all(|f| f.progress == Progress::NotStarted) {
                    Progress::NotStarted
                } else {
                    Progress::Running
                };
                MonthFigure {
                    month,
                    progress,
                    active: figures.clone().map(|f| f.active).sum(),
                    projects: figures.map(|f| f.projects).sum(),
                }
            })
            .collect(),
    }
}

/// Months already fixed: (edition, city, month) → (projects, active).
async fn fixed_months(
    db: &impl ConnectionTrait,
    edition_ids: &[i32],
    city_ids: &[i32],
) -> Result<BTreeMap<(i32, i32, u32), (u64, u64)>> {
    Ok(continuity_month::Entity::find()
        .filter(continuity_month::Column::EditionId.is_in(edition_ids.to_vec()))
        .filter(continuity_month::Column::CityId.is_in(city_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            (
                (
                    row.edition_id,
                    row.city_id,
                    u32::try_from(row.month).unwrap_or(0),
                ),
                (
                    u64::try_from(row.projects).unwrap_or(0),
                    u64::try_from(row.active).unwrap_or(0),
                ),
            )
        })
        .collect())
}

/// Fixes months that are over. Two readers fixing the same month at once
/// write the same figures; the first row stays.
async fn fix(
    db: &impl ConnectionTrait,
    months: &[((i32, i32, u32), u64, u64)],
    now: DateTime<Utc>,
) -> Result<()> {
    if months.is_empty() {
        return Ok(());
    }
    let rows = months
        .iter()
        .map(
            |&((edition_id, city_id, month), projects, active)| continuity_month::ActiveModel {
                edition_id: Set(edition_id),
                city_id: Set(city_id),
                month: Set(i16::try_from(month).unwrap_or(i16::MAX)),
                projects: Set(i32::try_from(projects).unwrap_or(i32::MAX)),
                active: Set(i32::try_from(active).unwrap_or(i32::MAX)),
                fixed_at: Set(now),
            },
        );
    continuity_month::Entity::insert_many(rows)
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn months_after_the_marathon_run_from_the_next_day_to_the_anniversary() {
        let zone = chrono_tz::Europe::Paris;
        let ends = day("2018-03-10");
        let first = window(ends, 1, zone);
        assert_eq!(
            (first.first_day, first.last_day),
            (day("2018-03-11"), day("2018-04-10"))
        );
        let third = window(ends, 3, zone);
        assert_eq!(
            (third.first_day, third.last_day),
            (day("2018-05-11"), day("2018-06-10"))
        );
        let twelfth = window(ends, 12, zone);
        assert_eq!(
            (twelfth.first_day, twelfth.last_day),
            (day("2019-02-11"), day("2019-03-10"))
        );
        // Consecutive months leave no day out and count none twice.
        for month in 1..MONTHS_FOLLOWED {
            assert_eq!(
                window(ends, month, zone).ends_at,
                window(ends, month + 1, zone).starts_at
            );
        }
    }

    #[test]
    fn a_marathon_ending_on_the_31st_keeps_whole_months() {
        let ends = day("2026-01-31");
        let first = window(ends, 1, chrono_tz::UTC);
        assert_eq!(
            (first.first_day, first.last_day),
            (day("2026-02-01"), day("2026-02-28"))
        );
        let second = window(ends, 2, chrono_tz::UTC);
        assert_eq!(
            (second.first_day, second.last_day),
            (day("2026-03-01"), day("2026-03-31"))
        );
    }

    #[test]
    fn a_share_needs_a_begun_month_and_projects() {
        let line = Line {
            projects: 4,
            months: vec![
                MonthFigure {
                    month: 1,
                    progress: Progress::Over,
                    active: 3,
                    projects: 4,
                },
                MonthFigure {
                    month: 3,
                    progress: Progress::NotStarted,
                    active: 0,
                    projects: 4,
                },
            ],
        };
        assert_eq!(line.share(1), Some(0.75));
        assert_eq!(line.share(3), None);
        assert_eq!(line.share(6), None);
        let mut empty = line;
        empty.months[0].projects = 0;
        assert_eq!(empty.share(1), None);
    }
}

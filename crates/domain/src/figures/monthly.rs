//! Calendar months of activity per city: projects active, check-ins sent
//! and answered, milestones done, stage changes, reviews written.
//!
//! A month is counted in each city's own calendar. Once it is over there,
//! its figures are fixed (stored) the first time they are asked for: a
//! report shows the same numbers every time it is printed, and the
//! dashboard does not count a year of activity again on every visit, only
//! the month under way.

use super::activity::{Counts, Group, Projects, changes, project_counts};
use super::months::{Period, Progress};
use super::project_months;
use super::scope::Scope;
use crate::edition;
use crate::entities::monthly_figure;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// What happened in one month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// Live projects (then, once the month is over; now, while it runs).
    pub projects: u64,
    /// Projects with a public journal entry, a milestone done or a check-in answered.
    pub active: u64,
    /// Monthly check-ins sent.
    pub check_ins_sent: u64,
    /// Check-ins answered (whichever month they were sent in).
    pub check_ins_answered: u64,
    /// Milestones done.
    pub milestones_done: u64,
    /// Stages reached on the way forward (prototype to launched).
    pub stages_forward: u64,
    /// Projects paused or stopped.
    pub stages_back: u64,
    /// Mentor reviews written.
    pub reviews: u64,
}

impl MonthFigures {
    fn add(&mut self, other: &MonthFigures) {
        self.projects += other.projects;
        self.active += other.active;
        self.check_ins_sent += other.check_ins_sent;
        self.check_ins_answered += other.check_ins_answered;
        self.milestones_done += other.milestones_done;
        self.stages_forward += other.stages_forward;
        self.stages_back += other.stages_back;
        self.reviews += other.reviews;
    }

    fn from_row(row: &monthly_figure::Model) -> MonthFigures {
        let n = |v: i32| u64::try_from(v).unwrap_or(0);
        MonthFigures {
            projects: n(row.projects),
            active: n(row.active),
            check_ins_sent: n(row.check_ins_sent),
            check_ins_answered: n(row.check_ins_answered),
            milestones_done: n(row.milestones_done),
            stages_forward: n(row.stages_forward),
            stages_back: n(row.stages_back),
            reviews: n(row.reviews),
        }
    }
}

/// Every month asked for, per city, summed over the editions in scope.
#[derive(Debug, Clone, Default)]
pub struct Months {
    /// The first day of each month, oldest first.
    pub months: Vec<NaiveDate>,
    /// Per city id: one entry per month.
    pub cities: BTreeMap<i32, Vec<MonthFigures>>,
}

impl Months {
    /// A city's months (zeros when it had no project).
    pub fn of_city(&self, city_id: i32) -> Vec<MonthFigures> {
        self.cities
            .get(&city_id)
            .cloned()
            .unwrap_or_else(|| vec![MonthFigures::default(); self.months.len()])
    }

    /// Every city's months added up.
    pub fn total(&self) -> Vec<MonthFigures> {
        let mut total = vec![MonthFigures::default(); self.months.len()];
        for months in self.cities.values() {
            for (sum, month) in total.iter_mut().zip(months) {
                sum.add(month);
            }
        }
        total
    }
}

/// The figures of `months` (first days of consecutive calendar months,
/// oldest first) for the scope's cities and editions. Months not yet begun
/// count nothing.
pub async fn of_scope(
    db: &impl ConnectionTrait,
    scope: &Scope,
    months: &[NaiveDate],
    now: DateTime<Utc>,
) -> Result<Months> {
    let edition_ids: Vec<i32> = match &scope.edition {
        Some(e) => vec![e.id],
        None => edition::list(db).await?.iter().map(|e| e.id).collect(),
    };
    let city_ids = scope.city_ids();
    let sizes = project_counts(db, &edition_ids, &city_ids, Projects::Live).await?;
    let fixed = fixed(db, &edition_ids, &city_ids, months).await?;
    let mut groups = Vec::new();
    for &(edition_id, city_id) in sizes.keys() {
        let Some(city) = scope.cities.iter().find(|c| c.id == city_id) else {
            continue;
        };
        let periods: Vec<Period> = months
            .iter()
            .map(|&m| Period::month_of(city.time_zone, m))
            .collect();
        let counted: Vec<usize> = (0..months.len())
            .filter(|&i| !fixed.contains_key(&(edition_id, city_id, months[i])))
            .filter(|&i| periods[i].progress(now) != Progress::NotStarted)
            .collect();
        if let (Some(&first), Some(&last)) = (counted.first(), counted.last()) {
            let first_number = u32::try_from(first).unwrap_or(0);
            groups.push(Group::new(
                edition_id,
                city_id,
                first_number,
                &periods[first..=last],
            ));
        }
    }
    // Activity, check-ins and milestones done are kept per project and
    // month: the months counted are summed from those rows.
    let mut counted_months: Vec<NaiveDate> = groups
        .iter()
        .flat_map(|g| g.periods())
        .filter_map(|number| months.get(number as usize).copied())
        .collect();
    counted_months.sort();
    counted_months.dedup();
    let kept = project_months::sums(db, &edition_ids, &city_ids, &counted_months).await?;
    let counted = changes(db, &groups).await?;
    let mut figures = fixed;
    let mut newly_fixed = Vec::new();
    for group in &groups {
        let Some(city) = scope.cities.iter().find(|c| c.id == group.city_id) else {
            continue;
        };
        let projects = sizes
            .get(&(group.edition_id, group.city_id))
            .copied()
            .unwrap_or(0);
        for number in group.periods() {
            let Some(&month) = months.get(number as usize) else {
                continue;
            };
            let key = (group.edition_id, group.city_id, month);
            if figures.contains_key(&key) {
                continue;
            }
            let of = |counts: &Counts| {
                counts
                    .get(&(group.edition_id, group.city_id, number))
                    .copied()
                    .unwrap_or(0)
            };
            let sums = kept.get(&key).copied().unwrap_or_default();
            let month_figures = MonthFigures {
                projects,
                active: sums.active,
                check_ins_sent: sums.check_ins_sent,
                check_ins_answered: sums.check_ins_answered,
                milestones_done: sums.milestones_done,
                stages_forward: of(&counted.stages_forward),
                stages_back: of(&counted.stages_back),
                reviews: of(&counted.reviews),
            };
            figures.insert(key, month_figures);
            if Period::month_of(city.time_zone, month).progress(now) == Progress::Over {
                newly_fixed.push((key, month_figures));
            }
        }
    }
    fix(db, &newly_fixed, now).await?;
    let mut out = Months {
        months: months.to_vec(),
        cities: BTreeMap::new(),
    };
    for ((_, city_id, month), month_figures) in figures {
        let Some(index) = months.iter().position(|m| *m == month) else {
            continue;
        };
        let city = out
            .cities
            .entry(city_id)
            .or_insert_with(|| vec![MonthFigures::default(); months.len()]);
        city[index].add(&month_figures);
    }
    Ok(out)
}

/// Months already fixed, by (edition, city, first day).
async fn fixed(
    db: &impl ConnectionTrait,
    edition_ids: &[i32],
    city_ids: &[i32],
    months: &[NaiveDate],
) -> Result<BTreeMap<(i32, i32, NaiveDate), MonthFigures>> {
    Ok(monthly_figure::Entity::find()
        .filter(monthly_figure::Column::EditionId.is_in(edition_ids.to_vec()))
        .filter(monthly_figure::Column::CityId.is_in(city_ids.to_vec()))
        .filter(monthly_figure::Column::Month.is_in(months.to_vec()))
        .all(db)
        .await?
        .iter()
        .map(|row| {
            (
                (row.edition_id, row.city_id, row.month),
                MonthFigures::from_row(row),
            )
        })
        .collect())
}

/// Stores months that are over; when two readers fix one at once, the
/// first row stays (they hold the same figures).
async fn fix(
    db: &impl ConnectionTrait,
    months: &[((i32, i32, NaiveDate), MonthFigures)],
    now: DateTime<Utc>,
) -> Result<()> {
    if months.is_empty() {
        return Ok(());
    }
    let n = |v: u64| i32::try_from(v).unwrap_or(i32::MAX);
    let rows =
        months.iter().map(
            |&((edition_id, city_id, month), f)| monthly_figure::ActiveModel {
                edition_id: Set(edition_id),
                city_id: Set(city_id),
                month: Set(month),
                projects: Set(n(f.projects)),
                active: Set(n(f.active)),
                check_ins_sent: Set(n(f.check_ins_sent)),
                check_ins_answered: Set(n(f.check_ins_answered)),
                milestones_done: Set(n(f.milestones_done)),
                stages_forward: Set(n(f.stages_forward)),
                stages_back: Set(n(f.stages_back)),
                reviews: Set(n(f.reviews)),
                fixed_at: Set(now),
            },
        );
    monthly_figure::Entity::insert_many(rows)
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    Ok(())
}

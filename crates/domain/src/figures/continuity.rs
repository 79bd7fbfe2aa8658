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
//! figure so far.

use super::months::{Period, Progress};
use super::scope::Scope;
use super::sql::{bucket, choose};
use crate::city::City;
use crate::edition::{self, Edition};
use crate::entities::{check_in, milestone, project, project_update};
use crate::error::Result;
use crate::milestone::Status;
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement, UnionType};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
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
        (figure.progress != Progress::NotStarted && self.projects > 0)
            .then(|| figure.active as f64 / self.projects as f64)
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
/// scope's cities. Four queries whatever the number of projects.
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
    let sizes = project_counts(db, &edition_ids, &city_ids).await?;
    let groups: Vec<Group> = sizes
        .keys()
        .filter_map(|&(edition_id, city_id)| {
            let edition = editions.iter().find(|e| e.id == edition_id)?;
            let city = scope.cities.iter().find(|c| c.id == city_id)?;
            Some(Group::new(edition, city))
        })
        .collect();
    let active = active_counts(db, &groups).await?;
    Ok(editions
        .into_iter()
        .map(|edition| {
            let cities: Vec<(City, Line)> = scope
                .cities
                .iter()
                .filter_map(|city| {
                    let projects = *sizes.get(&(edition.id, city.id))?;
                    let line = Line {
                        projects,
                        months: (1..=MONTHS_FOLLOWED)
                            .map(|month| MonthFigure {
                                month,
                                progress: window(edition.ends_on, month, city.time_zone)
                                    .progress(now),
                                active: active
                                    .get(&(edition.id, city.id, month))
                                    .copied()
                                    .unwrap_or(0),
                            })
                            .collect(),
                    };
                    Some((city.clone(), line))
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
                    active: figures.map(|f| f.active).sum(),
                }
            })
            .collect(),
    }
}

/// Projects per (edition, city).
async fn project_counts(
    db: &impl ConnectionTrait,
    edition_ids: &[i32],
    city_ids: &[i32],
) -> Result<BTreeMap<(i32, i32), u64>> {
    let rows: Vec<(i32, i32, i64)> = project::Entity::find()
        .select_only()
        .column(project::Column::EditionId)
        .column(project::Column::CityId)
        .column_as(project::Column::Id.count(), "projects")
        .filter(project::Column::EditionId.is_in(edition_ids.to_vec()))
        .filter(project::Column::CityId.is_in(city_ids.to_vec()))
        .group_by(project::Column::EditionId)
        .group_by(project::Column::CityId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(e, c, n)| ((e, c), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// One (edition, city) pair and where its months begin and end.
struct Group {
    edition_id: i32,
    city_id: i32,
    /// The start of each month and the end of the last: `MONTHS_FOLLOWED + 1` instants.
    instants: Vec<DateTime<Utc>>,
    /// The same as days.
    days: Vec<NaiveDate>,
}

impl Group {
    fn new(edition: &Edition, city: &City) -> Group {
        let months: Vec<Period> = (1..=MONTHS_FOLLOWED)
            .map(|m| window(edition.ends_on, m, city.time_zone))
            .collect();
        let mut instants: Vec<DateTime<Utc>> = months.iter().map(|p| p.starts_at).collect();
        let mut days: Vec<NaiveDate> = months.iter().map(|p| p.first_day).collect();
        if let Some(last) = months.last() {
            instants.push(last.ends_at);
            days.push(last.last_day + Days::new(1));
        }
        Group {
            edition_id: edition.id,
            city_id: city.id,
            instants,
            days,
        }
    }

    fn is(&self) -> Condition {
        Condition::all()
            .add(Expr::col((project::Entity, project::Column::EditionId)).eq(self.edition_id))
            .add(Expr::col((project::Entity, project::Column::CityId)).eq(self.city_id))
    }
}

/// Projects active per (edition, city, month): one query, the three kinds
/// of activity put together by a `UNION` so a project active twice in a
/// month counts once.
async fn active_counts(
    db: &impl ConnectionTrait,
    groups: &[Group],
) -> Result<BTreeMap<(i32, i32, u32), u64>> {
    let (Some(from), Some(until)) = (
        groups.iter().filter_map(|g| g.instants.first()).min(),
        groups.iter().filter_map(|g| g.instants.last()).max(),
    ) else {
        return Ok(BTreeMap::new());
    };
    let (Some(from_day), Some(until_day)) = (
        groups.iter().filter_map(|g| g.days.first()).min(),
        groups.iter().filter_map(|g| g.days.last()).max(),
    ) else {
        return Ok(BTreeMap::new());
    };
    let in_groups = Condition::all()
        .add(
            Expr::col((project::Entity, project::Column::EditionId))
                .is_in(groups.iter().map(|g| g.edition_id)),
        )
        .add(
            Expr::col((project::Entity, project::Column::CityId))
                .is_in(groups.iter().map(|g| g.city_id)),
        );
    let month_of_instant = |at: Expr| {
        choose(
            groups
                .iter()
                .map(|g| {
                    let bounds: Vec<_> = g.instants.iter().map(|i| (*i).into()).collect();
                    (g.is(), bucket(&at, &bounds))
                })
                .collect(),
        )
    };
    let month_of_day = |at: Expr| {
        choose(
            groups
                .iter()
                .map(|g| {
                    let bounds: Vec<_> = g.days.iter().map(|d| (*d).into()).collect();
                    (g.is(), bucket(&at, &bounds))
                })
                .collect(),
        )
    };

    let journal_at = Expr::col((project_update::Entity, project_update::Column::CreatedAt));
    let mut journal = activity_of(
        project_update::Entity,
        project_update::Column::ProjectId,
        month_of_instant(journal_at.clone()),
    );
    journal.cond_where(
        in_groups
            .clone()
            .add(Expr::col((project_update::Entity, project_update::Column::IsPublic)).eq(true))
            .add(journal_at.clone().gte(*from))
            .add(journal_at.lt(*until)),
    );

    let done_on = Expr::col((milestone::Entity, milestone::Column::DoneOn));
    let mut milestones = activity_of(
        milestone::Entity,
        milestone::Column::ProjectId,
        month_of_day(done_on.clone()),
    );
    milestones.cond_where(
        in_groups
            .clone()
            .add(Expr::col((milestone::Entity, milestone::Column::Status)).eq(Status::Done.code()))
            .add(done_on.clone().gte(*from_day))
            .add(done_on.lt(*until_day)),
    );

    let answered_at = Expr::col((check_in::Entity, check_in::Column::AnsweredAt));
    let mut check_ins = activity_of(
        check_in::Entity,
        check_in::Column::ProjectId,
        month_of_instant(answered_at.clone()),
    );
    check_ins.cond_where(
        in_groups
            .add(answered_at.clone().gte(*from))
            .add(answered_at.lt(*until)),
    );

    journal
        .union(UnionType::Distinct, milestones)
        .union(UnionType::Distinct, check_ins);
    let activity = Alias::new("activity");
    let query = Query::select()
        .column((activity.clone(), Alias::new("edition_id")))
        .column((activity.clone(), Alias::new("city_id")))
        .column((activity.clone(), Alias::new("month")))
        .expr_as(Expr::col(Alias::new("project_id")).count(), "active")
        .from_subquery(journal, activity.clone())
        .and_where(Expr::col((activity.clone(), Alias::new("month"))).is_not_null())
        .group_by_col((activity.clone(), Alias::new("edition_id")))
        .group_by_col((activity.clone(), Alias::new("city_id")))
        .group_by_col((activity, Alias::new("month")))
        .to_owned();
    let mut counts = BTreeMap::new();
    for row in db.query_all(&query).await? {
        let edition_id: i32 = row.try_get("", "edition_id")?;
        let city_id: i32 = row.try_get("", "city_id")?;
        let month: i32 = row.try_get("", "month")?;
        let active: i64 = row.try_get("", "active")?;
        counts.insert(
            (edition_id, city_id, u32::try_from(month).unwrap_or(0)),
            u64::try_from(active).unwrap_or(0),
        );
    }
    Ok(counts)
}

/// `SELECT project, edition, city, month FROM <table> JOIN projects`: one
/// kind of activity, with the month it falls in.
fn activity_of<E, C>(table: E, project_id: C, month: Expr) -> SelectStatement
where
    E: EntityTrait,
    C: ColumnTrait,
{
    Query::select()
        .expr_as(
            Expr::col((project::Entity, project::Column::Id)),
            "project_id",
        )
        .expr_as(
            Expr::col((project::Entity, project::Column::EditionId)),
            "edition_id",
        )
        .expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(month, "month")
        .from(table)
        .inner_join(
            project::Entity,
            Expr::col((project::Entity, project::Column::Id)).equals((table, project_id)),
        )
        .to_owned()
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
                },
                MonthFigure {
                    month: 3,
                    progress: Progress::NotStarted,
                    active: 0,
                },
            ],
        };
        assert_eq!(line.share(1), Some(0.75));
        assert_eq!(line.share(3), None);
        assert_eq!(line.share(6), None);
        let empty = Line {
            projects: 0,
            ..line
        };
        assert_eq!(empty.share(1), None);
    }
}

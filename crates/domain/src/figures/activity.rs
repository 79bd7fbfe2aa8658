//! The grouped queries behind continuity and the monthly figures: what
//! happened to the projects of each (edition, city) pair in each of a run
//! of periods, counted by the database.
//!
//! Each pair has its own period bounds (its city's calendar, its edition's
//! marathon), so the period a row falls in is a `CASE` over the pairs, then
//! over the bounds; the rows are read once, through the index on their
//! date, and only (pair, period, count) rows come back.

use super::months::Period;
use super::sql::{bucket, choose};
use crate::entities::{check_in, milestone, project, project_stage, project_update, review};
use crate::error::Result;
use crate::milestone::Status;
use crate::stage::Stage;
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, IntoIden, Query, SelectStatement, UnionType,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

/// Counts per (edition, city, period number).
pub(super) type Counts = BTreeMap<(i32, i32, u32), u64>;

/// One (edition, city) pair and consecutive periods to count for it.
pub(super) struct Group {
    /// The edition.
    pub edition_id: i32,
    /// The city.
    pub city_id: i32,
    /// The number of the first period.
    first: u32,
    /// Where each period begins, then where the last one ends.
    instants: Vec<DateTime<Utc>>,
    /// The same as days.
    days: Vec<NaiveDate>,
}

impl Group {
    /// Periods numbered from `first`; they must follow one another.
    pub(super) fn new(edition_id: i32, city_id: i32, first: u32, periods: &[Period]) -> Group {
        let mut instants: Vec<DateTime<Utc>> = periods.iter().map(|p| p.starts_at).collect();
        let mut days: Vec<NaiveDate> = periods.iter().map(|p| p.first_day).collect();
        if let Some(last) = periods.last() {
            instants.push(last.ends_at);
            days.push(last.last_day + Days::new(1));
        }
        Group {
            edition_id,
            city_id,
            first,
            instants,
            days,
        }
    }

    /// The period numbers counted.
    pub(super) fn periods(&self) -> std::ops::Range<u32> {
        let count = u32::try_from(self.instants.len().saturating_sub(1)).unwrap_or(0);
        self.first..self.first + count
    }

    fn is(&self) -> Condition {
        Condition::all()
            .add(project_col(project::Column::EditionId).eq(self.edition_id))
            .add(project_col(project::Column::CityId).eq(self.city_id))
    }

    fn first(&self) -> i32 {
        i32::try_from(self.first).unwrap_or(1)
    }
}

fn project_col(column: project::Column) -> Expr {
    Expr::col((project::Entity, column))
}

/// Which projects a count covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Projects {
    /// Every project, archived or not.
    All,
    /// Projects not archived.
    Live,
}

/// Projects per (edition, city).
pub(super) async fn project_counts(
    db: &impl ConnectionTrait,
    edition_ids: &[i32],
    city_ids: &[i32],
    which: Projects,
) -> Result<BTreeMap<(i32, i32), u64>> {
    let mut query = project::Entity::find()
        .select_only()
        .column(project::Column::EditionId)
        .column(project::Column::CityId)
        .column_as(project::Column::Id.count(), "projects")
        .filter(project::Column::EditionId.is_in(edition_ids.to_vec()))
        .filter(project::Column::CityId.is_in(city_ids.to_vec()));
    if which == Projects::Live {
        query = query.filter(project::Column::ArchivedAt.is_null());
    }
    let rows: Vec<(i32, i32, i64)> = query
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

/// The groups' projects, and `at` within the span of all their periods.
fn within(groups: &[Group], at: &Expr, instants: bool) -> Option<Condition> {
    let (from, until): (sea_orm::Value, sea_orm::Value) = if instants {
        (
            (*groups.iter().filter_map(|g| g.instants.first()).min()?).into(),
            (*groups.iter().filter_map(|g| g.instants.last()).max()?).into(),
        )
    } else {
        (
            (*groups.iter().filter_map(|g| g.days.first()).min()?).into(),
            (*groups.iter().filter_map(|g| g.days.last()).max()?).into(),
        )
    };
    Some(
        Condition::all()
            .add(project_col(project::Column::EditionId).is_in(groups.iter().map(|g| g.edition_id)))
            .add(project_col(project::Column::CityId).is_in(groups.iter().map(|g| g.city_id)))
            .add(at.clone().gte(from))
            .add(at.clone().lt(until)),
    )
}

/// The number of the period `at` (a timestamp, or a date when `instants`
/// is false) falls in, for the pair of the row's project.
fn period_of(groups: &[Group], at: &Expr, instants: bool) -> Expr {
    choose(
        groups
            .iter()
            .map(|g| {
                let bounds: Vec<sea_orm::Value> = if instants {
                    g.instants.iter().map(|i| (*i).into()).collect()
                } else {
                    g.days.iter().map(|d| (*d).into()).collect()
                };
                (g.is(), bucket(at, &bounds, g.first()))
            })
            .collect(),
    )
}

/// `SELECT project, edition, city, period FROM <table> JOIN projects`.
fn rows_of<E, C>(table: E, project_id: C, period: Expr) -> SelectStatement
where
    E: EntityTrait,
    C: ColumnTrait,
{
    Query::select()
        .expr_as(project_col(project::Column::Id), "project_id")
        .expr_as(project_col(project::Column::EditionId), "edition_id")
        .expr_as(project_col(project::Column::CityId), "city_id")
        .expr_as(period, "period")
        .from(table)
        .inner_join(
            project::Entity,
            project_col(project::Column::Id).equals((table, project_id)),
        )
        .to_owned()
}

/// One kind of row to count: its table, its project column, its date
/// column, and what else a row must satisfy.
struct Source<E: EntityTrait, C: ColumnTrait> {
    table: E,
    project_id: C,
    at: Expr,
    instants: bool,
    also: Condition,
}

impl<E: EntityTrait, C: ColumnTrait> Source<E, C> {
    /// Its rows with their period, or `None` when there is nothing to count.
    fn select(self, groups: &[Group]) -> Option<SelectStatement> {
        let mut select = rows_of(
            self.table,
            self.project_id,
            period_of(groups, &self.at, self.instants),
        );
        select.cond_where(within(groups, &self.at, self.instants)?.add(self.also));
        Some(select)
    }
}

fn public_entries(groups: &[Group]) -> Option<SelectStatement> {
    Source {
        table: project_update::Entity,
        project_id: project_update::Column::ProjectId,
        at: Expr::col((project_update::Entity, project_update::Column::CreatedAt)),
        instants: true,
        also: Condition::all()
            .add(Expr::col((project_update::Entity, project_update::Column::IsPublic)).eq(true)),
    }
    .select(groups)
}

fn milestones_done(groups: &[Group]) -> Option<SelectStatement> {
    Source {
        table: milestone::Entity,
        project_id: milestone::Column::ProjectId,
        at: Expr::col((milestone::Entity, milestone::Column::DoneOn)),
        instants: false,
        also: Condition::all()
            .add(Expr::col((milestone::Entity, milestone::Column::Status)).eq(Status::Done.code())),
    }
    .select(groups)
}

fn check_ins_answered(groups: &[Group]) -> Option<SelectStatement> {
    Source {
        table: check_in::Entity,
        project_id: check_in::Column::ProjectId,
        at: Expr::col((check_in::Entity, check_in::Column::AnsweredAt)),
        instants: true,
        also: Condition::all(),
    }
    .select(groups)
}

fn stages_reached(groups: &[Group], stages: &[Stage]) -> Option<SelectStatement> {
    Source {
        table: project_stage::Entity,
        project_id: project_stage::Column::ProjectId,
        at: Expr::col((project_stage::Entity, project_stage::Column::ReachedAt)),
        instants: true,
        also: Condition::all().add(
            Expr::col((project_stage::Entity, project_stage::Column::Stage))
                .is_in(stages.iter().map(|s| s.code())),
        ),
    }
    .select(groups)
}

fn reviews_written(groups: &[Group]) -> Option<SelectStatement> {
    Source {
        table: review::Entity,
        project_id: review::Column::ProjectId,
        at: Expr::col((review::Entity, review::Column::CreatedAt)),
        instants: true,
        also: Condition::all(),
    }
    .select(groups)
}

/// Counts the rows of `rows` per (edition, city, period).
async fn count(db: &impl ConnectionTrait, rows: Option<SelectStatement>) -> Result<Counts> {
    let Some(rows) = rows else {
        return Ok(Counts::new());
    };
    let alias = Alias::new("counted").into_iden();
    let col = |name: &str| Expr::col((alias.clone(), Alias::new(name)));
    let counted = col("project_id").count();
    let query = Query::select()
        .expr_as(col("edition_id"), "edition_id")
        .expr_as(col("city_id"), "city_id")
        .expr_as(col("period"), "period")
        .expr_as(counted, "counted")
        .from_subquery(rows, alias.clone())
        .and_where(col("period").is_not_null())
        .group_by_col((alias.clone(), Alias::new("edition_id")))
        .group_by_col((alias.clone(), Alias::new("city_id")))
        .group_by_col((alias, Alias::new("period")))
        .to_owned();
    let mut counts = Counts::new();
    for row in db.query_all(&query).await? {
        let edition_id: i32 = row.try_get("", "edition_id")?;
        let city_id: i32 = row.try_get("", "city_id")?;
        let period: i32 = row.try_get("", "period")?;
        let counted: i64 = row.try_get("", "counted")?;
        counts.insert(
            (edition_id, city_id, u32::try_from(period).unwrap_or(0)),
            u64::try_from(counted).unwrap_or(0),
        );
    }
    Ok(counts)
}

/// Projects active per (edition, city, period): a public journal entry, a
/// milestone done or a check-in answered in it, each project once.
pub(super) async fn active_counts(db: &impl ConnectionTrait, groups: &[Group]) -> Result<Counts> {
    let sources = [
        public_entries(groups),
        milestones_done(groups),
        check_ins_answered(groups),
    ];
    let mut union: Option<SelectStatement> = None;
    for source in sources.into_iter().flatten() {
        union = Some(match union {
            None => source,
            Some(mut all) => {
                // UNION, not UNION ALL: a project active twice in a period
                // is one row.
                all.union(UnionType::Distinct, source);
                all
            }
        });
    }
    count(db, union).await
}

/// What the monthly figures count from the source rows, per (edition,
/// city, period); the rest (activity, check-ins, milestones done) is kept
/// per project and month by `project_months`.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// Stages reached on the way forward.
    pub stages_forward: Counts,
    /// Projects paused or stopped.
    pub stages_back: Counts,
    /// Reviews written.
    pub reviews: Counts,
}

/// Stage changes and reviews: three grouped queries.
pub(super) async fn changes(db: &impl ConnectionTrait, groups: &[Group]) -> Result<Changes> {
    Ok(Changes {
        stages_forward: count(
            db,
            stages_reached(
                groups,
                &[Stage::Prototype, Stage::Demo, Stage::Pilot, Stage::Launched],
            ),
        )
        .await?,
        stages_back: count(
            db,
            stages_reached(groups, &[Stage::Paused, Stage::Abandoned]),
        )
        .await?,
        reviews: count(db, reviews_written(groups)).await?,
    })
}

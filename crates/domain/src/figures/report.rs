//! The quarterly report's highlights: milestones reached and projects that
//! moved stage during the quarter, and the meetups to come. Only public
//! projects are named — the report is printed for partners and funders —
//! and each list is bounded, with the count of the rest.

use super::months::Quarter;
use super::scope::Scope;
use crate::entities::{meetup_occurrence, milestone, project, project_stage};
use crate::error::{DomainError, Result};
use crate::milestone::Status;
use crate::stage::Stage;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// How many items each list of highlights names.
pub const NAMED: u64 = 20;

/// A milestone reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    /// The project's URL name.
    pub slug: String,
    /// The project's title.
    pub project: String,
    /// The milestone.
    pub milestone: String,
    /// The day it was done.
    pub done_on: NaiveDate,
}

/// A project that moved stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The project's URL name.
    pub slug: String,
    /// The project's title.
    pub project: String,
    /// The stage reached.
    pub stage: Stage,
    /// When.
    pub reached_at: DateTime<Utc>,
    /// The project city's zone.
    pub zone: Tz,
}

/// A meetup to come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// Its id.
    pub id: i32,
    /// Its title.
    pub title: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Its city's name.
    pub city: String,
    /// Its city's zone.
    pub zone: Tz,
}

/// What the quarter brought.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// The latest milestones reached, at most `NAMED`.
    pub reached: Vec<Reached>,
    /// How many milestones were reached in all.
    pub reached_total: u64,
    /// The latest stage changes, at most `NAMED`.
    pub moved: Vec<Moved>,
    /// How many stage changes in all.
    pub moved_total: u64,
    /// The next meetups after `now`, at most `NAMED`.
    pub upcoming: Vec<Upcoming>,
}

fn public_in(scope: &Scope) -> Condition {
    let col = |c: project::Column| Expr::col((project::Entity, c));
    let mut cond = Condition::all()
        .add(col(project::Column::CityId).is_in(scope.city_ids()))
        .add(col(project::Column::IsPublic).eq(true))
        .add(col(project::Column::ArchivedAt).is_null());
    if let Some(e) = scope.edition_id() {
        cond = cond.add(col(project::Column::EditionId).eq(e));
    }
    cond
}

/// The highlights of `quarter` in `scope` (its days in the scope's zone),
/// and the meetups after `now`.
pub async fn highlights(
    db: &impl ConnectionTrait,
    scope: &Scope,
    quarter: Quarter,
    now: DateTime<Utc>,
) -> Result<Highlights> {
    let period = quarter.period(scope.zone);
    let reached_query = milestone::Entity::find()
        .join(
            JoinType::InnerJoin,
            milestone::Entity::belongs_to(project::Entity)
                .from(milestone::Column::ProjectId)
                .to(project::Column::Id)
                .into(),
        )
        .filter(public_in(scope))
        .filter(milestone::Column::Status.eq(Status::Done.code()))
        .filter(milestone::Column::DoneOn.gte(period.first_day))
        .filter(milestone::Column::DoneOn.lte(period.last_day));
    let reached_total = reached_query.clone().count(db).await?;
    let reached: Vec<(String, String, String, Option<NaiveDate>)> = reached_query
        .select_only()
        .column(project::Column::Slug)
        .column(project::Column::Title)
        .column(milestone::Column::Title)
        .column(milestone::Column::DoneOn)
        .order_by_desc(milestone::Column::DoneOn)
        .order_by_desc(milestone::Column::Id)
        .limit(NAMED)
        .into_tuple()
        .all(db)
        .await?;
    let moved_query = project_stage::Entity::find()
        .join(
            JoinType::InnerJoin,
            project_stage::Entity::belongs_to(project::Entity)
                .from(project_stage::Column::ProjectId)
                .to(project::Column::Id)
                .into(),
        )
        .filter(public_in(scope))
        .filter(project_stage::Column::ReachedAt.gte(period.starts_at))
        .filter(project_stage::Column::ReachedAt.lt(period.ends_at));
    let moved_total = moved_query.clone().count(db).await?;
    let moved: Vec<(String, String, i32, String, DateTime<Utc>)> = moved_query
        .select_only()
        .column(project::Column::Slug)
        .column(project::Column::Title)
        .column(project::Column::CityId)
        .column(project_stage::Column::Stage)
        .column(project_stage::Column::ReachedAt)
        .order_by_desc(project_stage::Column::ReachedAt)
        .order_by_desc(project_stage::Column::Id)
        .limit(NAMED)
        .into_tuple()
        .all(db)
        .await?;
    let zone_of = |city_id: i32| {
        scope
            .cities
            .iter()
            .find(|c| c.id == city_id)
            .map_or(scope.zone, |c| c.time_zone)
    };
    let upcoming: Vec<(i32, String, DateTime<Utc>, i32)> = meetup_occurrence::Entity::find()
        .select_only()
        .column(meetup_occurrence::Column::Id)
        .column(meetup_occurrence::Column::Title)
        .column(meetup_occurrence::Column::StartsAt)
        .column(meetup_occurrence::Column::CityId)
        .filter(meetup_occurrence::Column::CityId.is_in(scope.city_ids()))
        .filter(meetup_occurrence::Column::Status.ne(crate::meetup::Status::Cancelled.code()))
        .filter(meetup_occurrence::Column::StartsAt.gte(now))
        .order_by_asc(meetup_occurrence::Column::StartsAt)
        .order_by_asc(meetup_occurrence::Column::Id)
        .limit(NAMED)
        .into_tuple()
        .all(db)
        .await?;
    let name_of = |city_id: i32| {
        scope
            .cities
            .iter()
            .find(|c| c.id == city_id)
            .map_or_else(String::new, |c| c.name.clone())
    };
    Ok(Highlights {
        reached: reached
            .into_iter()
            .filter_map(|(slug, project, milestone, done_on)| {
                Some(Reached {
                    slug,
                    project,
                    milestone,
                    done_on: done_on?,
                })
            })
            .collect(),
        reached_total,
        moved: moved
            .into_iter()
            .map(|(slug, project, city_id, stage, reached_at)| {
                Ok(Moved {
                    slug,
                    project,
                    stage: Stage::parse(&stage)
                        .map_err(|_| DomainError::Internal(format!("stored stage {stage:?}")))?,
                    reached_at,
                    zone: zone_of(city_id),
                })
            })
            .collect::<Result<Vec<_>>>()?,
        moved_total,
        upcoming: upcoming
            .into_iter()
            .map(|(id, title, starts_at, city_id)| Upcoming {
                id,
                title,
                starts_at,
                city: name_of(city_id),
                zone: zone_of(city_id),
            })
            .collect(),
    })
}

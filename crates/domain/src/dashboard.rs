//! What needs attention: a team's late and upcoming milestones and quiet
//! projects, and for coordinators, progress rolled up by city.

use crate::entities::{check_in, city, milestone as milestone_entity, project};
use crate::error::Result;
use crate::milestone::{self, Milestone, Status, today_in};
use crate::project::{QUIET_AFTER, TeamRole, is_quiet};
use crate::role::Actor;
use crate::stage::Stage;
use crate::{team, time_zone};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, CaseStatement, Condition, Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// How far ahead "due soon" looks, in days.
pub const DUE_SOON_DAYS: i64 = 14;

/// One of the actor's projects, with what needs attention.
#[derive(Debug, Clone)]
pub struct TeamProject {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The actor's role.
    pub role: TeamRole,
    /// No public update for 30 days.
    pub quiet: bool,
    /// Share done.
    pub progress: Option<f64>,
    /// Late milestones.
    pub late: Vec<Milestone>,
    /// Milestones due in the next `DUE_SOON_DAYS` days.
    pub due_soon: Vec<Milestone>,
}

/// The actor's projects with their late and upcoming milestones.
pub async fn for_team_member(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<TeamProject>> {
    let Some(user_id) = actor.user_id() else {
        return Ok(Vec::new());
    };
    let memberships = team::projects_of(db, user_id).await?;
    let ids: Vec<i32> = memberships.iter().map(|(id, _)| *id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.clone()))
        .filter(project::Column::ArchivedAt.is_null())
        .order_by_asc(project::Column::Title)
        .all(db)
        .await?;
    let cities = city::Entity::find().all(db).await?;
    let milestones = milestone::of_projects(db, &ids).await?;
    Ok(projects
        .into_iter()
        .map(|p| {
            let zone = cities
                .iter()
                .find(|c| c.id == p.city_id)
                .and_then(|c| time_zone::parse(&c.time_zone).ok())
                .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
            let today = today_in(zone, now);
            let own: Vec<Milestone> = milestones
                .iter()
                .filter(|m| m.project_id == p.id)
                .cloned()
                .collect();
            TeamProject {
                role: memberships
                    .iter()
                    .find(|(id, _)| *id == p.id)
                    .map_or(TeamRole::Member, |(_, r)| *r),
                quiet: is_quiet(&p, now),
                progress: milestone::progress(&own),
                late: own.iter().filter(|m| m.is_late(today)).cloned().collect(),
                due_soon: own
                    .iter()
                    .filter(|m| m.is_due_within(today, DUE_SOON_DAYS))
                    .cloned()
                    .collect(),
                slug: p.slug,
                title: p.title,
            }
        })
        .collect())
}

/// How many quiet projects, and projects that missed their check-ins, a
/// city's roll-up names; the rest are counted, and the quiet ones listed a
/// page at a time on their own page.
pub const ROLLUP_NAMED: usize = 10;

/// Quiet projects per page of the coordinators' list.
pub const QUIET_PAGE: u64 = 50;

/// A city's projects, summed up.
#[derive(Debug, Clone)]
pub struct CityRollup {
    /// City id.
    pub city_id: i32,
    /// City name.
    pub city: String,
    /// Live projects.
    pub projects: usize,
    /// Mean progress of the projects that have milestones.
    pub progress: Option<f64>,
    /// How many projects have milestones (the weight of `progress` in a total).
    pub measured: usize,
    /// Projects with a late milestone.
    pub behind: usize,
    /// The first `ROLLUP_NAMED` quiet projects by title.
    pub quiet: Vec<(String, String)>,
    /// How many projects are quiet.
    pub quiet_total: usize,
    /// The first `ROLLUP_NAMED` projects that left their last two monthly
    /// check-ins unanswered, by title.
    pub missed_check_ins: Vec<(String, String)>,
    /// How many projects left their last two check-ins unanswered.
    pub missed_total: usize,
}

/// The live projects of `cities`, within one edition if given.
fn live_in(cities: &[i32], edition_id: Option<i32>) -> Condition {
    let mut live = Condition::all()
        .add(Expr::col((project::Entity, project::Column::CityId)).is_in(cities.to_vec()))
        .add(Expr::col((project::Entity, project::Column::ArchivedAt)).is_null());
    if let Some(e) = edition_id {
        live = live.add(Expr::col((project::Entity, project::Column::EditionId)).eq(e));
    }
    live
}

/// Live projects without a public update since `now - QUIET_AFTER` (as
/// `project::is_quiet` decides for one row).
fn quiet_at(now: DateTime<Utc>) -> Condition {
    let cutoff = now - QUIET_AFTER;
    Condition::all()
        .add(project::Column::Stage.ne(Stage::Abandoned.code()))
        .add(
            Condition::any()
                .add(project::Column::LastPublicUpdateAt.lte(cutoff))
                .add(
                    Condition::all()
                        .add(project::Column::LastPublicUpdateAt.is_null())
                        .add(project::Column::CreatedAt.lte(cutoff)),
                ),
        )
}

/// Live projects per city matching `also`.
async fn count_by_city(
    db: &impl ConnectionTrait,
    live: Condition,
    also: Condition,
) -> Result<HashMap<i32, usize>> {
    let rows: Vec<(i32, i64)> = project::Entity::find()
        .select_only()
        .column(project::Column::CityId)
        .column_as(project::Column::Id.count(), "n")
        .filter(live)
        .filter(also)
        .group_by(project::Column::CityId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(c, n)| (c, usize::try_from(n).unwrap_or(0)))
        .collect())
}

/// Per live project with milestones: its city, the done and counted
/// weights (as `milestone::progress` weighs them) and whether one is late
/// on its city's calendar. One grouped query.
async fn milestone_stats(
    db: &impl ConnectionTrait,
    live: Condition,
    today: &[(i32, NaiveDate)],
) -> Result<Vec<(i32, i64, i64, i64)>> {
    let m = |c: milestone_entity::Column| Expr::col((milestone_entity::Entity, c));
    let weight = CaseStatement::new()
        .case(
            m(milestone_entity::Column::Weight).gt(0),
            m(milestone_entity::Column::Weight),
        )
        .finally(Expr::val(0));
    let done: Expr = CaseStatement::new()
        .case(
            m(milestone_entity::Column::Status).eq(Status::Done.code()),
            weight.clone(),
        )
        .finally(Expr::val(0))
        .into();
    let counted: Expr = CaseStatement::new()
        .case(
            m(milestone_entity::Column::Status).ne(Status::Dropped.code()),
            weight,
        )
        .finally(Expr::val(0))
        .into();
    let mut city_today = CaseStatement::new();
    for (city_id, day) in today {
        city_today = city_today.case(
            Expr::col((project::Entity, project::Column::CityId)).eq(*city_id),
            Expr::val(*day),
        );
    }
    let late: Expr = CaseStatement::new()
        .case(
            Condition::all()
                .add(
                    m(milestone_entity::Column::Status)
                        .is_in([Status::Planned.code(), Status::InProgress.code()]),
                )
                .add(m(milestone_entity::Column::DueOn).lt(Into::<Expr>::into(city_today))),
            Expr::val(1),
        )
        .finally(Expr::val(0))
        .into();
    let query = Query::select()
        .expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(Func::sum(done), "done")
        .expr_as(Func::sum(counted), "counted")
        .expr_as(Func::sum(late), "late")
        .from(milestone_entity::Entity)
        .inner_join(
            project::Entity,
            Expr::col((project::Entity, project::Column::Id)).equals((
                milestone_entity::Entity,
                milestone_entity::Column::ProjectId,
            )),
        )
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::Id))
        .group_by_col((project::Entity, project::Column::CityId))
        .to_owned();
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        out.push((
            row.try_get::<i32>("", "city_id")?,
            row.try_get::<Option<i64>>("", "done")?.unwrap_or(0),
            row.try_get::<Option<i64>>("", "counted")?.unwrap_or(0),
            row.try_get::<Option<i64>>("", "late")?.unwrap_or(0),
        ));
    }
    Ok(out)
}

/// The live projects (city, slug, title) whose two check-ins before the
/// latest went unanswered, by title: one query, the latest three of each
/// project ranked by the database.
async fn missed_check_ins(
    db: &impl ConnectionTrait,
    live: Condition,
) -> Result<Vec<(i32, String, String)>> {
    let ranked = Query::select()
        .column(check_in::Column::ProjectId)
        .column(check_in::Column::AnsweredAt)
        .expr_as(
            Expr::cust(
                "ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY sent_at DESC, id DESC)",
            ),
            "rank",
        )
        .from(check_in::Entity)
        .to_owned();
    let r = Alias::new("ranked");
    let missed = Query::select()
        .column((r.clone(), check_in::Column::ProjectId))
        .from_subquery(ranked, r.clone())
        .and_where(Expr::col((r.clone(), Alias::new("rank"))).is_in([2, 3]))
        .group_by_col((r.clone(), check_in::Column::ProjectId))
        .and_having(
            Expr::col((r.clone(), check_in::Column::ProjectId))
                .count()
                .eq(2),
        )
        .and_having(Expr::col((r, check_in::Column::AnsweredAt)).count().eq(0))
        .to_owned();
    // Sorted here: the few projects found, not the check-ins read.
    let mut found: Vec<(i32, String, String)> = project::Entity::find()
        .select_only()
        .columns([
            project::Column::CityId,
            project::Column::Slug,
            project::Column::Title,
        ])
        .filter(live)
        .filter(project::Column::Id.in_subquery(missed))
        .into_tuple()
        .all(db)
        .await?;
    found.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
    Ok(found)
}

/// Progress by city for the cities the actor coordinates (all for the
/// programme's coordinators), optionally within one edition: a handful of
/// grouped queries, however many projects there are.
pub async fn by_city(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<CityRollup>> {
    let cities: Vec<city::Model> = city::Entity::find()
        .order_by_asc(city::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    if cities.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let live = || live_in(&ids, edition_id);
    let today: Vec<(i32, NaiveDate)> = cities
        .iter()
        .map(|c| {
            let zone = time_zone::parse(&c.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE);
            (c.id, today_in(zone, now))
        })
        .collect();
    let projects = count_by_city(db, live(), Condition::all()).await?;
    let quiet_totals = count_by_city(db, live(), quiet_at(now)).await?;
    let stats = milestone_stats(db, live(), &today).await?;
    let missed = missed_check_ins(db, live()).await?;
    let mut rollups = Vec::with_capacity(cities.len());
    for c in cities {
        let quiet_total = quiet_totals.get(&c.id).copied().unwrap_or(0);
        let quiet = if quiet_total == 0 {
            Vec::new()
        } else {
            quiet_projects(db, c.id, edition_id, now, 0, ROLLUP_NAMED as u64)
                .await?
                .into_iter()
                .map(|q| (q.slug, q.title))
                .collect()
        };
        let shares: Vec<f64> = stats
            .iter()
            .filter(|(city, _, counted, _)| *city == c.id && *counted > 0)
            .map(|(_, done, counted, _)| *done as f64 / *counted as f64)
            .collect();
        let behind = stats
            .iter()
            .filter(|(city, _, _, late)| *city == c.id && *late > 0)
            .count();
        let own_missed: Vec<(String, String)> = missed
            .iter()
            .filter(|(city, _, _)| *city == c.id)
            .map(|(_, slug, title)| (slug.clone(), title.clone()))
            .collect();
        rollups.push(CityRollup {
            city_id: c.id,
            city: c.name,
            projects: projects.get(&c.id).copied().unwrap_or(0),
            progress: (!shares.is_empty())
                .then(|| shares.iter().sum::<f64>() / shares.len() as f64),
            measured: shares.len(),
            behind,
            quiet,
            quiet_total,
            missed_total: own_missed.len(),
            missed_check_ins: own_missed.into_iter().take(ROLLUP_NAMED).collect(),
        });
    }
    Ok(rollups)
}

/// A quiet project, for the coordinators' list.
#[derive(Debug, Clone)]
pub struct QuietProject {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Its last public update (its creation when it has none).
    pub since: DateTime<Utc>,
}

/// A city's quiet live projects by title, `limit` from `offset`.
pub async fn quiet_projects(
    db: &impl ConnectionTrait,
    city_id: i32,
    edition_id: Option<i32>,
    now: DateTime<Utc>,
    offset: u64,
    limit: u64,
) -> Result<Vec<QuietProject>> {
    let rows = project::Entity::find()
        .filter(live_in(&[city_id], edition_id))
        .filter(quiet_at(now))
        .order_by_asc(project::Column::Title)
        .order_by_asc(project::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| QuietProject {
            since: p.last_public_update_at.unwrap_or(p.created_at),
            slug: p.slug,
            title: p.title,
        })
        .collect())
}

/// One page (from 1) of a city's quiet projects for a coordinator of it,
/// with how many there are in all.
pub async fn quiet_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    city_id: i32,
    now: DateTime<Utc>,
    page: u64,
) -> Result<(Vec<QuietProject>, usize)> {
    if !actor.coordinates(Some(city_id)) {
        return Err(crate::error::DomainError::Forbidden);
    }
    let total = count_by_city(db, live_in(&[city_id], None), quiet_at(now))
        .await?
        .get(&city_id)
        .copied()
        .unwrap_or(0);
    let offset = page.saturating_sub(1).saturating_mul(QUIET_PAGE);
    let rows = quiet_projects(db, city_id, None, now, offset, QUIET_PAGE).await?;
    Ok((rows, total))
}

/// The programme-wide (or edition-wide) figures from the cities' roll-ups:
/// projects, mean progress over every measured project, projects behind.
pub fn total(rollups: &[CityRollup]) -> (usize, Option<f64>, usize) {
    let projects = rollups.iter().map(|r| r.projects).sum();
    let measured: usize = rollups.iter().map(|r| r.measured).sum();
    let weighted: f64 = rollups
        .iter()
        .filter_map(|r| r.progress.map(|p| p * r.measured as f64))
        .sum();
    let behind = rollups.iter().map(|r| r.behind).sum();
    (
        projects,
        (measured > 0).then(|| weighted / measured as f64),
        behind,
    )
}

//! What needs attention: a team's late and upcoming milestones and quiet
//! projects, and for coordinators, progress rolled up by city.

use crate::city::City;
use crate::entities::{city, milestone as milestone_entity, project};
use crate::error::Result;
use crate::milestone::{self, Milestone, Status, today_in};
use crate::project::{QUIET_AFTER, TeamRole, is_quiet};
use crate::role::Actor;
use crate::stage::Stage;
use crate::{team, time_zone};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{
    Alias, Asterisk, CaseStatement, Condition, Expr, ExprTrait, Func, Order, Query,
    SelectStatement, UnionType,
};
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

/// How far ahead "upcoming" milestones look, in days.
pub const UPCOMING_DAYS: u64 = 30;

/// A city's projects, summed up.
#[derive(Debug, Clone)]
pub struct CityRollup {
    /// City id.
    pub city_id: i32,
    /// City name.
    pub city: String,
    /// Live projects.
    pub projects: usize,
    /// Live projects per stage, every stage in order.
    pub stages: Vec<(Stage, usize)>,
    /// Mean progress of the projects that have milestones.
    pub progress: Option<f64>,
    /// How many projects have milestones (the weight of `progress` in a total).
    pub measured: usize,
    /// Projects with a late milestone.
    pub behind: usize,
    /// Milestones past their due day and not done.
    pub late_milestones: usize,
    /// Open milestones due in the next `UPCOMING_DAYS` days.
    pub upcoming_milestones: usize,
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

impl CityRollup {
    fn empty(city: &City) -> CityRollup {
        CityRollup {
            city_id: city.id,
            city: city.name.clone(),
            projects: 0,
            stages: Stage::ALL.into_iter().map(|s| (s, 0)).collect(),
            progress: None,
            measured: 0,
            behind: 0,
            late_milestones: 0,
            upcoming_milestones: 0,
            quiet: Vec::new(),
            quiet_total: 0,
            missed_check_ins: Vec::new(),
            missed_total: 0,
        }
    }
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
    let p = |c: project::Column| Expr::col((project::Entity, c));
    Condition::all()
        .add(p(project::Column::Stage).ne(Stage::Abandoned.code()))
        .add(
            Condition::any()
                .add(p(project::Column::LastPublicUpdateAt).lte(cutoff))
                .add(
                    Condition::all()
                        .add(p(project::Column::LastPublicUpdateAt).is_null())
                        .add(p(project::Column::CreatedAt).lte(cutoff)),
                ),
        )
}

/// Live projects that left their two latest closed check-ins unanswered.
fn skipped() -> Condition {
    Condition::all().add(Expr::col((project::Entity, project::Column::CheckInsSkipped)).eq(true))
}

/// `CASE WHEN condition THEN 1 ELSE 0 END`.
fn one_if(condition: Condition) -> Expr {
    CaseStatement::new()
        .case(condition, Expr::val(1))
        .finally(Expr::val(0))
        .into()
}

/// A count read from a row (NULL, a sum over no row, is 0).
fn count_of(row: &sea_orm::QueryResult, column: &str) -> Result<usize> {
    let value: Option<i64> = row.try_get("", column)?;
    Ok(value.and_then(|v| usize::try_from(v).ok()).unwrap_or(0))
}

/// `CASE WHEN city_id = c1 THEN today(c1) + shift … END`: each city's day,
/// `shift` days from its today.
fn city_day(today: &[(i32, NaiveDate)], shift: u64) -> Expr {
    let mut case = CaseStatement::new();
    for (city_id, day) in today {
        case = case.case(
            Expr::col((project::Entity, project::Column::CityId)).eq(*city_id),
            Expr::val(*day + chrono::Days::new(shift)),
        );
    }
    case.into()
}

/// Live projects per city and stage: how many, how many quiet, how many
/// skipped, and from their milestones as kept on the project
/// (`milestone::refresh_facts`): the sum of their progress (done weight
/// over counted weight, as `milestone::progress` weighs them) and how many
/// have one, how many are behind (an open milestone past its due day), and
/// their open milestones. One grouped query, read from the index on live
/// projects.
async fn project_counts(
    db: &impl ConnectionTrait,
    live: Condition,
    now: DateTime<Utc>,
    today: &[(i32, NaiveDate)],
    rollups: &mut [CityRollup],
) -> Result<HashMap<i32, usize>> {
    let p = |c: project::Column| Expr::col((project::Entity, c));
    let float = |c: project::Column| p(c).cast_as(Alias::new("DOUBLE PRECISION"));
    let measured = || Condition::all().add(p(project::Column::MilestoneWeight).gt(0));
    let query = Query::select()
        .expr_as(p(project::Column::CityId), "city_id")
        .expr_as(p(project::Column::Stage), "stage")
        // COUNT(*): the index holds no id on PostgreSQL.
        .expr_as(Expr::cust("COUNT(*)"), "projects")
        .expr_as(Func::sum(one_if(quiet_at(now))), "quiet")
        .expr_as(Func::sum(one_if(skipped())), "skipped")
        .expr_as(
            Func::sum(
                CaseStatement::new()
                    .case(
                        measured(),
                        float(project::Column::MilestoneWeightDone)
                            .div(float(project::Column::MilestoneWeight)),
                    )
                    .finally(Expr::val(0.0)),
            ),
            "shares",
        )
        .expr_as(Func::sum(one_if(measured())), "measured")
        .expr_as(
            Func::sum(one_if(
                Condition::all().add(p(project::Column::FirstOpenDueOn).lt(city_day(today, 0))),
            )),
            "behind",
        )
        .expr_as(
            Func::sum(p(project::Column::OpenMilestones)).cast_as(Alias::new("BIGINT")),
            "open",
        )
        .from(project::Entity)
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::CityId))
        .group_by_col((project::Entity, project::Column::Stage))
        .to_owned();
    // Per city: the open milestones of its live projects, for the late ones.
    let mut open: HashMap<i32, usize> = HashMap::new();
    let mut shares: HashMap<i32, f64> = HashMap::new();
    for row in db.query_all(&query).await? {
        let city_id: i32 = row.try_get("", "city_id")?;
        let code: String = row.try_get("", "stage")?;
        let stage = Stage::parse(&code).map_err(|_| {
            crate::error::DomainError::Internal(format!("project in unknown stage {code:?}"))
        })?;
        let Some(r) = rollups.iter_mut().find(|r| r.city_id == city_id) else {
            continue;
        };
        let projects = count_of(&row, "projects")?;
        r.projects += projects;
        r.quiet_total += count_of(&row, "quiet")?;
        r.missed_total += count_of(&row, "skipped")?;
        r.measured += count_of(&row, "measured")?;
        r.behind += count_of(&row, "behind")?;
        let share: Option<f64> = row.try_get("", "shares")?;
        *shares.entry(city_id).or_default() += share.unwrap_or(0.0);
        *open.entry(city_id).or_default() += count_of(&row, "open")?;
        if let Some(slot) = r.stages.iter_mut().find(|(s, _)| *s == stage) {
            slot.1 += projects;
        }
    }
    for r in rollups.iter_mut() {
        let sum = shares.get(&r.city_id).copied().unwrap_or(0.0);
        r.progress = (r.measured > 0).then(|| sum / r.measured as f64);
    }
    Ok(open)
}

/// Per city, the late and upcoming milestones of its live projects: the
/// open milestones due from the city's today on, read from the index of
/// open milestones by due day (the late ones are the projects' open
/// milestones less those).
async fn milestone_counts(
    db: &impl ConnectionTrait,
    live: Condition,
    today: &[(i32, NaiveDate)],
    open: &HashMap<i32, usize>,
    rollups: &mut [CityRollup],
) -> Result<()> {
    let Some(earliest) = today.iter().map(|(_, day)| *day).min() else {
        return Ok(());
    };
    let m = |c: milestone_entity::Column| Expr::col((milestone_entity::Entity, c));
    let due = || m(milestone_entity::Column::DueOn);
    let query = Query::select()
        .expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(
            Func::sum(one_if(Condition::all().add(due().gte(city_day(today, 0))))),
            "coming",
        )
        .expr_as(
            Func::sum(one_if(
                Condition::all()
                    .add(due().gte(city_day(today, 0)))
                    .add(due().lte(city_day(today, UPCOMING_DAYS))),
            )),
            "upcoming",
        )
        .from(milestone_entity::Entity)
        .inner_join(
            project::Entity,
            Expr::col((project::Entity, project::Column::Id)).equals((
                milestone_entity::Entity,
                milestone_entity::Column::ProjectId,
            )),
        )
        .and_where(m(milestone_entity::Column::Status).is_in(milestone::OPEN.map(Status::code)))
        .and_where(due().gte(earliest))
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::CityId))
        .to_owned();
    let mut coming: HashMap<i32, usize> = HashMap::new();
    for row in db.query_all(&query).await? {
        let city_id: i32 = row.try_get("", "city_id")?;
        coming.insert(city_id, count_of(&row, "coming")?);
        if let Some(r) = rollups.iter_mut().find(|r| r.city_id == city_id) {
            r.upcoming_milestones = count_of(&row, "upcoming")?;
        }
    }
    for r in rollups.iter_mut() {
        let open = open.get(&r.city_id).copied().unwrap_or(0);
        let coming = coming.get(&r.city_id).copied().unwrap_or(0);
        r.late_milestones = open.saturating_sub(coming);
    }
    Ok(())
}

/// The first `ROLLUP_NAMED` quiet projects and projects that skipped their
/// check-ins of each city, by title: one statement, each city's lists read
/// from the index of its live projects by title, stopping at the last one
/// named.
async fn named(
    db: &impl ConnectionTrait,
    edition_id: Option<i32>,
    now: DateTime<Utc>,
    rollups: &mut [CityRollup],
) -> Result<()> {
    const QUIET: i32 = 0;
    const SKIPPED: i32 = 1;
    let mut union: Option<SelectStatement> = None;
    let mut number = 0;
    for r in rollups.iter() {
        for (kind, total, which) in [
            (QUIET, r.quiet_total, quiet_at(now)),
            (SKIPPED, r.missed_total, skipped()),
        ] {
            if total == 0 {
                continue;
            }
            let first = Query::select()
                .expr_as(
                    Expr::col((project::Entity, project::Column::CityId)),
                    "city_id",
                )
                .expr_as(Expr::cust(kind.to_string()), "kind")
                .expr_as(Expr::col((project::Entity, project::Column::Slug)), "slug")
                .expr_as(
                    Expr::col((project::Entity, project::Column::Title)),
                    "title",
                )
                .from(project::Entity)
                .cond_where(live_in(&[r.city_id], edition_id).add(which))
                .order_by((project::Entity, project::Column::Title), Order::Asc)
                .order_by((project::Entity, project::Column::Id), Order::Asc)
                .limit(ROLLUP_NAMED as u64)
                .to_owned();
            // Each list in a subquery of its own: SQLite takes no ORDER BY
            // or LIMIT on the members of a UNION.
            number += 1;
            let alias = Alias::new(format!("named_{number}"));
            let wrapped = Query::select()
                .column(Asterisk)
                .from_subquery(first, alias)
                .to_owned();
            union = Some(match union {
                None => wrapped,
                Some(mut all) => {
                    all.union(UnionType::All, wrapped);
                    all
                }
            });
        }
    }
    let Some(query) = union else {
        return Ok(());
    };
    for row in db.query_all(&query).await? {
        let city_id: i32 = row.try_get("", "city_id")?;
        let kind: i32 = row.try_get("", "kind")?;
        let named = (row.try_get("", "slug")?, row.try_get("", "title")?);
        let Some(r) = rollups.iter_mut().find(|r| r.city_id == city_id) else {
            continue;
        };
        if kind == QUIET {
            r.quiet.push(named);
        } else {
            r.missed_check_ins.push(named);
        }
    }
    // Each list arrives in its database's title order (the members of a
    // UNION ALL are read one after the other); not sorted again here, where
    // the collation would differ.
    Ok(())
}

/// Progress by city for the cities the actor coordinates (all for the
/// programme's coordinators), optionally within one edition.
pub async fn by_city(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<CityRollup>> {
    let cities: Vec<City> = crate::city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    of_cities(db, &cities, edition_id, now).await
}

/// The roll-ups of `cities` (in their order), optionally within one
/// edition: two grouped queries and one for the projects named, however
/// many projects there are.
pub async fn of_cities(
    db: &impl ConnectionTrait,
    cities: &[City],
    edition_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<CityRollup>> {
    if cities.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let today: Vec<(i32, NaiveDate)> = cities
        .iter()
        .map(|c| (c.id, today_in(c.time_zone, now)))
        .collect();
    let mut rollups: Vec<CityRollup> = cities.iter().map(CityRollup::empty).collect();
    let open = project_counts(db, live_in(&ids, edition_id), now, &today, &mut rollups).await?;
    milestone_counts(db, live_in(&ids, edition_id), &today, &open, &mut rollups).await?;
    named(db, edition_id, now, &mut rollups).await?;
    Ok(rollups)
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

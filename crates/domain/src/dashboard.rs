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

/// Live projects per city: how many quiet, how many skipped, how many in
/// each stage. One grouped query, read from the index on live projects.
async fn project_counts(
    db: &impl ConnectionTrait,
    live: Condition,
    now: DateTime<Utc>,
    rollups: &mut [CityRollup],
) -> Result<()> {
    let query = Query::select()
        .expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(
            Expr::col((project::Entity, project::Column::Stage)),
            "stage",
        )
        // COUNT(*): the index holds no id on PostgreSQL.
        .expr_as(Expr::cust("COUNT(*)"), "projects")
        .expr_as(Func::sum(one_if(quiet_at(now))), "quiet")
        .expr_as(Func::sum(one_if(skipped())), "skipped")
        .from(project::Entity)
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::CityId))
        .group_by_col((project::Entity, project::Column::Stage))
        .to_owned();
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
        if let Some(slot) = r.stages.iter_mut().find(|(s, _)| *s == stage) {
            slot.1 += projects;
        }
    }
    Ok(())
}

/// Per city, from its live projects' milestones: the sum of the projects'
/// progress (done weight over counted weight, as `milestone::progress`
/// weighs them) and how many have one, the projects with a late milestone,
/// and the late and upcoming milestones on the city's calendar. One query:
/// milestones summed per project, then projects per city, read from the
/// index on milestones.
async fn milestone_counts(
    db: &impl ConnectionTrait,
    live: Condition,
    today: &[(i32, NaiveDate)],
    rollups: &mut [CityRollup],
) -> Result<()> {
    let m = |c: milestone_entity::Column| Expr::col((milestone_entity::Entity, c));
    let weight = CaseStatement::new()
        .case(
            m(milestone_entity::Column::Weight).gt(0),
            m(milestone_entity::Column::Weight),
        )
        .finally(Expr::val(0));
    let weight_if = |condition: Expr| -> Expr {
        CaseStatement::new()
            .case(condition, weight.clone())
            .finally(Expr::val(0))
            .into()
    };
    let city_day = |shift: u64| -> Expr {
        let mut case = CaseStatement::new();
        for (city_id, day) in today {
            case = case.case(
                Expr::col((project::Entity, project::Column::CityId)).eq(*city_id),
                Expr::val(*day + chrono::Days::new(shift)),
            );
        }
        case.into()
    };
    let open = || {
        m(milestone_entity::Column::Status)
            .is_in([Status::Planned.code(), Status::InProgress.code()])
    };
    let per_project = Query::select()
        .expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(
            Func::sum(weight_if(
                m(milestone_entity::Column::Status).eq(Status::Done.code()),
            )),
            "done",
        )
        .expr_as(
            Func::sum(weight_if(
                m(milestone_entity::Column::Status).ne(Status::Dropped.code()),
            )),
            "counted",
        )
        .expr_as(
            Func::sum(one_if(
                Condition::all()
                    .add(open())
                    .add(m(milestone_entity::Column::DueOn).lt(city_day(0))),
            )),
            "late",
        )
        .expr_as(
            Func::sum(one_if(
                Condition::all()
                    .add(open())
                    .add(m(milestone_entity::Column::DueOn).gte(city_day(0)))
                    .add(m(milestone_entity::Column::DueOn).lte(city_day(UPCOMING_DAYS))),
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
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::Id))
        .group_by_col((project::Entity, project::Column::CityId))
        .to_owned();
    let alias = Alias::new("per_project");
    let col = |name: &str| Expr::col((alias.clone(), Alias::new(name)));
    let float = |name: &str| col(name).cast_as(Alias::new("DOUBLE PRECISION"));
    let big = |e: Expr| -> Expr { e.cast_as(Alias::new("BIGINT")) };
    let measured = Condition::all().add(col("counted").gt(0));
    let query = Query::select()
        .expr_as(col("city_id"), "city_id")
        .expr_as(
            Func::sum(
                CaseStatement::new()
                    .case(measured.clone(), float("done").div(float("counted")))
                    .finally(Expr::val(0.0)),
            ),
            "shares",
        )
        .expr_as(big(Func::sum(one_if(measured)).into()), "measured")
        .expr_as(
            big(Func::sum(one_if(Condition::all().add(col("late").gt(0)))).into()),
            "behind",
        )
        .expr_as(big(Func::sum(col("late")).into()), "late")
        .expr_as(big(Func::sum(col("upcoming")).into()), "upcoming")
        .from_subquery(per_project, alias.clone())
        .group_by_col((alias, Alias::new("city_id")))
        .to_owned();
    for row in db.query_all(&query).await? {
        let city_id: i32 = row.try_get("", "city_id")?;
        let Some(r) = rollups.iter_mut().find(|r| r.city_id == city_id) else {
            continue;
        };
        let shares: Option<f64> = row.try_get("", "shares")?;
        r.measured = count_of(&row, "measured")?;
        r.progress = (r.measured > 0).then(|| shares.unwrap_or(0.0) / r.measured as f64);
        r.behind = count_of(&row, "behind")?;
        r.late_milestones = count_of(&row, "late")?;
        r.upcoming_milestones = count_of(&row, "upcoming")?;
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
/// edition: three grouped queries and one for the projects named, however
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
    project_counts(db, live_in(&ids, edition_id), now, &mut rollups).await?;
    milestone_counts(db, live_in(&ids, edition_id), &today, &mut rollups).await?;
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

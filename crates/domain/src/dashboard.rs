//! What needs attention: a team's late and upcoming milestones and quiet
//! projects, and for coordinators, progress rolled up by city.

use crate::entities::{city, project};
use crate::error::Result;
use crate::milestone::{self, Milestone, today_in};
use crate::project::{TeamRole, is_quiet};
use crate::role::Actor;
use crate::{team, time_zone};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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

/// A city's projects, summed up.
#[derive(Debug, Clone)]
pub struct CityRollup {
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
    /// Quiet projects.
    pub quiet: Vec<(String, String)>,
    /// Projects that left their last two monthly check-ins unanswered.
    pub missed_check_ins: Vec<(String, String)>,
}

/// Progress by city for the cities the actor coordinates (all for the
/// programme's coordinators), optionally within one edition.
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
    let mut query = project::Entity::find()
        .filter(project::Column::CityId.is_in(cities.iter().map(|c| c.id).collect::<Vec<_>>()))
        .filter(project::Column::ArchivedAt.is_null());
    if let Some(e) = edition_id {
        query = query.filter(project::Column::EditionId.eq(e));
    }
    let projects = query.order_by_asc(project::Column::Title).all(db).await?;
    let ids: Vec<i32> = projects.iter().map(|p| p.id).collect();
    let milestones = milestone::of_projects(db, &ids).await?;
    let mut missed = Vec::new();
    for p in &projects {
        if crate::check_in::skipped_two(db, p.id).await? {
            missed.push(p.id);
        }
    }
    Ok(cities
        .into_iter()
        .map(|c| {
            let zone = time_zone::parse(&c.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE);
            let today = today_in(zone, now);
            let own: Vec<&project::Model> = projects.iter().filter(|p| p.city_id == c.id).collect();
            let mut shares = Vec::new();
            let mut behind = 0;
            for p in &own {
                let ms: Vec<Milestone> = milestones
                    .iter()
                    .filter(|m| m.project_id == p.id)
                    .cloned()
                    .collect();
                if let Some(share) = milestone::progress(&ms) {
                    shares.push(share);
                }
                if ms.iter().any(|m| m.is_late(today)) {
                    behind += 1;
                }
            }
            CityRollup {
                city: c.name,
                projects: own.len(),
                progress: (!shares.is_empty())
                    .then(|| shares.iter().sum::<f64>() / shares.len() as f64),
                measured: shares.len(),
                behind,
                quiet: own
                    .iter()
                    .filter(|p| is_quiet(p, now))
                    .map(|p| (p.slug.clone(), p.title.clone()))
                    .collect(),
                missed_check_ins: own
                    .iter()
                    .filter(|p| missed.contains(&p.id))
                    .map(|p| (p.slug.clone(), p.title.clone()))
                    .collect(),
            }
        })
        .collect())
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

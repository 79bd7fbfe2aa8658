//! Projects as the API shows them: public, live projects (the gallery's),
//! with their milestones, open needs, stage, licence and links.

use super::paging::{self, Listing, Paging};
use super::{Named, stored};
use crate::entities::{city, edition, project};
use crate::error::{DomainError, Result};
use crate::gallery::{self, Filter};
use crate::licence::Licence;
use crate::milestone;
use crate::need;
use crate::theme::Theme;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

/// A public project.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Project {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One-line pitch.
    pub pitch: String,
    /// Description (Markdown).
    pub description: String,
    /// Theme codes.
    pub themes: Vec<String>,
    /// Stage code.
    pub stage: String,
    /// The open licence it is published under.
    pub licence: ProjectLicence,
    /// Where to find it.
    pub links: Links,
    /// Its edition.
    pub edition: Named,
    /// Its city.
    pub city: Named,
    /// Weighted share (0 to 1) of its milestones done; null without any.
    pub progress: Option<f64>,
    /// Milestones, in timeline order.
    pub milestones: Vec<Milestone>,
    /// Needs still open, newest first.
    pub open_needs: Vec<OpenNeed>,
    /// Last activity of the team.
    pub last_activity_at: DateTime<Utc>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its page was last changed.
    pub updated_at: DateTime<Utc>,
}

/// A licence by SPDX identifier and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProjectLicence {
    /// SPDX identifier.
    pub spdx: String,
    /// Human name.
    pub name: String,
}

/// A project's links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Links {
    /// Source repository.
    pub repository: Option<String>,
    /// Demo or site.
    pub demo: Option<String>,
}

/// A milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Milestone {
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Due date, in the city's calendar.
    pub due_on: NaiveDate,
    /// Status code: planned, in_progress, done or dropped.
    pub status: String,
    /// When it was done, in the city's calendar.
    pub done_on: Option<NaiveDate>,
    /// Weight in the progress.
    pub weight: i32,
}

/// A need still open: help the team looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OpenNeed {
    /// Kind of help (code).
    pub kind: String,
    /// What it is about.
    pub description: String,
    /// Expertise tags.
    pub tags: Vec<String>,
    /// Can be done remotely (otherwise in the project's city).
    pub remote: bool,
    /// Languages the team works in (ISO codes).
    pub languages: Vec<String>,
    /// When it was published.
    pub created_at: DateTime<Utc>,
}

/// Public, live projects matching `filter` (the gallery's filters and
/// order; its page number is not read), on `paging`'s page.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &Filter,
    paging: Paging,
) -> Result<Listing<Project>> {
    let select = gallery::select(filter, db.get_database_backend());
    let page = paging::fetch(db, select, paging).await?;
    let rows = page.items.clone();
    Ok(page.map(assemble(db, rows).await?))
}

/// One public, live project by its URL name; `NotFound` for any other.
pub async fn get(db: &impl ConnectionTrait, slug: &str) -> Result<Project> {
    let row = project::Entity::find()
        .filter(project::Column::Slug.eq(slug))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    assemble(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// The projects of `rows`, in their order, with what they show: five
/// queries however many rows.
async fn assemble(db: &impl ConnectionTrait, rows: Vec<project::Model>) -> Result<Vec<Project>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let editions = edition::Entity::find()
        .filter(edition::Column::Id.is_in(rows.iter().map(|p| p.edition_id)))
        .all(db)
        .await?;
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(rows.iter().map(|p| p.city_id)))
        .all(db)
        .await?;
    let milestones = milestone::of_projects(db, &ids).await?;
    let needs = need::open_of_projects(db, &ids).await?;
    rows.into_iter()
        .map(|p| {
            let stage = p.stage;
            let licence = stored("project", p.id, &p.licence, Licence::parse)?;
            let edition = editions
                .iter()
                .find(|e| e.id == p.edition_id)
                .ok_or_else(|| {
                    super::corrupt("project edition", p.id, &p.edition_id.to_string())
                })?;
            let city = cities
                .iter()
                .find(|c| c.id == p.city_id)
                .ok_or_else(|| super::corrupt("project city", p.id, &p.city_id.to_string()))?;
            let own: Vec<milestone::Milestone> = milestones
                .iter()
                .filter(|m| m.project_id == p.id)
                .cloned()
                .collect();
            Ok(Project {
                themes: Theme::parse_list(&p.themes)?
                    .into_iter()
                    .map(|t| t.code().to_owned())
                    .collect(),
                stage: stage.code().to_owned(),
                licence: ProjectLicence {
                    spdx: licence.spdx.to_owned(),
                    name: licence.name.to_owned(),
                },
                links: Links {
                    repository: p.repository_url,
                    demo: p.demo_url,
                },
                edition: Named {
                    slug: edition.slug.clone(),
                    name: edition.name.clone(),
                },
                city: Named {
                    slug: city.slug.clone(),
                    name: city.name.clone(),
                },
                progress: milestone::progress(&own),
                milestones: own
                    .into_iter()
                    .map(|m| Milestone {
                        title: m.title,
                        description: m.description,
                        due_on: m.due_on,
                        status: m.status.code().to_owned(),
                        done_on: m.done_on,
                        weight: m.weight,
                    })
                    .collect(),
                open_needs: needs
                    .iter()
                    .filter(|n| n.project_id == p.id)
                    .map(|n| OpenNeed {
                        kind: n.kind.code().to_owned(),
                        description: n.description.clone(),
                        tags: n.tags.iter().map(|t| t.as_str().to_owned()).collect(),
                        remote: n.remote,
                        languages: n.languages.clone(),
                        created_at: n.created_at,
                    })
                    .collect(),
                slug: p.slug,
                title: p.title,
                pitch: p.pitch,
                description: p.description,
                last_activity_at: p.last_activity_at,
                created_at: p.created_at,
                updated_at: p.updated_at,
            })
        })
        .collect()
}

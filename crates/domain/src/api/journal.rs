//! Journal entries as the API shows them: the public entries of public,
//! live projects; team-only entries never, nor who wrote an entry.

use super::Named;
use super::paging::{self, Listing, Paging};
use crate::entities::{milestone, project, project_update};
use crate::error::{DomainError, Result};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

/// A public journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Entry {
    /// The project it belongs to (slug and title).
    pub project: Named,
    /// Text (Markdown).
    pub body: String,
    /// Title of the milestone it completed or is about.
    pub milestone: Option<String>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was last corrected.
    pub edited_at: Option<DateTime<Utc>>,
}

/// Public entries of the public, live project `project_slug`, newest
/// first; `NotFound` if there is no such project.
pub async fn of_project(
    db: &impl ConnectionTrait,
    project_slug: &str,
    paging: Paging,
) -> Result<Listing<Entry>> {
    let mut select = project_update::Entity::find()
        .find_also_related(project::Entity)
        .filter(project_update::Column::IsPublic.eq(true))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null());
    let id = project::Entity::find()
        .filter(project::Column::Slug.eq(project_slug))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?
        .id;
    select = select.filter(project_update::Column::ProjectId.eq(id));
    let select = select
        .order_by_desc(project_update::Column::CreatedAt)
        .order_by_desc(project_update::Column::Id);
    let page = paging::fetch(db, select, paging).await?;
    let milestone_ids: Vec<i32> = page
        .items
        .iter()
        .filter_map(|(u, _)| u.milestone_id)
        .collect();
    let milestones = if milestone_ids.is_empty() {
        Vec::new()
    } else {
        milestone::Entity::find()
            .filter(milestone::Column::Id.is_in(milestone_ids))
            .all(db)
            .await?
    };
    let entries = page
        .items
        .iter()
        .filter_map(|(u, p)| {
            let p = p.as_ref()?;
            Some(Entry {
                project: Named {
                    slug: p.slug.clone(),
                    name: p.title.clone(),
                },
                body: u.body.clone(),
                milestone: u.milestone_id.and_then(|id| {
                    milestones
                        .iter()
                        .find(|m| m.id == id)
                        .map(|m| m.title.clone())
                }),
                created_at: u.created_at,
                edited_at: u.edited_at,
            })
        })
        .collect();
    Ok(page.map(entries))
}

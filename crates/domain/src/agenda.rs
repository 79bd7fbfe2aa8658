//! A meeting's agenda: projects presenting, talks, free slots. Coordinators
//! build it; teams ask to present, and coordinators accept.

use crate::context::Context;
use crate::entities::{agenda_item as item, meetup_occurrence as occurrence, project};
use crate::error::{DomainError, Result};
use crate::role::Actor;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

crate::stored_code! {
    /// What an agenda item is.
    pub enum Kind ("agenda item kind", "error-choice-invalid") {
        /// A project presents.
        Project = "project",
        /// A talk.
        Talk = "talk",
        /// Open time.
        Free = "free",
    }
}

crate::stored_code! {
    /// Whether an item is on the agenda or only asked for.
    pub enum ItemStatus ("agenda item status", "error-choice-invalid") {
        /// Asked for by a team, waiting for a coordinator.
        Proposed = "proposed",
        /// On the agenda.
        Accepted = "accepted",
    }
}

/// An agenda item, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its id.
    pub id: i32,
    /// What it is.
    pub kind: Kind,
    /// Its title (the project's, for a project).
    pub title: String,
    /// The project's slug, for a project.
    pub project_slug: Option<String>,
    /// Accepted, or asked for by a team.
    pub accepted: bool,
}

/// The agenda of a meeting, in order.
pub async fn of_occurrence(db: &impl ConnectionTrait, occurrence_id: i32) -> Result<Vec<Item>> {
    let rows = item::Entity::find()
        .filter(item::Column::OccurrenceId.eq(occurrence_id))
        .order_by_asc(item::Column::Position)
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.project_id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = r
                .project_id
                .and_then(|id| projects.iter().find(|p| p.id == id));
            Item {
                id: r.id,
                kind: r.kind,
                title: p.map_or(r.title.clone(), |p| p.title.clone()),
                project_slug: p.map(|p| p.slug.clone()),
                accepted: r.status == ItemStatus::Accepted,
            }
        })
        .collect())
}

async fn next_position(db: &impl ConnectionTrait, occurrence_id: i32) -> Result<i32> {
    Ok(item::Entity::find()
        .filter(item::Column::OccurrenceId.eq(occurrence_id))
        .all(db)
        .await?
        .iter()
        .map(|i| i.position)
        .max()
        .unwrap_or(0)
        + 1)
}

/// Adds an item; the city's coordinators only. A project must be of the city.
pub async fn add(
    ctx: &Context,
    actor: &Actor,
    occurrence_id: i32,
    kind: Kind,
    project_id: Option<i32>,
    title: &str,
) -> Result<i32> {
    let occ = occurrence::Entity::find_by_id(occurrence_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(occ.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let title = title.trim();
    match kind {
        Kind::Project => {
            let p = match project_id {
                Some(id) => project::Entity::find_by_id(id).one(&ctx.db).await?,
                None => None,
            };
            if p.is_none_or(|p| p.city_id != occ.city_id || p.archived_at.is_some()) {
                return Err(DomainError::field(
                    "project_id",
                    "error-project-not-in-city",
                ));
            }
        }
        Kind::Talk | Kind::Free => {
            if title.is_empty() {
                return Err(DomainError::field("title", "error-required"));
            }
            if title.chars().count() > 200 {
                return Err(DomainError::field("title", "error-too-long"));
            }
        }
    }
    let row = item::ActiveModel {
        occurrence_id: Set(occurrence_id),
        kind: Set(kind),
        project_id: Set(if kind == Kind::Project {
            project_id
        } else {
            None
        }),
        title: Set(title.to_owned()),
        position: Set(next_position(&ctx.db, occurrence_id).await?),
        status: Set(ItemStatus::Accepted),
        requested_by: Set(actor.user_id()),
        created_at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(row.id)
}

/// A team asks for its project to present; a coordinator accepts later.
pub async fn ask_to_present(
    ctx: &Context,
    actor: &Actor,
    occurrence_id: i32,
    project: &crate::project::Project,
) -> Result<i32> {
    if !project.rights.post_update {
        return Err(DomainError::Forbidden);
    }
    let occ = occurrence::Entity::find_by_id(occurrence_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if occ.city_id != project.row.city_id {
        return Err(DomainError::field(
            "project_id",
            "error-project-not-in-city",
        ));
    }
    let exists = item::Entity::find()
        .filter(item::Column::OccurrenceId.eq(occurrence_id))
        .filter(item::Column::ProjectId.eq(project.row.id))
        .one(&ctx.db)
        .await?;
    if let Some(existing) = exists {
        return Ok(existing.id);
    }
    let row = item::ActiveModel {
        occurrence_id: Set(occurrence_id),
        kind: Set(Kind::Project),
        project_id: Set(Some(project.row.id)),
        title: Set(String::new()),
        position: Set(next_position(&ctx.db, occurrence_id).await?),
        status: Set(ItemStatus::Proposed),
        requested_by: Set(actor.user_id()),
        created_at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(row.id)
}

async fn coordinated_item(ctx: &Context, actor: &Actor, item_id: i32) -> Result<item::Model> {
    let it = item::Entity::find_by_id(item_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let occ = occurrence::Entity::find_by_id(it.occurrence_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(occ.city_id)) {
        return Err(DomainError::Forbidden);
    }
    Ok(it)
}

/// Accepts a team's request to present.
pub async fn accept(ctx: &Context, actor: &Actor, item_id: i32) -> Result<()> {
    coordinated_item(ctx, actor, item_id).await?;
    item::Entity::update_many()
        .col_expr(item::Column::Status, Expr::value(ItemStatus::Accepted))
        .filter(item::Column::Id.eq(item_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Removes an item.
pub async fn remove(ctx: &Context, actor: &Actor, item_id: i32) -> Result<()> {
    coordinated_item(ctx, actor, item_id).await?;
    item::Entity::delete_by_id(item_id).exec(&ctx.db).await?;
    Ok(())
}

/// The meetings where a project presented (accepted items), newest first:
/// (occurrence id, title, start).
pub async fn presentations(
    db: &impl ConnectionTrait,
    project_id: i32,
) -> Result<Vec<(i32, String, DateTime<Utc>)>> {
    let items = item::Entity::find()
        .filter(item::Column::ProjectId.eq(project_id))
        .filter(item::Column::Status.eq(ItemStatus::Accepted))
        .all(db)
        .await?;
    let ids: Vec<i32> = items.iter().map(|i| i.occurrence_id).collect();
    let mut occs: Vec<(i32, String, DateTime<Utc>)> = occurrence::Entity::find()
        .filter(occurrence::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.title, o.starts_at))
        .collect();
    occs.sort_by_key(|o| std::cmp::Reverse(o.2));
    Ok(occs)
}

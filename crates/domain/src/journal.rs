//! The progress journal: dated entries written by the team, public or
//! team-only, optionally completing a milestone, editable by their author
//! for 24 hours.

use crate::context::Context;
use crate::entities::{milestone, project, project_update, user};
use crate::error::{DomainError, FieldErrors, Result};
use crate::project::Project;
use crate::role::Actor;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};

/// How long an author may still correct an entry.
pub const EDIT_WINDOW: Duration = Duration::hours(24);

/// A journal entry, ready to show.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its id.
    pub id: i32,
    /// The project's id.
    pub project_id: i32,
    /// The author's account, if it still exists.
    pub author_id: Option<i32>,
    /// The author's name.
    pub author_name: Option<String>,
    /// Markdown text.
    pub body: String,
    /// The milestone it is about.
    pub milestone_title: Option<String>,
    /// Shown to everyone, or to the team only.
    pub is_public: bool,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was last corrected.
    pub edited_at: Option<DateTime<Utc>>,
}

impl Entry {
    /// Whether `actor` may still correct it at `now`.
    pub fn editable_by(&self, actor: &Actor, now: DateTime<Utc>) -> bool {
        actor.user_id().is_some()
            && actor.user_id() == self.author_id
            && now - self.created_at < EDIT_WINDOW
    }
}

/// The journal form as submitted.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    /// Markdown text.
    pub body: String,
    /// Milestone id, empty for none.
    pub milestone_id: String,
    /// Shown to everyone.
    pub is_public: bool,
    /// Mark the milestone done.
    pub completes_milestone: bool,
}

fn check_body(body: &str) -> std::result::Result<String, &'static str> {
    let body = body.trim();
    if body.is_empty() {
        Err("error-required")
    } else if body.chars().count() > 20_000 {
        Err("error-too-long")
    } else {
        Ok(body.to_owned())
    }
}

/// Writes an entry; only the project's team may.
pub async fn post(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    input: &EntryInput,
) -> Result<i32> {
    let author_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !project.rights.post_update {
        return Err(DomainError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let body = errors.checked("body", check_body(&input.body));
    let milestone_id = match input.milestone_id.trim() {
        "" => None,
        raw => {
            let found = match raw.parse::<i32>() {
                Ok(id) => milestone::Entity::find_by_id(id)
                    .one(&ctx.db)
                    .await?
                    .filter(|m| m.project_id == project.row.id),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add("milestone_id", "error-milestone-invalid");
            }
            found.map(|m| m.id)
        }
    };
    if input.completes_milestone && milestone_id.is_none() && input.milestone_id.trim().is_empty() {
        errors.add("milestone_id", "error-milestone-required");
    }
    let body = errors.finish(body)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let row = project_update::ActiveModel {
        project_id: Set(project.row.id),
        author_id: Set(Some(author_id)),
        body: Set(body),
        milestone_id: Set(milestone_id),
        is_public: Set(input.is_public),
        created_at: Set(now),
        edited_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if input.completes_milestone
        && let Some(id) = milestone_id
    {
        crate::milestone::complete(&txn, project, id, now).await?;
    }
    if input.is_public {
        crate::figures::project_months::refresh(
            &txn,
            &[project.row.id],
            &[crate::figures::project_months::At::Instant(now)],
        )
        .await?;
    }
    crate::project::touch(
        &txn,
        project.row.id,
        now,
        input.is_public && project.row.is_public,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Corrects an entry: its author only, within `EDIT_WINDOW`.
pub async fn edit(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    entry_id: i32,
    body: &str,
) -> Result<()> {
    let entry = project_update::Entity::find_by_id(entry_id)
        .one(&ctx.db)
        .await?
        .filter(|e| e.project_id == project.row.id)
        .ok_or(DomainError::NotFound)?;
    let now = ctx.now();
    if actor.user_id().is_none()
        || actor.user_id() != entry.author_id
        || !project.rights.post_update
    {
        return Err(DomainError::Forbidden);
    }
    if now - entry.created_at >= EDIT_WINDOW {
        return Err(DomainError::field("body", "error-edit-window-over"));
    }
    let body = check_body(body).map_err(|k| DomainError::field("body", k))?;
    project_update::Entity::update_many()
        .col_expr(project_update::Column::Body, Expr::value(body))
        .col_expr(project_update::Column::EditedAt, Expr::value(now))
        .filter(project_update::Column::Id.eq(entry_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

async fn enrich(db: &impl ConnectionTrait, rows: Vec<project_update::Model>) -> Result<Vec<Entry>> {
    let author_ids: Vec<i32> = rows.iter().filter_map(|r| r.author_id).collect();
    let milestone_ids: Vec<i32> = rows.iter().filter_map(|r| r.milestone_id).collect();
    let authors = user::Entity::find()
        .filter(user::Column::Id.is_in(author_ids))
        .all(db)
        .await?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::Id.is_in(milestone_ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Entry {
            id: r.id,
            project_id: r.project_id,
            author_id: r.author_id,
            author_name: r
                .author_id
                .and_then(|a| authors.iter().find(|u| u.id == a).map(|u| u.name.clone())),
            body: r.body,
            milestone_title: r.milestone_id.and_then(|m| {
                milestones
                    .iter()
                    .find(|x| x.id == m)
                    .map(|x| x.title.clone())
            }),
            is_public: r.is_public,
            created_at: r.created_at,
            edited_at: r.edited_at,
        })
        .collect())
}

/// A project's journal, newest first; team-only entries when the actor may see them.
pub async fn of_project(
    db: &impl ConnectionTrait,
    project: &Project,
    limit: u64,
) -> Result<Vec<Entry>> {
    let mut query =
        project_update::Entity::find().filter(project_update::Column::ProjectId.eq(project.row.id));
    if !project.rights.see_private {
        query = query.filter(project_update::Column::IsPublic.eq(true));
    }
    let rows = query
        .order_by_desc(project_update::Column::CreatedAt)
        .order_by_desc(project_update::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    enrich(db, rows).await
}

/// Public entries of public, live projects, newest first, with their
/// project's slug and title (the programme's feed).
pub async fn public_feed(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<(Entry, String, String)>> {
    let rows: Vec<(project_update::Model, Option<project::Model>)> = project_update::Entity::find()
        .find_also_related(project::Entity)
        .filter(project_update::Column::IsPublic.eq(true))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null())
        .order_by_desc(project_update::Column::CreatedAt)
        .order_by_desc(project_update::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let projects: Vec<(i32, String, String)> = rows
        .iter()
        .filter_map(|(_, p)| p.as_ref().map(|p| (p.id, p.slug.clone(), p.title.clone())))
        .collect();
    let entries = enrich(db, rows.into_iter().map(|(u, _)| u).collect()).await?;
    Ok(entries
        .into_iter()
        .filter_map(|e| {
            let (_, slug, title) = projects
                .iter()
                .find(|(id, _, _)| *id == e.project_id)?
                .clone();
            Some((e, slug, title))
        })
        .collect())
}

/// One entry of a project's journal, if the actor may see it (team-only
/// entries for those who see the private side only).
pub async fn entry_of_project(
    db: &impl ConnectionTrait,
    project: &Project,
    id: i32,
) -> Result<Entry> {
    let mut query = project_update::Entity::find_by_id(id)
        .filter(project_update::Column::ProjectId.eq(project.row.id));
    if !project.rights.see_private {
        query = query.filter(project_update::Column::IsPublic.eq(true));
    }
    let row = query
        .one(db)
        .await?
        .ok_or(crate::error::DomainError::NotFound)?;
    enrich(db, vec![row])
        .await?
        .pop()
        .ok_or(crate::error::DomainError::NotFound)
}

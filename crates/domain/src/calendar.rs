//! Calendar feeds: each city's public feed of meetings, and a personal feed
//! per member at a secret address (their meetings and their projects'
//! milestone due dates), which they can revoke from their profile.

use crate::context::Context;
use crate::entities::{city, meetup_occurrence as occurrence, project, rsvp, user};
use crate::error::{DomainError, Result};
use crate::milestone::{self, Milestone};
use crate::role::Actor;
use crate::rsvp::Answer;
use crate::token::LinkToken;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// How far back feeds still list past meetings.
pub const PAST: Duration = Duration::days(60);

/// Whether the actor turned their personal feed on. Only the hash of its
/// secret is kept, so its address can be shown once, when it is made.
pub async fn is_on(db: &impl ConnectionTrait, actor: &Actor) -> Result<bool> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|u| u.calendar_token_hash.is_some()))
}

/// Turns the actor's feed on with a new secret address (the old one stops
/// working); returns the secret, which is not kept in clear.
pub async fn renew(ctx: &Context, actor: &Actor) -> Result<LinkToken> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let token = LinkToken::generate();
    user::Entity::update_many()
        .col_expr(user::Column::CalendarTokenHash, Expr::value(token.hash()))
        .filter(user::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(token)
}

/// Turns the actor's feed off.
pub async fn revoke(ctx: &Context, actor: &Actor) -> Result<()> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    user::Entity::update_many()
        .col_expr(
            user::Column::CalendarTokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(user::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// What a personal feed holds.
#[derive(Debug, Clone)]
pub struct Personal {
    /// Whose feed it is.
    pub name: String,
    /// Meetings they answered yes or maybe to (or wait for a place at).
    pub meetings: Vec<occurrence::Model>,
    /// Among them, those they may not attend: answered maybe, or waitlisted.
    pub tentative: Vec<i32>,
    /// Milestones of their projects: (project slug, project title, milestone).
    pub milestones: Vec<(String, String, Milestone)>,
}

/// The personal feed behind a secret token; `NotFound` for an unknown or
/// revoked one.
pub async fn personal(
    db: &impl ConnectionTrait,
    token: &LinkToken,
    now: DateTime<Utc>,
) -> Result<Personal> {
    let owner = user::Entity::find()
        .filter(user::Column::CalendarTokenHash.eq(token.hash()))
        .filter(user::Column::IsActive.eq(true))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let answers = rsvp::Entity::find()
        .filter(rsvp::Column::UserId.eq(owner.id))
        .filter(rsvp::Column::Answer.is_in([Answer::Yes, Answer::Maybe]))
        .all(db)
        .await?;
    let meetings = occurrence::Entity::find()
        .filter(
            occurrence::Column::Id
                .is_in(answers.iter().map(|a| a.occurrence_id).collect::<Vec<_>>()),
        )
        .filter(occurrence::Column::EndsAt.gt(now - PAST))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(db)
        .await?;
    let tentative = answers
        .iter()
        .filter(|a| a.waitlisted || a.answer == Answer::Maybe)
        .map(|a| a.occurrence_id)
        .collect();
    let project_ids: Vec<i32> = crate::team::projects_of(db, owner.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids.clone()))
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let milestones = milestone::of_projects(db, &project_ids)
        .await?
        .into_iter()
        .filter(|m| {
            matches!(
                m.status,
                milestone::Status::Planned | milestone::Status::InProgress
            )
        })
        .filter_map(|m| {
            let p = projects.iter().find(|p| p.id == m.project_id)?;
            Some((p.slug.clone(), p.title.clone(), m))
        })
        .collect();
    Ok(Personal {
        name: owner.name,
        meetings,
        tentative,
        milestones,
    })
}

/// A city's public feed: its meetings from `PAST` ago on.
pub async fn of_city(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<(String, Vec<occurrence::Model>)> {
    let c = city::Entity::find()
        .filter(city::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let meetings = occurrence::Entity::find()
        .filter(occurrence::Column::CityId.eq(c.id))
        .filter(occurrence::Column::EndsAt.gt(now - PAST))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(db)
        .await?;
    Ok((c.name, meetings))
}

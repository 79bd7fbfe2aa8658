//! Calendar feeds: each city's public feed of meetings, and a personal feed
//! per member at a secret address (their meetings and their projects'
//! milestone due dates), which they can revoke from their profile.

use crate::context::Context;
use crate::entities::{city, meetup_occurrence as occurrence, project, rsvp, user};
use crate::error::{DomainError, Result};
use crate::milestone::{self, Milestone};
use crate::role::Actor;
use crate::rsvp::Answer;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// How far back feeds still list past meetings.
pub const PAST: Duration = Duration::days(60);

/// The actor's feed token, if they turned the feed on.
pub async fn token_of(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<String>> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .and_then(|u| u.calendar_token))
}

/// Turns the actor's feed on with a new secret address (the old one stops working).
pub async fn renew(ctx: &Context, actor: &Actor) -> Result<String> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let token = crate::token::generate();
    user::Entity::update_many()
        .col_expr(user::Column::CalendarToken, Expr::value(token.clone()))
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
            user::Column::CalendarToken,
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
    token: &str,
    now: DateTime<Utc>,
) -> Result<Personal> {
    if token.len() < 20 {
        return Err(DomainError::NotFound);
    }
    let owner = user::Entity::find()
        .filter(user::Column::CalendarToken.eq(token))
        .filter(user::Column::IsActive.eq(true))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let answers = rsvp::Entity::find()
        .filter(rsvp::Column::UserId.eq(owner.id))
        .filter(rsvp::Column::Answer.is_in([Answer::Yes.code(), Answer::Maybe.code()]))
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
        .filter(|a| a.waitlisted || a.answer == Answer::Maybe.code())
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

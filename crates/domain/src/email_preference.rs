//! Which emails a member wants. Account emails (activation, password,
//! invitations) always go; every other email belongs to a category the
//! member can turn off — from their profile, or with one click from the
//! email itself (RFC 8058), without logging in.

use crate::context::Context;
use crate::email_message::EmailMessage;
use crate::entities::{email_preference as pref, user};
use crate::error::{DomainError, Result};
use crate::role::Actor;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// A category of optional email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Meeting invitations, changes and reminders.
    Meetups,
    /// Polls for meeting dates.
    Polls,
    /// Reminders about one's projects (milestones, check-ins, quiet nudges).
    Projects,
    /// Reminders to mentors.
    Reviews,
    /// The periodic digest.
    Digest,
    /// Announcements from coordinators.
    Announcements,
    /// Introduction requests and their answers (mise en relation).
    Introductions,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 7] = [
        Category::Meetups,
        Category::Polls,
        Category::Projects,
        Category::Reviews,
        Category::Digest,
        Category::Announcements,
        Category::Introductions,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Meetups => "meetups",
            Category::Polls => "polls",
            Category::Projects => "projects",
            Category::Reviews => "reviews",
            Category::Digest => "digest",
            Category::Announcements => "announcements",
            Category::Introductions => "introductions",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> std::result::Result<Self, &'static str> {
        Category::ALL
            .into_iter()
            .find(|c| c.code() == code.trim())
            .ok_or("error-choice-invalid")
    }

    /// The category of an email; `None` for account emails, which always go.
    pub fn of(message: &EmailMessage) -> Option<Category> {
        match message {
            EmailMessage::Activation { .. }
            | EmailMessage::AccountExists { .. }
            | EmailMessage::PasswordReset { .. }
            | EmailMessage::SetPassword { .. }
            | EmailMessage::Invitation { .. }
            | EmailMessage::ProjectInvitation { .. } => None,
            EmailMessage::PollInvitation { .. } | EmailMessage::PollReminder { .. } => {
                Some(Category::Polls)
            }
            EmailMessage::MeetupInvitation { .. }
            | EmailMessage::MeetupReminder { .. }
            | EmailMessage::MeetupNudge { .. }
            | EmailMessage::MeetupChanged { .. } => Some(Category::Meetups),
            EmailMessage::MilestoneDue { .. }
            | EmailMessage::QuietProject { .. }
            | EmailMessage::CheckIn { .. } => Some(Category::Projects),
            EmailMessage::ReviewDue { .. } => Some(Category::Reviews),
            EmailMessage::Digest { .. } => Some(Category::Digest),
            EmailMessage::Announcement { .. } => Some(Category::Announcements),
            EmailMessage::Relation(r) => r.is_optional().then_some(Category::Introductions),
        }
    }
}

/// Whether `user_id` wants emails of `category` (yes unless turned off).
pub async fn wants(db: &impl ConnectionTrait, user_id: i32, category: Category) -> Result<bool> {
    Ok(
        pref::Entity::find_by_id((user_id, category.code().to_owned()))
            .one(db)
            .await?
            .is_none_or(|p| p.enabled),
    )
}

/// The categories the actor has turned off.
pub async fn disabled(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Category>> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    Ok(pref::Entity::find()
        .filter(pref::Column::UserId.eq(id))
        .filter(pref::Column::Enabled.eq(false))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Category::parse(&p.category).ok())
        .collect())
}

async fn set(
    db: &impl ConnectionTrait,
    user_id: i32,
    category: Category,
    enabled: bool,
) -> Result<()> {
    pref::Entity::delete_by_id((user_id, category.code().to_owned()))
        .exec(db)
        .await?;
    pref::ActiveModel {
        user_id: Set(user_id),
        category: Set(category.code().to_owned()),
        enabled: Set(enabled),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Saves the actor's choices: `wanted` are on, the others off.
pub async fn save(ctx: &Context, actor: &Actor, wanted: &[Category]) -> Result<()> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    for c in Category::ALL {
        set(&ctx.db, id, c, wanted.contains(&c)).await?;
    }
    Ok(())
}

/// The secret part of a member's unsubscribe links, made on first use.
pub async fn unsubscribe_token(db: &impl ConnectionTrait, user_id: i32) -> Result<String> {
    let existing = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|u| u.unsubscribe_token);
    if let Some(t) = existing {
        return Ok(t);
    }
    let fresh = crate::token::generate();
    user::Entity::update_many()
        .col_expr(user::Column::UnsubscribeToken, Expr::value(fresh.clone()))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::UnsubscribeToken.is_null())
        .exec(db)
        .await?;
    // Another transaction may have set one first: read back the winner.
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|u| u.unsubscribe_token)
        .ok_or(DomainError::NotFound)
}

/// Turns a category off from an unsubscribe link; returns the member's name.
pub async fn unsubscribe(ctx: &Context, token: &str, category: Category) -> Result<String> {
    if token.len() < 20 {
        return Err(DomainError::NotFound);
    }
    let owner = user::Entity::find()
        .filter(user::Column::UnsubscribeToken.eq(token))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    set(&ctx.db, owner.id, category, false).await?;
    Ok(owner.name)
}

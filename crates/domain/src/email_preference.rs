//! Which emails a member wants. Account emails (activation, password,
//! invitations) always go; every other email belongs to a category the
//! member can turn off — from their profile, or with one click from the
//! email itself (RFC 8058), without logging in.

use crate::context::Context;
use crate::email_message::EmailMessage;
use crate::entities::{email_preference as pref, unsubscribe_token, user};
use crate::error::{DomainError, Result};
use crate::role::Actor;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};
use std::collections::{HashMap, HashSet};

crate::stored_code! {
    /// A category of optional email.
    pub enum Category ("email category", "error-choice-invalid") {
        /// Meeting invitations, changes and reminders.
        Meetups = "meetups",
        /// Polls for meeting dates.
        Polls = "polls",
        /// Reminders about one's projects (milestones, check-ins, quiet nudges).
        Projects = "projects",
        /// Reminders to mentors.
        Reviews = "reviews",
        /// The periodic digest.
        Digest = "digest",
        /// Announcements from coordinators.
        Announcements = "announcements",
        /// Introduction requests and their answers (mise en relation).
        Introductions = "introductions",
    }
}

impl Category {
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
            | EmailMessage::MeetupChanged { .. }
            | EmailMessage::MeetupPromoted { .. } => Some(Category::Meetups),
            EmailMessage::MilestoneDue { .. }
            | EmailMessage::QuietProject { .. }
            | EmailMessage::CheckIn { .. } => Some(Category::Projects),
            EmailMessage::ReviewDue { .. }
            | EmailMessage::ReviewRequested { .. }
            | EmailMessage::MentorChanged {
                to_mentor: true, ..
            } => Some(Category::Reviews),
            EmailMessage::ReviewPosted { .. }
            | EmailMessage::MentorChanged {
                to_mentor: false, ..
            } => Some(Category::Projects),
            EmailMessage::Digest { .. } => Some(Category::Digest),
            EmailMessage::Announcement { .. } => Some(Category::Announcements),
            EmailMessage::Relation(r) => r.is_optional().then_some(Category::Introductions),
        }
    }
}

/// Members per statement when reading preferences in bulk.
const CHUNK: usize = 500;

/// Unsubscribe links written per statement (four columns each).
const TOKEN_CHUNK: usize = 1000;

/// What queuing optional emails to many members needs to know, read in
/// chunks of members rather than once per email.
#[derive(Debug, Clone, Default)]
pub struct Recipients {
    off: HashSet<(i32, Category)>,
    /// The clear secret of each (member, category) link made for this batch.
    tokens: HashMap<(i32, Category), String>,
}

impl Recipients {
    /// Whether `user_id` wants emails of `category`.
    pub fn wants(&self, user_id: i32, category: Category) -> bool {
        !self.off.contains(&(user_id, category))
    }

    /// The secret part of `user_id`'s unsubscribe link for `category`
    /// (`{token}/{category}`), if one was made.
    pub fn unsubscribe(&self, user_id: i32, category: Category) -> Option<String> {
        self.tokens
            .get(&(user_id, category))
            .map(|t| format!("{t}/{}", category.code()))
    }
}

/// The categories turned off among `optional` (member, category) pairs.
pub async fn preferences(
    db: &impl ConnectionTrait,
    optional: &[(i32, Category)],
) -> Result<Recipients> {
    let mut ids: Vec<i32> = optional.iter().map(|(u, _)| *u).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Recipients::default();
    for chunk in ids.chunks(CHUNK) {
        let off: Vec<(i32, Category)> = pref::Entity::find()
            .select_only()
            .columns([pref::Column::UserId, pref::Column::Category])
            .filter(pref::Column::UserId.is_in(chunk.to_vec()))
            .filter(pref::Column::Enabled.eq(false))
            .into_tuple()
            .all(db)
            .await?;
        out.off.extend(off);
    }
    Ok(out)
}

/// Preferences for `optional` (member, category) pairs, and a fresh
/// unsubscribe link for each pair wanted: its secret is returned in clear
/// for the emails and stored only as a hash, a chunk of links per
/// statement. Links made earlier keep working.
pub async fn recipients(
    db: &impl ConnectionTrait,
    optional: &[(i32, Category)],
    now: DateTime<Utc>,
) -> Result<Recipients> {
    let mut out = preferences(db, optional).await?;
    let mut pairs: Vec<(i32, Category)> = optional
        .iter()
        .copied()
        .filter(|(u, c)| out.wants(*u, *c))
        .collect();
    pairs.sort_unstable_by_key(|(u, c)| (*u, c.code()));
    pairs.dedup();
    for chunk in pairs.chunks(TOKEN_CHUNK) {
        let mut rows = Vec::with_capacity(chunk.len());
        for (user_id, category) in chunk {
            let clear = crate::token::generate();
            rows.push(unsubscribe_token::ActiveModel {
                token_hash: Set(crate::token::hash(&clear)),
                user_id: Set(*user_id),
                category: Set(*category),
                created_at: Set(now),
            });
            out.tokens.insert((*user_id, *category), clear);
        }
        unsubscribe_token::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(out)
}

/// How long an unsubscribe link keeps working: a year and a month, so that
/// the link in last year's yearly email still works.
pub const LINK_LIFETIME: chrono::Duration = chrono::Duration::days(400);

/// Forgets unsubscribe links older than `LINK_LIFETIME` (one is made per
/// optional email batch, so they would otherwise pile up); returns how many.
pub async fn forget_old_links(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    let done = unsubscribe_token::Entity::delete_many()
        .filter(unsubscribe_token::Column::CreatedAt.lt(now - LINK_LIFETIME))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
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
        .map(|p| p.category)
        .collect())
}

async fn set(
    db: &impl ConnectionTrait,
    user_id: i32,
    category: Category,
    enabled: bool,
) -> Result<()> {
    pref::Entity::delete_by_id((user_id, category))
        .exec(db)
        .await?;
    pref::ActiveModel {
        user_id: Set(user_id),
        category: Set(category),
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

/// The member an unsubscribe link for `category` belongs to. The link's
/// secret stops only the category it was made for: any other category named
/// beside it is a link that does not exist.
async fn link_owner(ctx: &Context, token: &str, category: Category) -> Result<user::Model> {
    if !crate::token::is_well_formed(token) {
        return Err(DomainError::NotFound);
    }
    let link = unsubscribe_token::Entity::find_by_id(crate::token::hash(token))
        .one(&ctx.db)
        .await?
        .filter(|l| l.category == category)
        .ok_or(DomainError::NotFound)?;
    user::Entity::find_by_id(link.user_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Whether an unsubscribe link exists, before its page offers the button:
/// a link nobody was sent is a page that does not exist.
pub async fn check_unsubscribe_link(ctx: &Context, token: &str, category: Category) -> Result<()> {
    link_owner(ctx, token, category).await.map(|_| ())
}

/// Turns a category off from an unsubscribe link; returns the member's name.
pub async fn unsubscribe(ctx: &Context, token: &str, category: Category) -> Result<String> {
    let owner = link_owner(ctx, token, category).await?;
    set(&ctx.db, owner.id, category, false).await?;
    Ok(owner.name)
}

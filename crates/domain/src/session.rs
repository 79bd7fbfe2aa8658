//! Log-in sessions kept in the database, so any instance can serve any
//! request. The cookie holds a random token; the table holds its hash.

use crate::account::{self, Account};
use crate::context::Context;
use crate::entities::session::{self, Column, Entity};
use crate::error::Result;
use crate::token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Idle and absolute lifetimes of a session.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after log-in, whatever happens.
    pub absolute: Duration,
}

impl Lifetime {
    /// The lifetime for a log-in with or without "remember me".
    pub fn for_remember(remember: bool) -> Self {
        if remember {
            Lifetime {
                idle: Duration::days(14),
                absolute: Duration::days(30),
            }
        } else {
            Lifetime {
                idle: Duration::minutes(30),
                absolute: Duration::hours(12),
            }
        }
    }
}

/// How stale `last_seen_at` may get before a request refreshes it; saves a
/// write on every page view.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// A live session and its account.
#[derive(Debug, Clone)]
pub struct LiveSession {
    /// The hashed id (for ending it).
    pub id: String,
    /// The logged-in account.
    pub account: Account,
    /// When it ends at the latest.
    pub expires_at: DateTime<Utc>,
    /// Whether "remember me" was ticked.
    pub remember: bool,
}

/// Starts a session for `user_id`; returns the token for the cookie.
pub async fn start(
    ctx: &Context,
    user_id: i32,
    remember: bool,
    user_agent: Option<&str>,
) -> Result<String> {
    let now = ctx.now();
    let clear = token::generate();
    session::ActiveModel {
        id: Set(token::hash(&clear)),
        user_id: Set(user_id),
        remember: Set(remember),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Lifetime::for_remember(remember).absolute),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(255).collect())),
    }
    .insert(&ctx.db)
    .await?;
    Ok(clear)
}

/// Finds the live session behind a cookie token, ending it if it has
/// expired (idle or absolute) or its account was deactivated.
pub async fn resolve(ctx: &Context, clear: &str) -> Result<Option<LiveSession>> {
    let now = ctx.now();
    let id = token::hash(clear);
    let Some(found) = Entity::find_by_id(id.clone()).one(&ctx.db).await? else {
        return Ok(None);
    };
    let lifetime = Lifetime::for_remember(found.remember);
    if now >= found.expires_at || now - found.last_seen_at >= lifetime.idle {
        Entity::delete_by_id(id).exec(&ctx.db).await?;
        return Ok(None);
    }
    let Some(account) = account::load(&ctx.db, found.user_id).await? else {
        Entity::delete_by_id(id).exec(&ctx.db).await?;
        return Ok(None);
    };
    if now - found.last_seen_at >= TOUCH_EVERY {
        Entity::update_many()
            .col_expr(Column::LastSeenAt, Expr::value(now))
            .filter(Column::Id.eq(&id))
            .exec(&ctx.db)
            .await?;
    }
    Ok(Some(LiveSession {
        id,
        account,
        expires_at: found.expires_at,
        remember: found.remember,
    }))
}

/// Ends the session behind a cookie token.
pub async fn end(db: &impl ConnectionTrait, clear: &str) -> Result<()> {
    Entity::delete_by_id(token::hash(clear)).exec(db).await?;
    Ok(())
}

/// Ends a session by its stored (hashed) id.
pub async fn end_by_id(db: &impl ConnectionTrait, id: &str) -> Result<()> {
    Entity::delete_by_id(id.to_owned()).exec(db).await?;
    Ok(())
}

/// Ends every session of an account (password change or reset).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    Entity::delete_many()
        .filter(Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes sessions past their absolute lifetime (housekeeping job).
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    let result = Entity::delete_many()
        .filter(Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

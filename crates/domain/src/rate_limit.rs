//! Attempt counters kept in the database, so that a limit holds across all
//! instances behind a load balancer.

use crate::entities::rate_limit::{self, Column, Entity};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A limit: at most `max` attempts per `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Attempts allowed in one window.
    pub max: i32,
    /// The window's length.
    pub window: Duration,
}

/// Log-in attempts per account.
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
/// Log-in attempts per client address (several people may share one).
pub const LOGIN_PER_ADDRESS: Limit = Limit {
    max: 30,
    window: Duration::minutes(15),
};
/// Password-reset requests per account.
pub const RESET_PER_ACCOUNT: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};
/// Password-reset and sign-up requests per client address.
pub const EMAILS_PER_ADDRESS: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
};

/// Counts one attempt under `key` and tells whether it is within `limit`.
///
/// Each step is a single atomic statement, so concurrent attempts on several
/// instances are all counted: increment inside the current window, else
/// restart an expired window, else create the counter.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<bool> {
    let window_open_since = now - limit.window;
    for _ in 0..3 {
        let bumped = Entity::update_many()
            .col_expr(Column::Count, Expr::col(Column::Count).add(1))
            .filter(Column::Key.eq(key))
            .filter(Column::WindowStartedAt.gt(window_open_since))
            .exec(db)
            .await?;
        if bumped.rows_affected == 0 {
            let restarted = Entity::update_many()
                .col_expr(Column::Count, Expr::value(1))
                .col_expr(Column::WindowStartedAt, Expr::value(now))
                .filter(Column::Key.eq(key))
                .filter(Column::WindowStartedAt.lte(window_open_since))
                .exec(db)
                .await?;
            if restarted.rows_affected == 0 {
                let inserted = Entity::insert(rate_limit::ActiveModel {
                    key: Set(key.to_owned()),
                    window_started_at: Set(now),
                    count: Set(1),
                })
                .on_conflict_do_nothing_on([Column::Key])
                .exec(db)
                .await?;
                if matches!(inserted, sea_orm::TryInsertResult::Conflicted) {
                    // Someone created it between our statements: count again.
                    continue;
                }
            }
        }
        let count = Entity::find_by_id(key.to_owned())
            .one(db)
            .await?
            .map_or(1, |m| m.count);
        return Ok(count <= limit.max);
    }
    Ok(false)
}

/// Counts one attempt and refuses it with `RateLimited` beyond the limit.
pub async fn enforce(
    db: &impl ConnectionTrait,
    key: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<()> {
    if hit(db, key, limit, now).await? {
        Ok(())
    } else {
        Err(crate::error::DomainError::RateLimited)
    }
}

/// Forgets the counter under `key` (after a successful log-in).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<()> {
    Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

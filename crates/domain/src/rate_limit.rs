//! Attempt counters kept in the database, so that a limit holds across all
//! instances behind a load balancer.

use crate::entities::rate_limit::{self, Column, Entity};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A limit: at most `max` attempts per `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Attempts allowed in one window.
    pub max: i32,
    /// The window's length.
    pub window: Duration,
}

/// Team invitations one member may send in a day.
pub const INVITATIONS_PER_DAY: Limit = Limit {
    max: 20,
    window: Duration::hours(24),
};
/// Announcements one coordinator may send in a day.
pub const ANNOUNCEMENTS_PER_DAY: Limit = Limit {
    max: 5,
    window: Duration::hours(24),
};
/// Date polls one coordinator may open in a day.
pub const POLLS_PER_DAY: Limit = Limit {
    max: 10,
    window: Duration::hours(24),
};

/// A growing delay after failures, instead of a lock: the first `free`
/// failures cost nothing, then each one doubles the wait before the next
/// attempt, from `first` up to `most`. Failures older than `forget_after`
/// are forgotten.
#[derive(Debug, Clone, Copy)]
pub struct Delay {
    /// Failures allowed without any wait.
    pub free: i32,
    /// The wait after the first failure beyond `free`.
    pub first: Duration,
    /// The longest wait.
    pub most: Duration,
    /// A quiet time after which the failures are forgotten.
    pub forget_after: Duration,
}

impl Delay {
    /// The wait owed after `failures` failures, the last at `last`; `None`
    /// once it has passed.
    pub fn wait_left(
        &self,
        failures: i32,
        last: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        if failures < self.free || now - last >= self.forget_after {
            return None;
        }
        // Doubling from `first`; the exponent is capped before shifting so
        // that no count of failures can overflow.
        let doublings = (failures - self.free).clamp(0, 30) as u32;
        let wait = self
            .first
            .checked_mul(1 << doublings)
            .map_or(self.most, |w| w.min(self.most));
        let left = last + wait - now;
        (left > Duration::zero()).then_some(left)
    }
}

/// Log-in failures for one account from one client address. Keyed by both,
/// so a stranger elsewhere cannot make the owner wait.
pub const LOGIN_PER_ACCOUNT_AND_ADDRESS: Delay = Delay {
    free: 5,
    first: Duration::seconds(15),
    most: Duration::minutes(15),
    forget_after: Duration::hours(24),
};
/// Log-in failures from one client address, whatever the account (several
/// people may share one address: a hackathon venue).
pub const LOGIN_PER_ADDRESS: Delay = Delay {
    free: 30,
    first: Duration::seconds(2),
    most: Duration::minutes(5),
    forget_after: Duration::hours(1),
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

/// Counts one sending by `user_id` of the `what` kind and refuses it beyond
/// the day's `limit`, with the message `key` by `field`, so the form and
/// what was typed stay. Called inside the sending's transaction: a sending
/// that fails is not counted.
pub async fn daily(
    db: &impl ConnectionTrait,
    what: &str,
    user_id: i32,
    limit: Limit,
    now: DateTime<Utc>,
    (field, key): (&'static str, &'static str),
) -> Result<()> {
    if hit(db, &format!("daily:{what}:{user_id}"), limit, now).await? {
        Ok(())
    } else {
        Err(crate::error::DomainError::field(field, key))
    }
}

/// Forgets counters whose window or last failure is older than two days:
/// no limit or delay looks further back than a day.
pub async fn forget_old(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    let done = Entity::delete_many()
        .filter(Column::WindowStartedAt.lt(now - Duration::days(2)))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Forgets the counter under `key` (after a successful log-in).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<()> {
    Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// How long the caller must still wait under `key` before trying again,
/// if at all.
pub async fn delay_left(
    db: &impl ConnectionTrait,
    key: &str,
    delay: Delay,
    now: DateTime<Utc>,
) -> Result<Option<Duration>> {
    Ok(Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .and_then(|m| delay.wait_left(m.count, m.window_started_at, now)))
}

/// Counts one failure under `key`: the row holds the failures and the time
/// of the last one, both set by single atomic statements.
pub async fn failed(
    db: &impl ConnectionTrait,
    key: &str,
    delay: Delay,
    now: DateTime<Utc>,
) -> Result<()> {
    let forgotten_before = now - delay.forget_after;
    for _ in 0..3 {
        let bumped = Entity::update_many()
            .col_expr(Column::Count, Expr::col(Column::Count).add(1))
            .col_expr(Column::WindowStartedAt, Expr::value(now))
            .filter(Column::Key.eq(key))
            .filter(Column::WindowStartedAt.gt(forgotten_before))
            .exec(db)
            .await?;
        if bumped.rows_affected > 0 {
            return Ok(());
        }
        let restarted = Entity::update_many()
            .col_expr(Column::Count, Expr::value(1))
            .col_expr(Column::WindowStartedAt, Expr::value(now))
            .filter(Column::Key.eq(key))
            .filter(Column::WindowStartedAt.lte(forgotten_before))
            .exec(db)
            .await?;
        if restarted.rows_affected > 0 {
            return Ok(());
        }
        let inserted = Entity::insert(rate_limit::ActiveModel {
            key: Set(key.to_owned()),
            window_started_at: Set(now),
            count: Set(1),
        })
        .on_conflict_do_nothing_on([Column::Key])
        .exec(db)
        .await?;
        if !matches!(inserted, sea_orm::TryInsertResult::Conflicted) {
            return Ok(());
        }
    }
    Ok(())
}

/// Forgets every counter whose key starts with `prefix` (a password reset
/// ends the log-in delays of its account, from every address).
pub async fn clear_prefix(db: &impl ConnectionTrait, prefix: &str) -> Result<()> {
    // LIKE with its wildcards escaped: an address may hold `_`.
    let escaped: String = prefix
        .chars()
        .flat_map(|c| match c {
            '\\' | '%' | '_' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Entity::delete_many()
        .filter(Expr::col(Column::Key).like(LikeExpr::new(format!("{escaped}%")).escape('\\')))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_wait_doubles_after_the_free_failures_up_to_its_ceiling() {
        let d = LOGIN_PER_ACCOUNT_AND_ADDRESS;
        let last = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        assert_eq!(d.wait_left(4, last, last), None);
        assert_eq!(d.wait_left(5, last, last), Some(Duration::seconds(15)));
        assert_eq!(d.wait_left(6, last, last), Some(Duration::seconds(30)));
        assert_eq!(d.wait_left(7, last, last), Some(Duration::seconds(60)));
        assert_eq!(d.wait_left(20, last, last), Some(Duration::minutes(15)));
        assert_eq!(
            d.wait_left(i32::MAX, last, last),
            Some(Duration::minutes(15))
        );
        let later = last + Duration::seconds(10);
        assert_eq!(d.wait_left(5, last, later), Some(Duration::seconds(5)));
        assert_eq!(d.wait_left(5, last, last + Duration::seconds(15)), None);
        assert_eq!(d.wait_left(20, last, last + Duration::hours(24)), None);
    }
}

//! The email outbox: emails are rows first, then delivered by the scheduler.
//!
//! A row is written in the same transaction as the change that causes it,
//! and its idempotency key is unique, so an email is queued exactly once.
//! Delivery claims a row with a compare-and-set update that only one
//! instance can win; a claim whose instance died expires after its lease.

use crate::email_message::{EmailKind, EmailMessage};
use crate::email_preference::{self, Category};
use crate::entities::email_outbox::{self, Column, Entity};
use crate::error::{DomainError, Result};
use crate::language::Language;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

crate::stored_code! {
    /// Delivery state of an outbox row.
    pub enum State ("email state", "error-choice-invalid") {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Claimed by a delivery loop.
        Sending = "sending",
        /// Accepted by the mail server.
        Sent = "sent",
        /// Given up on; `last_error` says why.
        Failed = "failed",
    }
}

/// An email to queue.
#[derive(Debug, Clone)]
pub struct NewEmail<'a> {
    /// Unique per email that should exist once (kind + subject + recipient + occasion).
    pub idempotency_key: String,
    /// The recipient's address.
    pub to: &'a str,
    /// The recipient's account, when they have one.
    pub user_id: Option<i32>,
    /// The language to write it in.
    pub language: Language,
    /// What it says.
    pub message: &'a EmailMessage,
}

/// Rows per INSERT: with the outbox's twenty columns a statement stays well
/// under the bind-parameter limits of SQLite (32,766) and PostgreSQL (65,535).
pub const CHUNK: usize = 400;

/// Queues an email; queuing the same idempotency key again does nothing,
/// and neither does an email of a category its recipient turned off.
/// Returns true when this call queued it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    email: NewEmail<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(enqueue_many(db, std::slice::from_ref(&email), now).await? == 1)
}

/// Queues many emails at once, `CHUNK` rows per statement, with the same
/// rules as `enqueue`: a key already queued is left alone and a category
/// its recipient turned off is skipped. Keys already queued, preferences
/// and unsubscribe links are read and written in chunks too, so the cost
/// grows with the number of chunks, not of emails. Returns how many rows
/// this call inserted.
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    emails: &[NewEmail<'_>],
    now: DateTime<Utc>,
) -> Result<usize> {
    if emails.is_empty() {
        return Ok(0);
    }
    // Planners offer the same emails at every run: those already queued are
    // set aside first, so that only new ones get an unsubscribe link made.
    let already = queued_keys(db, emails).await?;
    let emails: Vec<&NewEmail<'_>> = emails
        .iter()
        .filter(|e| !already.contains(&e.idempotency_key))
        .collect();
    let optional: Vec<(i32, Category)> = emails
        .iter()
        .filter_map(|e| Some((e.user_id?, Category::of(e.message)?)))
        .collect();
    let recipients = email_preference::recipients(db, &optional, now).await?;
    let mut queued = 0;
    for chunk in emails.chunks(CHUNK) {
        let mut rows = Vec::with_capacity(chunk.len());
        for &email in chunk {
            let unsubscribe = match (Category::of(email.message), email.user_id) {
                (Some(c), Some(user_id)) => {
                    if !recipients.wants(user_id, c) {
                        continue;
                    }
                    recipients.unsubscribe(user_id, c)
                }
                _ => None,
            };
            rows.push(row(email, unsubscribe, now)?);
        }
        if rows.is_empty() {
            continue;
        }
        let inserted = Entity::insert_many(rows)
            .on_conflict_do_nothing_on([Column::IdempotencyKey])
            .exec_without_returning(db)
            .await?;
        if let sea_orm::TryInsertResult::Inserted(n) = inserted {
            queued += usize::try_from(n).unwrap_or(0);
        }
    }
    Ok(queued)
}

/// Which of `emails` `enqueue_many` would queue now: not queued yet and
/// wanted by their recipient (the dry run). Reads in chunks, like it.
pub async fn would_queue(db: &impl ConnectionTrait, emails: &[NewEmail<'_>]) -> Result<Vec<bool>> {
    let optional: Vec<(i32, Category)> = emails
        .iter()
        .filter_map(|e| Some((e.user_id?, Category::of(e.message)?)))
        .collect();
    let recipients = email_preference::preferences(db, &optional).await?;
    let queued = queued_keys(db, emails).await?;
    Ok(emails
        .iter()
        .map(|e| {
            let wanted = match (Category::of(e.message), e.user_id) {
                (Some(c), Some(user_id)) => recipients.wants(user_id, c),
                _ => true,
            };
            wanted && !queued.contains(&e.idempotency_key)
        })
        .collect())
}

/// The keys of `emails` already in the outbox, read a chunk at a time.
async fn queued_keys(
    db: &impl ConnectionTrait,
    emails: &[NewEmail<'_>],
) -> Result<HashSet<String>> {
    let mut queued = HashSet::new();
    for chunk in emails.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(|e| e.idempotency_key.as_str()).collect();
        let found: Vec<String> = Entity::find()
            .select_only()
            .column(Column::IdempotencyKey)
            .filter(Column::IdempotencyKey.is_in(keys))
            .into_tuple()
            .all(db)
            .await?;
        queued.extend(found);
    }
    Ok(queued)
}

fn row(
    email: &NewEmail<'_>,
    unsubscribe: Option<String>,
    now: DateTime<Utc>,
) -> Result<email_outbox::ActiveModel> {
    let payload = serde_json::to_string(email.message)
        .map_err(|e| DomainError::Internal(format!("email payload: {e}")))?;
    Ok(email_outbox::ActiveModel {
        idempotency_key: Set(email.idempotency_key.clone()),
        kind: Set(email.message.kind()),
        recipient_email: Set(email.to.to_owned()),
        recipient_user_id: Set(email.user_id),
        language: Set(email.language),
        payload: Set(payload),
        subject: Set(None),
        body_text: Set(None),
        body_html: Set(None),
        state: Set(State::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        locked_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        unsubscribe: Set(unsubscribe),
        ..Default::default()
    })
}

/// An email an action wanted but could not write.
#[derive(Debug, Clone)]
pub struct Unwritten<'a> {
    /// As for `NewEmail`.
    pub idempotency_key: String,
    /// The kind it would have been.
    pub kind: EmailKind,
    /// The recipient's address.
    pub to: &'a str,
    /// The recipient's account, when they have one.
    pub user_id: Option<i32>,
    /// Their language.
    pub language: Language,
    /// Why it could not be written.
    pub reason: &'a str,
}

/// Records an email that could not be written as a failed row with its
/// reason, so the action that caused it still succeeds and coordinators
/// see what was not sent. Once per key, like `enqueue`; returns true when
/// this call recorded it.
pub async fn record_unwritable(
    db: &impl ConnectionTrait,
    email: Unwritten<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    // Columns left unset are empty: nothing was rendered, claimed or sent.
    let row = email_outbox::ActiveModel {
        idempotency_key: Set(email.idempotency_key),
        kind: Set(email.kind),
        recipient_email: Set(email.to.to_owned()),
        recipient_user_id: Set(email.user_id),
        language: Set(email.language),
        // Nothing to retry from: a retry fails again as unreadable.
        payload: Set("{}".to_owned()),
        state: Set(State::Failed),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(Some(email.reason.to_owned())),
        created_at: Set(now),
        ..Default::default()
    };
    let result = Entity::insert(row)
        .on_conflict_do_nothing_on([Column::IdempotencyKey])
        .exec(db)
        .await?;
    Ok(matches!(result, sea_orm::TryInsertResult::Inserted(_)))
}

/// A claimed email, ready to render and send.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The outbox row as claimed.
    pub row: email_outbox::Model,
    /// The decoded content.
    pub message: EmailMessage,
    /// The recipient's language.
    pub language: Language,
    /// The recipient's own zone: their profile's, else their city's;
    /// `None` for an address without an account.
    pub zone: Option<chrono_tz::Tz>,
}

/// Candidates read beyond a claim's limit, for the rows other instances win.
const CLAIM_MARGIN: u64 = 16;

/// Claims up to `limit` due emails for `worker` until `now + lease`.
///
/// Due means pending with its next attempt in the past, or "sending" with
/// an expired lease (its worker died). Each row is taken with an update
/// guarded by the state it was read in, so two workers never both win it.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Claimed>> {
    let due = Condition::any()
        .add(
            Condition::all()
                .add(Column::State.eq(State::Pending))
                .add(Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(Column::State.eq(State::Sending))
                .add(Column::LockedUntil.lt(now)),
        );
    // A few more candidates than wanted: instances racing for the same
    // first rows each lose some, and an empty answer must mean "nothing is
    // due", not "another instance was quicker".
    let candidates: Vec<(i64, i32)> = Entity::find()
        .select_only()
        .column(Column::Id)
        .column(Column::Attempts)
        .filter(due.clone())
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .limit(limit.saturating_add(CLAIM_MARGIN))
        .into_tuple()
        .all(db)
        .await?;
    let mut won = Vec::new();
    for (id, attempts) in candidates {
        if won.len() as u64 >= limit {
            break;
        }
        let update = Entity::update_many()
            .col_expr(Column::State, Expr::value(State::Sending))
            .col_expr(Column::LockedBy, Expr::value(worker))
            .col_expr(Column::LockedUntil, Expr::value(now + lease))
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .filter(Column::Id.eq(id))
            .filter(Column::Attempts.eq(attempts))
            .filter(due.clone())
            .exec(db)
            .await?;
        if update.rows_affected == 1 {
            won.push(id);
        }
    }
    if won.is_empty() {
        return Ok(Vec::new());
    }
    let rows = Entity::find()
        .filter(Column::Id.is_in(won))
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        let language = row.language;
        match serde_json::from_str::<EmailMessage>(&row.payload) {
            Ok(message) => claimed.push(Claimed {
                row,
                message,
                language,
                zone: None,
            }),
            Err(e) => {
                fail(db, row.id, worker, &format!("unreadable payload: {e}")).await?;
            }
        }
    }
    skip_departed(db, claimed, worker).await
}

/// Gives up, with the reason, on claimed emails whose recipient closed or
/// deleted their account after the email was queued (a planner may queue
/// hours before delivery). A deleted account leaves its rows without a
/// user but with the unsubscribe link only accounts get. The others learn
/// their recipient's zone, read now (the profile may have changed since).
async fn skip_departed(
    db: &impl ConnectionTrait,
    claimed: Vec<Claimed>,
    worker: &str,
) -> Result<Vec<Claimed>> {
    use crate::entities::{city, user};
    let ids: Vec<i32> = claimed
        .iter()
        .filter_map(|c| c.row.recipient_user_id)
        .collect();
    let active: HashMap<i32, (Option<String>, Option<i32>)> = if ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .select_only()
            .columns([
                user::Column::Id,
                user::Column::TimeZone,
                user::Column::CityId,
            ])
            .filter(user::Column::Id.is_in(ids))
            .filter(user::Column::IsActive.eq(true))
            .into_tuple::<(i32, Option<String>, Option<i32>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, zone, city)| (id, (zone, city)))
            .collect()
    };
    let city_ids: HashSet<i32> = active.values().filter_map(|(_, c)| *c).collect();
    let city_zones: HashMap<i32, String> = if city_ids.is_empty() {
        HashMap::new()
    } else {
        city::Entity::find()
            .select_only()
            .columns([city::Column::Id, city::Column::TimeZone])
            .filter(city::Column::Id.is_in(city_ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let zone_of = |id: i32| {
        let (own, city) = active.get(&id)?;
        own.as_deref()
            .and_then(|z| crate::time_zone::parse(z).ok())
            .or_else(|| {
                city.and_then(|c| city_zones.get(&c))
                    .and_then(|z| crate::time_zone::parse(z).ok())
            })
    };
    let mut kept = Vec::with_capacity(claimed.len());
    let (mut closed, mut deleted) = (Vec::new(), Vec::new());
    for mut c in claimed {
        match c.row.recipient_user_id {
            Some(id) if !active.contains_key(&id) => closed.push(c.row.id),
            None if c.row.unsubscribe.is_some() => deleted.push(c.row.id),
            Some(id) => {
                c.zone = zone_of(id);
                kept.push(c);
            }
            None => kept.push(c),
        }
    }
    for (ids, reason) in [
        (closed, "skipped: the recipient's account is closed"),
        (deleted, "skipped: the recipient's account was deleted"),
    ] {
        if ids.is_empty() {
            continue;
        }
        Entity::update_many()
            .col_expr(Column::State, Expr::value(State::Failed))
            .col_expr(
                Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(Column::LastError, Expr::value(reason))
            .filter(Column::Id.is_in(ids))
            .filter(Column::LockedBy.eq(worker))
            .exec(db)
            .await?;
    }
    Ok(kept)
}

/// Stores the rendered subject and bodies, so coordinators can see what went out.
pub async fn record_rendered(
    db: &impl ConnectionTrait,
    id: i64,
    subject: &str,
    text: &str,
    html: &str,
) -> Result<()> {
    Entity::update_many()
        .col_expr(Column::Subject, Expr::value(subject))
        .col_expr(Column::BodyText, Expr::value(text))
        .col_expr(Column::BodyHtml, Expr::value(html))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a claimed email sent. Secret-bearing bodies are dropped once sent.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    claimed: &Claimed,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut update = Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Sent))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        // The link's secret was only kept to be sent: its hash stays, not it.
        .col_expr(Column::Unsubscribe, Expr::value(Option::<String>::None));
    if claimed.message.carries_secret() {
        update = update
            .col_expr(Column::Payload, Expr::value("{}"))
            .col_expr(Column::BodyText, Expr::value(Option::<String>::None))
            .col_expr(Column::BodyHtml, Expr::value(Option::<String>::None));
    }
    update
        .filter(Column::Id.eq(claimed.row.id))
        .filter(Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a claimed email back for another attempt at `next_attempt_at`.
pub async fn retry_later(
    db: &impl ConnectionTrait,
    id: i64,
    worker: &str,
    error: &str,
    next_attempt_at: DateTime<Utc>,
) -> Result<()> {
    Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Pending))
        .col_expr(Column::NextAttemptAt, Expr::value(next_attempt_at))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::LastError, Expr::value(error))
        .filter(Column::Id.eq(id))
        .filter(Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives up on a claimed email, keeping the reason.
pub async fn fail(db: &impl ConnectionTrait, id: i64, worker: &str, error: &str) -> Result<()> {
    Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Failed))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::LastError, Expr::value(error))
        .filter(Column::Id.eq(id))
        .filter(Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Extends to `until` the leases `worker` holds on `ids` (emails still on
/// the wire), so that a long run keeps what it claimed.
pub async fn renew_leases(
    db: &impl ConnectionTrait,
    worker: &str,
    ids: &[i64],
    until: DateTime<Utc>,
) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(until))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .filter(Column::State.eq(State::Sending))
        .filter(Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Gives back, unsent, emails `worker` claimed (it is stopping): they are
/// due again at once for any instance, and the claim does not count as an
/// attempt.
pub async fn release(db: &impl ConnectionTrait, ids: &[i64], worker: &str) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Pending))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .filter(Column::State.eq(State::Sending))
        .filter(Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The rows `actor` may see and retry: all of them for the programme's
/// coordinators; for a city's, the emails to members of their cities.
fn visible_to(actor: &crate::role::Actor) -> Result<Condition> {
    use crate::entities::user;
    use crate::role::Role;
    use sea_orm::sea_query::Query;
    if !actor.may_view_outbox() {
        return Err(DomainError::Forbidden);
    }
    if actor.is_programme_coordinator() {
        return Ok(Condition::all());
    }
    let cities: Vec<i32> = actor
        .user()
        .map(|u| {
            u.grants
                .iter()
                .filter(|g| g.role == Role::Coordinator)
                .filter_map(|g| g.city_id)
                .collect()
        })
        .unwrap_or_default();
    Ok(Condition::all().add(
        Column::RecipientUserId.in_subquery(
            Query::select()
                .column(user::Column::Id)
                .from(user::Entity)
                .and_where(user::Column::CityId.is_in(cities))
                .to_owned(),
        ),
    ))
}

/// Counts of outbox rows by state: (pending, sending, sent, failed), among
/// those `actor` may see.
pub async fn counts(
    db: &impl ConnectionTrait,
    actor: &crate::role::Actor,
) -> Result<(u64, u64, u64, u64)> {
    use sea_orm::PaginatorTrait;
    let visible = visible_to(actor)?;
    let mut out = [0u64; 4];
    for (i, state) in State::ALL.into_iter().enumerate() {
        out[i] = Entity::find()
            .filter(visible.clone())
            .filter(Column::State.eq(state))
            .count(db)
            .await?;
    }
    Ok((out[0], out[1], out[2], out[3]))
}

/// Every outbox row counted by state, whoever it is for, from one grouped
/// query (it reads the `(state, next_attempt_at)` index, not the rows): what
/// the metrics endpoint reports at each scrape. A state without rows counts 0.
pub async fn depth(db: &impl ConnectionTrait) -> Result<[(State, u64); 4]> {
    let rows: Vec<(State, i64)> = Entity::find()
        .select_only()
        .column(Column::State)
        .column_as(Column::Id.count(), "n")
        .group_by(Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let mut depth = State::ALL.map(|state| (state, 0));
    for (state, n) in rows {
        let Some(slot) = depth.iter_mut().find(|(s, _)| *s == state) else {
            continue;
        };
        slot.1 = u64::try_from(n).map_err(|_| DomainError::Internal(format!("count {n}")))?;
    }
    Ok(depth)
}

/// An email in trouble as the outbox page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouble {
    /// The outbox row, for the retry button.
    pub id: i64,
    /// Who it is for.
    pub recipient_email: String,
    /// What kind of email it is (`EmailMessage::kind`).
    pub kind: EmailKind,
    /// `Failed` (given up on, may be retried) or `Pending` (waits for its next attempt).
    pub state: State,
    /// Attempts so far.
    pub attempts: i32,
    /// The last attempt's error.
    pub last_error: Option<String>,
}

/// The most recent emails that failed or wait for a retry, newest first,
/// among those `actor` may see.
pub async fn troubles(
    db: &impl ConnectionTrait,
    actor: &crate::role::Actor,
    limit: u64,
) -> Result<Vec<Trouble>> {
    let visible = visible_to(actor)?;
    let rows = Entity::find()
        .filter(visible)
        .filter(
            Condition::any().add(Column::State.eq(State::Failed)).add(
                Condition::all()
                    .add(Column::State.eq(State::Pending))
                    .add(Column::LastError.is_not_null()),
            ),
        )
        .order_by_desc(Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Trouble {
            state: row.state,
            id: row.id,
            recipient_email: row.recipient_email,
            kind: row.kind,
            attempts: row.attempts,
            last_error: row.last_error,
        })
        .collect())
}

/// Puts a failed email back in the queue for an attempt now; it gets a new
/// day of retries (the give-up clock counts from `created_at`).
pub async fn retry(
    db: &impl ConnectionTrait,
    actor: &crate::role::Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let visible = visible_to(actor)?;
    let result = Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Pending))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::CreatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::State.eq(State::Failed))
        .filter(visible)
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

//! Answers to a meeting: yes, maybe or no. Beyond the capacity, "yes"
//! joins a waitlist, and the first on it takes the place of someone who
//! stops coming, and is told so by email in the same transaction. Coordinators mark attendance afterwards.
//!
//! Every answer first touches its occurrence row, which takes the row's
//! write lock (PostgreSQL) or the database's (SQLite) before counting, so
//! two answers at once cannot both take the last place.

use crate::context::Context;
use crate::email_message::{EmailKind, EmailMessage};
use crate::entities::{meetup_occurrence as occurrence, rsvp, user};
use crate::error::{DomainError, Result};
use crate::meetup::Status;
use crate::notify;
use crate::role::Actor;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

crate::stored_code! {
    /// A member's answer.
    pub enum Answer ("RSVP answer", "error-choice-invalid") {
        /// Coming.
        Yes = "yes",
        /// Perhaps.
        Maybe = "maybe",
        /// Not coming.
        No = "no",
    }
}

/// Where an answer left the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Has a place.
    Confirmed,
    /// Said yes but the meeting is full.
    Waitlisted,
    /// Maybe or no.
    Recorded,
}

/// Answers a meeting for the actor; returns where it left them.
pub async fn answer(
    ctx: &Context,
    actor: &Actor,
    occurrence_id: i32,
    answer: Answer,
) -> Result<Outcome> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let txn = ctx.db.begin().await?;
    // The lock: see the module documentation.
    occurrence::Entity::update_many()
        .col_expr(
            occurrence::Column::UpdatedAt,
            Expr::col(occurrence::Column::UpdatedAt),
        )
        .filter(occurrence::Column::Id.eq(occurrence_id))
        .exec(&txn)
        .await?;
    // The answer's time is read under the lock: answers are timed in the
    // order they take the places, so the waitlist's order (by answer time)
    // never puts someone ahead of a person who got a place before them.
    let now = ctx.now();
    let occ = occurrence::Entity::find_by_id(occurrence_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if occ.status == Status::Cancelled {
        return Err(DomainError::field("answer", "error-meetup-cancelled"));
    }
    if occ.starts_at <= now {
        return Err(DomainError::field("answer", "error-meetup-past"));
    }
    let previous = rsvp::Entity::find_by_id((occurrence_id, user_id))
        .one(&txn)
        .await?;
    let had_place = previous
        .as_ref()
        .is_some_and(|p| p.answer == Answer::Yes && !p.waitlisted);
    let confirmed_others = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Answer.eq(Answer::Yes))
        .filter(rsvp::Column::Waitlisted.eq(false))
        .filter(rsvp::Column::UserId.ne(user_id))
        .count(&txn)
        .await?;
    let (waitlisted, outcome) = match answer {
        Answer::Yes if had_place => (false, Outcome::Confirmed),
        Answer::Yes if confirmed_others < u64::try_from(occ.capacity.max(0)).unwrap_or(0) => {
            (false, Outcome::Confirmed)
        }
        Answer::Yes => (true, Outcome::Waitlisted),
        Answer::Maybe | Answer::No => (false, Outcome::Recorded),
    };
    // A waitlisted member saying yes again keeps their place in the queue.
    let keeps_queue_place = previous
        .as_ref()
        .is_some_and(|p| p.waitlisted && waitlisted);
    let answered_at = match &previous {
        Some(p) if keeps_queue_place || p.answer == answer => p.answered_at,
        _ => now,
    };
    let row = rsvp::ActiveModel {
        occurrence_id: Set(occurrence_id),
        user_id: Set(user_id),
        answer: Set(answer),
        waitlisted: Set(waitlisted),
        attended: Set(previous.as_ref().and_then(|p| p.attended)),
        answered_at: Set(answered_at),
        updated_at: Set(now),
    };
    if previous.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    if had_place
        && answer != Answer::Yes
        && let Some(promoted) = promote(&txn, occurrence_id, now).await?
    {
        tell_promoted(&txn, &occ, &promoted, now).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// Gives the freed place to the first on the waitlist; returns their
/// answer as it was while they waited.
async fn promote(
    db: &impl ConnectionTrait,
    occurrence_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<rsvp::Model>> {
    let first = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Waitlisted.eq(true))
        .order_by_asc(rsvp::Column::AnsweredAt)
        .order_by_asc(rsvp::Column::UserId)
        .one(db)
        .await?;
    let Some(first) = first else {
        return Ok(None);
    };
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Waitlisted, Expr::value(false))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::UserId.eq(first.user_id))
        .exec(db)
        .await?;
    Ok(Some(first))
}

/// Tells the member moved in from the waitlist that the place is theirs,
/// with the event for their calendar. One email per stay on the waitlist
/// (the key names when they joined it).
async fn tell_promoted(
    db: &impl ConnectionTrait,
    occ: &occurrence::Model,
    promoted: &rsvp::Model,
    now: DateTime<Utc>,
) -> Result<()> {
    let people = notify::recipients(db, &[promoted.user_id]).await?;
    let city = crate::entities::city::Entity::find_by_id(occ.city_id)
        .one(db)
        .await?;
    let facts = crate::meetup::facts(occ, city.as_ref());
    notify::each(
        db,
        &people,
        &EmailKind::MeetupPromoted.key(format!("{}:{}", occ.id, promoted.answered_at.timestamp())),
        now,
        |_| match &facts {
            Ok(f) => Ok(EmailMessage::MeetupPromoted {
                title: occ.title.clone(),
                when: f.when.clone(),
                place: f.place.clone(),
                meetup_id: occ.id,
                event: Some(f.event.clone()),
            }),
            Err(reason) => Err(notify::Unwritable {
                kind: EmailKind::MeetupPromoted,
                category: Some(crate::email_preference::Category::Meetups),
                reason: reason.clone(),
            }),
        },
    )
    .await?;
    Ok(())
}

/// Counts of a meeting's answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Confirmed yes.
    pub yes: u64,
    /// Maybe.
    pub maybe: u64,
    /// Waitlisted.
    pub waitlisted: u64,
}

/// One person's answer, for the coordinators' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Their account.
    pub user_id: i32,
    /// Their name.
    pub name: String,
    /// Their answer.
    pub answer: Answer,
    /// On the waitlist.
    pub waitlisted: bool,
    /// Whether they came, once marked.
    pub attended: Option<bool>,
}

/// Everyone who answered, confirmed first, then waitlist order.
pub async fn attendees(db: &impl ConnectionTrait, occurrence_id: i32) -> Result<Vec<Attendee>> {
    let rows = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .order_by_asc(rsvp::Column::Waitlisted)
        .order_by_asc(rsvp::Column::AnsweredAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.user_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Attendee {
                name: users.iter().find(|u| u.id == r.user_id)?.name.clone(),
                user_id: r.user_id,
                answer: r.answer,
                waitlisted: r.waitlisted,
                attended: r.attended,
            })
        })
        .collect())
}

/// The answer counts.
pub fn counts(attendees: &[Attendee]) -> Counts {
    attendees.iter().fold(Counts::default(), |mut c, a| {
        match (a.answer, a.waitlisted) {
            (Answer::Yes, false) => c.yes += 1,
            (Answer::Yes, true) => c.waitlisted += 1,
            (Answer::Maybe, _) => c.maybe += 1,
            (Answer::No, _) => {}
        }
        c
    })
}

/// The answer counts of several meetings with one grouped query; a meeting
/// nobody answered has zero counts.
pub async fn counts_of(
    db: &impl ConnectionTrait,
    occurrence_ids: &[i32],
) -> Result<HashMap<i32, Counts>> {
    let mut out: HashMap<i32, Counts> = occurrence_ids
        .iter()
        .map(|id| (*id, Counts::default()))
        .collect();
    if occurrence_ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(i32, Answer, bool, i64)> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::OccurrenceId)
        .column(rsvp::Column::Answer)
        .column(rsvp::Column::Waitlisted)
        .column_as(rsvp::Column::UserId.count(), "n")
        .filter(rsvp::Column::OccurrenceId.is_in(occurrence_ids.to_vec()))
        .group_by(rsvp::Column::OccurrenceId)
        .group_by(rsvp::Column::Answer)
        .group_by(rsvp::Column::Waitlisted)
        .into_tuple()
        .all(db)
        .await?;
    for (id, answer, waitlisted, n) in rows {
        let c = out.entry(id).or_default();
        let n = u64::try_from(n).unwrap_or(0);
        match (answer, waitlisted) {
            (Answer::Yes, false) => c.yes += n,
            (Answer::Yes, true) => c.waitlisted += n,
            (Answer::Maybe, _) => c.maybe += n,
            (Answer::No, _) => {}
        }
    }
    Ok(out)
}

/// The actor's own answer, if any.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: &Actor,
    occurrence_id: i32,
) -> Result<Option<(Answer, bool)>> {
    let Some(user_id) = actor.user_id() else {
        return Ok(None);
    };
    Ok(rsvp::Entity::find_by_id((occurrence_id, user_id))
        .one(db)
        .await?
        .map(|r| (r.answer, r.waitlisted)))
}

/// Marks whether someone came; the city's coordinators, once it has begun.
pub async fn mark_attendance(
    ctx: &Context,
    actor: &Actor,
    occurrence_id: i32,
    user_id: i32,
    attended: bool,
) -> Result<()> {
    let occ = crate::meetup::get(&ctx.db, occurrence_id).await?;
    if !actor.coordinates(Some(occ.city_id)) {
        return Err(DomainError::Forbidden);
    }
    if occ.starts_at > ctx.now() {
        return Err(DomainError::field("attended", "error-meetup-not-started"));
    }
    let now = ctx.now();
    let existing = rsvp::Entity::find_by_id((occurrence_id, user_id))
        .one(&ctx.db)
        .await?;
    match existing {
        Some(_) => {
            rsvp::Entity::update_many()
                .col_expr(rsvp::Column::Attended, Expr::value(Some(attended)))
                .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
                .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
                .filter(rsvp::Column::UserId.eq(user_id))
                .exec(&ctx.db)
                .await?;
        }
        None => {
            // Someone who came without answering.
            rsvp::ActiveModel {
                occurrence_id: Set(occurrence_id),
                user_id: Set(user_id),
                answer: Set(Answer::Yes),
                waitlisted: Set(false),
                attended: Set(Some(attended)),
                answered_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&ctx.db)
            .await?;
        }
    }
    Ok(())
}

//! Introductions by consent. Either side asks about one need — a member
//! ("I can help with your need") or the project's team ("could you help us
//! with this need?") — with a short message. The other side accepts or
//! declines, on the site or from a personal link in the email. Only on
//! acceptance does each side get the other's address, in one email each,
//! and the need moves to "in discussion". Before that, no page shows an
//! address, and only the two sides see the message; coordinators see
//! volumes, never messages.
//!
//! The rules, all checked here:
//! - no request to oneself (a member of the project's team), to a member
//!   who is not contactable or has had their monthly share of requests,
//!   nor about a need that is filled or withdrawn;
//! - one request per member and need: a decline is kind and final for
//!   that pair and need (a unique index holds it against races);
//! - an asker has at most `MAX_OPEN` requests waiting and sends at most
//!   `MAX_PER_DAY` in 24 hours;
//! - a request unanswered after `EXPIRES_AFTER` expires (the asker is told);
//! - closing a need closes the requests still waiting on it;
//! - `FOLLOW_UP_AFTER` an acceptance, both sides are asked once whether it
//!   led somewhere (yes, in progress, no), for the programme's figures.
//!
//! The two people of an introduction are the member and the "team
//! contact": the team member who asked, or the one who accepted.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::entities::{
    introduction as intro, introduction_follow_up as follow_up, introduction_link as link, need,
    project, user,
};
use crate::error::{DomainError, Result};
use crate::help_kind::HelpKind;
use crate::need::{Need, NeedState};
use crate::outbox::{self, NewEmail};
use crate::project::Project;
use crate::relation_email::{NeedSummary, RelationEmail};
use crate::role::Actor;
use crate::token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, Condition, FromQueryResult, PaginatorTrait, QueryOrder, QuerySelect, SqlErr,
    TransactionTrait,
};
use std::collections::HashMap;

/// A request waits this long for an answer.
pub const EXPIRES_AFTER: Duration = Duration::days(30);
/// Both sides are asked how it went this long after an acceptance.
pub const FOLLOW_UP_AFTER: Duration = Duration::days(30);
/// Requests one person may have waiting at once.
pub const MAX_OPEN: u64 = 5;
/// Requests one person may send in 24 hours.
pub const MAX_PER_DAY: u64 = 3;
/// Longest message, in characters.
pub const MESSAGE_MAX: usize = 1000;
/// The window over which a member's "introductions a month" is counted.
pub const MONTH: Duration = Duration::days(30);

crate::stored_code! {
    /// Which side asked.
    pub enum Initiator ("introduction initiator", "error-choice-invalid") {
        /// The member offered help.
        Member = "member",
        /// The team asked the member.
        Team = "team",
    }
}

crate::stored_code! {
    /// Where a request stands.
    pub enum IntroductionState ("introduction state", "error-choice-invalid") {
        /// Waiting for the other side.
        Pending = "pending",
        /// Both agreed; addresses exchanged.
        Accepted = "accepted",
        /// Declined, for good for this pair and need.
        Declined = "declined",
        /// No answer in time.
        Expired = "expired",
        /// The need was filled or withdrawn while it waited.
        Closed = "closed",
    }
}

crate::stored_code! {
    /// The answer to the follow-up question, in display order.
    pub enum Outcome ("introduction outcome", "error-choice-invalid") {
        /// It led somewhere.
        Yes = "yes",
        /// It is under way.
        InProgress = "in_progress",
        /// It did not.
        No = "no",
    }
}

fn refused(key: &'static str) -> DomainError {
    DomainError::field("message", key)
}

/// Checks a message: plain text, trimmed, required, bounded.
pub fn check_message(message: &str) -> Result<String> {
    let message = message.trim();
    if message.is_empty() {
        Err(refused("error-required"))
    } else if message.chars().count() > MESSAGE_MAX {
        Err(refused("error-too-long"))
    } else {
        Ok(message.to_owned())
    }
}

fn summary(project: &project::Model, need: &Need) -> NeedSummary {
    NeedSummary {
        project: project.title.clone(),
        slug: project.slug.clone(),
        need_id: need.id,
        kind: need.kind,
        description: need.description.clone(),
    }
}

fn summary_of_row(project: &project::Model, need: &need::Model) -> NeedSummary {
    NeedSummary {
        project: project.title.clone(),
        slug: project.slug.clone(),
        need_id: need.id,
        kind: need.kind,
        description: need.description.clone(),
    }
}

async fn send(
    db: &impl ConnectionTrait,
    key: String,
    to: &user::Model,
    message: RelationEmail,
    now: DateTime<Utc>,
) -> Result<bool> {
    outbox::enqueue(
        db,
        NewEmail {
            idempotency_key: key,
            to: &to.email,
            user_id: Some(to.id),
            language: to.language,
            message: &EmailMessage::Relation(message),
        },
        now,
    )
    .await
}

async fn person(db: &impl ConnectionTrait, id: i32) -> Result<user::Model> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Requests a member has received or asked for in the last `MONTH` that
/// are waiting or accepted, per member of `member_ids`.
pub(crate) async fn monthly_load(
    db: &impl ConnectionTrait,
    member_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<HashMap<i32, u64>> {
    if member_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64)> = intro::Entity::find()
        .select_only()
        .column(intro::Column::MemberId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(intro::Column::MemberId.is_in(member_ids.to_vec()))
        .filter(intro::Column::CreatedAt.gt(now - MONTH))
        .filter(
            intro::Column::State.is_in([IntroductionState::Pending, IntroductionState::Accepted]),
        )
        .group_by(intro::Column::MemberId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Refuses a new request beyond the asker's limits.
async fn check_asker_limits(
    db: &impl ConnectionTrait,
    asker: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let open = intro::Entity::find()
        .filter(intro::Column::AskedBy.eq(asker))
        .filter(intro::Column::State.eq(IntroductionState::Pending))
        .filter(intro::Column::ExpiresAt.gt(now))
        .count(db)
        .await?;
    if open >= MAX_OPEN {
        return Err(refused("error-introduction-open-limit"));
    }
    let today = intro::Entity::find()
        .filter(intro::Column::AskedBy.eq(asker))
        .filter(intro::Column::CreatedAt.gt(now - Duration::days(1)))
        .count(db)
        .await?;
    if today >= MAX_PER_DAY {
        return Err(refused("error-introduction-daily-limit"));
    }
    Ok(())
}

/// Refuses a second request for the same member and need.
async fn check_pair(db: &impl ConnectionTrait, need_id: i32, member_id: i32) -> Result<()> {
    let existing = intro::Entity::find()
        .filter(intro::Column::NeedId.eq(need_id))
        .filter(intro::Column::MemberId.eq(member_id))
        .filter(intro::Column::State.is_in([
            IntroductionState::Pending,
            IntroductionState::Accepted,
            IntroductionState::Declined,
        ]))
        .one(db)
        .await?;
    match existing.map(|e| e.state) {
        Some(IntroductionState::Declined) => Err(refused("error-introduction-declined")),
        Some(_) => Err(refused("error-introduction-exists")),
        None => Ok(()),
    }
}

fn pair_conflict(e: DbErr) -> DomainError {
    if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        refused("error-introduction-exists")
    } else {
        e.into()
    }
}

/// A request as asked: the need, the member concerned, who asks, and why.
struct NewRequest<'a> {
    project: &'a Project,
    need: &'a Need,
    member_id: i32,
    initiator: Initiator,
    asker: &'a user::Model,
    message: String,
    /// Who gets the request (and a personal link to answer it).
    recipients: Vec<user::Model>,
}

async fn create(ctx: &Context, request: NewRequest<'_>) -> Result<i32> {
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    check_asker_limits(&txn, request.asker.id, now).await?;
    check_pair(&txn, request.need.id, request.member_id).await?;
    let row = intro::ActiveModel {
        need_id: Set(request.need.id),
        member_id: Set(request.member_id),
        initiated_by: Set(request.initiator),
        asked_by: Set(request.asker.id),
        message: Set(request.message.clone()),
        state: Set(IntroductionState::Pending),
        created_at: Set(now),
        expires_at: Set(now + EXPIRES_AFTER),
        answered_at: Set(None),
        answered_by: Set(None),
        follow_up_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(pair_conflict)?;
    for recipient in &request.recipients {
        let clear = token::generate();
        link::ActiveModel {
            token_hash: Set(token::hash(&clear)),
            introduction_id: Set(row.id),
            user_id: Set(recipient.id),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        send(
            &txn,
            EmailKind::IntroductionRequest.key(format!("{}:{}", row.id, recipient.id)),
            recipient,
            RelationEmail::Request {
                from: request.asker.name.clone(),
                from_team: request.initiator == Initiator::Team,
                need: summary(&request.project.row, request.need),
                message: request.message.clone(),
                token: clear,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(row.id)
}

async fn live_need(ctx: &Context, project: &Project, need_id: i32) -> Result<Need> {
    let need = crate::need::get(&ctx.db, project, need_id).await?;
    if !need.state.is_live() || project.row.archived_at.is_some() {
        return Err(refused("error-introduction-need-closed"));
    }
    Ok(need)
}

async fn active_team(db: &impl ConnectionTrait, project: &Project) -> Result<Vec<user::Model>> {
    let ids: Vec<i32> = project.team.iter().map(|m| m.user_id).collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?)
}

/// A member offers help with a need ("I can help"); the team is asked.
pub async fn offer_help(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    need_id: i32,
    message: &str,
) -> Result<i32> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let need = live_need(ctx, project, need_id).await?;
    if project.team.iter().any(|m| m.user_id == user_id) {
        return Err(refused("error-introduction-own-project"));
    }
    let message = check_message(message)?;
    let asker = person(&ctx.db, user_id).await?;
    let recipients = active_team(&ctx.db, project).await?;
    create(
        ctx,
        NewRequest {
            project,
            need: &need,
            member_id: user_id,
            initiator: Initiator::Member,
            asker: &asker,
            message,
            recipients,
        },
    )
    .await
}

/// The team asks a member to help with a need ("could you help us?").
pub async fn ask_member(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    need_id: i32,
    member_id: i32,
    message: &str,
) -> Result<i32> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !project.rights.post_update {
        return Err(DomainError::Forbidden);
    }
    let need = live_need(ctx, project, need_id).await?;
    if member_id == user_id || project.team.iter().any(|m| m.user_id == member_id) {
        return Err(refused("error-introduction-own-project"));
    }
    let message = check_message(message)?;
    let member = user::Entity::find_by_id(member_id)
        .filter(user::Column::IsActive.eq(true))
        .one(&ctx.db)
        .await?;
    let offer = crate::offer::of(&ctx.db, member_id).await?;
    let (Some(member), Some(offer)) = (member, offer) else {
        return Err(refused("error-introduction-not-contactable"));
    };
    if !offer.contactable {
        return Err(refused("error-introduction-not-contactable"));
    }
    let load = monthly_load(&ctx.db, &[member_id], ctx.now()).await?;
    let limit = u64::try_from(offer.introductions_per_month).unwrap_or(0);
    if load.get(&member_id).copied().unwrap_or(0) >= limit {
        return Err(refused("error-introduction-member-busy"));
    }
    let asker = person(&ctx.db, user_id).await?;
    create(
        ctx,
        NewRequest {
            project,
            need: &need,
            member_id,
            initiator: Initiator::Team,
            asker: &asker,
            message,
            recipients: vec![member],
        },
    )
    .await
}

/// Who answers a request.
#[derive(Debug, Clone, Copy)]
pub enum Responder<'a> {
    /// A logged-in person, on the site.
    Actor(&'a Actor),
    /// The holder of a personal link from the request email.
    Link(&'a str),
}

/// The answer given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes: exchange addresses.
    Accept,
    /// No, thank you.
    Decline,
}

/// A request with what its pages and emails need.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The request.
    pub row: intro::Model,
    /// Its need.
    pub need: need::Model,
    /// The need's project.
    pub project: project::Model,
}

async fn load(db: &impl ConnectionTrait, id: i32) -> Result<Loaded> {
    let row = intro::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let need = need::Entity::find_by_id(row.need_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let project = project::Entity::find_by_id(need.project_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Loaded { row, need, project })
}

async fn in_team(db: &impl ConnectionTrait, project_id: i32, user_id: i32) -> Result<bool> {
    Ok(
        crate::entities::project_member::Entity::find_by_id((project_id, user_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Whether `user_id` is on the side that answers this request.
async fn may_answer(db: &impl ConnectionTrait, l: &Loaded, user_id: i32) -> Result<bool> {
    Ok(match l.row.initiated_by {
        Initiator::Team => l.row.member_id == user_id,
        Initiator::Member => in_team(db, l.project.id, user_id).await?,
    })
}

/// The request a personal link answers, and whose link it is.
pub async fn by_link(db: &impl ConnectionTrait, clear: &str) -> Result<(Loaded, i32)> {
    let l = link::Entity::find_by_id(token::hash(clear))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((load(db, l.introduction_id).await?, l.user_id))
}

/// The name of the person `user_id` (who asked, on a link's page).
pub async fn name_of(db: &impl ConnectionTrait, user_id: i32) -> Result<String> {
    Ok(person(db, user_id).await?.name)
}

/// Where the member's request or invitation about a need stands, if any
/// (the latest one).
pub async fn state_for(
    db: &impl ConnectionTrait,
    need_id: i32,
    member_id: i32,
) -> Result<Option<IntroductionState>> {
    Ok(intro::Entity::find()
        .filter(intro::Column::NeedId.eq(need_id))
        .filter(intro::Column::MemberId.eq(member_id))
        .order_by_desc(intro::Column::CreatedAt)
        .order_by_desc(intro::Column::Id)
        .one(db)
        .await?
        .map(|i| i.state))
}

/// What happened, for the page that follows.
#[derive(Debug, Clone)]
pub struct Answered {
    /// The answer recorded.
    pub answer: Answer,
    /// The project's URL name.
    pub project_slug: String,
}

/// Accepts or declines a request, from the site or from the email's link.
///
/// Accepting sends each side one email with the other's address and moves
/// the need to "in discussion"; declining tells the asker, kindly. Only the
/// first answer counts: the change of state is a guarded update.
pub async fn answer(
    ctx: &Context,
    responder: Responder<'_>,
    introduction_id: Option<i32>,
    answer: Answer,
) -> Result<Answered> {
    let (l, user_id) = match responder {
        Responder::Link(clear) => {
            let (l, user_id) = by_link(&ctx.db, clear).await?;
            if introduction_id.is_some_and(|id| id != l.row.id) {
                return Err(DomainError::NotFound);
            }
            (l, user_id)
        }
        Responder::Actor(actor) => {
            let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
            let id = introduction_id.ok_or(DomainError::NotFound)?;
            (load(&ctx.db, id).await?, user_id)
        }
    };
    if !may_answer(&ctx.db, &l, user_id).await? {
        return Err(DomainError::Forbidden);
    }
    let now = ctx.now();
    match l.row.state {
        IntroductionState::Pending if l.row.expires_at > now => {}
        IntroductionState::Pending | IntroductionState::Expired => {
            return Err(refused("error-introduction-expired"));
        }
        IntroductionState::Closed => return Err(refused("error-introduction-need-closed")),
        IntroductionState::Accepted | IntroductionState::Declined => {
            return Err(refused("error-introduction-answered"));
        }
    }
    let state = match answer {
        Answer::Accept => IntroductionState::Accepted,
        Answer::Decline => IntroductionState::Declined,
    };
    let txn = ctx.db.begin().await?;
    let won = intro::Entity::update_many()
        .col_expr(intro::Column::State, Expr::value(state))
        .col_expr(intro::Column::AnsweredAt, Expr::value(now))
        .col_expr(intro::Column::AnsweredBy, Expr::value(user_id))
        .filter(intro::Column::Id.eq(l.row.id))
        .filter(intro::Column::State.eq(IntroductionState::Pending))
        .exec(&txn)
        .await?;
    if won.rows_affected != 1 {
        return Err(refused("error-introduction-answered"));
    }
    let need = summary_of_row(&l.project, &l.need);
    match answer {
        Answer::Accept => {
            need::Entity::update_many()
                .col_expr(need::Column::State, Expr::value(NeedState::InDiscussion))
                .col_expr(need::Column::UpdatedAt, Expr::value(now))
                .filter(need::Column::Id.eq(l.need.id))
                .filter(need::Column::State.eq(NeedState::Open))
                .exec(&txn)
                .await?;
            let member = person(&txn, l.row.member_id).await?;
            let contact_id = match l.row.initiated_by {
                Initiator::Team => l.row.asked_by,
                Initiator::Member => user_id,
            };
            let contact = person(&txn, contact_id).await?;
            for (reader, other, reader_is_team) in
                [(&member, &contact, false), (&contact, &member, true)]
            {
                send(
                    &txn,
                    EmailKind::IntroductionAccepted.key(format!("{}:{}", l.row.id, reader.id)),
                    reader,
                    RelationEmail::Accepted {
                        other_name: other.name.clone(),
                        other_email: other.email.clone(),
                        need: need.clone(),
                        reader_is_team,
                    },
                    now,
                )
                .await?;
            }
        }
        Answer::Decline => {
            let asker = person(&txn, l.row.asked_by).await?;
            send(
                &txn,
                EmailKind::IntroductionDeclined.key(l.row.id),
                &asker,
                RelationEmail::Declined {
                    need,
                    reader_is_team: l.row.initiated_by == Initiator::Team,
                },
                now,
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(Answered {
        answer,
        project_slug: l.project.slug,
    })
}

/// Closes the requests waiting on a need that was filled or withdrawn,
/// each with a polite email to its member; runs in the caller's transaction.
pub(crate) async fn close_pending(
    txn: &impl ConnectionTrait,
    project: &Project,
    need: &Need,
    state: NeedState,
    now: DateTime<Utc>,
) -> Result<usize> {
    let waiting = intro::Entity::find()
        .filter(intro::Column::NeedId.eq(need.id))
        .filter(intro::Column::State.eq(IntroductionState::Pending))
        .all(txn)
        .await?;
    let members: Vec<i32> = waiting.iter().map(|w| w.member_id).collect();
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(members))
        .all(txn)
        .await?;
    intro::Entity::update_many()
        .col_expr(intro::Column::State, Expr::value(IntroductionState::Closed))
        .col_expr(intro::Column::AnsweredAt, Expr::value(now))
        .filter(intro::Column::NeedId.eq(need.id))
        .filter(intro::Column::State.eq(IntroductionState::Pending))
        .exec(txn)
        .await?;
    for w in &waiting {
        if let Some(member) = people.iter().find(|p| p.id == w.member_id) {
            send(
                txn,
                EmailKind::IntroductionClosed.key(w.id),
                member,
                RelationEmail::Closed {
                    need: summary(&project.row, need),
                    filled: state == NeedState::Filled,
                },
                now,
            )
            .await?;
        }
    }
    Ok(waiting.len())
}

/// Requests handled per pass of the time-based jobs, so one run stays short.
const BATCH: u64 = 200;

/// Expires the requests left unanswered past their deadline, telling each
/// asker; returns how many expired. Safe to run anywhere, any number of
/// times: each request changes state once, by a guarded update.
pub async fn expire_due(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let mut expired = 0;
    loop {
        let due = intro::Entity::find()
            .filter(intro::Column::State.eq(IntroductionState::Pending))
            .filter(intro::Column::ExpiresAt.lte(now))
            .order_by_asc(intro::Column::ExpiresAt)
            .limit(BATCH)
            .all(&ctx.db)
            .await?;
        if due.is_empty() {
            return Ok(expired);
        }
        for row in due {
            let l = load(&ctx.db, row.id).await?;
            let asker = person(&ctx.db, row.asked_by).await?;
            let txn = ctx.db.begin().await?;
            let won = intro::Entity::update_many()
                .col_expr(
                    intro::Column::State,
                    Expr::value(IntroductionState::Expired),
                )
                .filter(intro::Column::Id.eq(row.id))
                .filter(intro::Column::State.eq(IntroductionState::Pending))
                .exec(&txn)
                .await?;
            if won.rows_affected == 1 {
                send(
                    &txn,
                    EmailKind::IntroductionExpired.key(row.id),
                    &asker,
                    RelationEmail::Expired {
                        need: summary_of_row(&l.project, &l.need),
                    },
                    now,
                )
                .await?;
                expired += 1;
            }
            txn.commit().await?;
        }
    }
}

/// The two people of an accepted introduction: (member, team contact).
fn people_of(row: &intro::Model) -> Option<(i32, i32)> {
    let contact = match row.initiated_by {
        Initiator::Team => Some(row.asked_by),
        Initiator::Member => row.answered_by,
    }?;
    Some((row.member_id, contact))
}

/// Asks both sides of each introduction accepted `FOLLOW_UP_AFTER` ago
/// whether it led somewhere, once: the mark on the introduction, the two
/// questions and their emails are written together, and the mark is a
/// guarded update only one run can win. Returns how many emails were queued.
pub async fn plan_follow_ups(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let mut queued = 0;
    loop {
        let due = intro::Entity::find()
            .filter(intro::Column::State.eq(IntroductionState::Accepted))
            .filter(intro::Column::FollowUpAt.is_null())
            .filter(intro::Column::AnsweredAt.lte(now - FOLLOW_UP_AFTER))
            .order_by_asc(intro::Column::AnsweredAt)
            .limit(BATCH)
            .all(&ctx.db)
            .await?;
        if due.is_empty() {
            return Ok(queued);
        }
        for row in due {
            let l = load(&ctx.db, row.id).await?;
            let txn = ctx.db.begin().await?;
            let won = intro::Entity::update_many()
                .col_expr(intro::Column::FollowUpAt, Expr::value(now))
                .filter(intro::Column::Id.eq(row.id))
                .filter(intro::Column::FollowUpAt.is_null())
                .exec(&txn)
                .await?;
            if won.rows_affected == 1
                && let Some((member_id, contact_id)) = people_of(&row)
            {
                let member = person(&txn, member_id).await?;
                let contact = person(&txn, contact_id).await?;
                for (reader, other) in [(&member, &contact), (&contact, &member)] {
                    let clear = token::generate();
                    follow_up::ActiveModel {
                        introduction_id: Set(row.id),
                        user_id: Set(reader.id),
                        token_hash: Set(token::hash(&clear)),
                        asked_at: Set(now),
                        outcome: Set(None),
                        answered_at: Set(None),
                    }
                    .insert(&txn)
                    .await?;
                    if send(
                        &txn,
                        EmailKind::IntroductionFollowUp.key(format!("{}:{}", row.id, reader.id)),
                        reader,
                        RelationEmail::FollowUp {
                            other_name: other.name.clone(),
                            need: summary_of_row(&l.project, &l.need),
                            token: clear,
                        },
                        now,
                    )
                    .await?
                    {
                        queued += 1;
                    }
                }
            }
            txn.commit().await?;
        }
    }
}

/// A follow-up question behind its link.
#[derive(Debug, Clone)]
pub struct FollowUpQuestion {
    /// The project's title.
    pub project_title: String,
    /// The other person's name.
    pub other_name: String,
    /// The answer given so far, if any.
    pub outcome: Option<Outcome>,
}

async fn follow_up_row(db: &impl ConnectionTrait, clear: &str) -> Result<follow_up::Model> {
    follow_up::Entity::find()
        .filter(follow_up::Column::TokenHash.eq(token::hash(clear)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Opens the follow-up question from its link.
pub async fn follow_up(db: &impl ConnectionTrait, clear: &str) -> Result<FollowUpQuestion> {
    let row = follow_up_row(db, clear).await?;
    let l = load(db, row.introduction_id).await?;
    let other_id = people_of(&l.row)
        .map(|(m, c)| if m == row.user_id { c } else { m })
        .ok_or(DomainError::NotFound)?;
    Ok(FollowUpQuestion {
        project_title: l.project.title,
        other_name: person(db, other_id).await?.name,
        outcome: row.outcome,
    })
}

/// Records the answer to the follow-up question (the latest answer counts).
pub async fn answer_follow_up(ctx: &Context, clear: &str, outcome: Outcome) -> Result<()> {
    let row = follow_up_row(&ctx.db, clear).await?;
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Outcome, Expr::value(outcome))
        .col_expr(follow_up::Column::AnsweredAt, Expr::value(ctx.now()))
        .filter(follow_up::Column::IntroductionId.eq(row.introduction_id))
        .filter(follow_up::Column::UserId.eq(row.user_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Which way a request goes, seen by the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The reader's side asked.
    Sent,
    /// The reader's side is asked.
    Received,
}

/// A request as the reader's list shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Its id.
    pub id: i32,
    /// Sent or received.
    pub direction: Direction,
    /// Which side asked.
    pub initiator: Initiator,
    /// The project's title.
    pub project_title: String,
    /// The project's URL name.
    pub project_slug: String,
    /// The need's id.
    pub need_id: i32,
    /// The need's kind.
    pub need_kind: HelpKind,
    /// The member's name.
    pub member_name: String,
    /// Who asked.
    pub asker_name: String,
    /// The message (only the two sides ever see it).
    pub message: String,
    /// Where it stands.
    pub state: IntroductionState,
    /// When it was asked.
    pub created_at: DateTime<Utc>,
    /// When it expires if unanswered.
    pub expires_at: DateTime<Utc>,
    /// The reader may accept or decline it now.
    pub can_answer: bool,
    /// After acceptance, for the two people only: the other's name and address.
    pub contact: Option<(String, String)>,
}

/// The other person's name and address, for one of the two people of an
/// accepted introduction; `None` for anyone else and before acceptance.
pub fn contact_for(
    row: &intro::Model,
    reader_id: i32,
    people: &[user::Model],
) -> Option<(String, String)> {
    if row.state != IntroductionState::Accepted {
        return None;
    }
    let (member, contact) = people_of(row)?;
    let other = if reader_id == member {
        contact
    } else if reader_id == contact {
        member
    } else {
        return None;
    };
    people
        .iter()
        .find(|p| p.id == other)
        .map(|p| (p.name.clone(), p.email.clone()))
}

/// Most requests a reader's list shows.
pub const LIST_LIMIT: u64 = 100;

/// The reader's requests — asked by or of them, or about their projects'
/// needs — newest first.
pub async fn of_reader(ctx: &Context, actor: &Actor) -> Result<Vec<Listed>> {
    let me = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let my_projects: Vec<i32> = crate::team::projects_of(&ctx.db, me)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let my_needs = Query::select()
        .column(need::Column::Id)
        .from(need::Entity)
        .and_where(Expr::col(need::Column::ProjectId).is_in(my_projects.clone()))
        .to_owned();
    let rows = intro::Entity::find()
        .filter(
            Condition::any()
                .add(intro::Column::MemberId.eq(me))
                .add(intro::Column::AskedBy.eq(me))
                .add(intro::Column::NeedId.in_subquery(my_needs)),
        )
        .order_by_desc(intro::Column::CreatedAt)
        .order_by_desc(intro::Column::Id)
        .limit(LIST_LIMIT)
        .all(&ctx.db)
        .await?;
    let need_ids: Vec<i32> = rows.iter().map(|r| r.need_id).collect();
    let needs = need::Entity::find()
        .filter(need::Column::Id.is_in(need_ids))
        .all(&ctx.db)
        .await?;
    let project_ids: Vec<i32> = needs.iter().map(|n| n.project_id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(&ctx.db)
        .await?;
    let mut people_ids: Vec<i32> = rows
        .iter()
        .flat_map(|r| [Some(r.member_id), Some(r.asked_by), r.answered_by])
        .flatten()
        .collect();
    people_ids.sort_unstable();
    people_ids.dedup();
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(people_ids))
        .all(&ctx.db)
        .await?;
    let name = |id: i32| {
        people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let now = ctx.now();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let n = needs.iter().find(|n| n.id == r.need_id)?;
            let p = projects.iter().find(|p| p.id == n.project_id)?;
            let on_team = my_projects.contains(&p.id);
            let asked_by_my_side = match r.initiated_by {
                Initiator::Member => r.member_id == me,
                Initiator::Team => on_team,
            };
            let answering_side = match r.initiated_by {
                Initiator::Member => on_team,
                Initiator::Team => r.member_id == me,
            };
            Some(Listed {
                id: r.id,
                direction: if asked_by_my_side {
                    Direction::Sent
                } else {
                    Direction::Received
                },
                initiator: r.initiated_by,
                project_title: p.title.clone(),
                project_slug: p.slug.clone(),
                need_id: n.id,
                need_kind: n.kind,
                member_name: name(r.member_id),
                asker_name: name(r.asked_by),
                message: r.message.clone(),
                state: r.state,
                created_at: r.created_at,
                expires_at: r.expires_at,
                can_answer: answering_side
                    && r.state == IntroductionState::Pending
                    && r.expires_at > now,
                contact: contact_for(&r, me, &people),
            })
        })
        .collect())
}

/// Introductions of one city, counted by state and by follow-up answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CityCounts {
    /// The city.
    pub city_id: i32,
    /// Requests by state.
    pub by_state: HashMap<IntroductionState, u64>,
    /// Follow-up answers by outcome (each side answers for itself).
    pub outcomes: HashMap<Outcome, u64>,
}

impl CityCounts {
    /// Requests in a given state.
    pub fn state(&self, state: IntroductionState) -> u64 {
        self.by_state.get(&state).copied().unwrap_or(0)
    }

    /// Requests asked in all.
    pub fn asked(&self) -> u64 {
        self.by_state.values().sum()
    }

    /// Follow-up answers with a given outcome.
    pub fn outcome(&self, outcome: Outcome) -> u64 {
        self.outcomes.get(&outcome).copied().unwrap_or(0)
    }
}

#[derive(Debug, FromQueryResult)]
struct Counted {
    city_id: i32,
    code: String,
    n: i64,
}

/// Introductions per city of the need's project, optionally for one
/// edition: volumes only, never who or what. For coordinators' pages and
/// the programme's figures.
pub async fn counts_by_city(
    db: &impl ConnectionTrait,
    edition_id: Option<i32>,
) -> Result<Vec<CityCounts>> {
    let base = |code_col: Expr| {
        let mut q = Query::select();
        q.expr_as(
            Expr::col((project::Entity, project::Column::CityId)),
            "city_id",
        )
        .expr_as(code_col.clone(), "code")
        .expr_as(Expr::cust("COUNT(*)"), "n")
        .from(intro::Entity)
        .inner_join(
            need::Entity,
            Expr::col((need::Entity, need::Column::Id))
                .equals((intro::Entity, intro::Column::NeedId)),
        )
        .inner_join(
            project::Entity,
            Expr::col((project::Entity, project::Column::Id))
                .equals((need::Entity, need::Column::ProjectId)),
        )
        .group_by_col((project::Entity, project::Column::CityId))
        .add_group_by([code_col]);
        if let Some(e) = edition_id {
            q.and_where(Expr::col((project::Entity, project::Column::EditionId)).eq(e));
        }
        q
    };
    let states = base(Expr::col((intro::Entity, intro::Column::State)));
    let mut outcomes = base(Expr::col((follow_up::Entity, follow_up::Column::Outcome)));
    outcomes
        .inner_join(
            follow_up::Entity,
            Expr::col((follow_up::Entity, follow_up::Column::IntroductionId))
                .equals((intro::Entity, intro::Column::Id)),
        )
        .and_where(Expr::col((follow_up::Entity, follow_up::Column::Outcome)).is_not_null());
    let backend = db.get_database_backend();
    let state_rows = Counted::find_by_statement(backend.build(&states))
        .all(db)
        .await?;
    let outcome_rows = Counted::find_by_statement(backend.build(&outcomes))
        .all(db)
        .await?;
    let mut by_city: Vec<CityCounts> = Vec::new();
    let entry = |by_city: &mut Vec<CityCounts>, city_id: i32| -> usize {
        if let Some(i) = by_city.iter().position(|c| c.city_id == city_id) {
            i
        } else {
            by_city.push(CityCounts {
                city_id,
                ..Default::default()
            });
            by_city.len() - 1
        }
    };
    for r in state_rows {
        let Ok(state) = IntroductionState::parse(&r.code) else {
            continue;
        };
        let i = entry(&mut by_city, r.city_id);
        by_city[i]
            .by_state
            .insert(state, u64::try_from(r.n).unwrap_or(0));
    }
    for r in outcome_rows {
        let Ok(outcome) = Outcome::parse(&r.code) else {
            continue;
        };
        let i = entry(&mut by_city, r.city_id);
        by_city[i]
            .outcomes
            .insert(outcome, u64::try_from(r.n).unwrap_or(0));
    }
    by_city.sort_by_key(|c| c.city_id);
    Ok(by_city)
}

/// The volumes a coordinator may see: the cities they coordinate (all of
/// them for the programme's coordinators). Volumes only, never messages.
pub async fn volumes(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
) -> Result<Vec<CityCounts>> {
    actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !actor.is_any_coordinator() {
        return Err(DomainError::Forbidden);
    }
    Ok(counts_by_city(db, edition_id)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.city_id)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn accepted(initiated_by: Initiator, asked_by: i32, answered_by: i32) -> intro::Model {
        let at = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("t");
        intro::Model {
            id: 1,
            need_id: 1,
            member_id: 10,
            initiated_by,
            asked_by,
            message: "Bonjour".into(),
            state: IntroductionState::Accepted,
            created_at: at,
            expires_at: at + EXPIRES_AFTER,
            answered_at: Some(at),
            answered_by: Some(answered_by),
            follow_up_at: None,
        }
    }

    fn someone(id: i32) -> user::Model {
        let at = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("t");
        user::Model {
            id,
            email: format!("p{id}@example.org"),
            email_key: format!("p{id}@example.org"),
            name: format!("P{id}"),
            password_hash: None,
            language: crate::language::Language::Fr,
            time_zone: None,
            city_id: None,
            skills: String::new(),
            bio: String::new(),
            is_active: true,
            created_at: at,
            updated_at: at,
            calendar_token_hash: None,
            digest_frequency: crate::digest::Frequency::Weekly,
            digest_sent_until: None,
        }
    }

    #[test]
    fn only_the_two_people_of_an_accepted_introduction_see_each_others_address() {
        let people: Vec<user::Model> = [10, 20, 30].into_iter().map(someone).collect();
        // The member (10) offered help; team member 20 accepted.
        let row = accepted(Initiator::Member, 10, 20);
        assert_eq!(
            contact_for(&row, 10, &people),
            Some(("P20".into(), "p20@example.org".into()))
        );
        assert_eq!(
            contact_for(&row, 20, &people),
            Some(("P10".into(), "p10@example.org".into()))
        );
        assert_eq!(contact_for(&row, 30, &people), None, "another team member");
        // The team (30) asked; the member (10) accepted.
        let row = accepted(Initiator::Team, 30, 10);
        assert_eq!(
            contact_for(&row, 10, &people).map(|c| c.1),
            Some("p30@example.org".into())
        );
        assert_eq!(contact_for(&row, 20, &people), None);
        for state in [
            IntroductionState::Pending,
            IntroductionState::Declined,
            IntroductionState::Expired,
            IntroductionState::Closed,
        ] {
            let row = intro::Model {
                state,
                ..accepted(Initiator::Team, 30, 10)
            };
            assert_eq!(contact_for(&row, 10, &people), None, "{state:?}");
            assert_eq!(contact_for(&row, 30, &people), None, "{state:?}");
        }
    }

    #[test]
    fn messages_are_required_trimmed_and_bounded() {
        assert_eq!(
            check_message("  Bonjour !  ").ok(),
            Some("Bonjour !".into())
        );
        assert!(check_message("   ").is_err());
        assert!(check_message(&"é".repeat(MESSAGE_MAX)).is_ok());
        assert!(check_message(&"é".repeat(MESSAGE_MAX + 1)).is_err());
    }
}

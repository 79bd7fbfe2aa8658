//! Date polls, for the meetings that do not follow the monthly rule (a
//! launch, a workshop with an institution, a month whose usual day is a
//! holiday). A coordinator offers slots; the city's members are invited by
//! email with a personal link that lets them answer each slot — yes, if
//! need be, no — without logging in, and see who else can come; the
//! coordinator then turns the best slot into a meeting, which invites
//! everybody who was asked.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::entities::{
    date_poll as poll, meetup_occurrence as occurrence, poll_answer, poll_invitee, poll_slot, user,
};
use crate::error::{DomainError, FieldErrors, Result};
use crate::meetup::Status;
use crate::meetup_rule::resolve_local;
use crate::outbox::{self, NewEmail};
use crate::role::Actor;
use crate::skill::Skill;
use crate::{city, rate_limit, token};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{CaseStatement, Condition, Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

crate::stored_code! {
    /// An answer for one slot.
    pub enum Choice ("poll answer", "error-choice-invalid") {
        /// Available.
        Yes = "yes",
        /// Available if it must be.
        IfNeedBe = "if_need_be",
        /// Not available.
        No = "no",
    }
}

/// The poll form as submitted.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Address.
    pub place_address: String,
    /// Duration in minutes.
    pub duration_minutes: String,
    /// Places.
    pub capacity: String,
    /// The slots offered, as typed (rows left empty are ignored).
    pub slots: Vec<SlotInput>,
    /// Last day to answer, `YYYY-MM-DD` (the poll closes at its end).
    pub closes_on: String,
    /// Audiences (skills); none means everyone in the city.
    pub audiences: Vec<String>,
}

/// One slot as typed: a day and a time on the city's clock.
#[derive(Debug, Clone, Default)]
pub struct SlotInput {
    /// The day (`YYYY-MM-DD` from a date picker, or `JJ/MM/AAAA`).
    pub date: String,
    /// The time (`HH:MM` from a time picker, or `18h30`).
    pub time: String,
}

/// The most slots a poll offers.
pub const MAX_SLOTS: usize = 10;

fn parse_slots(
    rows: &[SlotInput],
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> std::result::Result<Vec<DateTime<Utc>>, &'static str> {
    let mut slots = Vec::new();
    for row in rows {
        let (date, time) = (row.date.trim(), row.time.trim());
        match (date.is_empty(), time.is_empty()) {
            (true, true) => continue,
            (false, false) => {}
            _ => return Err("error-slot-incomplete"),
        }
        let date = crate::day::parse(date).map_err(|key| match key {
            "error-date-out-of-range" => key,
            _ => "error-slots-invalid",
        })?;
        let time = crate::local_time::parse(time).map_err(|_| "error-slots-invalid")?;
        let at = crate::local_time::at(zone, date, time)?;
        if at <= now {
            return Err("error-slots-past");
        }
        if !slots.contains(&at) {
            slots.push(at);
        }
    }
    if !(2..=MAX_SLOTS).contains(&slots.len()) {
        return Err("error-slots-count");
    }
    slots.sort();
    Ok(slots)
}

/// Creates a poll and invites the city's members (of the chosen audiences);
/// the city's coordinators only.
pub async fn create(ctx: &Context, actor: &Actor, city_id: i32, input: &PollInput) -> Result<i32> {
    if !actor.coordinates(Some(city_id)) {
        return Err(DomainError::Forbidden);
    }
    let c = city::get(&ctx.db, city_id).await?;
    let now = ctx.now();
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        e.add("title", "error-required");
    }
    let duration = e.checked(
        "duration_minutes",
        input
            .duration_minutes
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|d| (1..=24 * 60).contains(d))
            .ok_or("error-duration-invalid"),
    );
    let capacity = e.checked(
        "capacity",
        input
            .capacity
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
            .ok_or("error-capacity-positive"),
    );
    let slots = e.checked("slots", parse_slots(&input.slots, c.time_zone, now));
    let closes = e.checked("closes_on", crate::day::parse(&input.closes_on));
    let closes_at =
        closes.map(|d| resolve_local(c.time_zone, d.and_hms_opt(23, 59, 0).unwrap_or_default()));
    if let (Some(&at), Some(slots)) = (closes_at.get(), slots.get())
        && (at <= now || slots.first().is_some_and(|first| at >= *first))
    {
        e.add("closes_on", "error-poll-closes");
    }
    let mut audiences = Vec::new();
    for code in &input.audiences {
        if let Some(s) = e.check("audiences", Skill::parse(code)) {
            audiences.push(s);
        }
    }
    let (duration, capacity, slots, closes_at) =
        e.finish((duration, capacity, slots, closes_at))?;
    let mut members: Vec<user::Model> = Vec::new();
    for u in user::Entity::find()
        .filter(user::Column::CityId.eq(city_id))
        .filter(user::Column::IsActive.eq(true))
        .all(&ctx.db)
        .await?
    {
        let skills = Skill::parse_list(&u.skills)?;
        if audiences.is_empty() || skills.is_empty() || skills.iter().any(|s| audiences.contains(s))
        {
            members.push(u);
        }
    }
    let txn = ctx.db.begin().await?;
    if let Some(author) = actor.user_id() {
        rate_limit::daily(
            &txn,
            "poll",
            author,
            rate_limit::POLLS_PER_DAY,
            now,
            ("title", "error-daily-polls"),
        )
        .await?;
    }
    let row = poll::ActiveModel {
        city_id: Set(city_id),
        title: Set(title.clone()),
        description: Set(input.description.trim().to_owned()),
        place_address: Set(input.place_address.trim().to_owned()),
        duration_minutes: Set(duration),
        capacity: Set(capacity),
        closes_at: Set(closes_at),
        created_by: Set(actor.user_id()),
        occurrence_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for at in slots {
        poll_slot::ActiveModel {
            poll_id: Set(row.id),
            starts_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for m in members {
        let clear = token::generate();
        poll_invitee::ActiveModel {
            poll_id: Set(row.id),
            user_id: Set(m.id),
            token_hash: Set(token::hash(&clear)),
            reminded_at: Set(None),
        }
        .insert(&txn)
        .await?;
        let message = EmailMessage::PollInvitation {
            title: title.clone(),
            city: c.name.clone(),
            closes_on: crate::email_message::Day::On(
                closes_at.with_timezone(&c.time_zone).date_naive(),
            ),
            token: clear,
            poll_id: row.id,
        };
        outbox::enqueue(
            &txn,
            NewEmail {
                idempotency_key: EmailKind::PollInvitation.key(format!("{}:{}", row.id, m.id)),
                to: &m.email,
                user_id: Some(m.id),
                language: m.language,
                message: &message,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(row.id)
}

/// A poll as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    /// Its id, in its addresses.
    pub id: i32,
    /// Its city.
    pub city_id: i32,
    /// Title.
    pub title: String,
    /// What it is about.
    pub description: String,
    /// Where the meeting would be.
    pub place_address: String,
    /// When answers stop being taken.
    pub closes_at: DateTime<Utc>,
    /// The meeting it became, once decided.
    pub occurrence_id: Option<i32>,
}

impl From<poll::Model> for Poll {
    fn from(p: poll::Model) -> Self {
        Poll {
            id: p.id,
            city_id: p.city_id,
            title: p.title,
            description: p.description,
            place_address: p.place_address,
            closes_at: p.closes_at,
            occurrence_id: p.occurrence_id,
        }
    }
}

/// A poll seen through an invitee's link.
#[derive(Debug, Clone)]
pub struct Ballot {
    /// The poll.
    pub poll: Poll,
    /// The invitee.
    pub user_id: i32,
    /// Whether answers are still taken.
    pub open: bool,
}

/// The poll and invitee behind a link; `NotFound` for an unknown one.
pub async fn ballot(ctx: &Context, poll_id: i32, clear: &str) -> Result<Ballot> {
    let invitee = poll_invitee::Entity::find()
        .filter(poll_invitee::Column::TokenHash.eq(token::hash(clear)))
        .filter(poll_invitee::Column::PollId.eq(poll_id))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let p = poll::Entity::find_by_id(poll_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Ballot {
        open: p.occurrence_id.is_none() && ctx.now() < p.closes_at,
        poll: p.into(),
        user_id: invitee.user_id,
    })
}

/// Records an invitee's answers, slot by slot.
pub async fn answer(ctx: &Context, ballot: &Ballot, answers: &[(i32, Choice)]) -> Result<()> {
    if !ballot.open {
        return Err(DomainError::field("answers", "error-poll-closed"));
    }
    let slots: Vec<i32> = slots(&ctx.db, ballot.poll.id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    for (slot_id, choice) in answers {
        if !slots.contains(slot_id) {
            return Err(DomainError::field("answers", "error-choice-invalid"));
        }
        poll_answer::Entity::delete_by_id((*slot_id, ballot.user_id))
            .exec(&txn)
            .await?;
        poll_answer::ActiveModel {
            slot_id: Set(*slot_id),
            user_id: Set(ballot.user_id),
            answer: Set(*choice),
            answered_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A poll's slots, in time order.
pub async fn slots(db: &impl ConnectionTrait, poll_id: i32) -> Result<Vec<poll_slot::Model>> {
    Ok(poll_slot::Entity::find()
        .filter(poll_slot::Column::PollId.eq(poll_id))
        .order_by_asc(poll_slot::Column::StartsAt)
        .all(db)
        .await?)
}

/// The answers so far: each slot with its score (yes counts 2, if need be
/// 1), and each invitee's row.
#[derive(Debug, Clone)]
pub struct Results {
    /// Slots with (yes, if need be) counts, in time order.
    pub slots: Vec<(poll_slot::Model, usize, usize)>,
    /// Each invitee who answered: account, name and their choice per slot.
    pub rows: Vec<(i32, String, Vec<Option<Choice>>)>,
    /// Invitees who have not answered yet.
    pub silent: usize,
}

/// The results of a poll (for coordinators and invitees alike).
pub async fn results(db: &impl ConnectionTrait, poll_id: i32) -> Result<Results> {
    let slots = slots(db, poll_id).await?;
    let ids: Vec<i32> = slots.iter().map(|s| s.id).collect();
    let answers = poll_answer::Entity::find()
        .filter(poll_answer::Column::SlotId.is_in(ids))
        .all(db)
        .await?;
    let invitees = poll_invitee::Entity::find()
        .filter(poll_invitee::Column::PollId.eq(poll_id))
        .all(db)
        .await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(invitees.iter().map(|i| i.user_id).collect::<Vec<_>>()))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let mut rows = Vec::new();
    let mut silent = 0;
    for person in &people {
        let choices: Vec<Option<Choice>> = slots
            .iter()
            .map(|s| {
                answers
                    .iter()
                    .find(|a| a.slot_id == s.id && a.user_id == person.id)
                    .map(|a| a.answer)
            })
            .collect();
        if choices.iter().all(Option::is_none) {
            silent += 1;
        } else {
            rows.push((person.id, person.name.clone(), choices));
        }
    }
    let counted = slots
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let yes = rows
                .iter()
                .filter(|(_, _, c)| c[i] == Some(Choice::Yes))
                .count();
            let maybe = rows
                .iter()
                .filter(|(_, _, c)| c[i] == Some(Choice::IfNeedBe))
                .count();
            (s, yes, maybe)
        })
        .collect();
    Ok(Results {
        slots: counted,
        rows,
        silent,
    })
}

/// The polls of the cities the actor coordinates, newest first.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Poll>> {
    Ok(poll::Entity::find()
        .order_by_desc(poll::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| actor.coordinates(Some(p.city_id)))
        .map(Poll::from)
        .collect())
}

/// One poll, for its city's coordinators.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, poll_id: i32) -> Result<poll::Model> {
    let p = poll::Entity::find_by_id(poll_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(p.city_id)) {
        return Err(DomainError::Forbidden);
    }
    Ok(p)
}

/// What turning `slot_id` into a meeting would do, for the page that asks
/// first: the poll, the slot, and how many people would be invited by email.
pub async fn conversion(
    db: &impl ConnectionTrait,
    actor: &Actor,
    poll_id: i32,
    slot_id: i32,
) -> Result<(poll::Model, poll_slot::Model, u64)> {
    let p = get(db, actor, poll_id).await?;
    let slot = poll_slot::Entity::find_by_id(slot_id)
        .one(db)
        .await?
        .filter(|s| s.poll_id == poll_id)
        .ok_or(DomainError::NotFound)?;
    let invited = poll_invitee::Entity::find()
        .filter(poll_invitee::Column::PollId.eq(poll_id))
        .count(db)
        .await?;
    Ok((p, slot, invited))
}

/// Turns a slot into a meeting and invites everybody who was asked; doing
/// it again returns the same meeting.
pub async fn convert(ctx: &Context, actor: &Actor, poll_id: i32, slot_id: i32) -> Result<i32> {
    let p = get(&ctx.db, actor, poll_id).await?;
    if let Some(existing) = p.occurrence_id {
        return Ok(existing);
    }
    let slot = poll_slot::Entity::find_by_id(slot_id)
        .one(&ctx.db)
        .await?
        .filter(|s| s.poll_id == poll_id)
        .ok_or(DomainError::NotFound)?;
    let c = city::get(&ctx.db, p.city_id).await?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let occ = occurrence::ActiveModel {
        series_id: Set(None),
        city_id: Set(p.city_id),
        rule_date: Set(None),
        title: Set(p.title.clone()),
        description: Set(p.description.clone()),
        starts_at: Set(slot.starts_at),
        ends_at: Set(slot.starts_at + Duration::minutes(i64::from(p.duration_minutes))),
        place_address: Set(p.place_address.clone()),
        online_url: Set(None),
        capacity: Set(p.capacity),
        status: Set(Status::Scheduled),
        manual: Set(true),
        minutes: Set(String::new()),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let claimed = poll::Entity::update_many()
        .col_expr(poll::Column::OccurrenceId, Expr::value(occ.id))
        .filter(poll::Column::Id.eq(poll_id))
        .filter(poll::Column::OccurrenceId.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::field("slot", "error-poll-closed"));
    }
    let invitees = poll_invitee::Entity::find()
        .filter(poll_invitee::Column::PollId.eq(poll_id))
        .all(&txn)
        .await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(invitees.iter().map(|i| i.user_id).collect::<Vec<_>>()))
        .all(&txn)
        .await?;
    for person in people {
        let message = EmailMessage::MeetupInvitation {
            title: p.title.clone(),
            when: crate::email_message::Moment::new(slot.starts_at, c.time_zone, &c.name),
            place: p.place_address.clone(),
            meetup_id: occ.id,
            event: Some(crate::email_message::CalendarEntry {
                starts_at: occ.starts_at,
                ends_at: occ.ends_at,
                sequence: occ.sequence,
            }),
        };
        outbox::enqueue(
            &txn,
            NewEmail {
                idempotency_key: EmailKind::MeetupInvitation
                    .key(format!("{}:{}", occ.id, person.id)),
                to: &person.email,
                user_id: Some(person.id),
                language: person.language,
                message: &message,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(occ.id)
}

/// How long before a poll closes the silent invitees are reminded.
pub const REMIND_BEFORE: Duration = Duration::hours(48);

/// Invitees read per query while reminding.
const PAGE: u64 = 500;

/// Queues one reminder for each invitee of an open poll closing within
/// `REMIND_BEFORE` who has not answered; each invitee is reminded once (the
/// mark and the email are written together). Invitees are read a page at a
/// time across the polls, and each page is marked and queued with a
/// handful of statements. Returns how many were queued.
pub async fn remind_silent(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let due: HashMap<i32, poll::Model> = poll::Entity::find()
        .filter(poll::Column::OccurrenceId.is_null())
        .filter(poll::Column::ClosesAt.gt(now))
        .filter(poll::Column::ClosesAt.lte(now + REMIND_BEFORE))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let zones: HashMap<i32, (chrono_tz::Tz, String)> = city::list(&ctx.db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.time_zone, c.name)))
        .collect();
    let poll_ids: Vec<i32> = due.keys().copied().collect();
    let slot_poll: HashMap<i32, i32> = poll_slot::Entity::find()
        .select_only()
        .columns([poll_slot::Column::Id, poll_slot::Column::PollId])
        .filter(poll_slot::Column::PollId.is_in(poll_ids.clone()))
        .into_tuple::<(i32, i32)>()
        .all(&ctx.db)
        .await?
        .into_iter()
        .collect();
    let answered: HashSet<(i32, i32)> = poll_answer::Entity::find()
        .select_only()
        .columns([poll_answer::Column::SlotId, poll_answer::Column::UserId])
        .filter(poll_answer::Column::SlotId.is_in(slot_poll.keys().copied().collect::<Vec<_>>()))
        .into_tuple::<(i32, i32)>()
        .all(&ctx.db)
        .await?
        .into_iter()
        .filter_map(|(slot, user)| Some((*slot_poll.get(&slot)?, user)))
        .collect();
    let mut queued = 0;
    // Keyset over the primary key (poll, invitee).
    let mut after = (0, 0);
    loop {
        let page = poll_invitee::Entity::find()
            .filter(poll_invitee::Column::PollId.is_in(poll_ids.clone()))
            .filter(poll_invitee::Column::RemindedAt.is_null())
            .filter(
                Condition::any()
                    .add(poll_invitee::Column::PollId.gt(after.0))
                    .add(
                        Condition::all()
                            .add(poll_invitee::Column::PollId.eq(after.0))
                            .add(poll_invitee::Column::UserId.gt(after.1)),
                    ),
            )
            .order_by_asc(poll_invitee::Column::PollId)
            .order_by_asc(poll_invitee::Column::UserId)
            .limit(PAGE)
            .all(&ctx.db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = (last.poll_id, last.user_id);
        let full = page.len() == usize::try_from(PAGE).unwrap_or(usize::MAX);
        let silent: Vec<(i32, i32)> = page
            .iter()
            .map(|i| (i.poll_id, i.user_id))
            .filter(|key| !answered.contains(key))
            .collect();
        queued += remind_page(ctx, &due, &zones, &silent, now).await?;
        if !full {
            break;
        }
    }
    Ok(queued)
}

/// Marks and reminds a page of silent invitees, `(poll, member)`, in one
/// transaction.
async fn remind_page(
    ctx: &Context,
    polls: &HashMap<i32, poll::Model>,
    zones: &HashMap<i32, (chrono_tz::Tz, String)>,
    silent: &[(i32, i32)],
    now: DateTime<Utc>,
) -> Result<usize> {
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::Id.is_in(silent.iter().map(|(_, u)| *u).collect::<Vec<_>>()))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let silent: Vec<(i32, i32)> = silent
        .iter()
        .copied()
        .filter(|(_, u)| people.contains_key(u))
        .collect();
    if silent.is_empty() {
        return Ok(0);
    }
    // The link needs a clear token and only its hash is kept: the reminder
    // carries a fresh one, which replaces the old.
    let clear: HashMap<(i32, i32), String> =
        silent.iter().map(|key| (*key, token::generate())).collect();
    let mut hashes = CaseStatement::new();
    let mut which = Condition::any();
    for ((poll_id, user_id), clear) in &clear {
        let this = Condition::all()
            .add(poll_invitee::Column::PollId.eq(*poll_id))
            .add(poll_invitee::Column::UserId.eq(*user_id));
        hashes = hashes.case(this.clone(), Expr::value(token::hash(clear)));
        which = which.add(this);
    }
    let mut update = Query::update();
    update
        .table(poll_invitee::Entity)
        .value(poll_invitee::Column::RemindedAt, now)
        .value(
            poll_invitee::Column::TokenHash,
            hashes.finally(Expr::col(poll_invitee::Column::TokenHash)),
        )
        .cond_where(which)
        .and_where(poll_invitee::Column::RemindedAt.is_null())
        .returning(
            Query::returning()
                .columns([poll_invitee::Column::PollId, poll_invitee::Column::UserId]),
        );
    let txn = ctx.db.begin().await?;
    // Only the invitees this run marked are reminded: another run may
    // have marked some first.
    let mut marked = Vec::new();
    for row in txn.query_all(&update).await? {
        marked.push((
            row.try_get_by_index::<i32>(0)?,
            row.try_get_by_index::<i32>(1)?,
        ));
    }
    let messages: Vec<(&user::Model, i32, EmailMessage)> = marked
        .iter()
        .filter_map(|key| {
            let p = polls.get(&key.0)?;
            let person = people.get(&key.1)?;
            let (zone, place) = zones
                .get(&p.city_id)
                .map_or((crate::time_zone::DEFAULT_TIME_ZONE, ""), |(z, n)| {
                    (*z, n.as_str())
                });
            Some((
                person,
                p.id,
                EmailMessage::PollReminder {
                    title: p.title.clone(),
                    closes_on: crate::email_message::Moment::new(p.closes_at, zone, place),
                    poll_id: p.id,
                    token: clear.get(key)?.clone(),
                },
            ))
        })
        .collect();
    let emails: Vec<NewEmail<'_>> = messages
        .iter()
        .map(|(person, poll_id, message)| NewEmail {
            idempotency_key: EmailKind::PollReminder.key(format!("{poll_id}:{}", person.id)),
            to: &person.email,
            user_id: Some(person.id),
            language: person.language,
            message,
        })
        .collect();
    let queued = outbox::enqueue_many(&txn, &emails, now).await?;
    txn.commit().await?;
    Ok(queued)
}

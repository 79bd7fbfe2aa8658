//! Announcements: a coordinator writes to chosen audiences of their city
//! (or, for programme coordinators, of the whole programme). Each recipient
//! gets one email, in the announcement's words, unless they turned
//! announcements off.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::entities::{announcement, city, user};
use crate::error::{DomainError, FieldErrors, Result};
use crate::outbox::{self, NewEmail};
use crate::rate_limit;
use crate::role::Actor;
use crate::skill::Skill;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

/// An announcement's words and audiences, checked.
fn checked<'a>(
    audiences: &[String],
    subject: &'a str,
    body: &'a str,
) -> Result<(&'a str, &'a str, Vec<Skill>)> {
    let mut e = FieldErrors::default();
    let subject = subject.trim();
    let body = body.trim();
    if subject.is_empty() {
        e.add("subject", "error-required");
    } else if subject.chars().count() > 150 {
        e.add("subject", "error-too-long");
    }
    if body.is_empty() {
        e.add("body", "error-required");
    } else if body.chars().count() > 10_000 {
        e.add("body", "error-too-long");
    }
    let mut wanted = Vec::new();
    for code in audiences {
        if let Some(s) = e.check("audiences", Skill::parse(code)) {
            wanted.push(s);
        }
    }
    e.into_result()?;
    Ok((subject, body, wanted))
}

/// The active members of the city (or programme) with one of the wanted
/// skills (anyone, when none is wanted).
async fn people(
    db: &impl ConnectionTrait,
    city_id: Option<i32>,
    wanted: &[Skill],
) -> Result<Vec<user::Model>> {
    let mut people = user::Entity::find().filter(user::Column::IsActive.eq(true));
    if let Some(id) = city_id {
        people = people.filter(user::Column::CityId.eq(id));
    }
    let mut chosen = Vec::new();
    for u in people.all(db).await? {
        let skills = Skill::parse_list(&u.skills)?;
        if wanted.is_empty() || skills.iter().any(|s| wanted.contains(s)) {
            chosen.push(u);
        }
    }
    Ok(chosen)
}

/// How many members an announcement is addressed to, for the page that
/// asks before sending; checked as `send` checks it. Those among them who
/// turned announcements off will not receive it.
pub async fn addressed_to(
    db: &impl ConnectionTrait,
    actor: &Actor,
    city_id: Option<i32>,
    audiences: &[String],
    subject: &str,
    body: &str,
) -> Result<usize> {
    if !actor.coordinates(city_id) {
        return Err(DomainError::Forbidden);
    }
    let (_, _, wanted) = checked(audiences, subject, body)?;
    Ok(people(db, city_id, &wanted).await?.len())
}

/// Sends an announcement; returns how many emails were queued.
pub async fn send(
    ctx: &Context,
    actor: &Actor,
    city_id: Option<i32>,
    audiences: &[String],
    subject: &str,
    body: &str,
) -> Result<usize> {
    if !actor.coordinates(city_id) {
        return Err(DomainError::Forbidden);
    }
    let (subject, body, wanted) = checked(audiences, subject, body)?;
    let from = match city_id {
        Some(id) => city::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let people = people(&ctx.db, city_id, &wanted).await?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    if let Some(author) = actor.user_id() {
        rate_limit::daily(
            &txn,
            "announcement",
            author,
            rate_limit::ANNOUNCEMENTS_PER_DAY,
            now,
            ("subject", "error-daily-announcements"),
        )
        .await?;
    }
    let row = announcement::ActiveModel {
        city_id: Set(city_id),
        audiences: Set(Skill::join(&wanted)),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        author_id: Set(actor.user_id()),
        created_at: Set(now),
        recipients: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut queued = 0;
    for person in &people {
        let message = EmailMessage::Announcement {
            subject: subject.to_owned(),
            body: body.to_owned(),
            from: from.clone(),
        };
        let new = outbox::enqueue(
            &txn,
            NewEmail {
                idempotency_key: EmailKind::Announcement.key(format!("{}:{}", row.id, person.id)),
                to: &person.email,
                user_id: Some(person.id),
                language: person.language,
                message: &message,
            },
            now,
        )
        .await?;
        if new {
            queued += 1;
        }
    }
    let mut active: announcement::ActiveModel = row.into();
    active.recipients = Set(i32::try_from(queued).unwrap_or(i32::MAX));
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(queued)
}

/// An announcement already sent, as the coordinators' page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Its subject.
    pub subject: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// How many emails it queued.
    pub recipients: u64,
}

/// Announcements the actor can see (their cities', or all for the programme), newest first.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Sent>> {
    Ok(announcement::Entity::find()
        .order_by_desc(announcement::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| actor.coordinates(a.city_id))
        .map(|a| Sent {
            subject: a.subject,
            created_at: a.created_at,
            // Stored from a count, never negative.
            recipients: u64::try_from(a.recipients).unwrap_or(0),
        })
        .collect())
}

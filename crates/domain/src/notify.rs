//! Emails an action causes, queued in the action's own transaction: the
//! email exists exactly when the change does, so no planner has to guess
//! later what changed.
//!
//! Each email goes through the outbox's `enqueue_many` with a key naming its
//! occasion and recipient, so an action replayed (a double submit, a
//! retried request) queues nothing twice. An email that cannot be written
//! (its data cannot be put into words) does not undo the action: it is
//! recorded as a failed outbox row with the reason, where coordinators see it.

use crate::email_message::{EmailKind, EmailMessage};
use crate::email_preference::Category;
use crate::entities::user;
use crate::error::Result;
use crate::language::Language;
use crate::outbox::{self, NewEmail};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Someone an action's email goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Their account.
    pub user_id: i32,
    /// Their address.
    pub email: String,
    /// The language they read.
    pub language: Language,
    /// The zone their profile names, if any.
    pub time_zone: Option<Tz>,
}

impl From<&user::Model> for Recipient {
    fn from(u: &user::Model) -> Self {
        Recipient {
            user_id: u.id,
            email: u.email.clone(),
            language: u.language,
            time_zone: u
                .time_zone
                .as_deref()
                .and_then(|z| crate::time_zone::parse(z).ok()),
        }
    }
}

/// The active accounts among `user_ids`, in one query, in id order.
pub async fn recipients(db: &impl ConnectionTrait, user_ids: &[i32]) -> Result<Vec<Recipient>> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut people: Vec<Recipient> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids.to_vec()))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?
        .iter()
        .map(Recipient::from)
        .collect();
    people.sort_by_key(|r| r.user_id);
    Ok(people)
}

/// Why an email could not be written, with what the outbox needs to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable {
    /// The kind of email it would have been (`EmailMessage::kind`).
    pub kind: EmailKind,
    /// Its category, so that a member who turned it off is not counted.
    pub category: Option<Category>,
    /// What went wrong, for the coordinators' outbox page.
    pub reason: String,
}

/// An email as an action drafts it for one recipient.
pub type Draft = std::result::Result<EmailMessage, Unwritable>;

/// Queues one email per recipient, keyed `{occasion}:{user id}`, drafted by
/// `draft`, in one batch (`outbox::enqueue_many`). Returns how many were
/// queued (failed rows included).
pub async fn each(
    db: &impl ConnectionTrait,
    recipients: &[Recipient],
    occasion: &str,
    now: DateTime<Utc>,
    draft: impl Fn(&Recipient) -> Draft,
) -> Result<usize> {
    let mut written = Vec::with_capacity(recipients.len());
    let mut unwritten = Vec::new();
    for r in recipients {
        match draft(r) {
            Ok(message) => written.push((r, message)),
            Err(why) => unwritten.push((r, why)),
        }
    }
    let emails: Vec<NewEmail<'_>> = written
        .iter()
        .map(|(r, message)| NewEmail {
            idempotency_key: format!("{occasion}:{}", r.user_id),
            to: &r.email,
            user_id: Some(r.user_id),
            language: r.language,
            message,
        })
        .collect();
    let mut queued = outbox::enqueue_many(db, &emails, now).await?;
    // The fault path: rare, so one row at a time.
    let optional: Vec<(i32, Category)> = unwritten
        .iter()
        .filter_map(|(r, why)| Some((r.user_id, why.category?)))
        .collect();
    let preferences = crate::email_preference::preferences(db, &optional).await?;
    for (r, why) in unwritten {
        let wanted = why.category.is_none_or(|c| preferences.wants(r.user_id, c));
        if wanted
            && outbox::record_unwritable(
                db,
                outbox::Unwritten {
                    idempotency_key: format!("{occasion}:{}", r.user_id),
                    kind: why.kind,
                    to: &r.email,
                    user_id: Some(r.user_id),
                    language: r.language,
                    reason: &why.reason,
                },
                now,
            )
            .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

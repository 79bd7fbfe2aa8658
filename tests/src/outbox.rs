//! Emails put straight into the outbox, for the tests of delivery: the
//! same invitation to many addresses, as a planner would queue them.

use chrono::{DateTime, Utc};
use relais_domain::email_message::{EmailMessage, Moment};
use relais_domain::outbox::{self, NewEmail};
use sea_orm::{DatabaseConnection, TransactionTrait};

/// The invitation the delivery tests send: to a meeting in Lyon.
pub fn invitation() -> EmailMessage {
    EmailMessage::MeetupInvitation {
        title: "Rencontre".into(),
        when: Moment::Written("2026-12-03 19:00".into()),
        place: "Lyon".into(),
        meetup_id: 1,
        event: None,
    }
}

/// Queues [`invitation`] in one transaction, one email per `(key, address)`
/// in French, queued at `now`; returns how many were queued.
pub async fn queue_invitations(
    db: &DatabaseConnection,
    emails: &[(String, String)],
    now: DateTime<Utc>,
) -> relais_domain::Result<usize> {
    let message = invitation();
    let emails: Vec<NewEmail> = emails
        .iter()
        .map(|(key, to)| NewEmail {
            idempotency_key: key.clone(),
            to,
            user_id: None,
            language: relais_domain::Language::Fr,
            message: &message,
        })
        .collect();
    let txn = db.begin().await?;
    let queued = outbox::enqueue_many(&txn, &emails, now).await?;
    txn.commit().await?;
    Ok(queued)
}

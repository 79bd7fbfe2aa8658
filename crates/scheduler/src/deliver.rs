//! The outbox delivery job: claim due emails, render, send, record.
//!
//! Claims carry a lease; a process that dies mid-batch leaves rows that
//! another run takes back once the lease has expired. The only duplicate
//! that can happen is an email the server accepted just before the process
//! died, and its `Message-ID` is the same both times.

use crate::JobContext;
use crate::error::{Result, SchedulerError};
use crate::mailer::{SendError, build_message, message_id, with_unsubscribe};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use relais_domain::outbox;
use std::collections::HashMap;
use tokio::task::JoinSet;

/// How long a claim holds before another instance may take the email
/// back; renewed while the email is on the wire.
pub const LEASE: Duration = Duration::minutes(5);
/// How many emails one instance has on the wire at once, by default.
pub const DEFAULT_IN_FLIGHT: usize = 8;
/// The most `RELAIS_DELIVERY_IN_FLIGHT` may ask for.
pub const MAX_IN_FLIGHT: usize = 64;
/// How long transient failures are retried before the email is marked failed.
pub const GIVE_UP_AFTER: Duration = Duration::hours(24);

/// Emails the mail server accepted from this instance.
pub const DELIVERED: &str = "relais_emails_delivered_total";
/// Failed delivery attempts on this instance, by outcome: `retried` (put
/// back for later) or `failed` (given up on).
pub const FAILURES: &str = "relais_delivery_failures_total";

/// How an instance delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Emails on the wire at once (1 to `MAX_IN_FLIGHT`); also the SMTP pool's size.
    pub in_flight: usize,
    /// How long a claim holds; renewed every fifth of it.
    pub lease: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            in_flight: DEFAULT_IN_FLIGHT,
            lease: LEASE,
        }
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Emails claimed.
    pub attempted: usize,
    /// Accepted by the transport.
    pub sent: usize,
    /// Put back for later.
    pub retried: usize,
    /// Given up on.
    pub failed: usize,
    /// Put back at once, unsent, because the process is stopping.
    pub released: usize,
}

/// The wait after the `attempts`-th failed attempt (counting from 1):
/// 30 s, then doubling, capped at an hour, with up to 20 % jitter so that
/// retries from many emails spread out.
pub fn backoff(attempts: i32) -> Duration {
    let exp = (attempts - 1).clamp(0, 7) as u32;
    let base = (30i64 * 2i64.pow(exp)).min(3600);
    let jitter = rand::thread_rng().gen_range(0..=base / 5);
    Duration::seconds(base + jitter)
}

/// Delivers the emails due at `now` until none is due, with at most
/// `jobs.delivery.in_flight` on the wire: a place is claimed only when it
/// is free, so a claim never waits behind others for its turn.
///
/// Each claim's lease starts at the moment it is taken (`now` moved on by
/// the clock's progress since the run began), and the leases of emails on
/// the wire are renewed every fifth of a lease, so a run may outlast any
/// number of leases without another instance taking its emails back.
/// Once `jobs.shutdown.stop` fires nothing more is claimed and the emails
/// on the wire finish; once `abort` fires they are released unsent.
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Report> {
    let offset = now - jobs.ctx.now();
    let at = || jobs.ctx.now() + offset;
    let places = jobs.delivery.in_flight.clamp(1, MAX_IN_FLIGHT);
    let lease = jobs.delivery.lease;
    let renew_every = (lease / 5)
        .to_std()
        .unwrap_or(std::time::Duration::from_secs(60))
        .max(std::time::Duration::from_millis(10));
    let mut renew =
        tokio::time::interval_at(tokio::time::Instant::now() + renew_every, renew_every);
    renew.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut report = Report::default();
    let mut tasks = JoinSet::new();
    let mut on_the_wire: HashMap<tokio::task::Id, i64> = HashMap::new();
    let mut drained = false;
    let mut first_error: Option<SchedulerError> = None;
    loop {
        // Fill the free places; an empty claim means nothing more is due.
        while !drained
            && first_error.is_none()
            && !jobs.shutdown.stop.is_cancelled()
            && !jobs.shutdown.abort.is_cancelled()
            && tasks.len() < places
        {
            let free = (places - tasks.len()) as u64;
            match outbox::claim_due(&jobs.ctx.db, &jobs.worker, at(), lease, free).await {
                Ok(claimed) => {
                    drained = claimed.is_empty();
                    for email in claimed {
                        report.attempted += 1;
                        let id = email.row.id;
                        let jobs = jobs.clone();
                        let task =
                            tasks.spawn(async move { deliver_one(&jobs, email, offset).await });
                        on_the_wire.insert(task.id(), id);
                    }
                }
                Err(e) => first_error = Some(e.into()),
            }
        }
        if tasks.is_empty() {
            return match first_error {
                Some(e) => Err(e),
                None => Ok(report),
            };
        }
        tokio::select! {
            done = tasks.join_next_with_id() => {
                let Some(done) = done else { continue };
                let outcome = match done {
                    Ok((id, outcome)) => {
                        on_the_wire.remove(&id);
                        outcome
                    }
                    Err(e) => {
                        on_the_wire.remove(&e.id());
                        Err(SchedulerError::Transport(format!("delivery task: {e}")))
                    }
                };
                match outcome {
                    Ok(Outcome::Delivered) => {
                        report.sent += 1;
                        metrics::counter!(DELIVERED).increment(1);
                    }
                    Ok(Outcome::Retried) => {
                        report.retried += 1;
                        metrics::counter!(FAILURES, "outcome" => "retried").increment(1);
                    }
                    Ok(Outcome::Failed) => {
                        report.failed += 1;
                        metrics::counter!(FAILURES, "outcome" => "failed").increment(1);
                    }
                    Ok(Outcome::Released) => report.released += 1,
                    // The others on the wire still finish; the run then
                    // reports the first error.
                    Err(e) => {
                        tracing::error!(error = %e, "email delivery");
                        first_error.get_or_insert(e);
                    }
                }
            }
            _ = renew.tick() => {
                let ids: Vec<i64> = on_the_wire.values().copied().collect();
                if let Err(e) = outbox::renew_leases(&jobs.ctx.db, &jobs.worker, &ids, at() + lease).await {
                    tracing::error!(error = %e, "renewing delivery leases");
                }
            }
        }
    }
}

/// How one email's attempt ended.
enum Outcome {
    Delivered,
    Retried,
    Failed,
    Released,
}

async fn deliver_one(
    jobs: &JobContext,
    email: outbox::Claimed,
    offset: Duration,
) -> Result<Outcome> {
    let reader = relais_templates::email::Reader {
        language: email.language,
        zone: email.zone,
        unsubscribe: email.row.unsubscribe.clone(),
    };
    let rendered = relais_templates::email::render(&email.message, &reader, &jobs.base_url);
    // The copy kept for coordinators holds no working unsubscribe link.
    let kept = |body: &str| match &email.row.unsubscribe {
        Some(path) => body.replace(path.as_str(), "…"),
        None => body.to_owned(),
    };
    outbox::record_rendered(
        &jobs.ctx.db,
        email.row.id,
        &rendered.subject,
        &kept(&rendered.text),
        &kept(&rendered.html),
    )
    .await?;
    let id = message_id(&email.row.idempotency_key, &jobs.base_url);
    let calendar = relais_templates::email::attachment(&email.message, &jobs.base_url);
    let sent = match build_message(
        &jobs.from,
        &email.row.recipient_email,
        &rendered,
        id,
        calendar,
    ) {
        Ok(message) => {
            let message = match &email.row.unsubscribe {
                Some(path) => {
                    with_unsubscribe(message, &format!("{}/unsubscribe/{path}", jobs.base_url))
                }
                None => message,
            };
            // Aborting drops the SMTP conversation before the end of its
            // data: the server has not accepted the email, so giving the
            // claim back cannot make a duplicate.
            tokio::select! {
                biased;
                sent = jobs.mailer.send(message) => sent,
                () = jobs.shutdown.abort.cancelled() => {
                    outbox::release(&jobs.ctx.db, &[email.row.id], &jobs.worker).await?;
                    return Ok(Outcome::Released);
                }
            }
        }
        Err(e) => Err(e),
    };
    let now = jobs.ctx.now() + offset;
    Ok(match sent {
        Ok(()) => {
            outbox::mark_sent(&jobs.ctx.db, &email, &jobs.worker, now).await?;
            Outcome::Delivered
        }
        Err(SendError::Transient(reason)) if now - email.row.created_at < GIVE_UP_AFTER => {
            tracing::warn!(id = email.row.id, %reason, "email delivery will be retried");
            let next = now + backoff(email.row.attempts);
            outbox::retry_later(&jobs.ctx.db, email.row.id, &jobs.worker, &reason, next).await?;
            Outcome::Retried
        }
        Err(SendError::Transient(reason) | SendError::Permanent(reason)) => {
            tracing::warn!(id = email.row.id, %reason, "email delivery failed");
            outbox::fail(&jobs.ctx.db, email.row.id, &jobs.worker, &reason).await?;
            Outcome::Failed
        }
    })
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn the_first_retry_waits_30_seconds_then_the_wait_doubles_up_to_an_hour() {
        for _ in 0..100 {
            for (attempts, base) in [(1, 30), (2, 60), (3, 120), (4, 240), (8, 3600), (20, 3600)] {
                let wait = backoff(attempts).num_seconds();
                assert!(
                    (base..=base + base / 5).contains(&wait),
                    "after attempt {attempts}: {wait} s"
                );
            }
        }
    }
}

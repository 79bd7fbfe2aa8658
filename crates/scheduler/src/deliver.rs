//! The outbox delivery job: claim due emails, render, send, record.
//!
//! Claims carry a lease; a process that dies mid-batch leaves rows that
//! another run takes back once the lease has expired. The only duplicate
//! that can happen is an email the server accepted just before the process
//! died, and its `Message-ID` is the same both times.

use crate::JobContext;
use crate::error::Result;
use crate::mailer::{SendError, build_message, message_id, with_unsubscribe};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use relais_domain::outbox;

/// How long a claim holds before another instance may take the email back.
pub const LEASE: Duration = Duration::minutes(5);
/// How many emails one run claims at most.
pub const BATCH: u64 = 200;
/// How long transient failures are retried before the email is marked failed.
pub const GIVE_UP_AFTER: Duration = Duration::hours(24);

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
}

/// The wait before attempt `attempts + 1`: doubling from 30 s, capped at an
/// hour, with up to 20 % jitter so that retries from many emails spread out.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(0, 7) as u32;
    let base = (30i64 * 2i64.pow(exp)).min(3600);
    let jitter = rand::thread_rng().gen_range(0..=base / 5);
    Duration::seconds(base + jitter)
}

/// Delivers the emails due at `now`, batch after batch until none is due.
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Report> {
    let mut report = Report::default();
    loop {
        let claimed = outbox::claim_due(&jobs.ctx.db, &jobs.worker, now, LEASE, BATCH).await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        // Several emails are on the wire at once: one SMTP conversation is
        // mostly waiting for the other side.
        let mut tasks = tokio::task::JoinSet::new();
        for email in claimed {
            report.attempted += 1;
            let jobs = jobs.clone();
            tasks.spawn(async move { deliver_one(&jobs, email, now).await });
            while tasks.len() >= CONCURRENCY {
                if let Some(done) = tasks.join_next().await {
                    count(&mut report, done)?;
                }
            }
        }
        while let Some(done) = tasks.join_next().await {
            count(&mut report, done)?;
        }
    }
}

/// How many emails one instance sends at once.
pub const CONCURRENCY: usize = 24;

/// How one email's attempt ended.
enum Outcome {
    Delivered,
    Retried,
    Failed,
}

fn count(
    report: &mut Report,
    done: std::result::Result<Result<Outcome>, tokio::task::JoinError>,
) -> Result<()> {
    let outcome =
        done.map_err(|e| crate::error::SchedulerError::Transport(format!("delivery task: {e}")))??;
    match outcome {
        Outcome::Delivered => report.sent += 1,
        Outcome::Retried => report.retried += 1,
        Outcome::Failed => report.failed += 1,
    }
    Ok(())
}

async fn deliver_one(
    jobs: &JobContext,
    email: outbox::Claimed,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let rendered = relais_templates::email::render(&email.message, email.language, &jobs.base_url);
    outbox::record_rendered(
        &jobs.ctx.db,
        email.row.id,
        &rendered.subject,
        &rendered.text,
        &rendered.html,
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
                    let base = jobs.base_url.trim_end_matches('/');
                    with_unsubscribe(message, &format!("{base}/unsubscribe/{path}"))
                }
                None => message,
            };
            jobs.mailer.send(message).await
        }
        Err(e) => Err(e),
    };
    Ok(match sent {
        Ok(()) => {
            outbox::mark_sent(&jobs.ctx.db, &email, &jobs.worker, jobs.ctx.now()).await?;
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
    fn backoff_doubles_and_is_capped() {
        let first = backoff(0).num_seconds();
        assert!((30..=36).contains(&first), "{first}");
        let later = backoff(3).num_seconds();
        assert!((240..=288).contains(&later), "{later}");
        let capped = backoff(20).num_seconds();
        assert!((3600..=4320).contains(&capped), "{capped}");
    }
}

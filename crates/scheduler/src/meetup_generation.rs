//! Keeps every active meetup series filled with its occurrences for the
//! next three months.
//!
//! Every instance wakes up every hour; the one that claims the hour's slot
//! in `job_runs` runs it. Generation itself is idempotent, so a run after
//! downtime simply fills whatever the missed runs would have.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::{job_run, meetup};

/// The job's name in `job_runs`.
pub const JOB: &str = "meetup_generation";

/// The slot a moment belongs to: its UTC hour.
pub fn slot(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H").to_string()
}

/// Runs the slot of `now` if this instance claims it; returns how many
/// occurrences were created (`None` when another instance had the slot).
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<usize>> {
    let slot = slot(now);
    if !job_run::claim(&jobs.ctx.db, JOB, &slot, &jobs.worker, now).await? {
        return Ok(None);
    }
    let created = meetup::generate_all(&jobs.ctx.db, now).await?;
    job_run::finish(&jobs.ctx.db, JOB, &slot, jobs.ctx.now()).await?;
    Ok(Some(created))
}

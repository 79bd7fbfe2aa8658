//! Hourly planning of the emails time brings (see `relais_domain::reminder`)
//! and of the digests (`relais_domain::digest`).
//! One instance claims each slot; the outbox's keys make even a second run
//! harmless.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::{job_run, reminder};

/// The job's name in `job_runs`.
pub const JOB: &str = "reminders";

/// Plans the slot of `now` if this instance claims it; returns how many
/// emails were queued (`None` when another instance had the slot).
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<usize>> {
    let slot = crate::meetup_generation::slot(now);
    if !job_run::claim(&jobs.ctx.db, JOB, &slot, &jobs.worker, now).await? {
        return Ok(None);
    }
    let queued =
        reminder::plan(&jobs.ctx, now).await? + relais_domain::digest::plan(&jobs.ctx, now).await?;
    job_run::finish(&jobs.ctx.db, JOB, &slot, jobs.ctx.now()).await?;
    Ok(Some(queued))
}

//! Keeps every active meetup series filled with its occurrences for the
//! next three months.
//!
//! Every instance wakes up every hour; the one that claims the hour's slot
//! in `job_runs` runs it. Generation itself is idempotent, so a run after
//! downtime simply fills whatever the missed runs would have.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::meetup;

/// The job's name in `job_runs`.
pub const JOB: &str = "meetup_generation";

/// Runs the slot of `now` if this instance claims it; returns how many
/// occurrences were created (`None` when another instance had the slot).
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<usize>> {
    crate::jobs::in_slot(jobs, JOB, now, || async {
        Ok(meetup::generate_all(&jobs.ctx.db, now).await?)
    })
    .await
}

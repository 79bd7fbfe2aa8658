//! What time does to introductions (see `relais_domain::introduction`):
//! requests unanswered for 30 days expire, and a month after an
//! acceptance both sides are asked whether it led somewhere. One instance
//! claims each hourly slot; each step is a guarded update, so even a
//! second run changes nothing.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::introduction;

/// The job's name in `job_runs`.
pub const JOB: &str = "introductions";

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Requests that expired.
    pub expired: usize,
    /// Follow-up emails queued.
    pub follow_ups: usize,
}

/// Runs the slot of `now` if this instance claims it (`None` when another
/// instance had the slot).
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<Report>> {
    crate::jobs::in_slot(jobs, JOB, now, || async {
        Ok(Report {
            expired: introduction::expire_due(&jobs.ctx, now).await?,
            follow_ups: introduction::plan_follow_ups(&jobs.ctx, now).await?,
        })
    })
    .await
}

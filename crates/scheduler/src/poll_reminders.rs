//! Reminds invitees who have not answered a date poll, once, in the two
//! days before it closes. One instance runs each hourly slot; the reminder
//! mark and the queued email are written together, so nobody gets two.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::date_poll;

/// The job's name in `job_runs`.
pub const JOB: &str = "poll_reminders";

/// Runs the slot of `now` if this instance claims it; returns how many
/// reminders were queued (`None` when another instance had the slot).
pub async fn run(jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<usize>> {
    crate::jobs::in_slot(jobs, JOB, now, || async {
        Ok(date_poll::remind_silent(&jobs.ctx, now).await?)
    })
    .await
}

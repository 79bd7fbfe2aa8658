//! The one list of scheduled jobs. The scheduler is wired from it,
//! `relais reminders` plans from it, the configuration reads one
//! `RELAIS_SCHEDULE_<NAME>` per entry and a test holds the README's
//! schedule table to it: a job cannot exist in one place and be missing
//! from another.

use crate::JobContext;
use crate::error::Result;
use chrono::{DateTime, Utc};
use relais_domain::job_run;
use std::future::Future;
use std::pin::Pin;

/// What a job's work returns: how many things it did (emails sent or
/// queued, occurrences created, sessions removed).
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = Result<usize>> + Send + 'a>>;

/// One scheduled job.
pub struct Job {
    /// Its name: in logs, in `RELAIS_SCHEDULE_<NAME>` (upper case) and in the README.
    pub name: &'static str,
    /// When it wakes up by default: cron with seconds, in the programme's zone.
    pub schedule: &'static str,
    /// What it does, one line (the README's table says the same).
    pub does: &'static str,
    /// For hourly planning jobs, the name their slots are claimed under in
    /// `job_runs`: one instance runs each hour. These also run once at
    /// start-up and are what `relais reminders` plans.
    pub slot: Option<&'static str>,
    work: for<'a> fn(&'a JobContext, DateTime<Utc>) -> JobFuture<'a>,
}

impl Job {
    /// The variable that overrides the schedule, e.g. `RELAIS_SCHEDULE_CHECK_INS`.
    pub fn variable(&self) -> String {
        format!("RELAIS_SCHEDULE_{}", self.name.to_ascii_uppercase())
    }

    /// Whether it plans time-caused work (hourly, claimed per slot).
    pub fn plans(&self) -> bool {
        self.slot.is_some()
    }

    /// One scheduled run at `now`: an hourly job first claims the hour's
    /// slot and returns `None` when another run (here or on another
    /// instance) already has it.
    pub async fn run(&self, jobs: &JobContext, now: DateTime<Utc>) -> Result<Option<usize>> {
        match self.slot {
            Some(slot) => in_slot(jobs, slot, now, || (self.work)(jobs, now)).await,
            None => (self.work)(jobs, now).await.map(Some),
        }
    }

    /// The work without the slot claim, for `relais reminders`: its keys
    /// make a second run queue nothing twice.
    pub async fn work(&self, jobs: &JobContext, now: DateTime<Utc>) -> Result<usize> {
        (self.work)(jobs, now).await
    }
}

/// The slot a moment belongs to: its UTC hour.
pub fn slot(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%dT%H").to_string()
}

/// Runs `work` if this instance claims the hour of `now` for `job`;
/// `None` when another instance had it.
pub async fn in_slot<T, F, Fut>(
    jobs: &JobContext,
    job: &str,
    now: DateTime<Utc>,
    work: F,
) -> Result<Option<T>>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let slot = slot(now);
    if !job_run::claim(&jobs.ctx.db, job, &slot, &jobs.worker, now).await? {
        return Ok(None);
    }
    let done = work().await?;
    job_run::finish(&jobs.ctx.db, job, &slot, jobs.ctx.now()).await?;
    Ok(Some(done))
}

/// Every scheduled job, in the order start-up planning runs them
/// (occurrences exist before their invitations are planned).
pub const JOBS: &[Job] = &[
    Job {
        name: "delivery",
        schedule: "*/5 * * * * *",
        does: "sends the due emails of the outbox",
        slot: None,
        work: delivery,
    },
    Job {
        name: "meetups",
        schedule: "0 5 * * * *",
        does: "generates three months of meetup occurrences",
        slot: Some(crate::meetup_generation::JOB),
        work: meetups,
    },
    Job {
        name: "reminders",
        schedule: "0 10 * * * *",
        does: "plans meeting invitations, 7-day and 1-day reminders, nudges, milestone, review and quiet-project reminders",
        slot: Some("reminders"),
        work: reminders,
    },
    Job {
        name: "digests",
        schedule: "0 12 * * * *",
        does: "plans digests (08:00 in each member's zone, at their frequency)",
        slot: Some("digests"),
        work: digests,
    },
    Job {
        name: "check_ins",
        schedule: "0 15 * * * *",
        does: "sends each live project its monthly check-in",
        slot: Some("check_ins"),
        work: check_ins,
    },
    Job {
        name: "polls",
        schedule: "0 20 * * * *",
        does: "reminds silent date-poll invitees two days before the poll closes",
        slot: Some(crate::poll_reminders::JOB),
        work: polls,
    },
    Job {
        name: "introductions",
        schedule: "0 25 * * * *",
        does: "expires introduction requests unanswered for 30 days, asks for follow-ups a month after acceptance",
        slot: Some(crate::introductions::JOB),
        work: introductions,
    },
    Job {
        name: "housekeeping",
        schedule: "0 17 * * * *",
        does: "removes expired sessions, spent attempt counters and unsubscribe links older than 400 days",
        slot: None,
        work: housekeeping,
    },
    Job {
        name: "optimize",
        schedule: "0 47 * * * *",
        does: "refreshes the query planner's statistics where they have gone stale (SQLite `PRAGMA optimize`)",
        slot: None,
        work: optimize,
    },
];

/// The job called `name`.
pub fn find(name: &str) -> Option<&'static Job> {
    JOBS.iter().find(|j| j.name == name)
}

fn delivery(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move {
        let report = crate::deliver::run(jobs, now).await?;
        if report.attempted > 0 {
            tracing::info!(?report, "outbox delivery");
        }
        Ok(report.sent)
    })
}

fn meetups(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move { Ok(relais_domain::meetup::generate_all(&jobs.ctx.db, now).await?) })
}

fn reminders(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move { Ok(relais_domain::reminder::plan(&jobs.ctx, now).await?) })
}

fn digests(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move { Ok(relais_domain::digest::plan(&jobs.ctx, now).await?) })
}

fn check_ins(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move { Ok(relais_domain::check_in::plan(&jobs.ctx, now).await?) })
}

fn polls(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move { Ok(relais_domain::date_poll::remind_silent(&jobs.ctx, now).await?) })
}

fn introductions(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move {
        let expired = relais_domain::introduction::expire_due(&jobs.ctx, now).await?;
        let follow_ups = relais_domain::introduction::plan_follow_ups(&jobs.ctx, now).await?;
        Ok(expired + follow_ups)
    })
}

fn housekeeping(jobs: &JobContext, now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move {
        let db = &jobs.ctx.db;
        let purged = relais_domain::session::purge_expired(db, now).await?
            + relais_domain::rate_limit::forget_old(db, now).await?
            + relais_domain::email_preference::forget_old_links(db, now).await?;
        Ok(usize::try_from(purged).unwrap_or(usize::MAX))
    })
}

fn optimize(jobs: &JobContext, _now: DateTime<Utc>) -> JobFuture<'_> {
    Box::pin(async move {
        relais_domain::db::optimize(&jobs.ctx.db)
            .await
            .map_err(relais_domain::DomainError::from)?;
        Ok(0)
    })
}

#[cfg(test)]
mod tests {
    use super::JOBS;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn names_are_unique_and_schedules_valid() {
        let names: BTreeSet<_> = JOBS.iter().map(|j| j.name).collect();
        assert_eq!(names.len(), JOBS.len());
        for job in JOBS {
            assert!(crate::Schedules::check(job.schedule), "{}", job.name);
            assert!(
                job.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                job.name
            );
        }
    }

    /// The README's table under "What runs in the background": one row
    /// per job, `| name | `RELAIS_SCHEDULE_…` | `schedule` | what it does |`.
    #[test]
    fn the_readme_schedule_table_is_this_table() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## What runs in the background")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README section \"What runs in the background\"");
        let rows: BTreeMap<String, (String, String, String)> = section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .filter_map(|l| {
                let cells: Vec<String> = l
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().trim_matches('`').to_owned())
                    .collect();
                match cells.as_slice() {
                    [name, variable, schedule, does] => Some((
                        name.clone(),
                        (variable.clone(), schedule.clone(), does.clone()),
                    )),
                    _ => None,
                }
            })
            .collect();
        let expected: BTreeMap<String, (String, String, String)> = JOBS
            .iter()
            .map(|j| {
                (
                    j.name.to_owned(),
                    (j.variable(), j.schedule.to_owned(), j.does.to_owned()),
                )
            })
            .collect();
        assert_eq!(rows, expected);
    }
}

//! Relais' background work. Jobs are plain async functions of
//! `(context, now)`; tokio-cron-scheduler only wakes them up. Every job is
//! safe to run twice and on several instances at once: the database, not
//! the process, decides who does what.

pub mod deliver;
pub mod error;
pub mod introductions;
pub mod mailer;
pub mod meetup_generation;
pub mod poll_reminders;
pub mod reminders;

use chrono::Utc;
use relais_domain::Context;
use std::sync::Arc;
use tokio_cron_scheduler::{Job, JobScheduler};

pub use error::{Result, SchedulerError};
pub use mailer::Mailer;

/// What jobs need.
#[derive(Clone)]
pub struct JobContext {
    /// Database and clock.
    pub ctx: Context,
    /// Where emails go.
    pub mailer: Arc<Mailer>,
    /// The public URL, for links in emails.
    pub base_url: String,
    /// The `From:` mailbox, e.g. `La Nuit du Code Citoyen <relais@example.org>`.
    pub from: String,
    /// This instance's name in claims (host and process id).
    pub worker: String,
}

impl JobContext {
    /// A worker name unique to this process.
    pub fn worker_name() -> String {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "relais".to_owned());
        format!(
            "{host}:{}:{}",
            std::process::id(),
            relais_domain::token::generate().get(..8).unwrap_or("")
        )
    }
}

/// When each job wakes up: cron expressions with seconds, read in the
/// programme's time zone. The defaults are documented in the README.
#[derive(Debug, Clone)]
pub struct Schedules {
    /// Outbox delivery.
    pub delivery: String,
    /// Meetup occurrence generation.
    pub meetups: String,
    /// Reminders, digests and check-ins.
    pub reminders: String,
    /// Date-poll reminders.
    pub polls: String,
    /// Expired sessions.
    pub housekeeping: String,
    /// Introductions: expiry and the follow-up a month later.
    pub introductions: String,
    /// The zone the expressions are read in.
    pub zone: chrono_tz::Tz,
}

impl Default for Schedules {
    fn default() -> Self {
        Schedules {
            delivery: "*/5 * * * * *".into(),
            meetups: "0 5 * * * *".into(),
            reminders: "0 10 * * * *".into(),
            polls: "0 20 * * * *".into(),
            housekeeping: "0 17 * * * *".into(),
            introductions: "0 25 * * * *".into(),
            zone: chrono_tz::Europe::Paris,
        }
    }
}

impl Schedules {
    /// Whether `expression` is a cron expression the scheduler accepts.
    pub fn check(expression: &str) -> bool {
        Job::new_async_tz(expression, chrono_tz::UTC, |_id, _lock| Box::pin(async {})).is_ok()
    }
}

/// Starts the scheduled jobs; keep the returned scheduler alive.
pub async fn start(jobs: JobContext, schedules: Schedules) -> Result<JobScheduler> {
    let zone = schedules.zone;
    let scheduler = JobScheduler::new().await?;
    let delivery = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.delivery.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = delivery.clone();
                Box::pin(async move {
                    let now = jobs.ctx.now();
                    match deliver::run(&jobs, now).await {
                        Ok(report) if report.attempted > 0 => {
                            tracing::info!(?report, "outbox delivery")
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "outbox delivery failed"),
                    }
                })
            },
        )?)
        .await?;
    // At start-up too: slots missed while every instance was down are
    // covered by one run, generation being idempotent.
    run_meetup_generation(&jobs).await;
    let generation = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.meetups.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = generation.clone();
                Box::pin(async move { run_meetup_generation(&jobs).await })
            },
        )?)
        .await?;
    let reminders = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.polls.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = reminders.clone();
                Box::pin(async move {
                    match poll_reminders::run(&jobs, jobs.ctx.now()).await {
                        Ok(Some(n)) if n > 0 => tracing::info!(queued = n, "poll reminders queued"),
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "poll reminders failed"),
                    }
                })
            },
        )?)
        .await?;
    let planner = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.reminders.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = planner.clone();
                Box::pin(async move {
                    match reminders::run(&jobs, jobs.ctx.now()).await {
                        Ok(Some(n)) if n > 0 => tracing::info!(queued = n, "reminders queued"),
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "reminder planning failed"),
                    }
                })
            },
        )?)
        .await?;
    let housekeeping = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.housekeeping.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = housekeeping.clone();
                Box::pin(async move {
                    match relais_domain::session::purge_expired(&jobs.ctx.db, Utc::now()).await {
                        Ok(n) if n > 0 => tracing::info!(purged = n, "expired sessions removed"),
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "session purge failed"),
                    }
                })
            },
        )?)
        .await?;
    let relation = jobs.clone();
    scheduler
        .add(Job::new_async_tz(
            schedules.introductions.as_str(),
            zone,
            move |_id, _lock| {
                let jobs = relation.clone();
                Box::pin(async move {
                    match introductions::run(&jobs, jobs.ctx.now()).await {
                        Ok(Some(report)) if report != introductions::Report::default() => {
                            tracing::info!(?report, "introductions expired or followed up")
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %e, "introduction planning failed"),
                    }
                })
            },
        )?)
        .await?;
    scheduler.start().await?;
    Ok(scheduler)
}

async fn run_meetup_generation(jobs: &JobContext) {
    match meetup_generation::run(jobs, jobs.ctx.now()).await {
        Ok(Some(created)) => tracing::info!(created, "meetup occurrences generated"),
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "meetup generation failed"),
    }
}

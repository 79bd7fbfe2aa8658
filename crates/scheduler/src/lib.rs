//! Relais' background work. Jobs are plain async functions of
//! `(context, now)`, listed once in `jobs::JOBS`; tokio-cron-scheduler only
//! wakes them up. Every job is safe to run twice and on several instances
//! at once: the database, not the process, decides who does what. Within
//! one process a job never overlaps itself: a wake-up that finds the
//! previous run still going is skipped.

pub mod deliver;
pub mod error;
pub mod introductions;
pub mod jobs;
pub mod mailer;
pub mod meetup_generation;
pub mod poll_reminders;

use relais_domain::Context;
use relais_domain::base_url::BaseUrl;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio_cron_scheduler::JobScheduler;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

pub use error::{Result, SchedulerError};
pub use lettre::message::Mailbox;
pub use mailer::Mailer;

/// What jobs need.
#[derive(Clone)]
pub struct JobContext {
    /// Database and clock.
    pub ctx: Context,
    /// Where emails go.
    pub mailer: Arc<Mailer>,
    /// The public URL, for links in emails.
    pub base_url: BaseUrl,
    /// The `From:` mailbox, e.g. `La Nuit du Code Citoyen <relais@example.org>`.
    pub from: Mailbox,
    /// This instance's name in claims (host and process id).
    pub worker: String,
    /// How many emails on the wire, how long a claim holds.
    pub delivery: deliver::Settings,
    /// Tells running jobs the process is stopping; `start` gives the
    /// scheduler's jobs its own.
    pub shutdown: Shutdown,
}

/// The two steps of stopping: `stop` (claim nothing more, finish what is
/// on the wire), then `abort` once the grace period is over (give back
/// what is still on the wire, unsent, for another instance to take at once).
#[derive(Debug, Clone, Default)]
pub struct Shutdown {
    /// Claim nothing more.
    pub stop: CancellationToken,
    /// Release what is still claimed.
    pub abort: CancellationToken,
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
/// programme's time zone; a job without an override keeps the default of
/// `jobs::JOBS`, documented in the README.
#[derive(Debug, Clone)]
pub struct Schedules {
    /// The zone the expressions are read in.
    pub zone: chrono_tz::Tz,
    overrides: BTreeMap<&'static str, String>,
    plan_at_start: bool,
}

impl Default for Schedules {
    fn default() -> Self {
        Schedules {
            zone: chrono_tz::Europe::Paris,
            overrides: BTreeMap::new(),
            plan_at_start: true,
        }
    }
}

/// A schedule that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// No job has this name.
    #[error("no scheduled job is called {0:?}")]
    UnknownJob(String),
    /// Not a cron expression with seconds.
    #[error("expected a cron expression with seconds such as \"0 10 * * * *\", got {0:?}")]
    BadExpression(String),
}

impl Schedules {
    /// The defaults, read in `zone`.
    pub fn in_zone(zone: chrono_tz::Tz) -> Self {
        Schedules {
            zone,
            ..Schedules::default()
        }
    }

    /// Wakes the job called `job` at `expression` instead of its default.
    pub fn with(mut self, job: &str, expression: &str) -> std::result::Result<Self, ScheduleError> {
        let job = jobs::find(job).ok_or_else(|| ScheduleError::UnknownJob(job.to_owned()))?;
        if !Self::check(expression) {
            return Err(ScheduleError::BadExpression(expression.to_owned()));
        }
        self.overrides.insert(job.name, expression.to_owned());
        Ok(self)
    }

    /// Skips the planning run at start-up (tests that want to drive time).
    pub fn without_planning_at_start(mut self) -> Self {
        self.plan_at_start = false;
        self
    }

    /// When `job` wakes up.
    pub fn of(&self, job: &jobs::Job) -> &str {
        self.overrides
            .get(job.name)
            .map_or(job.schedule, String::as_str)
    }

    /// Whether `expression` is a cron expression the scheduler accepts.
    pub fn check(expression: &str) -> bool {
        tokio_cron_scheduler::Job::new_async_tz(expression, chrono_tz::UTC, |_id, _lock| {
            Box::pin(async {})
        })
        .is_ok()
    }
}

/// Job runs on this instance, by job and outcome (`ok`, `error`, or
/// `skipped` when the previous run was still going).
pub const JOB_RUNS: &str = "relais_job_runs_total";
/// How long job runs took, by job.
pub const JOB_DURATION: &str = "relais_job_duration_seconds";

/// Describes the scheduler's metrics, the jobs' and delivery's, to the
/// installed recorder.
pub fn describe_metrics() {
    for (name, help) in [
        (
            JOB_RUNS,
            "scheduled job runs on this instance, by job and outcome (ok, error, skipped: the previous run was still going)",
        ),
        (
            deliver::DELIVERED,
            "emails the mail server accepted from this instance",
        ),
        (
            deliver::FAILURES,
            "failed delivery attempts on this instance, by outcome (retried: put back for later, failed: given up on)",
        ),
    ] {
        metrics::describe_counter!(name, help);
    }
    metrics::describe_histogram!(
        JOB_DURATION,
        metrics::Unit::Seconds,
        "how long scheduled job runs took, by job"
    );
}

/// How often a job has woken up on this instance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobCounts {
    /// Runs started.
    pub started: u64,
    /// Runs ended (with or without error).
    pub finished: u64,
    /// Wake-ups skipped because the previous run was still going.
    pub skipped: u64,
}

#[derive(Default)]
struct Counters {
    started: AtomicU64,
    finished: AtomicU64,
    skipped: AtomicU64,
}

/// One job as the scheduler runs it: its guard against overlapping itself.
#[derive(Clone)]
struct Runner {
    job: &'static jobs::Job,
    jobs: JobContext,
    guard: Arc<tokio::sync::Mutex<()>>,
    counters: Arc<Counters>,
}

impl Runner {
    /// Runs the job now unless its previous run is still going (or the
    /// process is stopping).
    async fn run_now(&self) {
        if self.jobs.shutdown.stop.is_cancelled() {
            return;
        }
        let Ok(_running) = self.guard.clone().try_lock_owned() else {
            self.counters.skipped.fetch_add(1, Ordering::Relaxed);
            metrics::counter!(JOB_RUNS, "job" => self.job.name, "outcome" => "skipped")
                .increment(1);
            tracing::debug!(job = self.job.name, "previous run still going; skipped");
            return;
        };
        self.counters.started.fetch_add(1, Ordering::Relaxed);
        let started = std::time::Instant::now();
        let now = self.jobs.ctx.now();
        let run = self
            .job
            .run(&self.jobs, now)
            .instrument(tracing::info_span!("job", name = self.job.name));
        let outcome = match run.await {
            Ok(Some(done)) if done > 0 && self.job.plans() => {
                tracing::info!(job = self.job.name, done, "scheduled job ran");
                "ok"
            }
            Ok(_) => "ok",
            Err(e) => {
                tracing::error!(job = self.job.name, error = %e, "scheduled job failed");
                "error"
            }
        };
        metrics::histogram!(JOB_DURATION, "job" => self.job.name)
            .record(started.elapsed().as_secs_f64());
        metrics::counter!(JOB_RUNS, "job" => self.job.name, "outcome" => outcome).increment(1);
        self.counters.finished.fetch_add(1, Ordering::Relaxed);
    }
}

/// The running scheduler; `stop` it to shut down cleanly.
pub struct Running {
    scheduler: JobScheduler,
    shutdown: Shutdown,
    tracker: TaskTracker,
    counters: BTreeMap<&'static str, Arc<Counters>>,
}

/// How a stop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every run finished within the grace period.
    Finished,
    /// The grace period ran out: emails still on the wire were released.
    Released,
}

/// After the grace period, how long releasing may take before stopping anyway.
const RELEASE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl Running {
    /// How often the job called `name` has woken up so far.
    pub fn counts(&self, name: &str) -> Option<JobCounts> {
        self.counters.get(name).map(|c| JobCounts {
            started: c.started.load(Ordering::Relaxed),
            finished: c.finished.load(Ordering::Relaxed),
            skipped: c.skipped.load(Ordering::Relaxed),
        })
    }

    /// Stops: no job starts any more and delivery claims nothing more;
    /// runs under way have `grace` to finish, after which emails still on
    /// the wire are released for another instance.
    pub async fn stop(mut self, grace: std::time::Duration) -> Result<Stopped> {
        self.shutdown.stop.cancel();
        self.scheduler.shutdown().await?;
        self.tracker.close();
        if tokio::time::timeout(grace, self.tracker.wait())
            .await
            .is_ok()
        {
            return Ok(Stopped::Finished);
        }
        tracing::warn!(
            ?grace,
            "grace period over; releasing emails still on the wire"
        );
        self.shutdown.abort.cancel();
        if tokio::time::timeout(RELEASE_WAIT, self.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!("jobs still running at exit");
        }
        Ok(Stopped::Released)
    }
}

/// Starts every job of `jobs::JOBS` on its schedule, and the planning jobs
/// once at start-up too, in the background (their keys make it safe), so
/// that a fresh instance has its due emails queued within a minute.
///
/// Time comes from `jobs.ctx.clock`: every run asks it for `now`, so over
/// a test clock with every-second schedules the real scheduler plans what
/// the test's moment calls for.
pub async fn start(jobs: JobContext, schedules: Schedules) -> Result<Running> {
    let shutdown = Shutdown::default();
    let jobs = JobContext {
        shutdown: shutdown.clone(),
        ..jobs
    };
    let tracker = TaskTracker::new();
    let scheduler = JobScheduler::new().await?;
    let mut runners = Vec::with_capacity(jobs::JOBS.len());
    for job in jobs::JOBS {
        let runner = Runner {
            job,
            jobs: jobs.clone(),
            guard: Arc::new(tokio::sync::Mutex::new(())),
            counters: Arc::new(Counters::default()),
        };
        let wake = runner.clone();
        let wake_tracker = tracker.clone();
        scheduler
            .add(tokio_cron_scheduler::Job::new_async_tz(
                schedules.of(job),
                schedules.zone,
                move |_id, _lock| {
                    let runner = wake.clone();
                    // The run is ours to track (for a clean stop), not the
                    // cron library's: the wake-up itself returns at once.
                    wake_tracker.spawn(async move { runner.run_now().await });
                    Box::pin(async {})
                },
            )?)
            .await?;
        runners.push(runner);
    }
    let counters = runners
        .iter()
        .map(|r| (r.job.name, r.counters.clone()))
        .collect();
    if schedules.plan_at_start {
        let planning: Vec<Runner> = runners.into_iter().filter(|r| r.job.plans()).collect();
        tracker.spawn(async move {
            for runner in planning {
                runner.run_now().await;
            }
        });
    }
    scheduler.start().await?;
    Ok(Running {
        scheduler,
        shutdown,
        tracker,
        counters,
    })
}

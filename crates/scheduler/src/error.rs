//! The scheduler's one error type.

/// Result alias for jobs.
pub type Result<T> = std::result::Result<T, SchedulerError>;

/// Why a job could not run.
#[derive(Debug, thiserror::Error)]
pub enum SchedulerError {
    /// The domain (database) failed.
    #[error(transparent)]
    Domain(#[from] relais_domain::DomainError),
    /// The cron scheduler failed.
    #[error("scheduler: {0}")]
    Cron(#[from] tokio_cron_scheduler::JobSchedulerError),
    /// The mail transport could not be set up.
    #[error("mail transport: {0}")]
    Transport(String),
}

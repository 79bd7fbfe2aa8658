//! What every use case needs: the database, the clock and the hasher.

use crate::clock::Clock;
use crate::password::PasswordHasher;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared handles passed to every use case.
#[derive(Clone)]
pub struct Context {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Password hashing, bounded.
    pub hasher: PasswordHasher,
}

impl Context {
    /// A context over `db` with the given clock and a default hasher.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Context {
            db,
            clock,
            hasher: PasswordHasher::default(),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

//! The public read API's models (issue 15): what `/api/v1` shows of the
//! programme, built here from the entities and never the entities
//! themselves, so that a column added to a table (an address, a review)
//! cannot reach the API unnoticed. Only what the public pages show is here:
//! public, live projects, their public journal, open needs and milestones,
//! editions, cities and meetups with answer counts (never who answered).

pub mod editions;
pub mod journal;
pub mod meetups;
pub mod paging;
pub mod projects;

pub use paging::{Listing, Paging};

use crate::error::{DomainError, Result};
use serde::Serialize;
use utoipa::ToSchema;

/// A thing named by its URL name and its display name (an edition, a
/// city, a project).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Named {
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// A stored code that does not parse: the row is corrupt, which is ours to
/// fix, not the reader's.
fn corrupt(what: &str, id: i32, value: &str) -> DomainError {
    DomainError::Internal(format!("{what} {id} holds an unknown value {value:?}"))
}

/// Parses a stored code with `parse`, or names the corrupt row.
fn stored<T, E>(
    what: &str,
    id: i32,
    value: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    parse(value).map_err(|_| corrupt(what, id, value))
}

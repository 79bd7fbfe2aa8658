//! The programme's figures: continuity (are projects still alive months
//! after the marathon?), the coordinators' dashboard and quarterly report,
//! and the public read models behind the exports, the open data and the API.
//!
//! Every figure comes from a few grouped queries over the whole scope,
//! never from a query per project: the counting is done by the database,
//! and what comes back is a handful of rows per city and month.

mod activity;
pub mod continuity;
pub mod dashboard;
pub mod export;
pub mod monthly;
pub mod months;
pub mod project_months;
pub mod report;
pub mod scope;
mod sql;

pub use scope::Scope;

//! One module per area of the site.

pub mod admin;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod explainers;
pub mod home;
pub mod meetups;
pub mod mentoring;
pub mod open_data;
pub mod polls;
pub mod profile;
pub mod projects;
pub mod source;

// relation (issue 12)
pub mod relation;

// french (issue 14): confirmation before what cannot be undone
pub mod confirm;

// figures-dash (issue 15): continuity, dashboard, quarterly report
pub mod continuity;
pub mod editions;
pub mod figures;
pub mod report;

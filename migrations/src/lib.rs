//! Relais schema migrations.
//!
//! Each migration is self-contained: it uses sea-query schema statements and
//! never the domain's entity types, so an old migration keeps compiling and
//! meaning the same thing however the entities evolve. Applied migrations are
//! never edited; a change is always a new file.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_accounts;
mod m20261125_000002_create_email_outbox;
mod m20261125_000003_create_projects;
mod m20261125_000004_create_mentoring;
mod m20261125_000005_create_meetups;
mod m20261125_000006_create_date_polls;
mod m20261125_000007_create_email_preferences;
mod m20261125_000008_create_digests_and_announcements;
mod m20261125_000009_create_check_ins;
mod m20261127_000185_content_version;
// explainers
mod m20261126_000200_create_explainers;
// figures
mod m20261126_000401_create_figures;

// relation (issue 12): needs, offers, introductions, expertise questions.
mod m20261126_000301_create_needs;
mod m20261126_000302_create_offers;
mod m20261126_000303_create_introductions;
mod m20261126_000304_create_expertise_questions;
// actions (issue 9)
mod m20261126_000160_pending_invitations;
// speed (issue 13)
mod m20261127_000180_listing_indexes;
// content (issue 9): unsubscribe links per category, hashed.
mod m20261126_000170_unsubscribe_tokens;
// speed (issue 13)
mod m20261127_000181_check_ins_newest_first;
// french (issue 14): search that forgives accents and case
mod m20261126_000190_project_search;
mod m20261126_000500_hash_calendar_tokens;
mod m20261126_000501_housekeeping_indexes;
// speed (issue 15): what the coordinators' figures read, kept small
mod m20261128_001000_project_figures;
mod m20261128_002100_milestone_facts;
mod m20261128_002101_live_projects_by_place;
mod m20261128_003100_project_months;

/// The ordered list of Relais migrations.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_accounts::Migration),
            Box::new(m20261125_000002_create_email_outbox::Migration),
            Box::new(m20261125_000003_create_projects::Migration),
            Box::new(m20261125_000004_create_mentoring::Migration),
            Box::new(m20261125_000005_create_meetups::Migration),
            Box::new(m20261125_000006_create_date_polls::Migration),
            Box::new(m20261125_000007_create_email_preferences::Migration),
            Box::new(m20261125_000008_create_digests_and_announcements::Migration),
            Box::new(m20261125_000009_create_check_ins::Migration),
            // explainers
            Box::new(m20261126_000200_create_explainers::Migration),
            // figures
            Box::new(m20261126_000401_create_figures::Migration),
            // relation (issue 12)
            Box::new(m20261126_000301_create_needs::Migration),
            Box::new(m20261126_000302_create_offers::Migration),
            Box::new(m20261126_000303_create_introductions::Migration),
            Box::new(m20261126_000304_create_expertise_questions::Migration),
            // actions (issue 9)
            Box::new(m20261126_000160_pending_invitations::Migration),
            // speed (issue 13)
            Box::new(m20261127_000180_listing_indexes::Migration),
            // content (issue 9)
            Box::new(m20261126_000170_unsubscribe_tokens::Migration),
            // speed (issue 13)
            Box::new(m20261127_000181_check_ins_newest_first::Migration),
            // french (issue 14)
            Box::new(m20261126_000190_project_search::Migration),
            // lead (issue 10)
            Box::new(m20261126_000500_hash_calendar_tokens::Migration),
            Box::new(m20261126_000501_housekeeping_indexes::Migration),
            // speed (issue 13)
            Box::new(m20261127_000185_content_version::Migration),
            // speed (issue 15)
            Box::new(m20261128_001000_project_figures::Migration),
            Box::new(m20261128_002100_milestone_facts::Migration),
            Box::new(m20261128_002101_live_projects_by_place::Migration),
            Box::new(m20261128_003100_project_months::Migration),
        ]
    }
}

//! A project followed after the marathon.

use crate::stage::Stage;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub pitch: String,
    pub description: String,
    pub themes: String,
    pub technical_challenge: String,
    pub licence: String,
    pub repository_url: Option<String>,
    pub demo_url: Option<String>,
    pub edition_id: i32,
    pub city_id: i32,
    pub stage: Stage,
    pub is_public: bool,
    pub looking_for_help: bool,
    pub help_wanted: String,
    pub archived_at: Option<DateTimeUtc>,
    pub last_activity_at: DateTimeUtc,
    pub last_public_update_at: Option<DateTimeUtc>,
    /// Its two latest closed check-ins went unanswered (kept by
    /// `check_in::refresh_skipped`).
    pub check_ins_skipped: bool,
    /// Milestones planned or in progress (kept by `milestone::refresh_facts`,
    /// as are the three below).
    pub open_milestones: i32,
    /// Weight of the done milestones.
    pub milestone_weight_done: i32,
    /// Weight of the milestones not dropped.
    pub milestone_weight: i32,
    /// The earliest due day of an open milestone.
    pub first_open_due_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A mentor's structured review of a project.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub project_id: i32,
    pub mentor_id: Option<i32>,
    pub assignment_id: Option<i32>,
    pub impact: i16,
    pub impact_comment: String,
    pub progress: i16,
    pub progress_comment: String,
    pub openness: i16,
    pub openness_comment: String,
    pub team_health: i16,
    pub team_health_comment: String,
    pub strengths: String,
    pub recommendations: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub response: String,
    pub responded_at: Option<DateTimeUtc>,
    pub responded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

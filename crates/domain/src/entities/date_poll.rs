//! A date poll for a meeting outside the monthly rule.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "date_polls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub title: String,
    pub description: String,
    pub place_address: String,
    pub duration_minutes: i32,
    pub capacity: i32,
    pub closes_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub occurrence_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! An announcement sent by a coordinator to chosen audiences.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: Option<i32>,
    pub audiences: String,
    pub subject: String,
    pub body: String,
    pub author_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub recipients: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! One meeting: generated from a series' rule, or added by hand.

use crate::meetup::Status;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetup_occurrences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub series_id: Option<i32>,
    pub city_id: i32,
    pub rule_date: Option<Date>,
    pub title: String,
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub place_address: String,
    pub online_url: Option<String>,
    pub capacity: i32,
    pub status: Status,
    pub manual: bool,
    pub minutes: String,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

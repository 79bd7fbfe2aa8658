//! A meetup series: a city's monthly meeting and its rule.

use crate::meetup_rule::{DayOfWeek, Ordinal};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetup_series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub title: String,
    pub description: String,
    pub ordinal: Ordinal,
    pub weekday: DayOfWeek,
    pub start_time: String,
    pub duration_minutes: i32,
    pub time_zone: String,
    pub place_address: String,
    pub online_url: Option<String>,
    pub audiences: String,
    pub capacity: i32,
    pub active: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! An account. `email_key` is the lower-cased address the unique index uses.

use crate::digest::Frequency;
use crate::language::Language;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    #[sea_orm(unique)]
    pub email_key: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub language: Language,
    pub time_zone: Option<String>,
    pub city_id: Option<i32>,
    pub skills: String,
    pub bio: String,
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub calendar_token_hash: Option<String>,
    pub digest_frequency: Frequency,
    pub digest_sent_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

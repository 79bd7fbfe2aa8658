//! The question asked to one side of an accepted introduction a month
//! later, and their answer.

use crate::introduction::Outcome;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "introduction_follow_ups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub introduction_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub asked_at: DateTimeUtc,
    pub outcome: Option<Outcome>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

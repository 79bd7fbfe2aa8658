//! A single-use token sent by email (activation, password reset,
//! invitation), stored as a hash.

use crate::emailed_token::TokenPurpose;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub purpose: TokenPurpose,
    pub user_id: Option<i32>,
    pub email: String,
    pub payload: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// `{project id}:{address key}` while a team invitation is pending.
    #[sea_orm(unique)]
    pub pending_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The WebVTT captions uploaded for an explainer, checked on the way in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "explainer_captions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub explainer_id: i32,
    pub vtt: String,
    pub cues: i32,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! An item of a meeting's agenda: a project presenting, a talk, a free slot.

use crate::agenda::{ItemStatus, Kind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub occurrence_id: i32,
    pub kind: Kind,
    pub project_id: Option<i32>,
    pub title: String,
    pub position: i32,
    pub status: ItemStatus,
    pub requested_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! What one project did in one calendar month of its city, kept by
//! `figures::project_months` in the transactions that write check-ins,
//! milestones and journal entries.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_months")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i32,
    /// The first day of the month, in the city's calendar.
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: Date,
    pub edition_id: i32,
    pub city_id: i32,
    pub check_ins_sent: i32,
    pub check_ins_answered: i32,
    pub milestones_done: i32,
    pub public_entries: i32,
    /// 1 when a check-in was answered, a milestone done or a public entry
    /// written in the month, else 0.
    pub active: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

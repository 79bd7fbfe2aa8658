//! What happened in one calendar month to one edition's projects in one
//! city, fixed once the month was over there.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "monthly_figures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub edition_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub city_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: Date,
    pub projects: i32,
    pub active: i32,
    pub check_ins_sent: i32,
    pub check_ins_answered: i32,
    pub milestones_done: i32,
    pub stages_forward: i32,
    pub stages_back: i32,
    pub reviews: i32,
    pub fixed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Which cities take part in which edition.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "edition_cities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub edition_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub city_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

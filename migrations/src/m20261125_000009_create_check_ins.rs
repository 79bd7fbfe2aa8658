//! Monthly check-ins: one per project and month, answered from a link in
//! the email without logging in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CheckIns {
    Table,
    Id,
    ProjectId,
    Month,
    TokenHash,
    SentAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CheckIns::Table)
                    .col(pk_auto(CheckIns::Id))
                    .col(integer(CheckIns::ProjectId))
                    .col(string_len(CheckIns::Month, 7))
                    .col(string_len_uniq(CheckIns::TokenHash, 64))
                    .col(timestamp_with_time_zone(CheckIns::SentAt))
                    .col(timestamp_with_time_zone_null(CheckIns::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckIns::Table, CheckIns::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_check_ins_project_month")
                    .table(CheckIns::Table)
                    .col(CheckIns::ProjectId)
                    .col(CheckIns::Month)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CheckIns::Table).to_owned())
            .await
    }
}

//! Digests (each member's frequency and the end of the window their last
//! digest covered) and coordinators' announcements.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DigestFrequency,
    DigestSentUntil,
}

#[derive(DeriveIden)]
enum Announcements {
    Table,
    Id,
    CityId,
    Audiences,
    Subject,
    Body,
    AuthorId,
    CreatedAt,
    Recipients,
}

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::DigestFrequency, 8).default("weekly"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DigestSentUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(pk_auto(Announcements::Id))
                    .col(integer_null(Announcements::CityId))
                    .col(string(Announcements::Audiences))
                    .col(string(Announcements::Subject))
                    .col(text(Announcements::Body))
                    .col(integer_null(Announcements::AuthorId))
                    .col(timestamp_with_time_zone(Announcements::CreatedAt))
                    .col(integer(Announcements::Recipients))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcements::Table, Announcements::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Announcements::Table, Announcements::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Announcements::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::DigestSentUntil)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::DigestFrequency)
                    .to_owned(),
            )
            .await
    }
}

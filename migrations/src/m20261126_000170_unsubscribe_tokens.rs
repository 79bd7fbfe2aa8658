//! Unsubscribe links, one secret per member and category, kept as hashes
//! like every other link secret: a link stops only the category it was
//! made for, and the database never holds a usable link. Replaces the one
//! clear secret per member that stopped any category named beside it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UnsubscribeTokens {
    Table,
    TokenHash,
    UserId,
    Category,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    UnsubscribeToken,
}

const BY_USER: &str = "unsubscribe_tokens_user";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UnsubscribeTokens::Table)
                    .col(string_len(UnsubscribeTokens::TokenHash, 64).primary_key())
                    .col(integer(UnsubscribeTokens::UserId))
                    .col(string_len(UnsubscribeTokens::Category, 32))
                    .col(timestamp_with_time_zone(UnsubscribeTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UnsubscribeTokens::Table, UnsubscribeTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Deleting an account deletes its links: the cascade looks them up by member.
        manager
            .create_index(
                Index::create()
                    .name(BY_USER)
                    .table(UnsubscribeTokens::Table)
                    .col(UnsubscribeTokens::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::UnsubscribeToken)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::UnsubscribeToken))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(UnsubscribeTokens::Table).to_owned())
            .await
    }
}

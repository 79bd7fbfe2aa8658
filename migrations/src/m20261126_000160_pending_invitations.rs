//! One pending team invitation per address and project: the token row of a
//! pending invitation carries a key naming both, unique, so a second
//! invitation renews the first instead of adding another, even when two
//! arrive at once. The key is cleared once the invitation is used.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    PendingKey,
}

const INDEX: &str = "email_tokens_pending_key_unique";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailTokens::Table)
                    .add_column(ColumnDef::new(EmailTokens::PendingKey).string().null())
                    .to_owned(),
            )
            .await?;
        // Several NULLs are allowed by a unique index on both databases:
        // only pending invitations hold a key.
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(EmailTokens::Table)
                    .col(EmailTokens::PendingKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(EmailTokens::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EmailTokens::Table)
                    .drop_column(EmailTokens::PendingKey)
                    .to_owned(),
            )
            .await
    }
}

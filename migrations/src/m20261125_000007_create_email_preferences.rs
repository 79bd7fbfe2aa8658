//! Email preferences: which categories of email a member wants, the secret
//! that signs their one-click unsubscribe links, and the link each outbox
//! row carries.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailPreferences {
    Table,
    UserId,
    Category,
    Enabled,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    UnsubscribeToken,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Unsubscribe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailPreferences::Table)
                    .col(integer(EmailPreferences::UserId))
                    .col(string_len(EmailPreferences::Category, 32))
                    .col(boolean(EmailPreferences::Enabled))
                    .primary_key(
                        Index::create()
                            .col(EmailPreferences::UserId)
                            .col(EmailPreferences::Category),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailPreferences::Table, EmailPreferences::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::UnsubscribeToken))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(string_null(EmailOutbox::Unsubscribe))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .drop_column(EmailOutbox::Unsubscribe)
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
            .await?;
        manager
            .drop_table(Table::drop().table(EmailPreferences::Table).to_owned())
            .await
    }
}

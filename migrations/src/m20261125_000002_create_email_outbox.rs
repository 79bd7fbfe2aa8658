//! The email outbox: every email is a row first, written in the same
//! transaction as the change that causes it, then delivered by the scheduler.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    IdempotencyKey,
    Kind,
    RecipientEmail,
    RecipientUserId,
    Language,
    Payload,
    Subject,
    BodyText,
    BodyHtml,
    State,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LockedBy,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(big_pk_auto(EmailOutbox::Id))
                    .col(string_uniq(EmailOutbox::IdempotencyKey))
                    .col(string_len(EmailOutbox::Kind, 64))
                    .col(string(EmailOutbox::RecipientEmail))
                    .col(integer_null(EmailOutbox::RecipientUserId))
                    .col(string_len(EmailOutbox::Language, 8))
                    .col(text(EmailOutbox::Payload))
                    .col(text_null(EmailOutbox::Subject))
                    .col(text_null(EmailOutbox::BodyText))
                    .col(text_null(EmailOutbox::BodyHtml))
                    .col(string_len(EmailOutbox::State, 16))
                    .col(integer(EmailOutbox::Attempts))
                    .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::LockedUntil))
                    .col(string_null(EmailOutbox::LockedBy))
                    .col(text_null(EmailOutbox::LastError))
                    .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailOutbox::Table, EmailOutbox::RecipientUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::State)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailOutbox::Table).to_owned())
            .await
    }
}

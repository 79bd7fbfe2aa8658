//! The hourly housekeeping finds what it forgets by age: spent attempt
//! counters and old unsubscribe links, each by an index rather than a scan
//! of a table that grows with every email sent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    WindowStartedAt,
}

#[derive(DeriveIden)]
enum UnsubscribeTokens {
    Table,
    CreatedAt,
}

const COUNTERS: &str = "rate_limits_by_age";
const LINKS: &str = "unsubscribe_tokens_by_age";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(COUNTERS)
                    .table(RateLimits::Table)
                    .col(RateLimits::WindowStartedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(LINKS)
                    .table(UnsubscribeTokens::Table)
                    .col(UnsubscribeTokens::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(LINKS)
                    .table(UnsubscribeTokens::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(COUNTERS)
                    .table(RateLimits::Table)
                    .to_owned(),
            )
            .await
    }
}

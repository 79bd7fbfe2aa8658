//! A project's check-ins newest first, as the coordinators' roll-up ranks
//! them (`ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY sent_at DESC,
//! id DESC)`): read in the index's order, without sorting the table. It
//! replaces the ascending index of migration 180, which SQLite cannot use
//! for that descending order within each project.
//!
//! Also the gallery filtered by stage: live projects of a stage, by
//! activity (its count reads this index alone).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Stage,
    IsPublic,
    LastActivityAt,
    Id,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum CheckIns {
    Table,
    ProjectId,
    SentAt,
    Id,
}

const NEW: &str = "ix_check_ins_project_newest";
const OLD: &str = "ix_check_ins_project_sent";
const STAGE: &str = "ix_projects_live_stage_activity";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NEW)
                    .table(CheckIns::Table)
                    .col(CheckIns::ProjectId)
                    .col((CheckIns::SentAt, IndexOrder::Desc))
                    .col((CheckIns::Id, IndexOrder::Desc))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(CheckIns::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(STAGE)
                    .table(Projects::Table)
                    .col(Projects::Stage)
                    .col(Projects::IsPublic)
                    .col(Projects::LastActivityAt)
                    .col(Projects::Id)
                    .and_where(Expr::col(Projects::ArchivedAt).is_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(STAGE).table(Projects::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(CheckIns::Table)
                    .col(CheckIns::ProjectId)
                    .col(CheckIns::SentAt)
                    .col(CheckIns::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(NEW).table(CheckIns::Table).to_owned())
            .await
    }
}

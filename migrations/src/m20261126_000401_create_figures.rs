//! The programme's figures: months of continuity and calendar months of
//! activity, each fixed once it is over, and the indexes the grouped queries of continuity, the dashboard and the
//! quarterly report read.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContinuityMonths {
    Table,
    EditionId,
    CityId,
    Month,
    Projects,
    Active,
    FixedAt,
}

#[derive(DeriveIden)]
enum MonthlyFigures {
    Table,
    EditionId,
    CityId,
    Month,
    Projects,
    Active,
    CheckInsSent,
    CheckInsAnswered,
    MilestonesDone,
    StagesForward,
    StagesBack,
    Reviews,
    FixedAt,
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    EditionId,
    CityId,
    Stage,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    ProjectId,
    Status,
    DoneOn,
    DueOn,
}

#[derive(DeriveIden)]
enum CheckIns {
    Table,
    ProjectId,
    SentAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    ProjectId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProjectStages {
    Table,
    ProjectId,
    ReachedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContinuityMonths::Table)
                    .col(integer(ContinuityMonths::EditionId))
                    .col(integer(ContinuityMonths::CityId))
                    .col(small_integer(ContinuityMonths::Month))
                    .col(integer(ContinuityMonths::Projects))
                    .col(integer(ContinuityMonths::Active))
                    .col(timestamp_with_time_zone(ContinuityMonths::FixedAt))
                    .primary_key(
                        Index::create()
                            .col(ContinuityMonths::EditionId)
                            .col(ContinuityMonths::CityId)
                            .col(ContinuityMonths::Month),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContinuityMonths::Table, ContinuityMonths::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContinuityMonths::Table, ContinuityMonths::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MonthlyFigures::Table)
                    .col(integer(MonthlyFigures::EditionId))
                    .col(integer(MonthlyFigures::CityId))
                    .col(date(MonthlyFigures::Month))
                    .col(integer(MonthlyFigures::Projects))
                    .col(integer(MonthlyFigures::Active))
                    .col(integer(MonthlyFigures::CheckInsSent))
                    .col(integer(MonthlyFigures::CheckInsAnswered))
                    .col(integer(MonthlyFigures::MilestonesDone))
                    .col(integer(MonthlyFigures::StagesForward))
                    .col(integer(MonthlyFigures::StagesBack))
                    .col(integer(MonthlyFigures::Reviews))
                    .col(timestamp_with_time_zone(MonthlyFigures::FixedAt))
                    .primary_key(
                        Index::create()
                            .col(MonthlyFigures::EditionId)
                            .col(MonthlyFigures::CityId)
                            .col(MonthlyFigures::Month),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MonthlyFigures::Table, MonthlyFigures::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MonthlyFigures::Table, MonthlyFigures::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, cols) in indexes() {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in indexes() {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for table in [
            MonthlyFigures::Table.into_iden(),
            ContinuityMonths::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// (name, table, columns) of each index. Each leads with the column the
/// figures filter or group on, and carries the few columns they read, so
/// that a count reads the index alone.
fn indexes() -> Vec<(&'static str, DynIden, Vec<DynIden>)> {
    vec![
        // Projects per edition and city, by stage.
        (
            "ix_projects_figures",
            Projects::Table.into_iden(),
            vec![
                Projects::EditionId.into_iden(),
                Projects::CityId.into_iden(),
                Projects::Stage.into_iden(),
            ],
        ),
        // Milestones done in a period.
        (
            "ix_milestones_done_on",
            Milestones::Table.into_iden(),
            vec![
                Milestones::DoneOn.into_iden(),
                Milestones::Status.into_iden(),
                Milestones::ProjectId.into_iden(),
            ],
        ),
        // Milestones not finished, late or due soon.
        (
            "ix_milestones_open_due",
            Milestones::Table.into_iden(),
            vec![
                Milestones::Status.into_iden(),
                Milestones::DueOn.into_iden(),
                Milestones::ProjectId.into_iden(),
            ],
        ),
        // Check-ins answered in a period.
        (
            "ix_check_ins_answered",
            CheckIns::Table.into_iden(),
            vec![
                CheckIns::AnsweredAt.into_iden(),
                CheckIns::ProjectId.into_iden(),
            ],
        ),
        // Check-ins sent in a period.
        (
            "ix_check_ins_sent",
            CheckIns::Table.into_iden(),
            vec![
                CheckIns::SentAt.into_iden(),
                CheckIns::ProjectId.into_iden(),
                CheckIns::AnsweredAt.into_iden(),
            ],
        ),
        // Reviews written in a period.
        (
            "ix_reviews_created",
            Reviews::Table.into_iden(),
            vec![
                Reviews::CreatedAt.into_iden(),
                Reviews::ProjectId.into_iden(),
            ],
        ),
        // Stages reached in a period.
        (
            "ix_project_stages_reached",
            ProjectStages::Table.into_iden(),
            vec![
                ProjectStages::ReachedAt.into_iden(),
                ProjectStages::ProjectId.into_iden(),
            ],
        ),
    ]
}

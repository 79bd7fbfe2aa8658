//! Projects after the marathon: the project itself, its stage history, its
//! team, its milestones, its progress journal, and the stage checklists
//! each edition may adjust.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    Slug,
    Title,
    Pitch,
    Description,
    Themes,
    TechnicalChallenge,
    Licence,
    RepositoryUrl,
    DemoUrl,
    ExplainerUrl,
    ExplainerTranscript,
    EditionId,
    CityId,
    Stage,
    IsPublic,
    LookingForHelp,
    HelpWanted,
    ArchivedAt,
    LastActivityAt,
    LastPublicUpdateAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectStages {
    Table,
    Id,
    ProjectId,
    Stage,
    ReachedAt,
}

#[derive(DeriveIden)]
enum ProjectMembers {
    Table,
    ProjectId,
    UserId,
    Role,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    Id,
    ProjectId,
    Title,
    Description,
    DueOn,
    Status,
    DoneOn,
    Position,
    Weight,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectUpdates {
    Table,
    Id,
    ProjectId,
    AuthorId,
    Body,
    MilestoneId,
    IsPublic,
    CreatedAt,
    EditedAt,
}

#[derive(DeriveIden)]
enum StageRequirements {
    Table,
    EditionId,
    Stage,
    Requirement,
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
enum Users {
    Table,
    Id,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(pk_auto(Projects::Id))
                    .col(string_uniq(Projects::Slug))
                    .col(string(Projects::Title))
                    .col(string(Projects::Pitch))
                    .col(text(Projects::Description))
                    .col(string(Projects::Themes))
                    .col(text(Projects::TechnicalChallenge))
                    .col(string_len(Projects::Licence, 64))
                    .col(string_null(Projects::RepositoryUrl))
                    .col(string_null(Projects::DemoUrl))
                    .col(string_null(Projects::ExplainerUrl))
                    .col(text(Projects::ExplainerTranscript))
                    .col(integer(Projects::EditionId))
                    .col(integer(Projects::CityId))
                    .col(string_len(Projects::Stage, 16))
                    .col(boolean(Projects::IsPublic))
                    .col(boolean(Projects::LookingForHelp))
                    .col(text(Projects::HelpWanted))
                    .col(timestamp_with_time_zone_null(Projects::ArchivedAt))
                    .col(timestamp_with_time_zone(Projects::LastActivityAt))
                    .col(timestamp_with_time_zone_null(Projects::LastPublicUpdateAt))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .col(timestamp_with_time_zone(Projects::UpdatedAt))
                    .foreign_key(&mut fk(
                        Projects::Table,
                        Projects::EditionId,
                        Editions::Table,
                        Editions::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Projects::Table,
                        Projects::CityId,
                        Cities::Table,
                        Cities::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            // The gallery lists public, live projects by activity or by name:
            // leading with the filter columns lets the count and deep pages
            // read the index alone.
            (
                "ix_projects_gallery_activity",
                vec![
                    Projects::IsPublic,
                    Projects::ArchivedAt,
                    Projects::LastActivityAt,
                    Projects::Id,
                ],
            ),
            (
                "ix_projects_gallery_title",
                vec![
                    Projects::IsPublic,
                    Projects::ArchivedAt,
                    Projects::Title,
                    Projects::Id,
                ],
            ),
            (
                "ix_projects_city",
                vec![Projects::CityId, Projects::LastActivityAt],
            ),
            (
                "ix_projects_edition",
                vec![Projects::EditionId, Projects::LastActivityAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Projects::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ProjectStages::Table)
                    .col(pk_auto(ProjectStages::Id))
                    .col(integer(ProjectStages::ProjectId))
                    .col(string_len(ProjectStages::Stage, 16))
                    .col(timestamp_with_time_zone(ProjectStages::ReachedAt))
                    .foreign_key(&mut fk(
                        ProjectStages::Table,
                        ProjectStages::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_stages_project")
                    .table(ProjectStages::Table)
                    .col(ProjectStages::ProjectId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectMembers::Table)
                    .col(integer(ProjectMembers::ProjectId))
                    .col(integer(ProjectMembers::UserId))
                    .col(string_len(ProjectMembers::Role, 16))
                    .col(timestamp_with_time_zone(ProjectMembers::JoinedAt))
                    .primary_key(
                        Index::create()
                            .col(ProjectMembers::ProjectId)
                            .col(ProjectMembers::UserId),
                    )
                    .foreign_key(&mut fk(
                        ProjectMembers::Table,
                        ProjectMembers::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProjectMembers::Table,
                        ProjectMembers::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_members_user")
                    .table(ProjectMembers::Table)
                    .col(ProjectMembers::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Milestones::Table)
                    .col(pk_auto(Milestones::Id))
                    .col(integer(Milestones::ProjectId))
                    .col(string(Milestones::Title))
                    .col(text(Milestones::Description))
                    .col(date(Milestones::DueOn))
                    .col(string_len(Milestones::Status, 16))
                    .col(date_null(Milestones::DoneOn))
                    .col(integer(Milestones::Position))
                    .col(integer(Milestones::Weight))
                    .col(timestamp_with_time_zone(Milestones::CreatedAt))
                    .col(timestamp_with_time_zone(Milestones::UpdatedAt))
                    .foreign_key(&mut fk(
                        Milestones::Table,
                        Milestones::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_milestones_project")
                    .table(Milestones::Table)
                    .col(Milestones::ProjectId)
                    .col(Milestones::Position)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectUpdates::Table)
                    .col(pk_auto(ProjectUpdates::Id))
                    .col(integer(ProjectUpdates::ProjectId))
                    .col(integer_null(ProjectUpdates::AuthorId))
                    .col(text(ProjectUpdates::Body))
                    .col(integer_null(ProjectUpdates::MilestoneId))
                    .col(boolean(ProjectUpdates::IsPublic))
                    .col(timestamp_with_time_zone(ProjectUpdates::CreatedAt))
                    .col(timestamp_with_time_zone_null(ProjectUpdates::EditedAt))
                    .foreign_key(&mut fk(
                        ProjectUpdates::Table,
                        ProjectUpdates::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProjectUpdates::Table,
                        ProjectUpdates::AuthorId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ProjectUpdates::Table,
                        ProjectUpdates::MilestoneId,
                        Milestones::Table,
                        Milestones::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_updates_project")
                    .table(ProjectUpdates::Table)
                    .col(ProjectUpdates::ProjectId)
                    .col(ProjectUpdates::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_updates_created")
                    .table(ProjectUpdates::Table)
                    .col(ProjectUpdates::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StageRequirements::Table)
                    .col(integer(StageRequirements::EditionId))
                    .col(string_len(StageRequirements::Stage, 16))
                    .col(string_len(StageRequirements::Requirement, 32))
                    .primary_key(
                        Index::create()
                            .col(StageRequirements::EditionId)
                            .col(StageRequirements::Stage)
                            .col(StageRequirements::Requirement),
                    )
                    .foreign_key(&mut fk(
                        StageRequirements::Table,
                        StageRequirements::EditionId,
                        Editions::Table,
                        Editions::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StageRequirements::Table.into_iden(),
            ProjectUpdates::Table.into_iden(),
            Milestones::Table.into_iden(),
            ProjectMembers::Table.into_iden(),
            ProjectStages::Table.into_iden(),
            Projects::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

//! Mentoring: mentor profiles, assignments to projects, structured reviews
//! with their next steps, review requests, and each edition's review cadence.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MentorProfiles {
    Table,
    UserId,
    Expertise,
    Capacity,
    Remote,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MentorAssignments {
    Table,
    Id,
    ProjectId,
    MentorId,
    AssignedBy,
    StartedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    ProjectId,
    MentorId,
    AssignmentId,
    Impact,
    ImpactComment,
    Progress,
    ProgressComment,
    Openness,
    OpennessComment,
    TeamHealth,
    TeamHealthComment,
    Strengths,
    Recommendations,
    CreatedAt,
    EditedAt,
    AcknowledgedAt,
    Response,
    RespondedAt,
    RespondedBy,
}

#[derive(DeriveIden)]
enum ReviewSteps {
    Table,
    Id,
    ReviewId,
    Position,
    Text,
    MilestoneId,
}

#[derive(DeriveIden)]
enum ReviewRequests {
    Table,
    Id,
    ProjectId,
    RequestedBy,
    Question,
    CreatedAt,
    AnsweredByReviewId,
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    ReviewCadenceDays,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Milestones {
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
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .add_column(integer(Editions::ReviewCadenceDays).default(42))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MentorProfiles::Table)
                    .col(integer(MentorProfiles::UserId).primary_key())
                    .col(string(MentorProfiles::Expertise))
                    .col(integer(MentorProfiles::Capacity))
                    .col(boolean(MentorProfiles::Remote))
                    .col(timestamp_with_time_zone(MentorProfiles::UpdatedAt))
                    .foreign_key(&mut fk(
                        MentorProfiles::Table,
                        MentorProfiles::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MentorAssignments::Table)
                    .col(pk_auto(MentorAssignments::Id))
                    .col(integer(MentorAssignments::ProjectId))
                    .col(integer(MentorAssignments::MentorId))
                    .col(integer_null(MentorAssignments::AssignedBy))
                    .col(timestamp_with_time_zone(MentorAssignments::StartedAt))
                    .col(timestamp_with_time_zone_null(MentorAssignments::EndedAt))
                    .foreign_key(&mut fk(
                        MentorAssignments::Table,
                        MentorAssignments::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MentorAssignments::Table,
                        MentorAssignments::MentorId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MentorAssignments::Table,
                        MentorAssignments::AssignedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // One live assignment per mentor and project; ended ones are history.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_mentor_assignments_live ON mentor_assignments (project_id, mentor_id) \
                 WHERE ended_at IS NULL",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mentor_assignments_mentor")
                    .table(MentorAssignments::Table)
                    .col(MentorAssignments::MentorId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(pk_auto(Reviews::Id))
                    .col(integer(Reviews::ProjectId))
                    .col(integer_null(Reviews::MentorId))
                    .col(integer_null(Reviews::AssignmentId))
                    .col(small_integer(Reviews::Impact))
                    .col(text(Reviews::ImpactComment))
                    .col(small_integer(Reviews::Progress))
                    .col(text(Reviews::ProgressComment))
                    .col(small_integer(Reviews::Openness))
                    .col(text(Reviews::OpennessComment))
                    .col(small_integer(Reviews::TeamHealth))
                    .col(text(Reviews::TeamHealthComment))
                    .col(text(Reviews::Strengths))
                    .col(text(Reviews::Recommendations))
                    .col(timestamp_with_time_zone(Reviews::CreatedAt))
                    .col(timestamp_with_time_zone_null(Reviews::EditedAt))
                    .col(timestamp_with_time_zone_null(Reviews::AcknowledgedAt))
                    .col(text(Reviews::Response))
                    .col(timestamp_with_time_zone_null(Reviews::RespondedAt))
                    .col(integer_null(Reviews::RespondedBy))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::MentorId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::AssignmentId,
                        MentorAssignments::Table,
                        MentorAssignments::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::RespondedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reviews_project")
                    .table(Reviews::Table)
                    .col(Reviews::ProjectId)
                    .col(Reviews::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewSteps::Table)
                    .col(pk_auto(ReviewSteps::Id))
                    .col(integer(ReviewSteps::ReviewId))
                    .col(integer(ReviewSteps::Position))
                    .col(text(ReviewSteps::Text))
                    .col(integer_null(ReviewSteps::MilestoneId))
                    .foreign_key(&mut fk(
                        ReviewSteps::Table,
                        ReviewSteps::ReviewId,
                        Reviews::Table,
                        Reviews::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ReviewSteps::Table,
                        ReviewSteps::MilestoneId,
                        Milestones::Table,
                        Milestones::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewRequests::Table)
                    .col(pk_auto(ReviewRequests::Id))
                    .col(integer(ReviewRequests::ProjectId))
                    .col(integer_null(ReviewRequests::RequestedBy))
                    .col(text(ReviewRequests::Question))
                    .col(timestamp_with_time_zone(ReviewRequests::CreatedAt))
                    .col(integer_null(ReviewRequests::AnsweredByReviewId))
                    .foreign_key(&mut fk(
                        ReviewRequests::Table,
                        ReviewRequests::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ReviewRequests::Table,
                        ReviewRequests::RequestedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ReviewRequests::Table,
                        ReviewRequests::AnsweredByReviewId,
                        Reviews::Table,
                        Reviews::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReviewRequests::Table.into_iden(),
            ReviewSteps::Table.into_iden(),
            Reviews::Table.into_iden(),
            MentorAssignments::Table.into_iden(),
            MentorProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .drop_column(Editions::ReviewCadenceDays)
                    .to_owned(),
            )
            .await
    }
}

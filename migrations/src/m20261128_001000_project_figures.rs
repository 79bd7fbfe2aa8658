//! What the coordinators' dashboard and roll-up read at 10,000 projects
//! (issue 15), kept small:
//!
//! * `projects.check_ins_skipped`: the project left its two latest closed
//!   check-ins unanswered. Kept by the statements that send and answer
//!   check-ins (`check_in::refresh_skipped`), so that the roll-up counts a
//!   column instead of ranking every check-in on each visit; set here for
//!   the check-ins already sent.
//! * A partial index on live projects holding what the counts per city and
//!   stage read (quiet: the last public entry and the creation; skipped),
//!   so that they read the index alone.
//! * An index on milestones holding what progress, late and upcoming
//!   milestones read, per project.
//! * The gallery's first indexes (`is_public, archived_at, …`) dropped: the
//!   partial indexes on live projects of migration 180 serve the gallery,
//!   and without statistics SQLite chose these for the figures' queries
//!   by city, then sorted a city's projects.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    CheckInsSkipped,
    CityId,
    Stage,
    EditionId,
    LastPublicUpdateAt,
    CreatedAt,
    ArchivedAt,
    IsPublic,
    LastActivityAt,
    Title,
    Id,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    ProjectId,
    Status,
    Weight,
    DueOn,
}

const LIVE_FIGURES: &str = "ix_projects_live_figures";
const MILESTONE_FIGURES: &str = "ix_milestones_figures";

/// The gallery's indexes of migration 3, superseded by migration 180's.
fn gallery_indexes() -> [(&'static str, Projects); 2] {
    [
        ("ix_projects_gallery_activity", Projects::LastActivityAt),
        ("ix_projects_gallery_title", Projects::Title),
    ]
}

/// The two check-ins before the latest (closed: the latest stays open until
/// the next is sent) exist and are both unanswered. The same statement as
/// `check_in::refresh_skipped`, over every project.
const BACKFILL: &str = "UPDATE projects SET check_ins_skipped = (\
     (SELECT COUNT(*) FROM (SELECT closed.answered_at FROM check_ins AS closed \
     WHERE closed.project_id = projects.id \
     ORDER BY closed.sent_at DESC, closed.id DESC LIMIT 2 OFFSET 1) AS r \
     WHERE r.answered_at IS NULL) = 2)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(
                        ColumnDef::new(Projects::CheckInsSkipped)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(LIVE_FIGURES)
                    .table(Projects::Table)
                    .col(Projects::CityId)
                    .col(Projects::Stage)
                    .col(Projects::EditionId)
                    .col(Projects::CheckInsSkipped)
                    .col(Projects::LastPublicUpdateAt)
                    .col(Projects::CreatedAt)
                    .and_where(Expr::col(Projects::ArchivedAt).is_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(MILESTONE_FIGURES)
                    .table(Milestones::Table)
                    .col(Milestones::ProjectId)
                    .col(Milestones::Status)
                    .col(Milestones::Weight)
                    .col(Milestones::DueOn)
                    .to_owned(),
            )
            .await?;
        for (name, _) in gallery_indexes() {
            manager
                .drop_index(Index::drop().name(name).table(Projects::Table).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, order) in gallery_indexes() {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Projects::Table)
                        .col(Projects::IsPublic)
                        .col(Projects::ArchivedAt)
                        .col(order)
                        .col(Projects::Id)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name(MILESTONE_FIGURES)
                    .table(Milestones::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(LIVE_FIGURES)
                    .table(Projects::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .drop_column(Projects::CheckInsSkipped)
                    .to_owned(),
            )
            .await
    }
}

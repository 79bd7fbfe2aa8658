//! Explainer videos ("la technologie expliquée à ma grand-mère") get a table
//! of their own, so a project may have several, each with its transcript,
//! its captions and a coordinator's review.
//!
//! Each project's single explainer link and transcript move into it (a
//! transcript without a link too: nothing is lost), then leave `projects`.
//! Going down puts each project's first explainer back.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Explainers {
    Table,
    Id,
    ProjectId,
    Title,
    VideoUrl,
    Language,
    DurationSeconds,
    Transcript,
    CaptionsUrl,
    ReviewedAt,
    ReviewedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExplainerCaptions {
    Table,
    ExplainerId,
    Vtt,
    Cues,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    ExplainerUrl,
    ExplainerTranscript,
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
                    .table(Explainers::Table)
                    .col(pk_auto(Explainers::Id))
                    .col(integer(Explainers::ProjectId))
                    .col(string(Explainers::Title))
                    .col(string_null(Explainers::VideoUrl))
                    .col(string_len(Explainers::Language, 2))
                    .col(integer_null(Explainers::DurationSeconds))
                    .col(text(Explainers::Transcript))
                    .col(string_null(Explainers::CaptionsUrl))
                    .col(timestamp_with_time_zone_null(Explainers::ReviewedAt))
                    .col(integer_null(Explainers::ReviewedBy))
                    .col(timestamp_with_time_zone(Explainers::CreatedAt))
                    .col(timestamp_with_time_zone(Explainers::UpdatedAt))
                    .foreign_key(&mut fk(
                        Explainers::Table,
                        Explainers::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Explainers::Table,
                        Explainers::ReviewedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_explainers_project",
                vec![Explainers::ProjectId, Explainers::Id],
            ),
            // The library and its feed list the newest first.
            (
                "ix_explainers_created",
                vec![Explainers::CreatedAt, Explainers::Id],
            ),
            // The home page features the latest reviewed.
            (
                "ix_explainers_reviewed",
                vec![Explainers::ReviewedAt, Explainers::Id],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Explainers::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        // Captions are kept apart: lists never load them, the player asks
        // for them by the explainer's id.
        manager
            .create_table(
                Table::create()
                    .table(ExplainerCaptions::Table)
                    .col(integer(ExplainerCaptions::ExplainerId).primary_key())
                    .col(text(ExplainerCaptions::Vtt))
                    .col(integer(ExplainerCaptions::Cues))
                    .col(timestamp_with_time_zone(ExplainerCaptions::UploadedAt))
                    .foreign_key(&mut fk(
                        ExplainerCaptions::Table,
                        ExplainerCaptions::ExplainerId,
                        Explainers::Table,
                        Explainers::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO explainers (project_id, title, video_url, language, transcript, created_at, updated_at) \
             SELECT id, title, explainer_url, 'fr', explainer_transcript, updated_at, updated_at \
             FROM projects WHERE explainer_url IS NOT NULL OR explainer_transcript <> '' ORDER BY id",
        )
        .await?;
        // SQLite alters one column per statement.
        for column in [Projects::ExplainerUrl, Projects::ExplainerTranscript] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Projects::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_null(Projects::ExplainerUrl),
            text(Projects::ExplainerTranscript).default("").to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Projects::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE projects SET \
             explainer_url = (SELECT e.video_url FROM explainers e WHERE e.project_id = projects.id ORDER BY e.id LIMIT 1), \
             explainer_transcript = COALESCE((SELECT e.transcript FROM explainers e WHERE e.project_id = projects.id ORDER BY e.id LIMIT 1), '')",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(ExplainerCaptions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Explainers::Table).to_owned())
            .await
    }
}

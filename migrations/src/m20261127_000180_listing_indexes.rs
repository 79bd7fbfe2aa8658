//! Indexes for the listings at 10,000 projects (issue 13): every listing
//! query reads an index in the order it shows, and stops at its page.
//!
//! * The gallery always asks for live projects (`archived_at IS NULL`):
//!   partial indexes on that condition give PostgreSQL the order of the
//!   page, which an index with `archived_at` as a column cannot once the
//!   condition is in the query; SQLite uses them the same way.
//! * A city's live projects by title: the gallery filtered by city and
//!   the coordinators' list of quiet projects.
//! * Public journal entries by date: the programme's Atom feed.
//! * A project's check-ins, newest first: the coordinators' missed
//!   check-ins, ranked per project.
//! * `agenda_items` by its foreign keys: a meeting's agenda, and deleting
//!   a meeting, a project or an account without scanning the table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    IsPublic,
    ArchivedAt,
    LastActivityAt,
    Title,
    CityId,
    Id,
}

#[derive(DeriveIden)]
enum ProjectUpdates {
    Table,
    IsPublic,
    CreatedAt,
    Id,
}

#[derive(DeriveIden)]
enum CheckIns {
    Table,
    ProjectId,
    SentAt,
    Id,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    OccurrenceId,
    Position,
    ProjectId,
    RequestedBy,
}

fn live() -> SimpleExpr {
    Expr::col(Projects::ArchivedAt).is_null()
}

fn indexes() -> Vec<IndexCreateStatement> {
    let mut out = Vec::new();
    let mut live_index = |name: &str, cols: Vec<Projects>| {
        let mut index = Index::create();
        index.name(name).table(Projects::Table);
        for col in cols {
            index.col(col);
        }
        index.and_where(live());
        out.push(index.to_owned());
    };
    live_index(
        "ix_projects_live_activity",
        vec![Projects::IsPublic, Projects::LastActivityAt, Projects::Id],
    );
    live_index(
        "ix_projects_live_title",
        vec![Projects::IsPublic, Projects::Title, Projects::Id],
    );
    live_index(
        "ix_projects_live_city_activity",
        vec![
            Projects::CityId,
            Projects::IsPublic,
            Projects::LastActivityAt,
            Projects::Id,
        ],
    );
    live_index(
        "ix_projects_live_city_title",
        vec![Projects::CityId, Projects::Title, Projects::Id],
    );
    out.push(
        Index::create()
            .name("ix_project_updates_public_created")
            .table(ProjectUpdates::Table)
            .col(ProjectUpdates::IsPublic)
            .col(ProjectUpdates::CreatedAt)
            .col(ProjectUpdates::Id)
            .to_owned(),
    );
    out.push(
        Index::create()
            .name("ix_check_ins_project_sent")
            .table(CheckIns::Table)
            .col(CheckIns::ProjectId)
            .col(CheckIns::SentAt)
            .col(CheckIns::Id)
            .to_owned(),
    );
    out.push(
        Index::create()
            .name("ix_agenda_items_occurrence")
            .table(AgendaItems::Table)
            .col(AgendaItems::OccurrenceId)
            .col(AgendaItems::Position)
            .to_owned(),
    );
    out.push(
        Index::create()
            .name("ix_agenda_items_project")
            .table(AgendaItems::Table)
            .col(AgendaItems::ProjectId)
            .to_owned(),
    );
    out.push(
        Index::create()
            .name("ix_agenda_items_requested_by")
            .table(AgendaItems::Table)
            .col(AgendaItems::RequestedBy)
            .to_owned(),
    );
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let names = [
            ("ix_projects_live_activity", Projects::Table.into_iden()),
            ("ix_projects_live_title", Projects::Table.into_iden()),
            (
                "ix_projects_live_city_activity",
                Projects::Table.into_iden(),
            ),
            ("ix_projects_live_city_title", Projects::Table.into_iden()),
            (
                "ix_project_updates_public_created",
                ProjectUpdates::Table.into_iden(),
            ),
            ("ix_check_ins_project_sent", CheckIns::Table.into_iden()),
            ("ix_agenda_items_occurrence", AgendaItems::Table.into_iden()),
            ("ix_agenda_items_project", AgendaItems::Table.into_iden()),
            (
                "ix_agenda_items_requested_by",
                AgendaItems::Table.into_iden(),
            ),
        ];
        for (name, table) in names {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

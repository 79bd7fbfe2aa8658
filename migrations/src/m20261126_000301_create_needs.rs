//! Needs: what a project looks for (a kind of help, a few expertise tags, a
//! short description, in its city or remotely), each with its state. The
//! old single "looking for help" text of every project becomes its first
//! need, word for word; the project's two old columns are left in place,
//! no longer read, so going down loses nothing either.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Needs {
    Table,
    Id,
    ProjectId,
    Kind,
    Description,
    Remote,
    Languages,
    State,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NeedTags {
    Table,
    NeedId,
    Tag,
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
                    .table(Needs::Table)
                    .col(pk_auto(Needs::Id))
                    .col(integer(Needs::ProjectId))
                    .col(string_len(Needs::Kind, 24))
                    .col(text(Needs::Description))
                    .col(boolean(Needs::Remote))
                    .col(string_len(Needs::Languages, 64))
                    .col(string_len(Needs::State, 16))
                    .col(integer_null(Needs::CreatedBy))
                    .col(timestamp_with_time_zone(Needs::CreatedAt))
                    .col(timestamp_with_time_zone(Needs::UpdatedAt))
                    .foreign_key(&mut fk(
                        Needs::Table,
                        Needs::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Needs::Table,
                        Needs::CreatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // A project's needs; open needs by kind (suggestions, the public
        // list); open needs by recency.
        for (name, cols) in [
            ("ix_needs_project", vec![Needs::ProjectId, Needs::State]),
            (
                "ix_needs_state_kind",
                vec![Needs::State, Needs::Kind, Needs::Remote, Needs::CreatedAt],
            ),
            (
                "ix_needs_state_created",
                vec![Needs::State, Needs::CreatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Needs::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(NeedTags::Table)
                    .col(integer(NeedTags::NeedId))
                    .col(string_len(NeedTags::Tag, 32))
                    .primary_key(Index::create().col(NeedTags::NeedId).col(NeedTags::Tag))
                    .foreign_key(&mut fk(
                        NeedTags::Table,
                        NeedTags::NeedId,
                        Needs::Table,
                        Needs::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_need_tags_tag")
                    .table(NeedTags::Table)
                    .col(NeedTags::Tag)
                    .col(NeedTags::NeedId)
                    .to_owned(),
            )
            .await?;

        // What teams wrote in "looking for help" becomes their first need,
        // of kind "other", open while they were still looking. The plain
        // SQL reads the same on SQLite (booleans are 0/1) and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO needs (project_id, kind, description, remote, languages, state, \
                 created_by, created_at, updated_at) \
                 SELECT id, 'other', help_wanted, FALSE, 'fr', \
                 CASE WHEN looking_for_help THEN 'open' ELSE 'withdrawn' END, \
                 NULL, updated_at, updated_at \
                 FROM projects WHERE looking_for_help OR help_wanted <> '' ORDER BY id",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [NeedTags::Table.into_iden(), Needs::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

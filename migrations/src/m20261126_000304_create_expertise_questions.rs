//! Expertise questions ("échanges d'expertise"): a team asks a question
//! tied to one of its needs; members answer under it, in threads; the team
//! marks the answer that helped.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ExpertiseQuestions {
    Table,
    Id,
    ProjectId,
    NeedId,
    AskedBy,
    Body,
    AnswersPublic,
    HelpfulAnswerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ExpertiseAnswers {
    Table,
    Id,
    QuestionId,
    ParentId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Needs {
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
                    .table(ExpertiseQuestions::Table)
                    .col(pk_auto(ExpertiseQuestions::Id))
                    .col(integer(ExpertiseQuestions::ProjectId))
                    .col(integer(ExpertiseQuestions::NeedId))
                    .col(integer_null(ExpertiseQuestions::AskedBy))
                    .col(text(ExpertiseQuestions::Body))
                    .col(boolean(ExpertiseQuestions::AnswersPublic))
                    // No foreign key: the answer table refers to this one.
                    // The domain only ever sets an answer of this question.
                    .col(integer_null(ExpertiseQuestions::HelpfulAnswerId))
                    .col(timestamp_with_time_zone(ExpertiseQuestions::CreatedAt))
                    .foreign_key(&mut fk(
                        ExpertiseQuestions::Table,
                        ExpertiseQuestions::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ExpertiseQuestions::Table,
                        ExpertiseQuestions::NeedId,
                        Needs::Table,
                        Needs::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ExpertiseQuestions::Table,
                        ExpertiseQuestions::AskedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_expertise_questions_project",
                vec![ExpertiseQuestions::ProjectId, ExpertiseQuestions::CreatedAt],
            ),
            (
                "ix_expertise_questions_need",
                vec![ExpertiseQuestions::NeedId, ExpertiseQuestions::CreatedAt],
            ),
            (
                "ix_expertise_questions_created",
                vec![ExpertiseQuestions::CreatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(ExpertiseQuestions::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ExpertiseAnswers::Table)
                    .col(pk_auto(ExpertiseAnswers::Id))
                    .col(integer(ExpertiseAnswers::QuestionId))
                    .col(integer_null(ExpertiseAnswers::ParentId))
                    .col(integer_null(ExpertiseAnswers::AuthorId))
                    .col(text(ExpertiseAnswers::Body))
                    .col(timestamp_with_time_zone(ExpertiseAnswers::CreatedAt))
                    .foreign_key(&mut fk(
                        ExpertiseAnswers::Table,
                        ExpertiseAnswers::QuestionId,
                        ExpertiseQuestions::Table,
                        ExpertiseQuestions::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ExpertiseAnswers::Table,
                        ExpertiseAnswers::ParentId,
                        ExpertiseAnswers::Table,
                        ExpertiseAnswers::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ExpertiseAnswers::Table,
                        ExpertiseAnswers::AuthorId,
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
                    .name("ix_expertise_answers_question")
                    .table(ExpertiseAnswers::Table)
                    .col(ExpertiseAnswers::QuestionId)
                    .col(ExpertiseAnswers::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ExpertiseAnswers::Table.into_iden(),
            ExpertiseQuestions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

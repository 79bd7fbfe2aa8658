//! Introductions by consent: a request between a member and a project's
//! team about one need, the personal links that answer it from an email,
//! and the follow-up question asked to both a month after an acceptance.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Introductions {
    Table,
    Id,
    NeedId,
    MemberId,
    InitiatedBy,
    AskedBy,
    Message,
    State,
    CreatedAt,
    ExpiresAt,
    AnsweredAt,
    AnsweredBy,
    FollowUpAt,
}

#[derive(DeriveIden)]
enum IntroductionLinks {
    Table,
    TokenHash,
    IntroductionId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IntroductionFollowUps {
    Table,
    IntroductionId,
    UserId,
    TokenHash,
    AskedAt,
    Outcome,
    AnsweredAt,
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
                    .table(Introductions::Table)
                    .col(pk_auto(Introductions::Id))
                    .col(integer(Introductions::NeedId))
                    .col(integer(Introductions::MemberId))
                    .col(string_len(Introductions::InitiatedBy, 8))
                    .col(integer(Introductions::AskedBy))
                    .col(text(Introductions::Message))
                    .col(string_len(Introductions::State, 16))
                    .col(timestamp_with_time_zone(Introductions::CreatedAt))
                    .col(timestamp_with_time_zone(Introductions::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Introductions::AnsweredAt))
                    .col(integer_null(Introductions::AnsweredBy))
                    .col(timestamp_with_time_zone_null(Introductions::FollowUpAt))
                    .foreign_key(&mut fk(
                        Introductions::Table,
                        Introductions::NeedId,
                        Needs::Table,
                        Needs::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Introductions::Table,
                        Introductions::MemberId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Introductions::Table,
                        Introductions::AskedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Introductions::Table,
                        Introductions::AnsweredBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // One live or declined request per member and need: a decline is
        // final for the pair, and two racing requests cannot both exist.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_introductions_pair ON introductions (need_id, member_id) \
                 WHERE state IN ('pending', 'accepted', 'declined')",
            )
            .await?;
        for (name, cols) in [
            (
                "ix_introductions_asker",
                vec![
                    Introductions::AskedBy,
                    Introductions::State,
                    Introductions::CreatedAt,
                ],
            ),
            (
                "ix_introductions_member",
                vec![Introductions::MemberId, Introductions::CreatedAt],
            ),
            (
                "ix_introductions_need",
                vec![Introductions::NeedId, Introductions::State],
            ),
            (
                "ix_introductions_due",
                vec![Introductions::State, Introductions::ExpiresAt],
            ),
            (
                "ix_introductions_follow_up",
                vec![
                    Introductions::State,
                    Introductions::FollowUpAt,
                    Introductions::AnsweredAt,
                ],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Introductions::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(IntroductionLinks::Table)
                    .col(string_len(IntroductionLinks::TokenHash, 64).primary_key())
                    .col(integer(IntroductionLinks::IntroductionId))
                    .col(integer(IntroductionLinks::UserId))
                    .col(timestamp_with_time_zone(IntroductionLinks::CreatedAt))
                    .foreign_key(&mut fk(
                        IntroductionLinks::Table,
                        IntroductionLinks::IntroductionId,
                        Introductions::Table,
                        Introductions::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        IntroductionLinks::Table,
                        IntroductionLinks::UserId,
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
                    .name("ux_introduction_links_person")
                    .table(IntroductionLinks::Table)
                    .col(IntroductionLinks::IntroductionId)
                    .col(IntroductionLinks::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IntroductionFollowUps::Table)
                    .col(integer(IntroductionFollowUps::IntroductionId))
                    .col(integer(IntroductionFollowUps::UserId))
                    .col(string_len_uniq(IntroductionFollowUps::TokenHash, 64))
                    .col(timestamp_with_time_zone(IntroductionFollowUps::AskedAt))
                    .col(string_len_null(IntroductionFollowUps::Outcome, 16))
                    .col(timestamp_with_time_zone_null(
                        IntroductionFollowUps::AnsweredAt,
                    ))
                    .primary_key(
                        Index::create()
                            .col(IntroductionFollowUps::IntroductionId)
                            .col(IntroductionFollowUps::UserId),
                    )
                    .foreign_key(&mut fk(
                        IntroductionFollowUps::Table,
                        IntroductionFollowUps::IntroductionId,
                        Introductions::Table,
                        Introductions::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        IntroductionFollowUps::Table,
                        IntroductionFollowUps::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IntroductionFollowUps::Table.into_iden(),
            IntroductionLinks::Table.into_iden(),
            Introductions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

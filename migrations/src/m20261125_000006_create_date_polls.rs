//! Date polls: for meetings outside the monthly rule, a coordinator offers
//! slots, invited members answer each from a link, and the chosen slot
//! becomes a meeting.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DatePolls {
    Table,
    Id,
    CityId,
    Title,
    Description,
    PlaceAddress,
    DurationMinutes,
    Capacity,
    ClosesAt,
    CreatedBy,
    OccurrenceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PollSlots {
    Table,
    Id,
    PollId,
    StartsAt,
}

#[derive(DeriveIden)]
enum PollInvitees {
    Table,
    PollId,
    UserId,
    TokenHash,
    RemindedAt,
}

#[derive(DeriveIden)]
enum PollAnswers {
    Table,
    SlotId,
    UserId,
    Answer,
    AnsweredAt,
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

#[derive(DeriveIden)]
enum MeetupOccurrences {
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
                    .table(DatePolls::Table)
                    .col(pk_auto(DatePolls::Id))
                    .col(integer(DatePolls::CityId))
                    .col(string(DatePolls::Title))
                    .col(text(DatePolls::Description))
                    .col(text(DatePolls::PlaceAddress))
                    .col(integer(DatePolls::DurationMinutes))
                    .col(integer(DatePolls::Capacity))
                    .col(timestamp_with_time_zone(DatePolls::ClosesAt))
                    .col(integer_null(DatePolls::CreatedBy))
                    .col(integer_null(DatePolls::OccurrenceId))
                    .col(timestamp_with_time_zone(DatePolls::CreatedAt))
                    .foreign_key(&mut fk(
                        DatePolls::Table,
                        DatePolls::CityId,
                        Cities::Table,
                        Cities::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        DatePolls::Table,
                        DatePolls::CreatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        DatePolls::Table,
                        DatePolls::OccurrenceId,
                        MeetupOccurrences::Table,
                        MeetupOccurrences::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollSlots::Table)
                    .col(pk_auto(PollSlots::Id))
                    .col(integer(PollSlots::PollId))
                    .col(timestamp_with_time_zone(PollSlots::StartsAt))
                    .foreign_key(&mut fk(
                        PollSlots::Table,
                        PollSlots::PollId,
                        DatePolls::Table,
                        DatePolls::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollInvitees::Table)
                    .col(integer(PollInvitees::PollId))
                    .col(integer(PollInvitees::UserId))
                    .col(string_len_uniq(PollInvitees::TokenHash, 64))
                    .col(timestamp_with_time_zone_null(PollInvitees::RemindedAt))
                    .primary_key(
                        Index::create()
                            .col(PollInvitees::PollId)
                            .col(PollInvitees::UserId),
                    )
                    .foreign_key(&mut fk(
                        PollInvitees::Table,
                        PollInvitees::PollId,
                        DatePolls::Table,
                        DatePolls::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PollInvitees::Table,
                        PollInvitees::UserId,
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
                    .table(PollAnswers::Table)
                    .col(integer(PollAnswers::SlotId))
                    .col(integer(PollAnswers::UserId))
                    .col(string_len(PollAnswers::Answer, 12))
                    .col(timestamp_with_time_zone(PollAnswers::AnsweredAt))
                    .primary_key(
                        Index::create()
                            .col(PollAnswers::SlotId)
                            .col(PollAnswers::UserId),
                    )
                    .foreign_key(&mut fk(
                        PollAnswers::Table,
                        PollAnswers::SlotId,
                        PollSlots::Table,
                        PollSlots::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PollAnswers::Table,
                        PollAnswers::UserId,
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
            PollAnswers::Table.into_iden(),
            PollInvitees::Table.into_iden(),
            PollSlots::Table.into_iden(),
            DatePolls::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

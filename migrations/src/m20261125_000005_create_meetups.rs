//! Monthly meetups: series with their rule, occurrences (generated or
//! added by hand), RSVPs with a waitlist, agenda items, and the table of
//! job runs through which several scheduler instances share one slot.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetupSeries {
    Table,
    Id,
    CityId,
    Title,
    Description,
    Ordinal,
    Weekday,
    StartTime,
    DurationMinutes,
    TimeZone,
    PlaceAddress,
    OnlineUrl,
    Audiences,
    Capacity,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetupOccurrences {
    Table,
    Id,
    SeriesId,
    CityId,
    RuleDate,
    Title,
    Description,
    StartsAt,
    EndsAt,
    PlaceAddress,
    OnlineUrl,
    Capacity,
    Status,
    Manual,
    Minutes,
    Sequence,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Rsvps {
    Table,
    OccurrenceId,
    UserId,
    Answer,
    Waitlisted,
    Attended,
    AnsweredAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
    OccurrenceId,
    Kind,
    ProjectId,
    Title,
    Position,
    Status,
    RequestedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum JobRuns {
    Table,
    Job,
    Slot,
    ClaimedBy,
    ClaimedAt,
    FinishedAt,
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
    CalendarToken,
}

#[derive(DeriveIden)]
enum Projects {
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
                    .table(MeetupSeries::Table)
                    .col(pk_auto(MeetupSeries::Id))
                    .col(integer(MeetupSeries::CityId))
                    .col(string(MeetupSeries::Title))
                    .col(text(MeetupSeries::Description))
                    .col(string_len(MeetupSeries::Ordinal, 8))
                    .col(string_len(MeetupSeries::Weekday, 3))
                    .col(string_len(MeetupSeries::StartTime, 5))
                    .col(integer(MeetupSeries::DurationMinutes))
                    .col(string(MeetupSeries::TimeZone))
                    .col(text(MeetupSeries::PlaceAddress))
                    .col(string_null(MeetupSeries::OnlineUrl))
                    .col(string(MeetupSeries::Audiences))
                    .col(integer(MeetupSeries::Capacity))
                    .col(boolean(MeetupSeries::Active))
                    .col(integer_null(MeetupSeries::CreatedBy))
                    .col(timestamp_with_time_zone(MeetupSeries::CreatedAt))
                    .col(timestamp_with_time_zone(MeetupSeries::UpdatedAt))
                    .foreign_key(&mut fk(
                        MeetupSeries::Table,
                        MeetupSeries::CityId,
                        Cities::Table,
                        Cities::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetupSeries::Table,
                        MeetupSeries::CreatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeetupOccurrences::Table)
                    .col(pk_auto(MeetupOccurrences::Id))
                    .col(integer_null(MeetupOccurrences::SeriesId))
                    .col(integer(MeetupOccurrences::CityId))
                    // The date the rule designated, kept when an occurrence is
                    // moved or cancelled, so the rule never makes it again.
                    .col(date_null(MeetupOccurrences::RuleDate))
                    .col(string(MeetupOccurrences::Title))
                    .col(text(MeetupOccurrences::Description))
                    .col(timestamp_with_time_zone(MeetupOccurrences::StartsAt))
                    .col(timestamp_with_time_zone(MeetupOccurrences::EndsAt))
                    .col(text(MeetupOccurrences::PlaceAddress))
                    .col(string_null(MeetupOccurrences::OnlineUrl))
                    .col(integer(MeetupOccurrences::Capacity))
                    .col(string_len(MeetupOccurrences::Status, 16))
                    .col(boolean(MeetupOccurrences::Manual))
                    .col(text(MeetupOccurrences::Minutes))
                    .col(integer(MeetupOccurrences::Sequence))
                    .col(timestamp_with_time_zone(MeetupOccurrences::CreatedAt))
                    .col(timestamp_with_time_zone(MeetupOccurrences::UpdatedAt))
                    .foreign_key(&mut fk(
                        MeetupOccurrences::Table,
                        MeetupOccurrences::SeriesId,
                        MeetupSeries::Table,
                        MeetupSeries::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        MeetupOccurrences::Table,
                        MeetupOccurrences::CityId,
                        Cities::Table,
                        Cities::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_meetup_occurrences_rule_date")
                    .table(MeetupOccurrences::Table)
                    .col(MeetupOccurrences::SeriesId)
                    .col(MeetupOccurrences::RuleDate)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meetup_occurrences_start")
                    .table(MeetupOccurrences::Table)
                    .col(MeetupOccurrences::StartsAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Rsvps::Table)
                    .col(integer(Rsvps::OccurrenceId))
                    .col(integer(Rsvps::UserId))
                    .col(string_len(Rsvps::Answer, 8))
                    .col(boolean(Rsvps::Waitlisted))
                    .col(boolean_null(Rsvps::Attended))
                    .col(timestamp_with_time_zone(Rsvps::AnsweredAt))
                    .col(timestamp_with_time_zone(Rsvps::UpdatedAt))
                    .primary_key(Index::create().col(Rsvps::OccurrenceId).col(Rsvps::UserId))
                    .foreign_key(&mut fk(
                        Rsvps::Table,
                        Rsvps::OccurrenceId,
                        MeetupOccurrences::Table,
                        MeetupOccurrences::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Rsvps::Table,
                        Rsvps::UserId,
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
                    .table(AgendaItems::Table)
                    .col(pk_auto(AgendaItems::Id))
                    .col(integer(AgendaItems::OccurrenceId))
                    .col(string_len(AgendaItems::Kind, 16))
                    .col(integer_null(AgendaItems::ProjectId))
                    .col(string(AgendaItems::Title))
                    .col(integer(AgendaItems::Position))
                    .col(string_len(AgendaItems::Status, 16))
                    .col(integer_null(AgendaItems::RequestedBy))
                    .col(timestamp_with_time_zone(AgendaItems::CreatedAt))
                    .foreign_key(&mut fk(
                        AgendaItems::Table,
                        AgendaItems::OccurrenceId,
                        MeetupOccurrences::Table,
                        MeetupOccurrences::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        AgendaItems::Table,
                        AgendaItems::ProjectId,
                        Projects::Table,
                        Projects::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        AgendaItems::Table,
                        AgendaItems::RequestedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JobRuns::Table)
                    .col(string_len(JobRuns::Job, 64))
                    .col(string_len(JobRuns::Slot, 64))
                    .col(string(JobRuns::ClaimedBy))
                    .col(timestamp_with_time_zone(JobRuns::ClaimedAt))
                    .col(timestamp_with_time_zone_null(JobRuns::FinishedAt))
                    .primary_key(Index::create().col(JobRuns::Job).col(JobRuns::Slot))
                    .to_owned(),
            )
            .await?;

        // The secret of a member's personal calendar feed (read-only;
        // revoking it replaces or clears it).
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::CalendarToken))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_users_calendar_token")
                    .table(Users::Table)
                    .col(Users::CalendarToken)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_users_calendar_token")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::CalendarToken)
                    .to_owned(),
            )
            .await?;
        for table in [
            JobRuns::Table.into_iden(),
            AgendaItems::Table.into_iden(),
            Rsvps::Table.into_iden(),
            MeetupOccurrences::Table.into_iden(),
            MeetupSeries::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

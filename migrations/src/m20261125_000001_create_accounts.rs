//! Editions, cities, accounts, roles, sessions, emailed tokens, rate limits
//! and settings: what every later feature builds on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
    Slug,
    Name,
    StartsOn,
    EndsOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
    Slug,
    Name,
    TimeZone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EditionCities {
    Table,
    EditionId,
    CityId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    EmailKey,
    Name,
    PasswordHash,
    Language,
    TimeZone,
    CityId,
    Skills,
    Bio,
    IsActive,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    Id,
    UserId,
    Role,
    CityId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    Remember,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    TokenHash,
    Purpose,
    UserId,
    Email,
    Payload,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Key,
    WindowStartedAt,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string(Settings::Key).primary_key())
                    .col(text(Settings::Value))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Editions::Table)
                    .col(pk_auto(Editions::Id))
                    .col(string_uniq(Editions::Slug))
                    .col(string(Editions::Name))
                    .col(date(Editions::StartsOn))
                    .col(date(Editions::EndsOn))
                    .col(timestamp_with_time_zone(Editions::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Cities::Table)
                    .col(pk_auto(Cities::Id))
                    .col(string_uniq(Cities::Slug))
                    .col(string(Cities::Name))
                    .col(string(Cities::TimeZone))
                    .col(timestamp_with_time_zone(Cities::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EditionCities::Table)
                    .col(integer(EditionCities::EditionId))
                    .col(integer(EditionCities::CityId))
                    .primary_key(
                        Index::create()
                            .col(EditionCities::EditionId)
                            .col(EditionCities::CityId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EditionCities::Table, EditionCities::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EditionCities::Table, EditionCities::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string(Users::Email))
                    // The lower-cased address: uniqueness "whatever the case"
                    // enforced the same way on SQLite and PostgreSQL.
                    .col(string_uniq(Users::EmailKey))
                    .col(string(Users::Name))
                    .col(string_null(Users::PasswordHash))
                    .col(string_len(Users::Language, 8))
                    .col(string_null(Users::TimeZone))
                    .col(integer_null(Users::CityId))
                    .col(string(Users::Skills))
                    .col(text(Users::Bio))
                    .col(boolean(Users::IsActive))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(pk_auto(UserRoles::Id))
                    .col(integer(UserRoles::UserId))
                    .col(string_len(UserRoles::Role, 32))
                    .col(integer_null(UserRoles::CityId))
                    .col(timestamp_with_time_zone(UserRoles::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::CityId)
                            .to(Cities::Table, Cities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_user_roles_city")
                    .table(UserRoles::Table)
                    .col(UserRoles::UserId)
                    .col(UserRoles::Role)
                    .col(UserRoles::CityId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // NULL never equals NULL in a unique index, so a programme-wide grant
        // (no city) needs its own partial index; the syntax is the same on
        // SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_user_roles_programme ON user_roles (user_id, role) \
                 WHERE city_id IS NULL",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(integer(Sessions::UserId))
                    .col(boolean(Sessions::Remember))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(string_null(Sessions::UserAgent))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailTokens::Table)
                    .col(pk_auto(EmailTokens::Id))
                    .col(string_len_uniq(EmailTokens::TokenHash, 64))
                    .col(string_len(EmailTokens::Purpose, 32))
                    .col(integer_null(EmailTokens::UserId))
                    .col(string(EmailTokens::Email))
                    .col(text(EmailTokens::Payload))
                    .col(timestamp_with_time_zone(EmailTokens::CreatedAt))
                    .col(timestamp_with_time_zone(EmailTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailTokens::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailTokens::Table, EmailTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(string(RateLimits::Key).primary_key())
                    .col(timestamp_with_time_zone(RateLimits::WindowStartedAt))
                    .col(integer(RateLimits::Count))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateLimits::Table.into_iden(),
            EmailTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Users::Table.into_iden(),
            EditionCities::Table.into_iden(),
            Cities::Table.into_iden(),
            Editions::Table.into_iden(),
            Settings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

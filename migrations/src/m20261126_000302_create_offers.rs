//! Offers: what a member can bring (kinds of help, expertise tags, themes
//! they care about, languages, city and whether remote is fine), how many
//! introductions a month they accept, whether teams may contact them and
//! whether anyone may see the offer. Kinds and tags have tables of their
//! own so that suggestions find candidates through an index.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    UserId,
    Description,
    CityId,
    Remote,
    Languages,
    Themes,
    IntroductionsPerMonth,
    Contactable,
    IsPublic,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OfferKinds {
    Table,
    UserId,
    Kind,
}

#[derive(DeriveIden)]
enum OfferTags {
    Table,
    UserId,
    Tag,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cities {
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
                    .table(Offers::Table)
                    .col(integer(Offers::UserId).primary_key())
                    .col(text(Offers::Description))
                    .col(integer_null(Offers::CityId))
                    .col(boolean(Offers::Remote))
                    .col(string_len(Offers::Languages, 64))
                    .col(string_len(Offers::Themes, 64))
                    .col(integer(Offers::IntroductionsPerMonth))
                    .col(boolean(Offers::Contactable))
                    .col(boolean(Offers::IsPublic))
                    .col(timestamp_with_time_zone(Offers::CreatedAt))
                    .col(timestamp_with_time_zone(Offers::UpdatedAt))
                    .foreign_key(&mut fk(
                        Offers::Table,
                        Offers::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Offers::Table,
                        Offers::CityId,
                        Cities::Table,
                        Cities::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // Contactable offers of a city (suggestions for an in-person need)
        // and public offers of a city (the public list).
        for (name, cols) in [
            (
                "ix_offers_city_contactable",
                vec![Offers::CityId, Offers::Contactable, Offers::UpdatedAt],
            ),
            (
                "ix_offers_public",
                vec![Offers::IsPublic, Offers::CityId, Offers::UpdatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Offers::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(OfferKinds::Table)
                    .col(integer(OfferKinds::UserId))
                    .col(string_len(OfferKinds::Kind, 24))
                    .primary_key(
                        Index::create()
                            .col(OfferKinds::UserId)
                            .col(OfferKinds::Kind),
                    )
                    .foreign_key(&mut fk(
                        OfferKinds::Table,
                        OfferKinds::UserId,
                        Offers::Table,
                        Offers::UserId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_offer_kinds_kind")
                    .table(OfferKinds::Table)
                    .col(OfferKinds::Kind)
                    .col(OfferKinds::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OfferTags::Table)
                    .col(integer(OfferTags::UserId))
                    .col(string_len(OfferTags::Tag, 32))
                    .primary_key(Index::create().col(OfferTags::UserId).col(OfferTags::Tag))
                    .foreign_key(&mut fk(
                        OfferTags::Table,
                        OfferTags::UserId,
                        Offers::Table,
                        Offers::UserId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_offer_tags_tag")
                    .table(OfferTags::Table)
                    .col(OfferTags::Tag)
                    .col(OfferTags::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OfferTags::Table.into_iden(),
            OfferKinds::Table.into_iden(),
            Offers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

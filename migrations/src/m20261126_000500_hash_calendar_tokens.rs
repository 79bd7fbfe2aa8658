//! Personal calendar feeds are found by the SHA-256 of their secret, as every
//! other link secret is: a copy of the database no longer opens anyone's
//! feed. Existing feeds keep working: their tokens are hashed in place, and
//! the column is renamed to say what it holds.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    CalendarToken,
    CalendarTokenHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let select = Query::select()
            .columns([Users::Id, Users::CalendarToken])
            .from(Users::Table)
            .and_where(Expr::col(Users::CalendarToken).is_not_null())
            .to_owned();
        // A one-off pass over the members who turned their feed on (a few
        // per cent of them); SQLite has no SHA-256 to do it in one statement.
        for row in db.query_all(&select).await? {
            let id: i32 = row.try_get("", "id")?;
            let token: String = row.try_get("", "calendar_token")?;
            let hashed = hex::encode(Sha256::digest(token.as_bytes()));
            let update = Query::update()
                .table(Users::Table)
                .value(Users::CalendarToken, hashed)
                .and_where(Expr::col(Users::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .rename_column(Users::CalendarToken, Users::CalendarTokenHash)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A hash cannot be turned back into its token: going down turns
        // every feed off, and members renew theirs from their profile.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .rename_column(Users::CalendarTokenHash, Users::CalendarToken)
                    .to_owned(),
            )
            .await?;
        let clear = Query::update()
            .table(Users::Table)
            .value(Users::CalendarToken, Option::<String>::None)
            .to_owned();
        manager.exec_stmt(clear).await
    }
}

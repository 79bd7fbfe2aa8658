//! The content version (issue 13): a number in the database that triggers
//! raise on every write visitors could see (migration 185). Instances keep rendered public
//! pages for visitors tagged with the version they were made under, read
//! the version at most once a second, and drop what is older.

use crate::error::Result;
use sea_orm::{ConnectionTrait, Statement};

/// The version now.
pub async fn current(db: &impl ConnectionTrait) -> Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM content_version WHERE id = 1",
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    })
}

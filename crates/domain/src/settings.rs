//! Programme settings stored in the database: the server secret and how
//! people sign up.

use crate::entities::setting;
use crate::error::{DomainError, Result};
use crate::role::Actor;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

const SECRET_KEY: &str = "secret";
const REGISTRATION_KEY: &str = "registration";

crate::stored_code! {
    /// How new accounts come to exist.
    #[derive(Default)]
    pub enum RegistrationMode ("registration mode", "error-choice-invalid") {
        /// Anyone may sign up (and confirms their address by email).
        #[default]
        Open = "open",
        /// Only people holding an invitation link may sign up.
        InvitationOnly = "invitation",
    }
}

async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|m| m.value))
}

async fn put(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<()> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The server secret: the configured one, or the one kept in the database,
/// created on first use. Two instances starting at once agree on one value
/// because the insert only succeeds for the first.
pub async fn server_secret(db: &impl ConnectionTrait, configured: Option<&str>) -> Result<String> {
    if let Some(secret) = configured {
        return Ok(secret.to_owned());
    }
    let candidate = crate::token::generate();
    setting::Entity::insert(setting::ActiveModel {
        key: Set(SECRET_KEY.to_owned()),
        value: Set(candidate),
    })
    .on_conflict_do_nothing_on([setting::Column::Key])
    .exec(db)
    .await?;
    get(db, SECRET_KEY)
        .await?
        .ok_or_else(|| DomainError::Internal("secret vanished after insert".into()))
}

/// How sign-up currently works.
pub async fn registration_mode(db: &impl ConnectionTrait) -> Result<RegistrationMode> {
    match get(db, REGISTRATION_KEY).await? {
        Some(code) => Ok(RegistrationMode::parse(&code)?),
        None => Ok(RegistrationMode::default()),
    }
}

/// Changes how sign-up works; programme coordinators only.
pub async fn set_registration_mode(
    db: &impl ConnectionTrait,
    actor: &Actor,
    mode: RegistrationMode,
) -> Result<()> {
    if !actor.may_manage_settings() {
        return Err(DomainError::Forbidden);
    }
    put(db, REGISTRATION_KEY, mode.code()).await
}

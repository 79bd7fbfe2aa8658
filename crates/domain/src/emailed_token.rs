//! Single-use tokens sent by email (activation, password reset, invitations).
//! The database keeps only their hash; using one is a guarded update that
//! only one request can win.

use crate::entities::email_token;
use crate::error::{DomainError, Result};
use crate::token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde::Serialize;

crate::stored_code! {
    /// What a single-use emailed token is for.
    pub enum TokenPurpose ("token purpose", "error-choice-invalid") {
        /// Confirms a sign-up.
        Activation = "activation",
        /// Lets the holder choose a new password.
        PasswordReset = "password_reset",
        /// Lets the holder create an account.
        Invitation = "invitation",
        /// Lets the holder join a project's team.
        ProjectInvitation = "project_invitation",
    }
}

/// Creates a single-use token and returns the clear value (for the email).
pub(crate) async fn issue_token(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    user_id: Option<i32>,
    email: &str,
    payload: &impl Serialize,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<String> {
    let clear = token::generate();
    let payload = serde_json::to_string(payload)
        .map_err(|e| DomainError::Internal(format!("token payload: {e}")))?;
    email_token::ActiveModel {
        token_hash: Set(token::hash(&clear)),
        purpose: Set(purpose),
        user_id: Set(user_id),
        email: Set(email.to_owned()),
        payload: Set(payload),
        created_at: Set(now),
        expires_at: Set(now + ttl),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(clear)
}

/// Looks up a live token of `purpose` without using it.
pub(crate) async fn find_live_token(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    clear: &str,
    now: DateTime<Utc>,
) -> Result<email_token::Model> {
    let found = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token::hash(clear)))
        .filter(email_token::Column::Purpose.eq(purpose.code()))
        .one(db)
        .await?;
    match found {
        Some(t) if t.used_at.is_none() && t.expires_at > now => Ok(t),
        Some(t) if t.used_at.is_some() => Err(DomainError::field("token", "error-token-used")),
        Some(_) => Err(DomainError::field("token", "error-token-expired")),
        None => Err(DomainError::field("token", "error-token-unknown")),
    }
}

/// Marks a token used; only one caller can succeed, even when racing.
pub(crate) async fn use_token(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let result = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(DomainError::field("token", "error-token-used"))
    }
}

//! Accounts: sign-up (open or by invitation), activation, log-in, password
//! reset and change, profile edits, and accounts made by an administrator.
//!
//! Answers never tell whether an address has an account: sign-up and reset
//! requests always say "check your inbox", and the inbox says the rest.

use crate::context::Context;
use crate::email_address::EmailAddress;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::emailed_token::{TokenPurpose, find_live_token, issue_token, use_token};
use crate::entities::{city, email_token, user, user_role};
use crate::error::{DomainError, FieldErrors, Result};
use crate::language::Language;
use crate::outbox::{self, NewEmail};
use crate::password::Password;
use crate::rate_limit;
use crate::role::{Actor, Grant, Role, UserActor};
use crate::settings::{self, RegistrationMode};
use crate::skill::Skill;
use crate::{session, time_zone, token};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, SqlErr, TransactionTrait,
};
use serde::{Deserialize, Serialize};

/// How long an activation link stays valid.
pub const ACTIVATION_TTL: Duration = Duration::hours(24);
/// How long a password-reset link stays valid.
pub const RESET_TTL: Duration = Duration::hours(1);
/// How long an invitation or "choose your password" link stays valid.
pub const INVITATION_TTL: Duration = Duration::days(14);

/// An account as the rest of the application sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: i32,
    /// Its address, as typed.
    pub email: String,
    /// Its display name.
    pub name: String,
    /// Preferred language.
    pub language: Language,
    /// Preferred time zone, if chosen.
    pub time_zone: Option<Tz>,
    /// Home city.
    pub city_id: Option<i32>,
    /// Skill families.
    pub skills: Vec<Skill>,
    /// Short biography.
    pub bio: String,
    /// Roles beyond membership.
    pub grants: Vec<Grant>,
}

impl Account {
    /// This account as an actor in use cases.
    pub fn actor(&self) -> Actor {
        Actor::User(UserActor {
            user_id: self.id,
            city_id: self.city_id,
            grants: self.grants.clone(),
        })
    }
}

/// Loads an active account with its grants.
pub async fn load(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Account>> {
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !model.is_active {
        return Ok(None);
    }
    let grants = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| Grant {
            role: g.role,
            city_id: g.city_id,
        })
        .collect();
    Ok(Some(Account {
        id: model.id,
        email: model.email,
        name: model.name,
        language: model.language,
        time_zone: model
            .time_zone
            .as_deref()
            .and_then(|z| time_zone::parse(z).ok()),
        city_id: model.city_id,
        skills: Skill::parse_list(&model.skills)?,
        bio: model.bio,
        grants,
    }))
}

async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &EmailAddress,
) -> Result<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::EmailKey.eq(email.key()))
        .one(db)
        .await?)
}

fn parse_name(input: &str) -> std::result::Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("error-required")
    } else if name.chars().count() > 80 {
        Err("error-name-too-long")
    } else {
        Ok(name.to_owned())
    }
}

/// What an invitation grants once accepted.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
struct InvitationPayload {
    city_id: Option<i32>,
    role: Option<String>,
}

/// What a pending sign-up carries until its address is confirmed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ActivationPayload {
    name: String,
    password_hash: String,
    language: String,
    city_id: Option<i32>,
}

/// The sign-up form as submitted.
#[derive(Debug, Clone, Default)]
pub struct SignUpInput {
    /// Display name.
    pub name: String,
    /// Address.
    pub email: String,
    /// Chosen password.
    pub password: String,
    /// Preferred language code.
    pub language: String,
    /// Home city id, as submitted (empty for none).
    pub city_id: String,
    /// Invitation token, when signing up from an invitation link.
    pub invitation: Option<String>,
}

/// What happened after a sign-up form was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignUpOutcome {
    /// An email was (or would have been) sent: the same answer whether or
    /// not the address already had an account.
    CheckInbox,
    /// The invitation proved the address: the account exists and may log in.
    Created(i32),
}

async fn parse_city(
    db: &impl ConnectionTrait,
    input: &str,
) -> std::result::Result<Option<i32>, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let id: i32 = input.parse().map_err(|_| "error-city-invalid")?;
    match city::Entity::find_by_id(id).one(db).await {
        Ok(Some(_)) => Ok(Some(id)),
        _ => Err("error-city-invalid"),
    }
}

/// The invitation behind a token, for showing the sign-up form.
#[derive(Debug, Clone)]
pub struct PendingInvitation {
    /// The invited address; the account will use it.
    pub email: String,
    /// The city invited to.
    pub city_id: Option<i32>,
}

/// Reads a live invitation without using it.
pub async fn invitation(ctx: &Context, clear: &str) -> Result<PendingInvitation> {
    let t = find_live_token(&ctx.db, TokenPurpose::Invitation, clear, ctx.now()).await?;
    let payload = InvitationPayload::of(&t)?;
    Ok(PendingInvitation {
        email: t.email,
        city_id: payload.city_id,
    })
}

/// A sign-up form that passed its checks.
struct SignUp {
    name: String,
    password: Password,
    email: EmailAddress,
    language: Language,
    city_id: Option<i32>,
}

impl InvitationPayload {
    /// Reads a stored invitation's payload: one the code cannot read is a
    /// fault, not an invitation to nothing.
    fn of(token: &email_token::Model) -> Result<InvitationPayload> {
        serde_json::from_str(&token.payload)
            .map_err(|e| DomainError::Internal(format!("invitation {} payload: {e}", token.id)))
    }
}

/// Signs someone up. In open mode it emails an activation link (or, if the
/// address is taken, a note saying so); with an invitation it creates the
/// account at once, the invitation having proven the address.
pub async fn sign_up(ctx: &Context, input: SignUpInput, client: &str) -> Result<SignUpOutcome> {
    let now = ctx.now();
    let (form, invitation) = check_sign_up(ctx, &input, now).await?;
    rate_limit::enforce(
        &ctx.db,
        &format!("email:addr:{client}"),
        rate_limit::EMAILS_PER_ADDRESS,
        now,
    )
    .await?;
    // Hash in every branch, so the time taken does not tell whether the
    // address already has an account.
    let password_hash = ctx.hasher.hash(&form.password).await?;
    let existing = find_by_email(&ctx.db, &form.email).await?;
    if let Some(invitation) = invitation {
        if existing.is_some() {
            return Err(DomainError::field("email", "error-account-exists-log-in"));
        }
        let user_id = accept_invitation(ctx, &invitation, form, password_hash, now).await?;
        return Ok(SignUpOutcome::Created(user_id));
    }
    let txn = ctx.db.begin().await?;
    match existing {
        Some(user) => tell_account_exists(&txn, &user, now).await?,
        None => send_activation(&txn, form, password_hash, now).await?,
    }
    txn.commit().await?;
    Ok(SignUpOutcome::CheckInbox)
}

/// Checks the form, and the invitation it comes with if any: the address
/// is then the invitation's, and in invitation-only mode one is required.
async fn check_sign_up(
    ctx: &Context,
    input: &SignUpInput,
    now: DateTime<Utc>,
) -> Result<(SignUp, Option<email_token::Model>)> {
    let mut errors = FieldErrors::default();
    let name = errors.checked("name", parse_name(&input.name));
    let password = errors.checked("password", Password::parse(&input.password));
    let language = errors
        .check("language", Language::parse(&input.language))
        .unwrap_or_default();
    let city_id = errors.checked("city_id", parse_city(&ctx.db, &input.city_id).await);
    let invitation = match input.invitation.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(find_live_token(&ctx.db, TokenPurpose::Invitation, t, now).await?),
        None => None,
    };
    let email = match &invitation {
        Some(inv) => {
            let address = EmailAddress::parse(&inv.email).map_err(|_| {
                DomainError::Internal(format!("invitation {} holds no address", inv.id))
            })?;
            errors.checked("email", Ok::<_, &'static str>(address))
        }
        None => errors.checked("email", EmailAddress::parse(&input.email)),
    };
    if invitation.is_none()
        && settings::registration_mode(&ctx.db).await? == RegistrationMode::InvitationOnly
    {
        errors.add("email", "error-invitation-required");
    }
    let (name, password, email, city_id) = errors.finish((name, password, email, city_id))?;
    let form = SignUp {
        name,
        password,
        email,
        language,
        city_id,
    };
    Ok((form, invitation))
}

/// Creates the invited account at once, with the role the invitation grants.
async fn accept_invitation(
    ctx: &Context,
    invitation: &email_token::Model,
    form: SignUp,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<i32> {
    let payload = InvitationPayload::of(invitation)?;
    let role = payload.role.as_deref().map(Role::parse).transpose()?;
    let txn = ctx.db.begin().await?;
    use_token(&txn, invitation.id, now).await?;
    let user_id = insert_user(
        &txn,
        &form.email,
        &form.name,
        Some(password_hash),
        form.language,
        form.city_id.or(payload.city_id),
        now,
    )
    .await?;
    if let Some(role) = role
        && role != Role::Member
    {
        insert_grant(&txn, user_id, role, payload.city_id, now).await?;
    }
    txn.commit().await?;
    Ok(user_id)
}

/// Someone signed up with an address that has an account: it is told so
/// by email, as the form answers the same either way.
async fn tell_account_exists(
    txn: &DatabaseTransaction,
    user: &user::Model,
    now: DateTime<Utc>,
) -> Result<()> {
    let message = EmailMessage::AccountExists {
        name: user.name.clone(),
    };
    // One such note per account per day is plenty.
    let key = EmailKind::AccountExists.key(format!("{}:{}", user.id, now.format("%Y-%m-%d")));
    outbox::enqueue(
        txn,
        NewEmail {
            idempotency_key: key,
            to: &user.email,
            user_id: Some(user.id),
            language: user.language,
            message: &message,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Keeps the sign-up in an activation token and emails its link: the
/// account is made once the address is proven.
async fn send_activation(
    txn: &DatabaseTransaction,
    form: SignUp,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<()> {
    let payload = ActivationPayload {
        name: form.name.clone(),
        password_hash,
        language: form.language.code().to_owned(),
        city_id: form.city_id,
    };
    let clear = issue_token(
        txn,
        TokenPurpose::Activation,
        None,
        form.email.as_str(),
        &payload,
        now,
        ACTIVATION_TTL,
    )
    .await?;
    let message = EmailMessage::Activation {
        name: form.name,
        token: clear.clone(),
    };
    outbox::enqueue(
        txn,
        NewEmail {
            idempotency_key: EmailKind::Activation.key(token::hash(&clear)),
            to: form.email.as_str(),
            user_id: None,
            language: form.language,
            message: &message,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn insert_user(
    db: &impl ConnectionTrait,
    email: &EmailAddress,
    name: &str,
    password_hash: Option<String>,
    language: Language,
    city_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i32> {
    let inserted = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        email_key: Set(email.key()),
        name: Set(name.to_owned()),
        password_hash: Set(password_hash),
        language: Set(language),
        time_zone: Set(None),
        city_id: Set(city_id),
        skills: Set(String::new()),
        bio: Set(String::new()),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        calendar_token_hash: Set(None),
        digest_frequency: Set(crate::digest::Frequency::default()),
        digest_sent_until: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(model) => Ok(model.id),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(DomainError::field("email", "error-account-exists-log-in"))
        }
        Err(e) => Err(e.into()),
    }
}

async fn insert_grant(
    db: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
    city_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<()> {
    let exists = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(role.code()))
        .filter(match city_id {
            Some(c) => user_role::Column::CityId.eq(c),
            None => user_role::Column::CityId.is_null(),
        })
        .one(db)
        .await?;
    if exists.is_none() {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(role),
            city_id: Set(city_id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Whether an activation link can still be used, before its page offers the
/// button (the page itself never uses the link: mail scanners open links).
pub async fn check_activation(ctx: &Context, clear: &str) -> Result<()> {
    find_live_token(&ctx.db, TokenPurpose::Activation, clear, ctx.now())
        .await
        .map(|_| ())
}

/// Confirms a sign-up from its emailed link and creates the account.
pub async fn activate(ctx: &Context, clear: &str) -> Result<i32> {
    let now = ctx.now();
    let t = find_live_token(&ctx.db, TokenPurpose::Activation, clear, now).await?;
    let payload: ActivationPayload = serde_json::from_str(&t.payload)
        .map_err(|e| DomainError::Internal(format!("activation payload: {e}")))?;
    let email = EmailAddress::parse(&t.email)
        .map_err(|_| DomainError::field("token", "error-token-unknown"))?;
    let txn = ctx.db.begin().await?;
    use_token(&txn, t.id, now).await?;
    let user_id = insert_user(
        &txn,
        &email,
        &payload.name,
        Some(payload.password_hash),
        Language::parse(&payload.language)?,
        payload.city_id,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(user_id)
}

/// Checks an address and password. Every failure gives the same answer.
/// Failures make the next attempt wait, growing with each one, per account
/// and client address and per client address: never a lock, so a stranger
/// elsewhere cannot keep the owner out, and a password reset always works.
pub async fn log_in(ctx: &Context, email: &str, password: &str, client: &str) -> Result<Account> {
    let now = ctx.now();
    let failed = || DomainError::field("email", "error-login-failed");
    let email = EmailAddress::parse(email).map_err(|_| failed())?;
    let pair_key = format!("{}{client}", login_delay_prefix(&email));
    let address_key = format!("login:addr:{client}");
    for (key, delay) in [
        (&pair_key, rate_limit::LOGIN_PER_ACCOUNT_AND_ADDRESS),
        (&address_key, rate_limit::LOGIN_PER_ADDRESS),
    ] {
        if rate_limit::delay_left(&ctx.db, key, delay, now)
            .await?
            .is_some()
        {
            return Err(DomainError::RateLimited);
        }
    }
    let user = find_by_email(&ctx.db, &email)
        .await?
        .filter(|u| u.is_active);
    let stored = user.as_ref().and_then(|u| u.password_hash.as_deref());
    let matches = ctx.hasher.verify(stored, password).await?;
    match user {
        Some(user) if matches => {
            rate_limit::clear(&ctx.db, &pair_key).await?;
            load(&ctx.db, user.id).await?.ok_or_else(failed)
        }
        _ => {
            let pair = rate_limit::LOGIN_PER_ACCOUNT_AND_ADDRESS;
            rate_limit::failed(&ctx.db, &pair_key, pair, now).await?;
            let address = rate_limit::LOGIN_PER_ADDRESS;
            rate_limit::failed(&ctx.db, &address_key, address, now).await?;
            Err(failed())
        }
    }
}

/// The start of every log-in delay key of one account, whatever the address.
fn login_delay_prefix(email: &EmailAddress) -> String {
    format!("login:pair:{}:", email.key())
}

/// Emails a password-reset link if the address has an active account.
/// The answer is the same either way.
pub async fn request_password_reset(ctx: &Context, email: &str, client: &str) -> Result<()> {
    let now = ctx.now();
    let email = EmailAddress::parse(email).map_err(|k| DomainError::field("email", k))?;
    rate_limit::enforce(
        &ctx.db,
        &format!("email:addr:{client}"),
        rate_limit::EMAILS_PER_ADDRESS,
        now,
    )
    .await?;
    rate_limit::enforce(
        &ctx.db,
        &format!("reset:account:{}", email.key()),
        rate_limit::RESET_PER_ACCOUNT,
        now,
    )
    .await?;
    let Some(user) = find_by_email(&ctx.db, &email)
        .await?
        .filter(|u| u.is_active)
    else {
        return Ok(());
    };
    let txn = ctx.db.begin().await?;
    let clear = issue_token(
        &txn,
        TokenPurpose::PasswordReset,
        Some(user.id),
        &user.email,
        &(),
        now,
        RESET_TTL,
    )
    .await?;
    let message = EmailMessage::PasswordReset {
        name: user.name.clone(),
        token: clear.clone(),
    };
    outbox::enqueue(
        &txn,
        NewEmail {
            idempotency_key: EmailKind::PasswordReset.key(token::hash(&clear)),
            to: &user.email,
            user_id: Some(user.id),
            language: user.language,
            message: &message,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks that a reset link is still usable (to show its form or an error).
pub async fn check_reset_token(ctx: &Context, clear: &str) -> Result<()> {
    find_live_token(&ctx.db, TokenPurpose::PasswordReset, clear, ctx.now()).await?;
    Ok(())
}

/// Sets a new password from a reset link; every session of the account ends.
pub async fn reset_password(ctx: &Context, clear: &str, new_password: &str) -> Result<i32> {
    let now = ctx.now();
    let password = Password::parse(new_password).map_err(|k| DomainError::field("password", k))?;
    let t = find_live_token(&ctx.db, TokenPurpose::PasswordReset, clear, now).await?;
    let user_id = t
        .user_id
        .ok_or_else(|| DomainError::field("token", "error-token-unknown"))?;
    let hash = ctx.hasher.hash(&password).await?;
    let txn = ctx.db.begin().await?;
    use_token(&txn, t.id, now).await?;
    set_password_hash(&txn, user_id, &hash, now).await?;
    session::end_all(&txn, user_id).await?;
    // The owner proved they hold the address: no log-in waits, wherever.
    let email = EmailAddress::parse(&t.email).map_err(|_| {
        DomainError::Internal(format!("reset token {} holds a malformed address", t.id))
    })?;
    rate_limit::clear_prefix(&txn, &login_delay_prefix(&email)).await?;
    txn.commit().await?;
    Ok(user_id)
}

async fn set_password_hash(
    db: &impl ConnectionTrait,
    user_id: i32,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Changes the actor's own password after checking the current one; every
/// session of the account ends (the caller starts a fresh one).
pub async fn change_password(
    ctx: &Context,
    actor: &Actor,
    current: &str,
    new_password: &str,
) -> Result<()> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let mut errors = FieldErrors::default();
    let password = errors.checked("new_password", Password::parse(new_password));
    let user = user::Entity::find_by_id(user_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !ctx
        .hasher
        .verify(user.password_hash.as_deref(), current)
        .await?
    {
        errors.add("current_password", "error-password-wrong");
    }
    let password = errors.finish(password)?;
    let hash = ctx.hasher.hash(&password).await?;
    let txn = ctx.db.begin().await?;
    set_password_hash(&txn, user_id, &hash, ctx.now()).await?;
    session::end_all(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// The profile form as submitted.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    /// Display name.
    pub name: String,
    /// Preferred language code.
    pub language: String,
    /// Time zone name, empty for the city's.
    pub time_zone: String,
    /// Home city id, empty for none.
    pub city_id: String,
    /// Skill codes ticked.
    pub skills: Vec<String>,
    /// Short biography.
    pub bio: String,
}

/// Longest biography accepted, in characters.
pub const BIO_MAX_CHARS: usize = 1000;

/// Saves the actor's own profile.
pub async fn update_profile(
    ctx: &Context,
    actor: &Actor,
    user_id: i32,
    input: ProfileInput,
) -> Result<()> {
    if actor.user().is_none() {
        return Err(DomainError::Unauthenticated);
    }
    if !actor.may_edit_profile(user_id) {
        return Err(DomainError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let name = errors.checked("name", parse_name(&input.name));
    let language = errors.checked("language", Language::parse(&input.language));
    let time_zone = errors.checked(
        "time_zone",
        if input.time_zone.trim().is_empty() {
            Ok(None)
        } else {
            time_zone::choose(&input.time_zone).map(Some)
        },
    );
    let city_id = errors.checked("city_id", parse_city(&ctx.db, &input.city_id).await);
    let mut skills = Vec::new();
    for code in &input.skills {
        if let Some(skill) = errors.check("skills", Skill::parse(code)) {
            skills.push(skill);
        }
    }
    let bio = input.bio.trim().to_owned();
    if bio.chars().count() > BIO_MAX_CHARS {
        errors.add("bio", "error-bio-too-long");
    }
    let (name, language, time_zone, city_id) =
        errors.finish((name, language, time_zone, city_id))?;
    user::Entity::update_many()
        .col_expr(user::Column::Name, Expr::value(name))
        .col_expr(user::Column::Language, Expr::value(language))
        .col_expr(
            user::Column::TimeZone,
            Expr::value(time_zone.map(|z| z.name().to_owned())),
        )
        .col_expr(user::Column::CityId, Expr::value(city_id))
        .col_expr(user::Column::Skills, Expr::value(Skill::join(&skills)))
        .col_expr(user::Column::Bio, Expr::value(bio))
        .col_expr(user::Column::UpdatedAt, Expr::value(ctx.now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Sends a sign-up invitation to `email`, for `city_id`, with `role`.
pub async fn invite(
    ctx: &Context,
    actor: &Actor,
    email: &str,
    city_id: Option<i32>,
    role: Role,
    language: Language,
) -> Result<()> {
    let inviter = actor.user().ok_or(DomainError::Unauthenticated)?;
    if !actor.may_invite(city_id) || !actor.may_grant(role, city_id) {
        return Err(DomainError::Forbidden);
    }
    let email = EmailAddress::parse(email).map_err(|k| DomainError::field("email", k))?;
    if find_by_email(&ctx.db, &email).await?.is_some() {
        return Err(DomainError::field("email", "error-account-exists"));
    }
    let now = ctx.now();
    let inviter_name = user::Entity::find_by_id(inviter.user_id)
        .one(&ctx.db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let city_name = match city_id {
        Some(id) => city::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let payload = InvitationPayload {
        city_id,
        role: Some(role.code().to_owned()),
    };
    let txn = ctx.db.begin().await?;
    let clear = issue_token(
        &txn,
        TokenPurpose::Invitation,
        None,
        email.as_str(),
        &payload,
        now,
        INVITATION_TTL,
    )
    .await?;
    let message = EmailMessage::Invitation {
        inviter: inviter_name,
        city: city_name,
        token: clear.clone(),
    };
    outbox::enqueue(
        &txn,
        NewEmail {
            idempotency_key: EmailKind::Invitation.key(token::hash(&clear)),
            to: email.as_str(),
            user_id: None,
            language,
            message: &message,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An account made from the command line.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role to grant beyond membership.
    pub role: Role,
    /// City slug for the account (and for the role's scope).
    pub city: Option<String>,
    /// Password; without one, a "choose your password" link is returned.
    pub password: Option<String>,
    /// Language of the account.
    pub language: Language,
}

/// Creates an account directly (administrators, seeding). Returns the new id
/// and, when no password was given, the single-use token of a link to
/// choose one (valid `INVITATION_TTL`).
pub async fn create_account(ctx: &Context, input: NewAccount) -> Result<(i32, Option<String>)> {
    let now = ctx.now();
    let mut errors = FieldErrors::default();
    let email = errors.checked("email", EmailAddress::parse(&input.email));
    let name = errors.checked("name", parse_name(&input.name));
    let password = errors.checked(
        "password",
        input.password.as_deref().map(Password::parse).transpose(),
    );
    let city = match &input.city {
        Some(slug) => {
            let found = city::Entity::find()
                .filter(city::Column::Slug.eq(slug.trim()))
                .one(&ctx.db)
                .await?;
            if found.is_none() {
                errors.add("city", "error-city-invalid");
            }
            found
        }
        None => None,
    };
    let (email, name, password) = errors.finish((email, name, password))?;
    let hash = match &password {
        Some(p) => Some(ctx.hasher.hash(p).await?),
        None => None,
    };
    let city_id = city.map(|c| c.id);
    let txn = ctx.db.begin().await?;
    let user_id = insert_user(&txn, &email, &name, hash, input.language, city_id, now).await?;
    if input.role != Role::Member {
        insert_grant(&txn, user_id, input.role, city_id, now).await?;
    }
    let link = if password.is_none() {
        Some(
            issue_token(
                &txn,
                TokenPurpose::PasswordReset,
                Some(user_id),
                email.as_str(),
                &(),
                now,
                INVITATION_TTL,
            )
            .await?,
        )
    } else {
        None
    };
    txn.commit().await?;
    Ok((user_id, link))
}

/// Grants `role` in `city_id` to an existing account.
pub async fn grant(
    ctx: &Context,
    actor: &Actor,
    user_id: i32,
    role: Role,
    city_id: Option<i32>,
) -> Result<()> {
    if !actor.may_grant(role, city_id) {
        return Err(DomainError::Forbidden);
    }
    if role == Role::Member {
        return Ok(());
    }
    insert_grant(&ctx.db, user_id, role, city_id, ctx.now()).await
}

/// Number of accounts (the seed uses it to refuse a non-empty database).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64> {
    use sea_orm::PaginatorTrait;
    Ok(user::Entity::find()
        .order_by_asc(user::Column::Id)
        .count(db)
        .await?)
}

//! A project's team: invitations by email (one pending per address and
//! project), joining, leaving, handing over ownership. A project never ends
//! up without an owner.

use crate::context::Context;
use crate::email_address::EmailAddress;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::emailed_token::{TokenPurpose, find_live_token, issue_token, use_token};
use crate::entities::{email_token, project, project_member, user};
use crate::error::{DomainError, Result};
use crate::language::Language;
use crate::outbox::{self, NewEmail};
use crate::project::{Project, TeamMember, TeamRole};
use crate::rate_limit;
use crate::role::Actor;
use crate::token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, SqlErr, TransactionTrait,
};
use serde::{Deserialize, Serialize};

/// How long a team invitation stays valid.
pub const INVITATION_TTL: Duration = Duration::days(7);

#[derive(Serialize, Deserialize)]
struct Payload {
    project_id: i32,
}

/// How long after an invitation email a renewal sends none: an owner who
/// clicks twice, or two owners at once, do not flood the invitee.
pub const RESEND_AFTER: Duration = Duration::hours(1);

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// A new invitation, emailed.
    Sent,
    /// The pending one renewed, and emailed again with a fresh link (the
    /// last email was more than `RESEND_AFTER` ago).
    Resent,
    /// The pending one renewed; its email, sent less than `RESEND_AFTER`
    /// ago, still holds a working link.
    Renewed,
}

/// Invites `email` to join the team; owners only. There is one pending
/// invitation per address and project: inviting again renews it for
/// `INVITATION_TTL`, and emails a fresh link only when the last email is
/// older than `RESEND_AFTER`.
pub async fn invite(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    email: &str,
    language: Language,
) -> Result<Invited> {
    let inviter_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !project.rights.manage_team {
        return Err(DomainError::Forbidden);
    }
    let email = EmailAddress::parse(email).map_err(|k| DomainError::field("email", k))?;
    let already = user::Entity::find()
        .filter(user::Column::EmailKey.eq(email.key()))
        .one(&ctx.db)
        .await?
        .is_some_and(|u| project.team.iter().any(|m| m.user_id == u.id));
    if already {
        return Err(DomainError::field("email", "error-already-in-team"));
    }
    let inviter = project
        .team
        .iter()
        .find(|m| m.user_id == inviter_id)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let now = ctx.now();
    let pending_key = format!("{}:{}", project.row.id, email.key());
    let txn = ctx.db.begin().await?;
    let pending = email_token::Entity::find()
        .filter(email_token::Column::PendingKey.eq(pending_key.clone()))
        .one(&txn)
        .await?;
    let (token_id, clear, outcome) = match pending {
        Some(t) if now - t.created_at < RESEND_AFTER => {
            email_token::Entity::update_many()
                .col_expr(
                    email_token::Column::ExpiresAt,
                    Expr::value(now + INVITATION_TTL),
                )
                .filter(email_token::Column::Id.eq(t.id))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            return Ok(Invited::Renewed);
        }
        Some(t) => {
            count_invitation(&txn, inviter_id, now).await?;
            // The clear token of the last email is not kept: a fresh one
            // replaces it, and the new email is the one that works.
            let clear = token::generate();
            email_token::Entity::update_many()
                .col_expr(
                    email_token::Column::TokenHash,
                    Expr::value(token::hash(&clear)),
                )
                .col_expr(email_token::Column::CreatedAt, Expr::value(now))
                .col_expr(
                    email_token::Column::ExpiresAt,
                    Expr::value(now + INVITATION_TTL),
                )
                .filter(email_token::Column::Id.eq(t.id))
                .exec(&txn)
                .await?;
            (t.id, clear, Invited::Resent)
        }
        None => {
            count_invitation(&txn, inviter_id, now).await?;
            let clear = issue_token(
                &txn,
                TokenPurpose::ProjectInvitation,
                None,
                email.as_str(),
                &Payload {
                    project_id: project.row.id,
                },
                now,
                INVITATION_TTL,
            )
            .await?;
            // The unique key makes a second invitation racing this one fail
            // here rather than leave two pending.
            let claimed = email_token::Entity::update_many()
                .col_expr(email_token::Column::PendingKey, Expr::value(pending_key))
                .filter(email_token::Column::TokenHash.eq(token::hash(&clear)))
                .exec(&txn)
                .await;
            let id = match claimed {
                Ok(_) => {
                    email_token::Entity::find()
                        .filter(email_token::Column::TokenHash.eq(token::hash(&clear)))
                        .one(&txn)
                        .await?
                        .ok_or(DomainError::NotFound)?
                        .id
                }
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    return Err(DomainError::field("email", "error-invitation-racing"));
                }
                Err(e) => return Err(e.into()),
            };
            (id, clear, Invited::Sent)
        }
    };
    let message = EmailMessage::ProjectInvitation {
        inviter,
        project: project.row.title.clone(),
        token: clear.clone(),
    };
    outbox::enqueue(
        &txn,
        NewEmail {
            idempotency_key: EmailKind::ProjectInvitation
                .key(format!("{token_id}:{}", token::hash(&clear))),
            to: email.as_str(),
            user_id: None,
            language,
            message: &message,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Counts one invitation email towards its sender's day: only a new email
/// counts, not a renewal.
async fn count_invitation(
    txn: &impl ConnectionTrait,
    inviter_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    rate_limit::daily(
        txn,
        "invitation",
        inviter_id,
        rate_limit::INVITATIONS_PER_DAY,
        now,
        ("email", "error-daily-invitations"),
    )
    .await
}

/// The project an invitation is for: (slug, title).
pub async fn invitation(ctx: &Context, clear: &str) -> Result<(String, String)> {
    let t = find_live_token(&ctx.db, TokenPurpose::ProjectInvitation, clear, ctx.now()).await?;
    let payload: Payload = serde_json::from_str(&t.payload)
        .map_err(|e| DomainError::Internal(format!("invitation payload: {e}")))?;
    let p = project::Entity::find_by_id(payload.project_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((p.slug, p.title))
}

/// Joins the team with an invitation (once); returns the project's slug.
pub async fn accept(ctx: &Context, actor: &Actor, clear: &str) -> Result<String> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let now = ctx.now();
    let t = find_live_token(&ctx.db, TokenPurpose::ProjectInvitation, clear, now).await?;
    let payload: Payload = serde_json::from_str(&t.payload)
        .map_err(|e| DomainError::Internal(format!("invitation payload: {e}")))?;
    let p = project::Entity::find_by_id(payload.project_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let txn = ctx.db.begin().await?;
    use_token(&txn, t.id, now).await?;
    // No longer pending: a later invitation (after leaving, say) is a new one.
    email_token::Entity::update_many()
        .col_expr(
            email_token::Column::PendingKey,
            Expr::value(Option::<String>::None),
        )
        .filter(email_token::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if project_member::Entity::find_by_id((p.id, user_id))
        .one(&txn)
        .await?
        .is_none()
    {
        project_member::ActiveModel {
            project_id: Set(p.id),
            user_id: Set(user_id),
            role: Set(TeamRole::Member),
            joined_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(p.slug)
}

async fn owners(db: &impl ConnectionTrait, project_id: i32) -> Result<u64> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id))
        .filter(project_member::Column::Role.eq(TeamRole::Owner))
        .count(db)
        .await?)
}

/// The member `actor` would remove from the team, for the confirmation
/// page: themselves, or anyone by an owner.
pub fn removal<'p>(actor: &Actor, project: &'p Project, user_id: i32) -> Result<&'p TeamMember> {
    let me = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if me != user_id && !project.rights.manage_team {
        return Err(DomainError::Forbidden);
    }
    project
        .team
        .iter()
        .find(|m| m.user_id == user_id)
        .ok_or(DomainError::NotFound)
}

/// Removes `user_id` from the team: themselves, or anyone by an owner. The
/// last owner cannot go; they hand over first.
pub async fn remove(ctx: &Context, actor: &Actor, project: &Project, user_id: i32) -> Result<()> {
    let member = removal(actor, project, user_id)?;
    let txn = ctx.db.begin().await?;
    if member.role == TeamRole::Owner && owners(&txn, project.row.id).await? <= 1 {
        return Err(DomainError::field("team", "error-last-owner"));
    }
    project_member::Entity::delete_by_id((project.row.id, user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Makes `to_user_id` (a member) an owner; with `step_down`, the actor
/// becomes a plain member in the same transaction.
pub async fn hand_over(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    to_user_id: i32,
    step_down: bool,
) -> Result<()> {
    let me = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !project.rights.manage_team {
        return Err(DomainError::Forbidden);
    }
    if !project.team.iter().any(|m| m.user_id == to_user_id) || to_user_id == me {
        return Err(DomainError::field("team", "error-not-in-team"));
    }
    let txn = ctx.db.begin().await?;
    set_role(&txn, project.row.id, to_user_id, TeamRole::Owner).await?;
    if step_down {
        set_role(&txn, project.row.id, me, TeamRole::Member).await?;
    }
    if owners(&txn, project.row.id).await? == 0 {
        return Err(DomainError::Internal("hand-over left no owner".into()));
    }
    txn.commit().await?;
    Ok(())
}

async fn set_role(
    db: &impl ConnectionTrait,
    project_id: i32,
    user_id: i32,
    role: TeamRole,
) -> Result<()> {
    project_member::Entity::update_many()
        .col_expr(project_member::Column::Role, Expr::value(role.code()))
        .filter(project_member::Column::ProjectId.eq(project_id))
        .filter(project_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The projects whose team `user_id` is in, as (project id, role).
pub async fn projects_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<(i32, TeamRole)>> {
    Ok(project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.project_id, m.role))
        .collect())
}

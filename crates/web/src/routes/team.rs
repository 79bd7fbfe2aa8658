//! A project's team: invitations, joining, leaving, ownership.

use super::TokenPath;
use crate::error::{WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::project;
use relais_domain::token::LinkToken;
use relais_domain::{DomainError, Language, team};
use relais_templates::pages::auth as auth_view;
use relais_templates::pages::projects::{self as view, ProjectForms};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{slug}/team/invite", post(invite))
        .route("/projects/{slug}/team/leave", post(leave))
        .route(
            "/projects/{slug}/team/{user_id}/remove",
            get(remove_confirm).post(remove),
        )
        .route("/projects/{slug}/team/{user_id}/owner", post(make_owner))
        .route("/team-invitations/{token}", get(invitation).post(accept))
        .route("/check-in/{token}", get(check_in_form).post(check_in))
}

async fn invite(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    fields: Fields,
) -> WebResult<Response> {
    let project = project::by_slug(&state.ctx, &rc.actor(), &slug).await?;
    let language = Language::parse(fields.get("language")).unwrap_or(rc.lang);
    match team::invite(
        &state.ctx,
        &rc.actor(),
        &project,
        fields.get("email"),
        language,
    )
    .await
    {
        Ok(outcome) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            match outcome {
                team::Invited::Sent | team::Invited::Resent => "admin-invite-sent",
                team::Invited::Renewed => "flash-invitation-renewed",
            },
            vec![],
        )),
        Err(e) => {
            let place = |f| ProjectForms {
                invite: f,
                ..Default::default()
            };
            super::projects::refused(
                &state,
                &rc,
                &project,
                e,
                "email",
                fields.to_form(&[]),
                place,
            )
            .await
        }
    }
}

async fn team_change(
    state: &AppState,
    rc: &RequestContext,
    slug: &str,
    result: relais_domain::Result<()>,
    flash: &str,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            flash,
            vec![],
        )),
        Err(DomainError::Invalid(errors)) => {
            let read =
                relais_domain::project_page::load(&state.ctx, &rc.actor(), slug, None).await?;
            let forms = ProjectForms {
                team: relais_templates::form::FormState::new().with_errors(errors),
                ..Default::default()
            };
            Ok(super::projects::render_page(
                state,
                rc,
                &read,
                forms,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn leave(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
    Member(live): Member,
) -> WebResult<Response> {
    let project = project::by_slug(&state.ctx, &rc.actor(), &slug).await?;
    let result = team::remove(&state.ctx, &rc.actor(), &project, live.account.id).await;
    team_change(&state, &rc, &slug, result, "flash-team-left").await
}

/// Asks before removing a teammate: what they lose, and how to come back.
async fn remove_confirm(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, user_id)): Path<(String, i32)>,
    _: Member,
) -> WebResult<Response> {
    let project = project::by_slug(&state.ctx, &rc.actor(), &slug).await?;
    let member = team::removal(&rc.actor(), &project, user_id)?;
    Ok(relais_templates::pages::confirm::remove_member(
        &rc.page(),
        &slug,
        &project.row.title,
        user_id,
        &member.name,
    )
    .into_response())
}

/// Removes once asked: a POST without `confirmed=yes` only shows the
/// question.
async fn remove(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, user_id)): Path<(String, i32)>,
    fields: Fields,
) -> WebResult<Response> {
    if fields.get("confirmed") != "yes" {
        let member = Member::of(&rc)?;
        return remove_confirm(State(state), rc, Path((slug, user_id)), member).await;
    }
    let project = project::by_slug(&state.ctx, &rc.actor(), &slug).await?;
    let result = team::remove(&state.ctx, &rc.actor(), &project, user_id).await;
    team_change(&state, &rc, &slug, result, "flash-team-changed").await
}

async fn make_owner(
    State(state): State<AppState>,
    rc: RequestContext,
    Path((slug, user_id)): Path<(String, i32)>,
) -> WebResult<Response> {
    let project = project::by_slug(&state.ctx, &rc.actor(), &slug).await?;
    let result = team::hand_over(&state.ctx, &rc.actor(), &project, user_id, false).await;
    team_change(&state, &rc, &slug, result, "flash-team-changed").await
}

fn unusable(rc: &RequestContext, error: DomainError) -> WebResult<Response> {
    match error {
        DomainError::Invalid(errors) if errors.get("token").is_some() => {
            let key = errors.get("token").unwrap_or("error-token-unknown");
            Ok((
                StatusCode::GONE,
                auth_view::message(&rc.page(), "reset-invalid-title", key, None),
            )
                .into_response())
        }
        other => Err(other.into()),
    }
}

async fn invitation(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    match team::invitation(&state.ctx, &token).await {
        Ok((_, title)) => Ok(view::team_invitation(&rc.page(), &token, &title).into_response()),
        Err(e) => unusable(&rc, e),
    }
}

async fn accept(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
    _: Member,
) -> WebResult<Response> {
    match team::accept(&state.ctx, &rc.actor(), &token).await {
        Ok(slug) => Ok(see_other_with_flash(
            &state.config,
            &format!("/projects/{slug}"),
            "flash-team-joined",
            vec![],
        )),
        Err(e) => unusable(&rc, e),
    }
}

async fn check_in_form(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    let opened = relais_domain::check_in::open(&state.ctx.db, &token).await?;
    Ok(view::check_in(
        &rc.page(),
        &opened.project.title,
        &opened.check_in.month,
        &token,
        opened.check_in.answered_at.is_some(),
        &relais_templates::form::FormState::new(),
    )
    .into_response())
}

async fn check_in(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
    fields: crate::fields::Fields,
) -> WebResult<Response> {
    let input = relais_domain::check_in::Answer {
        progress: fields.get("progress").to_owned(),
        blockers: fields.get("blockers").to_owned(),
        needs: fields.get("needs").to_owned(),
        next_step: fields.get("next_step").to_owned(),
    };
    match relais_domain::check_in::answer(&state.ctx, &token, &input).await {
        Ok(_) => Ok(
            auth_view::message(&rc.page(), "check-in-title", "check-in-thanks", None)
                .into_response(),
        ),
        Err(e) => {
            let (status, errors) = form_rejection(e, "progress")?;
            let opened = relais_domain::check_in::open(&state.ctx.db, &token).await?;
            let form = fields.to_form(&[]).with_errors(errors);
            Ok((
                status,
                view::check_in(
                    &rc.page(),
                    &opened.project.title,
                    &opened.check_in.month,
                    &token,
                    opened.check_in.answered_at.is_some(),
                    &form,
                ),
            )
                .into_response())
        }
    }
}

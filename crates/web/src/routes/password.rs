//! Forgotten passwords: ask for a link, then choose a new password.

use super::TokenPath;
use crate::error::{WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::see_other_with_flash;
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use relais_domain::account;
use relais_domain::token::LinkToken;
use relais_domain::{DomainError, FieldErrors};
use relais_templates::form::FormState;
use relais_templates::pages::auth as view;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", get(forgot_form).post(forgot))
        .route("/password/reset/{token}", get(reset_form))
        .route("/password/reset", post(reset))
}

async fn forgot_form(rc: RequestContext) -> Response {
    view::forgot(&rc.page(), &FormState::new()).into_response()
}

async fn forgot(
    State(state): State<AppState>,
    rc: RequestContext,
    fields: Fields,
) -> WebResult<Response> {
    let (status, errors) =
        match account::request_password_reset(&state.ctx, fields.get("email"), &rc.client).await {
            Ok(()) => {
                return Ok(
                    view::message(&rc.page(), "forgot-title", "forgot-sent", None).into_response(),
                );
            }
            Err(e) => form_rejection(e, "email")?,
        };
    let form = fields.to_form(&[]).with_errors(errors);
    Ok((status, view::forgot(&rc.page(), &form)).into_response())
}

fn unusable(rc: &RequestContext, errors: &FieldErrors) -> Response {
    let key = errors.get("token").unwrap_or("error-token-unknown");
    (
        StatusCode::GONE,
        view::message(
            &rc.page(),
            "reset-invalid-title",
            key,
            Some(("/password/forgot", "forgot-submit")),
        ),
    )
        .into_response()
}

async fn reset_form(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    match account::check_reset_token(&state.ctx, &token).await {
        Ok(()) => Ok(view::reset(&rc.page(), &token, &FormState::new()).into_response()),
        Err(DomainError::Invalid(errors)) => Ok(unusable(&rc, &errors)),
        Err(e) => Err(e.into()),
    }
}

async fn reset(
    State(state): State<AppState>,
    rc: RequestContext,
    fields: Fields,
) -> WebResult<Response> {
    let token = fields.get("token");
    match account::reset_password(&state.ctx, token, fields.get("password")).await {
        Ok(_) => Ok(see_other_with_flash(
            &state.config,
            "/login",
            "reset-done",
            vec![],
        )),
        Err(DomainError::Invalid(errors)) if errors.get("token").is_some() => {
            Ok(unusable(&rc, &errors))
        }
        Err(DomainError::Invalid(errors)) => {
            let form = FormState::new().with_errors(errors);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                view::reset(&rc.page(), token, &form),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

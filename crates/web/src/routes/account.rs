//! Sign-up, activation, log-in and log-out.

use super::TokenPath;
use crate::cookies::{self, Name};
use crate::error::{WebResult, form_rejection};
use crate::fields::Fields;
use crate::routes::{local_path, see_other, see_other_with_flash};
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::html;
use relais_domain::account::{self, SignUpInput, SignUpOutcome};
use relais_domain::session::{self, Lifetime};
use relais_domain::token::LinkToken;
use relais_domain::{DomainError, signup_page};
use relais_templates::form::FormState;
use relais_templates::layout::narrow_page;
use relais_templates::pages::auth::{self as view, SignUpView};
use relais_templates::t;
use serde::Deserialize;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(sign_up_form).post(sign_up))
        .route("/signup/check-inbox", get(check_inbox))
        .route("/activate/{token}", get(activation_form).post(activate))
        .route("/login", get(log_in_form).post(log_in))
        .route("/logout", axum::routing::post(log_out))
}

#[derive(Deserialize, Default)]
struct InvitationQuery {
    invitation: Option<String>,
}

/// Shows "this link cannot be used" for token errors, else passes the error on.
fn token_problem(rc: &RequestContext, error: DomainError) -> WebResult<Response> {
    match &error {
        DomainError::Invalid(errors) if errors.get("token").is_some() => {
            let key = errors.get("token").unwrap_or("error-token-unknown");
            Ok((
                StatusCode::GONE,
                view::message(&rc.page(), "reset-invalid-title", key, None),
            )
                .into_response())
        }
        _ => Err(error.into()),
    }
}

async fn sign_up_view(
    state: &AppState,
    invitation: Option<String>,
) -> WebResult<Result<SignUpView, DomainError>> {
    let invitation = invitation.filter(|t| !t.is_empty());
    let read = match signup_page::load(&state.ctx, invitation.as_deref()).await {
        Ok(read) => read,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(SignUpView {
        cities: read
            .cities
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
        invitation: read.invited_email.as_ref().and(invitation),
        invited_email: read.invited_email,
        closed: read.closed,
    }))
}

async fn sign_up_form(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<InvitationQuery>,
) -> WebResult<Response> {
    let view = match sign_up_view(&state, q.invitation).await? {
        Ok(v) => v,
        Err(e) => return token_problem(&rc, e),
    };
    let form = FormState::new().with("language", rc.lang.code());
    Ok(view::sign_up(&rc.page(), &view, &form).into_response())
}

async fn sign_up(
    State(state): State<AppState>,
    rc: RequestContext,
    fields: Fields,
) -> WebResult<Response> {
    let invitation = Some(fields.get("invitation").to_owned()).filter(|t| !t.is_empty());
    let input = SignUpInput {
        name: fields.get("name").to_owned(),
        email: fields.get("email").to_owned(),
        password: fields.get("password").to_owned(),
        language: fields.get("language").to_owned(),
        city_id: fields.get("city_id").to_owned(),
        invitation: invitation.clone(),
    };
    let (status, errors) = match account::sign_up(&state.ctx, input, &rc.client).await {
        Ok(SignUpOutcome::CheckInbox) => return Ok(see_other("/signup/check-inbox", vec![])),
        Ok(SignUpOutcome::Created(user_id)) => {
            let cookie = start_session(&state, &rc, user_id, false).await?;
            return Ok(see_other_with_flash(
                &state.config,
                "/profile",
                "flash-welcome",
                vec![cookie],
            ));
        }
        Err(DomainError::Invalid(errors)) if errors.get("token").is_some() => {
            return token_problem(&rc, DomainError::Invalid(errors));
        }
        Err(e) => form_rejection(e, "email")?,
    };
    let view = match sign_up_view(&state, invitation).await? {
        Ok(v) => v,
        Err(e) => return token_problem(&rc, e),
    };
    let form = fields.to_form(&["password"]).with_errors(errors);
    Ok((status, view::sign_up(&rc.page(), &view, &form)).into_response())
}

async fn check_inbox(rc: RequestContext) -> Response {
    view::message(&rc.page(), "check-inbox-title", "check-inbox-body", None).into_response()
}

/// Activation asks for a click: mail scanners that fetch links must not
/// use up the token.
async fn activation_form(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    if let Err(e) = account::check_activation(&state.ctx, &token).await {
        return token_problem(&rc, e);
    }
    let page = rc.page();
    let lang = rc.lang;
    Ok(narrow_page(
        &page,
        &t(lang, "activate-title"),
        html! {
            h1 { (t(lang, "activate-title")) }
            form method="post" action={ "/activate/" (token) } {
                input type="hidden" name="csrf_token" value=(page.csrf_token);
                button type="submit" { (t(lang, "email-activation-button")) }
            }
        },
    )
    .into_response())
}

async fn activate(
    State(state): State<AppState>,
    rc: RequestContext,
    TokenPath(token): TokenPath<LinkToken>,
) -> WebResult<Response> {
    match account::activate(&state.ctx, &token).await {
        Ok(user_id) => {
            let cookie = start_session(&state, &rc, user_id, false).await?;
            Ok(see_other_with_flash(
                &state.config,
                "/profile",
                "flash-welcome",
                vec![cookie],
            ))
        }
        Err(DomainError::Invalid(errors)) if errors.get("email").is_some() => Ok((
            StatusCode::CONFLICT,
            view::message(
                &rc.page(),
                "activate-title",
                "error-account-exists-log-in",
                Some(("/login", "nav-login")),
            ),
        )
            .into_response()),
        Err(e) => token_problem(&rc, e),
    }
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

async fn log_in_form(rc: RequestContext, Query(q): Query<NextQuery>) -> Response {
    if rc.session.is_some() {
        return see_other(after_log_in(q.next.as_deref().unwrap_or_default()), vec![]);
    }
    let form = FormState::new().with("next", q.next.unwrap_or_default());
    view::log_in(&rc.page(), &form).into_response()
}

/// Starts a fresh session (a new id: never reuse one from before log-in)
/// and ends the one the browser had, if any.
async fn start_session(
    state: &AppState,
    rc: &RequestContext,
    user_id: i32,
    remember: bool,
) -> WebResult<HeaderValue> {
    if let Some(old) = &rc.session {
        session::end_by_id(&state.ctx.db, &old.id).await?;
    }
    let token = session::start(&state.ctx, user_id, remember, rc.user_agent.as_deref()).await?;
    let max_age = remember.then(|| Lifetime::for_remember(true).absolute.num_seconds());
    Ok(cookies::set(&state.config, Name::Session, &token, max_age))
}

/// Where a log-in leads: back to the page that asked for it (a same-site
/// path only), else the member's own dashboard.
fn after_log_in(next: &str) -> &str {
    match local_path(next) {
        "/" if next != "/" => "/dashboard",
        path => path,
    }
}

async fn log_in(
    State(state): State<AppState>,
    rc: RequestContext,
    fields: Fields,
) -> WebResult<Response> {
    let remember = fields.get("remember") == "on";
    let result = account::log_in(
        &state.ctx,
        fields.get("email"),
        fields.get("password"),
        &rc.client,
    )
    .await;
    let (status, errors) = match result {
        Ok(account) => {
            let cookie = start_session(&state, &rc, account.id, remember).await?;
            return Ok(see_other_with_flash(
                &state.config,
                after_log_in(fields.get("next")),
                "flash-logged-in",
                vec![cookie],
            ));
        }
        Err(e) => form_rejection(e, "email")?,
    };
    let form = fields.to_form(&["password"]).with_errors(errors);
    Ok((status, view::log_in(&rc.page(), &form)).into_response())
}

async fn log_out(State(state): State<AppState>, rc: RequestContext) -> WebResult<Response> {
    if let Some(s) = &rc.session {
        session::end_by_id(&state.ctx.db, &s.id).await?;
    }
    let removal = cookies::removal(&state.config, Name::Session);
    Ok(see_other_with_flash(
        &state.config,
        "/",
        "flash-logged-out",
        vec![removal],
    ))
}

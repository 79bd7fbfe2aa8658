//! `/dashboard`: the logged-in member's projects and what is due.

use crate::error::WebResult;
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use relais_domain::dashboard;
use relais_templates::pages::dashboard::team_dashboard;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(show))
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    member: Member,
) -> WebResult<Response> {
    let projects =
        dashboard::for_team_member(&state.ctx.db, &member.actor(), state.ctx.now()).await?;
    Ok(team_dashboard(&rc.page(), &projects).into_response())
}

//! `GET /language/{code}`: remembers the chosen language and goes back.

use crate::AppState;
use crate::cookies::Name;
use crate::error::WebError;
use crate::routes::remember_and_return;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use relais_domain::Language;
use serde::Deserialize;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/language/{code}", get(switch))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Result<Response, WebError> {
    let lang = Language::parse(&code).map_err(|_| WebError::NotFound)?;
    Ok(remember_and_return(
        &state.config,
        Name::Language,
        lang.code(),
        &q.next.unwrap_or_default(),
    ))
}

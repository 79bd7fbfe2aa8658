//! `GET /text/{size}`: remembers the text size a reader chose ("texte plus
//! grand") and goes back, like the language switch: a link, no JavaScript.

use crate::AppState;
use crate::cookies::Name;
use crate::error::WebError;
use crate::routes::remember_and_return;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use relais_templates::layout::TextSize;
use serde::Deserialize;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/text/{size}", get(switch))
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
    let size = TextSize::parse(&code).ok_or(WebError::NotFound)?;
    Ok(remember_and_return(
        &state.config,
        Name::TextSize,
        size.code(),
        &q.next.unwrap_or_default(),
    ))
}

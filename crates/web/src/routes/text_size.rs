//! `GET /text/{size}`: remembers the text size a reader chose ("texte plus
//! grand") and goes back, like the language switch: a link, no JavaScript.

use crate::AppState;
use crate::cookies::{self, Name};
use crate::error::WebError;
use crate::routes::{local_path, see_other};
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
    let next = q.next.unwrap_or_default();
    let cookie = cookies::set(
        &state.config,
        Name::TextSize,
        size.code(),
        Some(365 * 24 * 3600),
    );
    Ok(see_other(local_path(&next), vec![cookie]))
}

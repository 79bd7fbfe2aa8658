//! The embedded stylesheet and icon.

use crate::AppState;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use relais_templates::assets::{FAVICON_ICO, STYLE_CSS};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/style.css", get(style))
        .route("/favicon.ico", get(favicon))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            // The URL carries the content hash, so it can be cached for long.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLE_CSS,
    )
}

async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            // Its address cannot carry a version: cached for a day.
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON_ICO,
    )
}

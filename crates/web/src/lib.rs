//! Relais' HTTP layer: one router per area, a request envelope (session,
//! language, CSRF, error pages, security headers) around all of them.
//! Handlers parse input, call a domain use case and render a template.

pub mod client_address;
mod conditional;
pub mod config;
mod cookies;
mod csrf;
mod csv_file;
pub mod error;
pub mod fields;
mod member;
pub mod page_cache;
mod request_context;
pub mod request_metrics;
mod routes;
mod security_headers;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use relais_domain::Context;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

pub use client_address::TrustedProxies;
pub use config::WebConfig;
pub use error::WebError;
pub use member::{Coordinator, Member};
pub use request_context::RequestContext;

/// Largest request body accepted for forms.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest multipart upload accepted (a captions file and the form around
/// it); the file's own limit, checked with a message by the field, is lower.
pub const MAX_UPLOAD_BYTES: usize = 256 * 1024;

/// Everything handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Database, clock and hasher for the domain.
    pub ctx: Context,
    /// Settings read at start-up.
    pub config: Arc<WebConfig>,
    /// The server secret (cookie-bound CSRF tokens).
    pub secret: Arc<String>,
}

/// Builds the whole application.
pub fn app(state: AppState) -> Router {
    let pages =
        routes::router()
            .fallback(routes::not_found)
            .layer(axum::middleware::from_fn_with_state(
                request_context::Envelope {
                    app: state.clone(),
                    cache: Arc::default(),
                },
                request_context::envelope,
            ));
    let pages = security_headers::apply(routes::api(&state.config).merge(pages), &state.config)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            // One line per request at info level, naming the route's pattern
            // (`/calendar/{token}`), never the path: paths carry secrets.
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(axum::middleware::from_fn(request_metrics::record));
    // Probes come every few seconds: no session, no cookie, no log line.
    Router::new()
        .merge(routes::health())
        .merge(pages)
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// The access log's span: method and route pattern only.
fn request_span(request: &Request) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route)
}

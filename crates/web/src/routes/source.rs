//! `GET /source`: where to get the code this instance runs (AGPL-3.0 §13).

use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::Markup;
use relais_templates::pages::source::{SourceView, source};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/source", get(show))
}

async fn show(State(state): State<AppState>, rc: RequestContext) -> Markup {
    let view = SourceView {
        version: env!("CARGO_PKG_VERSION"),
        source_url: state.config.source_url.as_ref().map(url::Url::as_str),
    };
    source(&rc.page(), &view)
}

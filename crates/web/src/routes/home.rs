//! The home page, and each edition's public page.

use crate::error::WebResult;
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use maud::Markup;
use relais_domain::home_page;
use relais_templates::pages::editions::{EditionPage, edition_page};
use relais_templates::pages::home::{EditionSummary, home};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show))
        .route("/editions/{slug}", get(edition))
}

async fn show(State(state): State<AppState>, rc: RequestContext) -> WebResult<Markup> {
    let read = home_page::load(&state.ctx.db, state.ctx.now()).await?;
    let summaries = read
        .editions
        .into_iter()
        .map(|(continuity, cities)| EditionSummary { cities, continuity })
        .collect::<Vec<_>>();
    let featured = super::explainers::cards(&state, &read.featured);
    let feeds = vec![relais_templates::subscribe::programme(rc.lang)];
    Ok(home(&rc.page().with_feeds(feeds), &summaries, &featured))
}

async fn edition(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Markup> {
    let (edition, cities, continuity) =
        home_page::edition(&state.ctx.db, &slug, state.ctx.now()).await?;
    Ok(edition_page(
        &rc.page(),
        &EditionPage {
            edition,
            cities,
            continuity,
        },
    ))
}

//! The home page, and each edition's public page.

use crate::error::WebResult;
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use maud::Markup;
use relais_domain::figures::{continuity, scope};
use relais_domain::time_zone::DEFAULT_TIME_ZONE;
use relais_domain::{city, edition, explainer};
use relais_templates::pages::editions::{EditionPage, edition_page};
use relais_templates::pages::home::{EditionSummary, home};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show))
        .route("/editions/{slug}", get(edition))
}

async fn show(State(state): State<AppState>, rc: RequestContext) -> WebResult<Markup> {
    let db = &state.ctx.db;
    let scope = scope::public(db, None, None, DEFAULT_TIME_ZONE).await?;
    let mut cities = city::by_edition(db).await?;
    let summaries = continuity::of_scope(db, &scope, state.ctx.now())
        .await?
        .into_iter()
        .map(|c| EditionSummary {
            cities: cities
                .remove(&c.edition.id)
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.name)
                .collect(),
            continuity: c,
        })
        .collect::<Vec<_>>();
    let featured = explainer::featured(db, 3).await?;
    let featured = super::explainers::cards(&state, &featured);
    let feeds = vec![relais_templates::subscribe::programme(rc.lang)];
    Ok(home(&rc.page().with_feeds(feeds), &summaries, &featured))
}

async fn edition(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(slug): Path<String>,
) -> WebResult<Markup> {
    let db = &state.ctx.db;
    let edition = edition::by_slug(db, &slug).await?;
    let cities = city::of_edition(db, edition.id).await?;
    let scope = scope::public(db, Some(edition.clone()), None, DEFAULT_TIME_ZONE).await?;
    let continuity = continuity::of_scope(db, &scope, state.ctx.now())
        .await?
        .into_iter()
        .next()
        .ok_or(relais_domain::DomainError::NotFound)?;
    Ok(edition_page(
        &rc.page(),
        &EditionPage {
            edition,
            cities: cities.into_iter().map(|c| c.name).collect(),
            continuity,
        },
    ))
}

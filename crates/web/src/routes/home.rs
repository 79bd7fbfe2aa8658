//! The home page.

use crate::error::WebResult;
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::Markup;
use relais_domain::{city, edition, explainer};
use relais_templates::pages::home::{EditionSummary, home};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

async fn show(State(state): State<AppState>, rc: RequestContext) -> WebResult<Markup> {
    let mut summaries = Vec::new();
    for e in edition::list(&state.ctx.db).await? {
        let cities = city::of_edition(&state.ctx.db, e.id).await?;
        summaries.push(EditionSummary {
            dates: format_dates(e.starts_on, e.ends_on),
            name: e.name,
            cities: cities.into_iter().map(|c| c.name).collect(),
        });
    }
    let featured = explainer::featured(&state.ctx.db, 3).await?;
    let featured = super::explainers::cards(&state, &featured);
    Ok(home(&rc.page(), &summaries, &featured))
}

fn format_dates(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    if start == end {
        start.format("%Y-%m-%d").to_string()
    } else {
        format!("{} – {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
    }
}

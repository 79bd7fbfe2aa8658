//! Open data (issue 15): each edition's public projects as a Frictionless
//! Data Package at a stable address, `/open-data/{edition}/datapackage.json`,
//! with its CSV tables beside it (`projects.csv`, `milestones.csv`,
//! `continuity.csv`), under the configured licence; and `/open-data`, the
//! page that lists them and introduces the public API.

use crate::conditional;
use crate::error::{WebError, WebResult};
use crate::{AppState, RequestContext};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use maud::Markup;
use relais_domain::edition;
use relais_domain::open_data;
use relais_domain::time_zone::DEFAULT_TIME_ZONE;
use relais_templates::pages::open_data::{self as view, OpenDataView};

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/open-data", get(page))
        .route("/open-data/{edition}/{file}", get(file))
}

async fn page(State(state): State<AppState>, rc: RequestContext) -> WebResult<Markup> {
    let editions: Vec<(String, String)> = edition::list(&state.ctx.db)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.name))
        .collect();
    let licence = state.config.open_data_licence;
    Ok(view::open_data(
        &rc.page(),
        &OpenDataView {
            editions: &editions,
            licence_title: licence.title(),
            licence_url: licence.url(),
        },
    ))
}

async fn file(
    State(state): State<AppState>,
    Path((edition, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> WebResult<Response> {
    let package = open_data::package(
        &state.ctx.db,
        &edition,
        state.config.open_data_licence,
        DEFAULT_TIME_ZONE,
        state.ctx.now(),
    )
    .await?;
    if file == "datapackage.json" {
        let homepage = format!("{}/editions/{edition}", state.config.base_url);
        let body = serde_json::to_vec_pretty(&package.descriptor(&homepage)).map_err(|e| {
            relais_domain::DomainError::Internal(format!("data package not serialised: {e}"))
        })?;
        return Ok(conditional::respond(
            &headers,
            "application/json",
            body,
            None,
        ));
    }
    let table = file
        .strip_suffix(".csv")
        .and_then(|name| package.table(name))
        .ok_or(WebError::NotFound)?;
    let mut response = conditional::respond(
        &headers,
        "text/csv; charset=utf-8; header=present",
        table.csv()?,
        None,
    );
    if let Ok(disposition) = HeaderValue::from_str(&format!(
        "inline; filename=\"relais-{}-{}\"",
        package
            .edition_slug
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        table.file_name()
    )) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

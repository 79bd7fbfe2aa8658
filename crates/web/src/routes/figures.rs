//! The programme's figures for coordinators: the dashboard of a scope (a
//! city or all the reader's, an edition or all).

use crate::error::{WebError, WebResult};
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use relais_domain::figures::export::Export;
use relais_domain::figures_page;
use relais_templates::dates::NamedZone;
use relais_templates::pages::figures::{self as view, Filters};
use relais_templates::pages::report::{ReportPage, report as report_page};

/// Quarters offered in the report's chooser.
const QUARTERS_OFFERED: usize = 8;

/// This area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/figures", get(show))
        .route("/admin/figures/report", get(report))
        .route("/admin/figures/{file}", get(export))
}

/// The filters as typed in the address.
#[derive(serde::Deserialize, Default)]
pub(super) struct ScopeQuery {
    edition: Option<String>,
    city: Option<String>,
    quarter: Option<String>,
}

/// An id filter: empty is "all"; anything but a number is a page that
/// does not exist.
fn id(value: Option<&str>) -> WebResult<Option<i32>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| WebError::NotFound),
    }
}

/// The filters to offer, as the page shows them.
fn filters(chosen: figures_page::Chosen, q: &ScopeQuery) -> WebResult<Filters> {
    Ok(Filters {
        editions: chosen.editions,
        edition: id(q.edition.as_deref())?,
        cities: chosen.cities,
        city: id(q.city.as_deref())?,
    })
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<ScopeQuery>,
    member: Member,
) -> WebResult<Response> {
    let (edition_id, city_id) = (id(q.edition.as_deref())?, id(q.city.as_deref())?);
    let page = figures_page::dashboard(
        &state.ctx.db,
        &member.actor(),
        edition_id,
        city_id,
        state.ctx.now(),
    )
    .await?;
    let whole_programme = page.chosen.scope.whole_programme;
    let filters = filters(page.chosen, &q)?;
    Ok(view::dashboard(&rc.page(), &page.board, &filters, whole_programme).into_response())
}

/// The quarterly report: the quarter asked for, else the current one in
/// the scope's zone.
async fn report(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<ScopeQuery>,
    member: Member,
) -> WebResult<Response> {
    let (edition_id, city_id) = (id(q.edition.as_deref())?, id(q.city.as_deref())?);
    let now = state.ctx.now();
    let page = figures_page::report(
        &state.ctx.db,
        &member.actor(),
        edition_id,
        city_id,
        q.quarter.as_deref(),
        now,
    )
    .await?;
    let scope = &page.chosen.scope;
    let whole_programme = scope.whole_programme;
    let zone = scope.zone;
    let made = (
        now,
        match &scope.city {
            Some(c) => NamedZone::new(c.time_zone, &c.name),
            None => NamedZone::of_zone(zone),
        },
    );
    let filters = filters(page.chosen, &q)?;
    let period = page.quarter.period(zone);
    let view = ReportPage {
        quarter: page.quarter,
        quarters: std::iter::successors(Some(page.current), |q| Some(q.previous()))
            .take(QUARTERS_OFFERED)
            .collect(),
        filters: &filters,
        whole_programme,
        days: (period.first_day, period.last_day),
        months: page.months,
        monthly: page.monthly,
        continuity: page.continuity,
        highlights: page.highlights,
        made,
    };
    Ok(report_page(&rc.page(), &view).into_response())
}

/// A CSV export of the dashboard's scope: `projects.csv`, `milestones.csv`…
async fn export(
    State(state): State<AppState>,
    rc: RequestContext,
    Path(file): Path<String>,
    Query(q): Query<ScopeQuery>,
) -> WebResult<Response> {
    let export = file
        .strip_suffix(".csv")
        .and_then(Export::parse)
        .ok_or(WebError::NotFound)?;
    // An address that names no export is missing for anyone, member or not.
    let member = Member::of(&rc)?;
    let (edition_id, city_id) = (id(q.edition.as_deref())?, id(q.city.as_deref())?);
    let (scope, table) =
        figures_page::export(&state.ctx.db, &member.actor(), edition_id, city_id, export).await?;
    // relais-projects-2024-paris.csv: what it holds, in its name.
    let mut name = format!("relais-{}", export.name());
    if let Some(e) = &scope.edition {
        name.push_str(&format!("-{}", e.slug));
    }
    if let Some(c) = &scope.city {
        name.push_str(&format!("-{}", c.slug));
    }
    crate::csv_file::download(&table, &format!("{name}.csv"))
}

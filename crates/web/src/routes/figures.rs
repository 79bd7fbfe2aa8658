//! The programme's figures for coordinators: the dashboard of a scope (a
//! city or all the reader's, an edition or all).

use crate::error::{WebError, WebResult};
use crate::{AppState, Member, RequestContext};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use relais_domain::Actor;
use relais_domain::figures::export::{self as exports, Export};
use relais_domain::figures::months::Quarter;
use relais_domain::figures::scope::{self, Scope, may_view_figures_of};
use relais_domain::figures::{continuity, dashboard, monthly, report as highlights};
use relais_domain::time_zone::DEFAULT_TIME_ZONE;
use relais_domain::{city, edition};
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

/// The reader (a coordinator), the scope asked for, and the filters to
/// offer: the domain refuses a visitor, a non-coordinator and another
/// city's coordinator.
pub(super) async fn scope_of(
    state: &AppState,
    member: &Member,
    q: &ScopeQuery,
) -> WebResult<(Actor, Scope, Filters)> {
    let actor = member.actor();
    let db = &state.ctx.db;
    let edition_id = id(q.edition.as_deref())?;
    let city_id = id(q.city.as_deref())?;
    let scope = scope::for_coordinator(db, &actor, edition_id, city_id, DEFAULT_TIME_ZONE).await?;
    let filters = Filters {
        editions: edition::list(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect(),
        edition: edition_id,
        cities: city::list(db)
            .await?
            .into_iter()
            .filter(|c| may_view_figures_of(&actor, Some(c.id)))
            .map(|c| (c.id, c.name))
            .collect(),
        city: city_id,
    };
    Ok((actor, scope, filters))
}

async fn show(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<ScopeQuery>,
    member: Member,
) -> WebResult<Response> {
    let (actor, scope, filters) = scope_of(&state, &member, &q).await?;
    let board = dashboard::of_scope(&state.ctx.db, &actor, &scope, state.ctx.now()).await?;
    Ok(view::dashboard(&rc.page(), &board, &filters, scope.whole_programme).into_response())
}

/// The quarterly report: the quarter asked for, else the current one in
/// the scope's zone.
async fn report(
    State(state): State<AppState>,
    rc: RequestContext,
    Query(q): Query<ScopeQuery>,
    member: Member,
) -> WebResult<Response> {
    let (_, scope, filters) = scope_of(&state, &member, &q).await?;
    let db = &state.ctx.db;
    let now = state.ctx.now();
    let current = Quarter::of(now.with_timezone(&scope.zone).date_naive());
    let quarter = match q.quarter.as_deref().map(str::trim) {
        None | Some("") => current,
        Some(text) => Quarter::parse(text).map_err(|_| WebError::NotFound)?,
    };
    let months: Vec<_> = quarter
        .months(scope.zone)
        .iter()
        .map(|m| m.first_day)
        .collect();
    let figures = monthly::of_scope(db, &scope, &months, now).await?;
    let period = quarter.period(scope.zone);
    let view = ReportPage {
        quarter,
        quarters: std::iter::successors(Some(current), |q| Some(q.previous()))
            .take(QUARTERS_OFFERED)
            .collect(),
        filters: &filters,
        whole_programme: scope.whole_programme,
        days: (period.first_day, period.last_day),
        months,
        monthly: figures.total(),
        continuity: continuity::of_scope(db, &scope, now)
            .await?
            .into_iter()
            .filter(|c| c.all.projects > 0)
            .collect(),
        highlights: highlights::highlights(db, &scope, quarter, now).await?,
        made: (
            now,
            match &scope.city {
                Some(c) => NamedZone::new(c.time_zone, &c.name),
                None => NamedZone::of_zone(scope.zone),
            },
        ),
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
    let (_, scope, _) = scope_of(&state, &Member::of(&rc)?, &q).await?;
    let table = exports::table(&state.ctx.db, &scope, export).await?;
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

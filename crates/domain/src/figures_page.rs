//! The coordinators' figures pages, each read in one call: the scope asked
//! for (refused to a visitor, a non-coordinator and another city's
//! coordinator), the filters the reader may choose from, and the page's
//! figures — the dashboard, the quarterly report or an export's table.

use crate::error::{DomainError, Result};
use crate::figures::continuity::{self, EditionContinuity};
use crate::figures::dashboard::{self, Dashboard};
use crate::figures::export::{self as exports, Export, Table};
use crate::figures::monthly::{self, MonthFigures};
use crate::figures::months::Quarter;
use crate::figures::report::{self, Highlights};
use crate::figures::scope::{self, Scope, may_view_figures_of};
use crate::time_zone::DEFAULT_TIME_ZONE;
use crate::{Actor, city, edition};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;

/// The scope chosen and what the filters offer.
pub struct Chosen {
    /// The scope the figures count.
    pub scope: Scope,
    /// Every edition: (id, name).
    pub editions: Vec<(i32, String)>,
    /// Cities the reader may choose: (id, name).
    pub cities: Vec<(i32, String)>,
}

/// The scope `edition_id` and `city_id` name, as `actor` may see it, and
/// the filters to offer.
async fn choose(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    city_id: Option<i32>,
) -> Result<Chosen> {
    let scope = scope::for_coordinator(db, actor, edition_id, city_id, DEFAULT_TIME_ZONE).await?;
    Ok(Chosen {
        scope,
        editions: edition::list(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect(),
        cities: city::list(db)
            .await?
            .into_iter()
            .filter(|c| may_view_figures_of(actor, Some(c.id)))
            .map(|c| (c.id, c.name))
            .collect(),
    })
}

/// The dashboard page.
pub struct DashboardPage {
    /// Scope and filters.
    pub chosen: Chosen,
    /// The figures.
    pub board: Dashboard,
}

/// The dashboard of the scope `edition_id` and `city_id` name, at `now`.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    city_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<DashboardPage> {
    let chosen = choose(db, actor, edition_id, city_id).await?;
    let board = dashboard::of_scope(db, actor, &chosen.scope, now).await?;
    Ok(DashboardPage { chosen, board })
}

/// The quarterly report page.
pub struct ReportPage {
    /// Scope and filters.
    pub chosen: Chosen,
    /// The quarter reported.
    pub quarter: Quarter,
    /// The quarter under way in the scope's zone.
    pub current: Quarter,
    /// The first day of each of its months.
    pub months: Vec<NaiveDate>,
    /// Every city's months added up.
    pub monthly: Vec<MonthFigures>,
    /// Continuity of the editions with projects in the scope.
    pub continuity: Vec<EditionContinuity>,
    /// The quarter's highlights.
    pub highlights: Highlights,
}

/// The report on `quarter` as typed in the address (the current one, in
/// the scope's zone, when none is; a quarter that does not parse is a
/// page that does not exist), at `now`.
pub async fn report(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    city_id: Option<i32>,
    quarter: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ReportPage> {
    let chosen = choose(db, actor, edition_id, city_id).await?;
    let scope = &chosen.scope;
    let current = Quarter::of(now.with_timezone(&scope.zone).date_naive());
    let quarter = match quarter.map(str::trim) {
        None | Some("") => current,
        Some(text) => Quarter::parse(text).map_err(|_| DomainError::NotFound)?,
    };
    let months: Vec<_> = quarter
        .months(scope.zone)
        .iter()
        .map(|m| m.first_day)
        .collect();
    let figures = monthly::of_scope(db, scope, &months, now).await?;
    let continuity = continuity::of_scope(db, scope, now)
        .await?
        .into_iter()
        .filter(|c| c.all.projects > 0)
        .collect();
    let highlights = report::highlights(db, scope, quarter, now).await?;
    Ok(ReportPage {
        quarter,
        current,
        months,
        monthly: figures.total(),
        continuity,
        highlights,
        chosen,
    })
}

/// The table `export` holds for the scope `edition_id` and `city_id`
/// name, with that scope (the file is named after it).
pub async fn export(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    city_id: Option<i32>,
    export: Export,
) -> Result<(Scope, Table)> {
    let chosen = choose(db, actor, edition_id, city_id).await?;
    let table = exports::table(db, &chosen.scope, export).await?;
    Ok((chosen.scope, table))
}

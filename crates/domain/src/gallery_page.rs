//! The public lists with filters, each read in one call: the projects'
//! gallery and the explainers' library, with the editions and cities to
//! filter by (the same choices the project form offers).

use crate::city::{self, City};
use crate::edition::{self, Edition};
use crate::error::Result;
use crate::explainer::{self, LibraryFilter, LibraryPage};
use crate::gallery::{self, Filter, Page};
use sea_orm::ConnectionTrait;

/// Editions and cities, for forms and filters.
pub struct Choices {
    /// Every edition, newest first.
    pub editions: Vec<Edition>,
    /// Every city, by name.
    pub cities: Vec<City>,
}

/// Every edition and city.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Choices> {
    Ok(Choices {
        editions: edition::list(db).await?,
        cities: city::list(db).await?,
    })
}

/// The gallery: the projects `filter` finds, the choices, and the edition
/// filtered by (for the page's heading).
pub async fn projects(
    db: &impl ConnectionTrait,
    filter: &Filter,
) -> Result<(Page, Choices, Option<Edition>)> {
    let results = gallery::search(db, filter).await?;
    let choices = choices(db).await?;
    let edition = filter
        .edition_id
        .and_then(|id| choices.editions.iter().find(|e| e.id == id).cloned());
    Ok((results, choices, edition))
}

/// The library: the explainers `filter` finds, and the choices.
pub async fn videos(
    db: &impl ConnectionTrait,
    filter: &LibraryFilter,
) -> Result<(LibraryPage, Choices)> {
    let results = explainer::library(db, filter).await?;
    Ok((results, choices(db).await?))
}

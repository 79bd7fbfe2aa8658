//! The public front pages, each read in one call: the home page (every
//! edition's continuity with its cities, and featured explainers) and an
//! edition's page.

use crate::city;
use crate::edition::{self, Edition};
use crate::error::{DomainError, Result};
use crate::explainer::{self, Listed};
use crate::figures::continuity::{self, EditionContinuity};
use crate::figures::scope;
use crate::time_zone::DEFAULT_TIME_ZONE;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// Explainers featured on the home page.
const FEATURED: u64 = 3;

/// The home page.
pub struct HomePage {
    /// Every edition's continuity, with its cities' names.
    pub editions: Vec<(EditionContinuity, Vec<String>)>,
    /// Explainers featured, newest reviewed first.
    pub featured: Vec<Listed>,
}

/// The home page at `now`.
pub async fn load(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<HomePage> {
    let scope = scope::public(db, None, None, DEFAULT_TIME_ZONE).await?;
    let mut cities = city::by_edition(db).await?;
    let editions = continuity::of_scope(db, &scope, now)
        .await?
        .into_iter()
        .map(|c| {
            let names = cities
                .remove(&c.edition.id)
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.name)
                .collect();
            (c, names)
        })
        .collect();
    let featured = explainer::featured(db, FEATURED).await?;
    Ok(HomePage { editions, featured })
}

/// The edition at `slug`, its cities' names and its continuity at `now`.
pub async fn edition(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<(Edition, Vec<String>, EditionContinuity)> {
    let edition = edition::by_slug(db, slug).await?;
    let cities = city::of_edition(db, edition.id).await?;
    let scope = scope::public(db, Some(edition.clone()), None, DEFAULT_TIME_ZONE).await?;
    let continuity = continuity::of_scope(db, &scope, now)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::NotFound)?;
    Ok((
        edition,
        cities.into_iter().map(|c| c.name).collect(),
        continuity,
    ))
}

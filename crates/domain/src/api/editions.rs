//! Editions and cities as the API shows them.

use super::paging::{self, Listing, Paging};
use super::{Named, stored};
use crate::entities::{city, edition, edition_city};
use crate::error::{DomainError, Result};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

/// An edition: a marathon weekend and the months that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Edition {
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// First day of the marathon.
    pub starts_on: NaiveDate,
    /// Last day of the marathon.
    pub ends_on: NaiveDate,
    /// The cities taking part, by name.
    pub cities: Vec<Named>,
}

/// A city chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct City {
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// IANA time zone its dates are given in.
    pub time_zone: String,
}

impl TryFrom<city::Model> for City {
    type Error = DomainError;

    fn try_from(m: city::Model) -> Result<City> {
        let zone = stored("city", m.id, &m.time_zone, crate::time_zone::parse)?;
        Ok(City {
            slug: m.slug,
            name: m.name,
            time_zone: zone.name().to_owned(),
        })
    }
}

/// Editions, latest first.
pub async fn list(db: &impl ConnectionTrait, paging: Paging) -> Result<Listing<Edition>> {
    let select = edition::Entity::find()
        .order_by_desc(edition::Column::StartsOn)
        .order_by_desc(edition::Column::Id);
    let page = paging::fetch(db, select, paging).await?;
    let rows = page.items.clone();
    Ok(page.map(with_cities(db, rows).await?))
}

/// One edition by its URL name.
pub async fn get(db: &impl ConnectionTrait, slug: &str) -> Result<Edition> {
    let row = edition::Entity::find()
        .filter(edition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    with_cities(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// The editions of `rows` with their cities: one query for all.
async fn with_cities(db: &impl ConnectionTrait, rows: Vec<edition::Model>) -> Result<Vec<Edition>> {
    let ids: Vec<i32> = rows.iter().map(|e| e.id).collect();
    let links = edition_city::Entity::find()
        .filter(edition_city::Column::EditionId.is_in(ids))
        .all(db)
        .await?;
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(links.iter().map(|l| l.city_id)))
        .order_by_asc(city::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|e| Edition {
            cities: cities
                .iter()
                .filter(|c| {
                    links
                        .iter()
                        .any(|l| l.edition_id == e.id && l.city_id == c.id)
                })
                .map(|c| Named {
                    slug: c.slug.clone(),
                    name: c.name.clone(),
                })
                .collect(),
            slug: e.slug,
            name: e.name,
            starts_on: e.starts_on,
            ends_on: e.ends_on,
        })
        .collect())
}

/// Cities, by name.
pub async fn cities(db: &impl ConnectionTrait, paging: Paging) -> Result<Listing<City>> {
    let select = city::Entity::find()
        .order_by_asc(city::Column::Name)
        .order_by_asc(city::Column::Id);
    let page = paging::fetch(db, select, paging).await?;
    let rows = page.items.clone();
    let cities = rows
        .into_iter()
        .map(City::try_from)
        .collect::<Result<_>>()?;
    Ok(page.map(cities))
}

/// One city by its URL name.
pub async fn city(db: &impl ConnectionTrait, slug: &str) -> Result<City> {
    city::Entity::find()
        .filter(city::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?
        .try_into()
}

/// The id of the edition named `slug`, for filters; `None` if there is none.
pub async fn edition_id(db: &impl ConnectionTrait, slug: &str) -> Result<Option<i32>> {
    Ok(edition::Entity::find()
        .filter(edition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(|e| e.id))
}

/// The id of the city named `slug`, for filters; `None` if there is none.
pub async fn city_id(db: &impl ConnectionTrait, slug: &str) -> Result<Option<i32>> {
    Ok(city::Entity::find()
        .filter(city::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(|c| c.id))
}

//! City chapters: where members live, meetups happen and projects are run.

use crate::context::Context;
use crate::entities::{city, edition_city};
use crate::error::{DomainError, FieldErrors, Result};
use crate::role::Actor;
use crate::time_zone;
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, SqlErr,
};

/// A city, with its zone parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    /// Its id.
    pub id: i32,
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Where its dates are shown.
    pub time_zone: Tz,
}

impl From<city::Model> for City {
    fn from(m: city::Model) -> Self {
        City {
            id: m.id,
            time_zone: time_zone::parse(&m.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE),
            slug: m.slug,
            name: m.name,
        }
    }
}

/// Every city, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<City>> {
    Ok(city::Entity::find()
        .order_by_asc(city::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(City::from)
        .collect())
}

/// A city by id.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<City> {
    city::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(City::from)
        .ok_or(DomainError::NotFound)
}

/// Creates a city and adds it to `edition_id` if given; programme coordinators only.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    name: &str,
    zone: &str,
    edition_id: Option<i32>,
) -> Result<City> {
    if !actor.may_manage_editions() {
        return Err(DomainError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let slug = errors.checked("slug", crate::slug::parse(slug));
    let zone = errors.checked("time_zone", time_zone::parse(zone));
    if name.trim().is_empty() {
        errors.add("name", "error-required");
    }
    let (slug, zone) = errors.finish((slug, zone))?;
    let inserted = city::ActiveModel {
        slug: Set(slug.into()),
        name: Set(name.trim().to_owned()),
        time_zone: Set(zone.name().to_owned()),
        created_at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await;
    let model = match inserted {
        Ok(m) => m,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(DomainError::field("slug", "error-slug-taken"));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(edition_id) = edition_id {
        edition_city::ActiveModel {
            edition_id: Set(edition_id),
            city_id: Set(model.id),
        }
        .insert(&ctx.db)
        .await?;
    }
    Ok(model.into())
}

/// The cities taking part in each edition, by edition id: two queries
/// whatever the number of editions.
pub async fn by_edition(
    db: &impl ConnectionTrait,
) -> Result<std::collections::BTreeMap<i32, Vec<City>>> {
    let cities = list(db).await?;
    let mut out: std::collections::BTreeMap<i32, Vec<City>> = Default::default();
    for link in edition_city::Entity::find().all(db).await? {
        if let Some(city) = cities.iter().find(|c| c.id == link.city_id) {
            out.entry(link.edition_id).or_default().push(city.clone());
        }
    }
    for cities in out.values_mut() {
        cities.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(out)
}

/// The cities taking part in an edition.
pub async fn of_edition(db: &impl ConnectionTrait, edition_id: i32) -> Result<Vec<City>> {
    let ids: Vec<i32> = edition_city::Entity::find()
        .filter(edition_city::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.city_id)
        .collect();
    Ok(city::Entity::find()
        .filter(city::Column::Id.is_in(ids))
        .order_by_asc(city::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(City::from)
        .collect())
}

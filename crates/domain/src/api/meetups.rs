//! Meetups as the API shows them: meetings with their answer counts, never
//! who answered.

use super::Named;
use super::paging::{self, Listing, Paging};
use crate::entities::{city, meetup_occurrence as occurrence};
use crate::error::{DomainError, Result};
use crate::rsvp;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Meetup {
    /// Its number, stable.
    pub id: i32,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Its city.
    pub city: Named,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Status code: scheduled or cancelled.
    pub status: String,
    /// Where it takes place; empty when online only.
    pub place: String,
    /// Where to join online.
    pub online_url: Option<String>,
    /// Places.
    pub capacity: i32,
    /// How many answered, by answer.
    pub answers: Answers,
    /// Minutes, once it has started and they are written.
    pub minutes: Option<String>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Answer counts of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Answers {
    /// Coming, with a place.
    pub yes: u64,
    /// Maybe coming.
    pub maybe: u64,
    /// Waiting for a place.
    pub waitlisted: u64,
}

/// What meetings to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this city.
    pub city_id: Option<i32>,
    /// Only meetings ending after this moment (default: now).
    pub from: Option<DateTime<Utc>>,
    /// Only meetings starting before this moment.
    pub until: Option<DateTime<Utc>>,
}

/// Meetings matching `filter` at `now`, soonest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &Filter,
    now: DateTime<Utc>,
    paging: Paging,
) -> Result<Listing<Meetup>> {
    let mut select = occurrence::Entity::find()
        .filter(occurrence::Column::EndsAt.gt(filter.from.unwrap_or(now)));
    if let Some(until) = filter.until {
        select = select.filter(occurrence::Column::StartsAt.lt(until));
    }
    if let Some(c) = filter.city_id {
        select = select.filter(occurrence::Column::CityId.eq(c));
    }
    let select = select
        .order_by_asc(occurrence::Column::StartsAt)
        .order_by_asc(occurrence::Column::Id);
    let page = paging::fetch(db, select, paging).await?;
    let rows = page.items.clone();
    Ok(page.map(assemble(db, rows, now).await?))
}

/// One meeting by its number.
pub async fn get(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<Meetup> {
    let row = occurrence::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    assemble(db, vec![row], now)
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// The meetings of `rows`, with their cities and counts: two queries.
async fn assemble(
    db: &impl ConnectionTrait,
    rows: Vec<occurrence::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<Meetup>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = rows.iter().map(|o| o.id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(rows.iter().map(|o| o.city_id)))
        .all(db)
        .await?;
    let counts = rsvp::counts_of(db, &ids).await?;
    rows.into_iter()
        .map(|o| {
            let city = cities
                .iter()
                .find(|c| c.id == o.city_id)
                .ok_or_else(|| super::corrupt("meetup city", o.id, &o.city_id.to_string()))?;
            let c = counts.get(&o.id).copied().unwrap_or_default();
            Ok(Meetup {
                id: o.id,
                city: Named {
                    slug: city.slug.clone(),
                    name: city.name.clone(),
                },
                status: o.status.code().to_owned(),
                place: o.place_address,
                online_url: o.online_url,
                capacity: o.capacity,
                answers: Answers {
                    yes: c.yes,
                    maybe: c.maybe,
                    waitlisted: c.waitlisted,
                },
                minutes: (o.starts_at <= now && !o.minutes.trim().is_empty()).then_some(o.minutes),
                title: o.title,
                description: o.description,
                starts_at: o.starts_at,
                ends_at: o.ends_at,
                updated_at: o.updated_at,
            })
        })
        .collect()
}

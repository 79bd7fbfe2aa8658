//! The meetups pages other than a meeting's own, each read in one call:
//! the list of upcoming meetings, the question before cancelling one, and
//! the coordinators' series (refused to whoever coordinates no city).

use crate::city::City;
use crate::entities::{meetup_occurrence, meetup_series};
use crate::error::{DomainError, Result};
use crate::meetup::{self, Occurrence, Series};
use crate::rsvp::{self, Counts};
use crate::{Actor, city};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Meetings listed at once.
const LISTED: u64 = 100;

/// Upcoming meetings shown in `/admin/meetups/{id}`.
const SERIES_UPCOMING: u64 = 200;

/// An upcoming meeting as the list shows it.
pub struct Listed {
    /// The occurrence.
    pub occurrence: Occurrence,
    /// Its city's name.
    pub city: String,
    /// Its city's zone.
    pub zone: Tz,
    /// Its answer counts.
    pub counts: Counts,
}

/// The list of upcoming meetings.
pub struct MeetupsList {
    /// Every city, for the filter and the calendars.
    pub cities: Vec<City>,
    /// The meetings, soonest first.
    pub items: Vec<Listed>,
}

/// Upcoming meetings (in `city_id` only, if given) at `now`.
pub async fn list(
    db: &impl ConnectionTrait,
    city_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<MeetupsList> {
    let cities = city::list(db).await?;
    let upcoming = meetup::upcoming(db, city_id, now, LISTED).await?;
    let ids: Vec<i32> = upcoming.iter().map(|o| o.id).collect();
    let counts = rsvp::counts_of(db, &ids).await?;
    let items = upcoming
        .into_iter()
        .map(|o| {
            let c = cities.iter().find(|c| c.id == o.city_id);
            Listed {
                city: c.map(|c| c.name.clone()).unwrap_or_default(),
                zone: c.map_or(crate::time_zone::DEFAULT_TIME_ZONE, |c| c.time_zone),
                counts: counts.get(&o.id).copied().unwrap_or_default(),
                occurrence: o,
            }
        })
        .collect();
    Ok(MeetupsList { cities, items })
}

/// A meeting a coordinator may cancel, how many people would be told, and
/// its city.
pub async fn cancellation(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(meetup_occurrence::Model, u64, City)> {
    let (o, told) = meetup::cancellation(db, actor, id).await?;
    let c = city::get(db, o.city_id).await?;
    Ok((o, told, c))
}

/// The cities `actor` coordinates; `Forbidden` when there are none.
async fn coordinated_cities(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<City>> {
    let cities: Vec<City> = city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    if cities.is_empty() {
        return Err(DomainError::Forbidden);
    }
    Ok(cities)
}

/// The coordinators' series page.
pub struct SeriesAdmin {
    /// The cities the reader coordinates, by name.
    pub cities: Vec<City>,
    /// Their series with their city's name, city by city, by title.
    pub series: Vec<(Series, String)>,
}

/// The series of every city `actor` coordinates, in one query.
pub async fn series_admin(db: &impl ConnectionTrait, actor: &Actor) -> Result<SeriesAdmin> {
    let cities = coordinated_cities(db, actor).await?;
    let ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let mut rows = meetup_series::Entity::find()
        .filter(meetup_series::Column::CityId.is_in(ids))
        .order_by_asc(meetup_series::Column::Title)
        .all(db)
        .await?;
    // City by city as the cities are listed; by title within each (a
    // stable sort keeps the query's order).
    rows.sort_by_key(|r| cities.iter().position(|c| c.id == r.city_id));
    let mut series = Vec::with_capacity(rows.len());
    for row in rows {
        let name = cities
            .iter()
            .find(|c| c.id == row.city_id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        series.push((Series::try_from(row)?, name));
    }
    Ok(SeriesAdmin { cities, series })
}

/// One series' page: the series and its upcoming meetings.
pub struct SeriesPage {
    /// The series.
    pub series: Series,
    /// Its upcoming meetings.
    pub upcoming: Vec<Occurrence>,
}

/// The series `id`, for a coordinator of its city, at `now`.
pub async fn series(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<SeriesPage> {
    let s = meetup::series_get(db, id).await?;
    if !actor.coordinates(Some(s.row.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let upcoming = meetup::upcoming(db, Some(s.row.city_id), now, SERIES_UPCOMING)
        .await?
        .into_iter()
        .filter(|o| o.series_id == Some(id))
        .collect();
    Ok(SeriesPage {
        series: s,
        upcoming,
    })
}

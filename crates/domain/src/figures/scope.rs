//! What a set of figures covers, and who may see which.
//!
//! Coordinators see the figures of the cities they coordinate: a city's
//! coordinator their city (or cities), the programme's coordinators every
//! city and the whole. Continuity alone is public, for every city.

use crate::city::{self, City};
use crate::edition::{self, Edition};
use crate::error::{DomainError, Result};
use crate::role::Actor;
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;

/// One edition or all, and the cities counted.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Only this edition; every edition when `None`.
    pub edition: Option<Edition>,
    /// The city chosen, when one was.
    pub city: Option<City>,
    /// Every city counted: the chosen one, or all those the reader may see.
    pub cities: Vec<City>,
    /// True when the scope is the whole programme (every city).
    pub whole_programme: bool,
    /// The zone months and "today" are counted in: the city's when one
    /// city is counted, else the programme's.
    pub zone: Tz,
}

impl Scope {
    /// The ids of the cities counted.
    pub fn city_ids(&self) -> Vec<i32> {
        self.cities.iter().map(|c| c.id).collect()
    }

    /// The edition's id, if one was chosen.
    pub fn edition_id(&self) -> Option<i32> {
        self.edition.as_ref().map(|e| e.id)
    }
}

/// May open the programme's dashboard, reports and exports: any coordinator
/// (each sees only their cities).
pub fn may_view_dashboard(actor: &Actor) -> bool {
    actor.is_any_coordinator()
}

/// May see the figures of `city_id` (`None`: the whole programme).
pub fn may_view_figures_of(actor: &Actor, city_id: Option<i32>) -> bool {
    actor.coordinates(city_id)
}

/// The scope a coordinator asked for: `edition_id` and `city_id` as
/// chosen in the filters. `NotFound` for an edition or city that does not
/// exist, `Forbidden` for a city the actor does not coordinate.
pub async fn for_coordinator(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    city_id: Option<i32>,
    programme_zone: Tz,
) -> Result<Scope> {
    if actor.user().is_none() {
        return Err(DomainError::Unauthenticated);
    }
    if !may_view_dashboard(actor) {
        return Err(DomainError::Forbidden);
    }
    let edition = match edition_id {
        Some(id) => Some(edition_by_id(db, id).await?),
        None => None,
    };
    let all = city::list(db).await?;
    let city = match city_id {
        Some(id) => {
            let chosen = all
                .iter()
                .find(|c| c.id == id)
                .cloned()
                .ok_or(DomainError::NotFound)?;
            if !may_view_figures_of(actor, Some(id)) {
                return Err(DomainError::Forbidden);
            }
            Some(chosen)
        }
        None => None,
    };
    let cities: Vec<City> = match &city {
        Some(c) => vec![c.clone()],
        None => all
            .into_iter()
            .filter(|c| may_view_figures_of(actor, Some(c.id)))
            .collect(),
    };
    Ok(Scope {
        zone: zone_of(&cities, programme_zone),
        whole_programme: city.is_none() && may_view_figures_of(actor, None),
        edition,
        city,
        cities,
    })
}

/// The public scope: every city, or one, within one edition or all.
pub async fn public(
    db: &impl ConnectionTrait,
    edition: Option<Edition>,
    city_id: Option<i32>,
    programme_zone: Tz,
) -> Result<Scope> {
    let all = city::list(db).await?;
    let city = match city_id {
        Some(id) => Some(
            all.iter()
                .find(|c| c.id == id)
                .cloned()
                .ok_or(DomainError::NotFound)?,
        ),
        None => None,
    };
    let cities = match &city {
        Some(c) => vec![c.clone()],
        None => all,
    };
    Ok(Scope {
        zone: zone_of(&cities, programme_zone),
        whole_programme: city.is_none(),
        edition,
        city,
        cities,
    })
}

fn zone_of(cities: &[City], programme_zone: Tz) -> Tz {
    match cities {
        [only] => only.time_zone,
        _ => programme_zone,
    }
}

async fn edition_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Edition> {
    edition::list(db)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(DomainError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{Grant, Role, UserActor};

    const LYON: i32 = 1;
    const DAKAR: i32 = 2;

    fn user(grants: Vec<Grant>) -> Actor {
        Actor::User(UserActor {
            user_id: 3,
            city_id: Some(LYON),
            grants,
        })
    }

    fn grant(role: Role, city_id: Option<i32>) -> Vec<Grant> {
        vec![Grant { role, city_id }]
    }

    #[test]
    fn coordinators_see_figures_of_their_cities_and_others_see_none() {
        let cases = [
            ("visitor", Actor::Visitor, false, [false, false, false]),
            ("member", user(vec![]), false, [false, false, false]),
            (
                "mentor",
                user(grant(Role::Mentor, Some(LYON))),
                false,
                [false, false, false],
            ),
            (
                "city coordinator",
                user(grant(Role::Coordinator, Some(LYON))),
                true,
                [true, false, false],
            ),
            (
                "programme coordinator",
                user(grant(Role::Coordinator, None)),
                true,
                [true, true, true],
            ),
        ];
        for (who, actor, dashboard, [lyon, dakar, programme]) in cases {
            assert_eq!(may_view_dashboard(&actor), dashboard, "{who}");
            assert_eq!(may_view_figures_of(&actor, Some(LYON)), lyon, "{who}");
            assert_eq!(may_view_figures_of(&actor, Some(DAKAR)), dakar, "{who}");
            assert_eq!(may_view_figures_of(&actor, None), programme, "{who}");
        }
    }
}

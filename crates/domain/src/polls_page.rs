//! The date polls' pages, each read in one call: an invitee's ballot (by
//! personal link), and the coordinators' list, results and the question
//! before converting a slot into a meeting.

use crate::Actor;
use crate::city::{self, City};
use crate::context::Context;
use crate::date_poll::{self, Ballot, Choice, Poll, Results};
use crate::entities::{date_poll as poll, poll_slot};
use crate::error::{DomainError, Result};
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;

/// An invitee's ballot page.
#[derive(Debug)]
pub struct BallotPage {
    /// The ballot: poll, invitee, whether it is still open.
    pub ballot: Ballot,
    /// The poll's city's zone.
    pub zone: Tz,
    /// Everyone's answers so far.
    pub results: Results,
    /// The invitee's own answers, slot by slot.
    pub mine: Vec<Option<Choice>>,
}

/// The ballot of poll `id` for the invitee whose link holds `token`.
pub async fn ballot(ctx: &Context, id: i32, token: &str) -> Result<BallotPage> {
    let b = date_poll::ballot(ctx, id, token).await?;
    let zone = city::get(&ctx.db, b.poll.city_id).await?.time_zone;
    let results = date_poll::results(&ctx.db, id).await?;
    let mine: Vec<Option<Choice>> = results
        .rows
        .iter()
        .find(|(user_id, _, _)| *user_id == b.user_id)
        .map_or_else(|| vec![None; results.slots.len()], |(_, _, c)| c.clone());
    Ok(BallotPage {
        ballot: b,
        zone,
        results,
        mine,
    })
}

/// The coordinators' polls page.
pub struct PollsAdmin {
    /// The cities the reader coordinates.
    pub cities: Vec<City>,
    /// Their polls, newest first, each with its city's zone.
    pub polls: Vec<(Poll, Tz)>,
}

/// The polls of the cities `actor` coordinates (`Forbidden` when none).
pub async fn admin(db: &impl ConnectionTrait, actor: &Actor) -> Result<PollsAdmin> {
    let cities: Vec<City> = city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    if cities.is_empty() {
        return Err(DomainError::Forbidden);
    }
    let polls = date_poll::list(db, actor)
        .await?
        .into_iter()
        .map(|p| {
            let zone = cities
                .iter()
                .find(|c| c.id == p.city_id)
                .map_or(crate::time_zone::DEFAULT_TIME_ZONE, |c| c.time_zone);
            (p, zone)
        })
        .collect();
    Ok(PollsAdmin { cities, polls })
}

/// A poll's results for a coordinator of its city, in its city's zone.
pub async fn results(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(poll::Model, Tz, Results)> {
    let p = date_poll::get(db, actor, id).await?;
    let zone = city::get(db, p.city_id).await?.time_zone;
    let results = date_poll::results(db, id).await?;
    Ok((p, zone, results))
}

/// What converting `slot_id` of poll `id` would do: the poll, the slot,
/// how many would be invited, and the poll's city.
pub async fn conversion(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    slot_id: i32,
) -> Result<(poll::Model, poll_slot::Model, u64, City)> {
    let (p, slot, invited) = date_poll::conversion(db, actor, id, slot_id).await?;
    let c = city::get(db, p.city_id).await?;
    Ok((p, slot, invited, c))
}

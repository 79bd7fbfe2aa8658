//! The coordination page (`/admin`), read in one call: the roll-up of the
//! cities the reader coordinates, and what the reader may do from there
//! (invite to which cities and roles, adjust which editions, change the
//! sign-up mode). The rights come from the actor, here.

use crate::dashboard::{self, CityRollup};
use crate::error::Result;
use crate::settings::{self, RegistrationMode};
use crate::{Actor, Role, city, edition};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// What the coordination page shows, for one coordinator.
pub struct AdminPage {
    /// Whether the reader may invite to the whole programme.
    pub invite_programme: bool,
    /// Cities the reader may invite to: (id, name).
    pub invite_cities: Vec<(i32, String)>,
    /// Roles the reader may grant.
    pub invite_roles: Vec<Role>,
    /// Every edition, to filter the roll-up by: (id, name).
    pub all_editions: Vec<(i32, String)>,
    /// Editions whose checklists the reader may adjust: (id, name).
    pub editions: Vec<(i32, String)>,
    /// Progress by city, for the cities the reader coordinates.
    pub rollups: Vec<CityRollup>,
    /// Whether the reader may change the sign-up mode.
    pub may_manage_settings: bool,
    /// The current sign-up mode.
    pub registration: RegistrationMode,
}

/// The coordination page as `actor` sees it, its roll-up filtered by
/// `edition_id`, at `now`.
pub async fn load(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<AdminPage> {
    let invite_cities = city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.may_invite(Some(c.id)))
        .map(|c| (c.id, c.name))
        .collect();
    let invite_roles = [Role::Member, Role::Mentor, Role::Coordinator]
        .into_iter()
        .filter(|r| *r != Role::Coordinator || actor.is_programme_coordinator())
        .collect();
    let all_editions: Vec<(i32, String)> = edition::list(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let editions = if actor.may_manage_editions() {
        all_editions.clone()
    } else {
        Vec::new()
    };
    Ok(AdminPage {
        invite_programme: actor.may_invite(None),
        invite_cities,
        invite_roles,
        all_editions,
        editions,
        rollups: dashboard::by_city(db, actor, edition_id, now).await?,
        may_manage_settings: actor.may_manage_settings(),
        registration: settings::registration_mode(db).await?,
    })
}

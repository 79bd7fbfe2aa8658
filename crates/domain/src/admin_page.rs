//! The coordination pages, each read in one call: `/admin` (the roll-up of
//! the cities the reader coordinates, and what the reader may do from
//! there: invite to which cities and roles, adjust which editions, change
//! the sign-up mode), a city's quiet projects, an edition's checklists,
//! the announcements and the outbox. The rights come from the actor, here.

use crate::announcement::{self, Sent};
use crate::city::City;
use crate::dashboard::{self, CityRollup, QuietProject};
use crate::edition::Edition;
use crate::error::{DomainError, Result};
use crate::outbox::{self, Trouble};
use crate::settings::{self, RegistrationMode};
use crate::stage::{Requirement, Stage};
use crate::{Actor, Role, city, edition, project};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// Emails in trouble listed on the outbox page.
const TROUBLES_SHOWN: u64 = 100;

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

/// One page (from 1) of a city's quiet projects for a coordinator of it:
/// the city, the projects, and how many pages there are.
pub async fn quiet(
    db: &impl ConnectionTrait,
    actor: &Actor,
    city_id: i32,
    now: DateTime<Utc>,
    page: u64,
) -> Result<(City, Vec<QuietProject>, u64)> {
    let city = city::get(db, city_id).await?;
    let (projects, total) = dashboard::quiet_page(db, actor, city_id, now, page).await?;
    let pages = (total as u64).div_ceil(dashboard::QUIET_PAGE).max(1);
    Ok((city, projects, pages))
}

/// An edition and what each stage requires in it, for a coordinator who
/// may adjust the editions' checklists.
pub async fn checklists(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: i32,
) -> Result<(Edition, Vec<(Stage, Vec<Requirement>)>)> {
    if !actor.may_manage_editions() {
        return Err(DomainError::Forbidden);
    }
    let edition = edition::list(db)
        .await?
        .into_iter()
        .find(|e| e.id == edition_id)
        .ok_or(DomainError::NotFound)?;
    let mut current = Vec::new();
    for stage in Stage::ALL {
        current.push((stage, project::requirements(db, edition_id, stage).await?));
    }
    Ok((edition, current))
}

/// The announcements page: where the reader may announce, and what was sent.
pub struct AnnouncementsPage {
    /// Whether the reader may announce to the whole programme.
    pub programme: bool,
    /// Cities the reader coordinates: (id, name).
    pub cities: Vec<(i32, String)>,
    /// Announcements sent, newest first.
    pub past: Vec<Sent>,
}

/// The announcements page as the coordinator `actor` sees it.
pub async fn announcements(db: &impl ConnectionTrait, actor: &Actor) -> Result<AnnouncementsPage> {
    let cities = city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .map(|c| (c.id, c.name))
        .collect();
    Ok(AnnouncementsPage {
        programme: actor.is_programme_coordinator(),
        cities,
        past: announcement::list(db, actor).await?,
    })
}

/// The outbox page: emails by state, and those in trouble.
pub async fn outbox(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<((u64, u64, u64, u64), Vec<Trouble>)> {
    let counts = outbox::counts(db, actor).await?;
    let troubles = outbox::troubles(db, actor, TROUBLES_SHOWN).await?;
    Ok((counts, troubles))
}

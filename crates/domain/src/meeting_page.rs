//! A meeting's page, read in one call: the occurrence, its city, the
//! answers (everyone's for its city's coordinators), the agenda, and the
//! projects the reader could put on it.

use crate::agenda::{self, Item};
use crate::entities::{project, project_member};
use crate::error::Result;
use crate::meetup::{self, Occurrence};
use crate::rsvp::{self, Answer, Attendee, Counts};
use crate::{Actor, city, gallery};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// What a meeting's page shows, for one reader.
#[derive(Debug)]
pub struct MeetingPage {
    /// The occurrence.
    pub occurrence: Occurrence,
    /// Its city's name.
    pub city: String,
    /// Its city's zone.
    pub zone: Tz,
    /// Answer counts.
    pub counts: Counts,
    /// The reader's answer and whether they are waitlisted.
    pub mine: Option<(Answer, bool)>,
    /// Everyone's answers, for its city's coordinators only.
    pub attendees: Option<Vec<Attendee>>,
    /// The agenda.
    pub agenda: Vec<Item>,
    /// The reader coordinates this city.
    pub coordinator: bool,
    /// It has started.
    pub started: bool,
    /// The city's live projects, for the coordinators' agenda form: (id, title).
    pub city_projects: Vec<(i32, String)>,
    /// The reader's projects in this city, to ask to present: (slug, title).
    pub my_projects: Vec<(String, String)>,
}

/// The meeting `id` as `actor` sees it at `now`.
pub async fn load(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<MeetingPage> {
    let o = meetup::get(db, id).await?;
    let c = city::get(db, o.city_id).await?;
    let coordinator = actor.coordinates(Some(o.city_id));
    let attendees = rsvp::attendees(db, id).await?;
    let my_projects = match actor.user_id() {
        Some(uid) => may_present(db, uid, o.city_id).await?,
        None => Vec::new(),
    };
    let city_projects = if coordinator {
        gallery::live_in_city(db, o.city_id).await?
    } else {
        Vec::new()
    };
    Ok(MeetingPage {
        city: c.name,
        zone: c.time_zone,
        counts: rsvp::counts(&attendees),
        mine: rsvp::mine(db, actor, id).await?,
        attendees: coordinator.then_some(attendees),
        agenda: agenda::of_occurrence(db, id).await?,
        coordinator,
        started: o.starts_at <= now,
        city_projects,
        my_projects,
        occurrence: Occurrence::from(o),
    })
}

/// The projects in `city_id` whose team `user_id` is on and that are not
/// archived — those whose journal they may write in, so those they may
/// ask to present — in one query: (slug, title).
async fn may_present(
    db: &impl ConnectionTrait,
    user_id: i32,
    city_id: i32,
) -> Result<Vec<(String, String)>> {
    let teams = Query::select()
        .column(project_member::Column::ProjectId)
        .from(project_member::Entity)
        .and_where(project_member::Column::UserId.eq(user_id))
        .to_owned();
    Ok(project::Entity::find()
        .select_only()
        .column(project::Column::Slug)
        .column(project::Column::Title)
        .filter(project::Column::Id.in_subquery(teams))
        .filter(project::Column::CityId.eq(city_id))
        .filter(project::Column::ArchivedAt.is_null())
        .order_by_asc(project::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

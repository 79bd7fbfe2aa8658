//! Lyon as most journeys set it up: its coordinator and members, its
//! monthly meeting, a team that grows by invitation, a mentor assigned.

use crate::{Client, TestApp};
use relais_domain::Role;
use relais_domain::entities::meetup_occurrence;
use relais_domain::meetup::{self, SeriesInput};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// Lyon's coordinator and four members: `&LYON_PEOPLE[..n]` for the first
/// `n` of them.
pub const LYON_PEOPLE: [(&str, &str, Role, Option<&str>); 5] = [
    (
        "coord@example.org",
        "Luc Coord",
        Role::Coordinator,
        Some("lyon"),
    ),
    ("ana@example.org", "Ana", Role::Member, Some("lyon")),
    ("ben@example.org", "Ben", Role::Member, Some("lyon")),
    ("cleo@example.org", "Cléo", Role::Member, Some("lyon")),
    ("dan@example.org", "Dan", Role::Member, Some("lyon")),
];

/// A team of two in Lyon (Olivia owns the project, Tom joins it), their
/// mentor Mina and Lyon's coordinator.
pub const LYON_TEAM: [(&str, &str, Role, Option<&str>); 4] = [
    (
        "owner@example.org",
        "Olivia Owner",
        Role::Member,
        Some("lyon"),
    ),
    (
        "mate@example.org",
        "Tom Teammate",
        Role::Member,
        Some("lyon"),
    ),
    (
        "mentor@example.org",
        "Mina Mentor",
        Role::Mentor,
        Some("lyon"),
    ),
    (
        "coord@example.org",
        "Luc Coord",
        Role::Coordinator,
        Some("lyon"),
    ),
];

/// Lyon's monthly meeting at the Hôtel de Ville, on the `ordinal` Thursday
/// of the month ("first", "second", …) at 19:00 for two hours, for
/// `capacity` people.
pub fn lyon_series(ordinal: &str, capacity: &str) -> SeriesInput {
    SeriesInput {
        title: "Rencontre de Lyon".into(),
        ordinal: ordinal.into(),
        weekday: "thu".into(),
        start_time: "19:00".into(),
        duration_minutes: "120".into(),
        place_address: "Hôtel de Ville, Lyon".into(),
        capacity: capacity.into(),
        ..Default::default()
    }
}

impl Client {
    /// Creates "Compost partagé", the mise en relation journeys' project,
    /// in `city`; returns its path.
    pub async fn create_compost(&self, city: i32) -> String {
        self.create_project(
            "Compost partagé",
            "Des bacs à compost dans chaque cour.",
            "environmental",
            &city.to_string(),
        )
        .await
    }
}

impl TestApp {
    /// Creates a meeting series in `city` as the coordinator `email`;
    /// returns its id.
    pub async fn create_series(&self, email: &str, city: i32, input: &SeriesInput) -> i32 {
        meetup::create_series(&self.ctx, &self.actor(email).await, city, input)
            .await
            .expect("series")
    }

    /// The meetings of `series`, earliest first.
    pub async fn occurrences(&self, series: i32) -> Vec<meetup_occurrence::Model> {
        meetup_occurrence::Entity::find()
            .filter(meetup_occurrence::Column::SeriesId.eq(series))
            .order_by_asc(meetup_occurrence::Column::StartsAt)
            .all(&self.ctx.db)
            .await
            .expect("occurrences")
    }

    /// `owner` invites `email` to the team of the project at `project`
    /// (its path), and `email` accepts from the invitation's link.
    pub async fn join_team(&self, owner: &Client, project: &str, email: &str) {
        owner
            .submit(
                project,
                &format!("{project}/team/invite"),
                &[("email", email), ("language", "fr")],
            )
            .await;
        let link = self
            .last_email_to(email)
            .await
            .link(&self.base_url, "/team-invitations/");
        let mate = self.logged_in(email).await;
        let form = mate.get(&link).await;
        mate.post_raw(&link, &[("csrf_token", &form.csrf_token())])
            .await;
    }

    /// The coordinator `coordinator` assigns the mentor `mentor` to the
    /// project `slug`.
    pub async fn assign_mentor(&self, coordinator: &str, slug: &str, mentor: &str) {
        let coordinator = self.actor(coordinator).await;
        let project = relais_domain::project::by_slug(&self.ctx, &coordinator, slug)
            .await
            .expect("project");
        relais_domain::mentor::assign(
            &self.ctx,
            &coordinator,
            project.row.id,
            self.user_id(mentor).await,
        )
        .await
        .expect("assign");
    }
}

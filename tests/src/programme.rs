//! A small programme whose figures were counted by hand, for the tests of
//! continuity, the dashboard, the exports, the open data and the API.
//!
//! Edition 2024: marathon 8–10 March 2024 in Paris and Montréal; the clock
//! stands at 20 November 2024, 12:00 UTC. Months after the marathon (each
//! city's calendar): 1 = 11 Mar–10 Apr, 2 = 11 Apr–10 May, 3 = 11 May–10
//! Jun, 6 = 11 Aug–10 Sep, 9 = 11 Nov–10 Dec (under way), 12 = 11 Feb–10
//! Mar 2025 (not begun).
//!
//! | project | activity | active in months |
//! |---|---|---|
//! | Paris `steady` | public entries 20 Mar, 15 May, 20 Aug, 5 Nov | 1, 3, 6, 8 |
//! | Paris `comeback` | public entry 1 Apr; silent; milestone done 15 Aug; check-in answered 15 Nov | 1, 6, 9 |
//! | Paris `discreet` | public entry 9 Mar (during the marathon); team-only entry 20 May; check-in answered 20 May | 3 |
//! | Paris `midnight` | public entries 10 Apr 23:30 and 11 Apr 00:30, Paris time | 1, 2 |
//! | Paris `stopped` (archived, private) | nothing | — |
//! | Montréal `evening` | public entry 10 Apr 22:00 Montréal time (11 Apr in Paris); milestone done 10 Jun | 1, 3 |
//! | Montréal `double` | public entry and check-in answered, both 1 Sep | 6 |
//!
//! So: Paris (5 projects) month 1: 3, 2: 1, 3: 2, 6: 2, 8: 1, 9: 1 so far;
//! Montréal (2) month 1: 1, 3: 1, 6: 1; the edition (7) month 1: 4, 3: 3,
//! 6: 3, 8: 1, 9: 1 so far, 12: none yet.
//!
//! Also: `steady` reached the prototype stage on 2 May and `comeback` was
//! paused on 15 June (its stage today); `evening` has followed by a mentor
//! since 1 April and was reviewed on 20 June; `steady` was followed from 1
//! April to 1 May (ended). `discreet` left its June check-in unanswered.
//!
//! Edition 2023 (marathon 3–5 March 2023, Paris): one project `elder`
//! with a public entry on 1 March 2024 — month 12 of 2023, and nothing
//! for 2024.

use crate::{TestApp, programme_actor};
use chrono::{DateTime, NaiveDate, Utc};
use relais_domain::entities::{
    check_in, mentor_assignment, milestone, project, project_stage, project_update, review,
};
use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use relais_domain::{Role, edition};

/// The moment the clock stands at.
pub fn now() -> DateTime<Utc> {
    at("2024-11-20T12:00:00Z")
}

/// An instant from RFC 3339 text.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("fixture instant")
        .with_timezone(&Utc)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("fixture date")
}

/// Ids of what the fixture made.
pub struct Programme {
    /// The running application.
    pub app: TestApp,
    /// Edition 2024.
    pub edition_2024: i32,
    /// Edition 2023.
    pub edition_2023: i32,
    /// Paris.
    pub paris: i32,
    /// Montréal.
    pub montreal: i32,
}

/// Starts Relais at `now()` and fills it with the programme above, plus a
/// programme coordinator `coord@example.org` and a Paris coordinator
/// `paris.coord@example.org` (password `PASSWORD`).
pub async fn programme() -> Programme {
    let app = TestApp::spawn_at(now()).await;
    let actor = programme_actor();
    let edition_2024 = edition::create(
        &app.ctx,
        &actor,
        "2024",
        "Nuit du Code Citoyen 2024",
        "2024-03-08",
        "2024-03-10",
    )
    .await
    .expect("edition 2024")
    .id;
    let edition_2023 = edition::create(
        &app.ctx,
        &actor,
        "2023",
        "Nuit du Code Citoyen 2023",
        "2023-03-03",
        "2023-03-05",
    )
    .await
    .expect("edition 2023")
    .id;
    let paris = app
        .create_city_in("paris", "Paris", "Europe/Paris", Some(edition_2024))
        .await;
    let montreal = app
        .create_city_in(
            "montreal",
            "Montréal",
            "America/Montreal",
            Some(edition_2024),
        )
        .await;
    app.create_account("coord@example.org", "Coralie", Role::Coordinator, None)
        .await;
    app.create_account(
        "paris.coord@example.org",
        "Paul",
        Role::Coordinator,
        Some("paris"),
    )
    .await;
    let fixture = Fixture { app: &app };

    let steady = fixture.project("steady", edition_2024, paris, true).await;
    for when in [
        "2024-03-20T10:00:00Z",
        "2024-05-15T10:00:00Z",
        "2024-08-20T10:00:00Z",
        "2024-11-05T10:00:00Z",
    ] {
        fixture.entry(steady, when, true).await;
    }
    fixture
        .stage(steady, "prototype", "2024-05-02T10:00:00Z")
        .await;
    let comeback = fixture.project("comeback", edition_2024, paris, true).await;
    fixture.entry(comeback, "2024-04-01T10:00:00Z", true).await;
    fixture.milestone_done(comeback, "2024-08-15").await;
    fixture
        .check_in(comeback, "2024-11", Some("2024-11-15T10:00:00Z"))
        .await;
    fixture
        .stage(comeback, "paused", "2024-06-15T10:00:00Z")
        .await;
    let discreet = fixture.project("discreet", edition_2024, paris, true).await;
    fixture.entry(discreet, "2024-03-09T10:00:00Z", true).await;
    fixture.entry(discreet, "2024-05-20T10:00:00Z", false).await;
    fixture
        .check_in(discreet, "2024-05", Some("2024-05-20T10:00:00Z"))
        .await;
    fixture.check_in(discreet, "2024-06", None).await;
    let midnight = fixture.project("midnight", edition_2024, paris, true).await;
    // 23:30 and 00:30 in Paris (UTC+2 in April).
    fixture.entry(midnight, "2024-04-10T21:30:00Z", true).await;
    fixture.entry(midnight, "2024-04-10T22:30:00Z", true).await;
    let stopped = fixture.project("stopped", edition_2024, paris, false).await;
    fixture.archive(stopped).await;

    let evening = fixture
        .project("evening", edition_2024, montreal, true)
        .await;
    // 22:00 in Montréal (UTC−4 in April), already 11 April in Paris.
    fixture.entry(evening, "2024-04-11T02:00:00Z", true).await;
    fixture.milestone_done(evening, "2024-06-10").await;
    let mentor = app
        .create_account("mentor@example.org", "Mina", Role::Mentor, Some("montreal"))
        .await;
    fixture
        .assignment(evening, mentor, "2024-04-01T12:00:00Z", None)
        .await;
    fixture
        .assignment(
            steady,
            mentor,
            "2024-04-01T12:00:00Z",
            Some("2024-05-01T12:00:00Z"),
        )
        .await;
    fixture
        .review(evening, mentor, "2024-06-20T15:00:00Z")
        .await;
    let double = fixture
        .project("double", edition_2024, montreal, true)
        .await;
    fixture.entry(double, "2024-09-01T15:00:00Z", true).await;
    fixture
        .check_in(double, "2024-09", Some("2024-09-01T16:00:00Z"))
        .await;

    let elder = fixture.project("elder", edition_2023, paris, true).await;
    fixture.entry(elder, "2024-03-01T10:00:00Z", true).await;

    Programme {
        app,
        edition_2024,
        edition_2023,
        paris,
        montreal,
    }
}

impl Programme {
    /// A client logged in as `email` (password `PASSWORD`).
    pub async fn logged_in(&self, email: &str) -> crate::Client {
        self.app.logged_in(email).await
    }

    /// The fixture's project `slug`, as stored.
    pub async fn project(&self, slug: &str) -> project::Model {
        use relais_domain::sea_orm::{ColumnTrait, QueryFilter};
        project::Entity::find()
            .filter(project::Column::Slug.eq(slug))
            .one(&self.app.ctx.db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("no project {slug}"))
    }
}

struct Fixture<'a> {
    app: &'a TestApp,
}

impl Fixture<'_> {
    /// A project created a day before the marathon's end, with a licence
    /// and links as the API and exports show them.
    async fn project(&self, slug: &str, edition_id: i32, city_id: i32, public: bool) -> i32 {
        let created = at("2024-03-09T18:00:00Z");
        project::ActiveModel {
            slug: Set(slug.to_owned()),
            title: Set(format!("Projet {slug}")),
            pitch: Set(format!("Le projet {slug} en une phrase.")),
            description: Set(format!("Ce que fait **{slug}**.")),
            themes: Set(",social,".to_owned()),
            technical_challenge: Set(String::new()),
            licence: Set("AGPL-3.0-or-later".to_owned()),
            repository_url: Set(Some(format!("https://git.example.org/{slug}"))),
            demo_url: Set(None),
            edition_id: Set(edition_id),
            city_id: Set(city_id),
            stage: Set(relais_domain::stage::Stage::Idea),
            is_public: Set(public),
            looking_for_help: Set(false),
            help_wanted: Set(String::new()),
            archived_at: Set(None),
            last_activity_at: Set(created),
            last_public_update_at: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture project")
        .id
    }

    async fn entry(&self, project_id: i32, when: &str, public: bool) {
        project_update::ActiveModel {
            project_id: Set(project_id),
            author_id: Set(None),
            body: Set(format!("Nouvelles du {when}.")),
            milestone_id: Set(None),
            is_public: Set(public),
            created_at: Set(at(when)),
            edited_at: Set(None),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture entry");
        // As the journal does: the project's activity stamps follow.
        let row = project::Entity::find_by_id(project_id)
            .one(&self.app.ctx.db)
            .await
            .expect("project")
            .expect("fixture project exists");
        let written = at(when);
        project::ActiveModel {
            id: Set(project_id),
            last_activity_at: Set(Ord::max(row.last_activity_at, written)),
            last_public_update_at: Set(if public {
                Ord::max(row.last_public_update_at, Some(written))
            } else {
                row.last_public_update_at
            }),
            ..Default::default()
        }
        .update(&self.app.ctx.db)
        .await
        .expect("fixture project stamps");
        self.months(project_id).await;
    }

    /// The project reaches `stage` at `when` (its stage from then on).
    async fn stage(&self, project_id: i32, stage: &str, when: &str) {
        let stage = relais_domain::stage::Stage::parse(stage).expect("a stage code");
        project_stage::ActiveModel {
            project_id: Set(project_id),
            stage: Set(stage),
            reached_at: Set(at(when)),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture stage");
        project::ActiveModel {
            id: Set(project_id),
            stage: Set(stage),
            ..Default::default()
        }
        .update(&self.app.ctx.db)
        .await
        .expect("fixture project stage");
    }

    async fn assignment(&self, project_id: i32, mentor_id: i32, from: &str, until: Option<&str>) {
        mentor_assignment::ActiveModel {
            project_id: Set(project_id),
            mentor_id: Set(mentor_id),
            assigned_by: Set(None),
            started_at: Set(at(from)),
            ended_at: Set(until.map(at)),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture assignment");
    }

    async fn review(&self, project_id: i32, mentor_id: i32, when: &str) {
        review::ActiveModel {
            project_id: Set(project_id),
            mentor_id: Set(Some(mentor_id)),
            assignment_id: Set(None),
            impact: Set(4),
            impact_comment: Set("Un commentaire de revue qui reste privé.".into()),
            progress: Set(3),
            progress_comment: Set(String::new()),
            openness: Set(5),
            openness_comment: Set(String::new()),
            team_health: Set(4),
            team_health_comment: Set(String::new()),
            strengths: Set("Des forces qui restent privées.".into()),
            recommendations: Set(String::new()),
            created_at: Set(at(when)),
            response: Set(String::new()),
            // Never edited, acknowledged or answered: those stay NULL.
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture review");
    }

    async fn milestone_done(&self, project_id: i32, done_on: &str) {
        milestone::ActiveModel {
            project_id: Set(project_id),
            title: Set(format!("Jalon du {done_on}")),
            description: Set(String::new()),
            due_on: Set(day(done_on)),
            status: Set(relais_domain::milestone::Status::Done),
            done_on: Set(Some(day(done_on))),
            position: Set(1),
            weight: Set(1),
            created_at: Set(at("2024-03-10T12:00:00Z")),
            updated_at: Set(at("2024-03-10T12:00:00Z")),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture milestone");
        relais_domain::milestone::refresh_facts(
            &self.app.ctx.db,
            relais_domain::check_in::Projects::Some(&[project_id]),
        )
        .await
        .expect("fixture milestone facts");
        self.months(project_id).await;
    }

    async fn check_in(&self, project_id: i32, month: &str, answered: Option<&str>) {
        check_in::ActiveModel {
            project_id: Set(project_id),
            month: Set(month.to_owned()),
            token_hash: Set(format!("{project_id}-{month}")),
            sent_at: Set(at(&format!("{month}-01T08:00:00Z"))),
            answered_at: Set(answered.map(at)),
            ..Default::default()
        }
        .insert(&self.app.ctx.db)
        .await
        .expect("fixture check-in");
        // Written directly, as the planner would have sent it: the
        // project's skipped flag follows.
        relais_domain::check_in::refresh_skipped(
            &self.app.ctx.db,
            relais_domain::check_in::Projects::Some(&[project_id]),
        )
        .await
        .expect("fixture skipped check-ins");
        self.months(project_id).await;
    }

    /// Written directly: the project's kept months follow.
    async fn months(&self, project_id: i32) {
        relais_domain::figures::project_months::rebuild(
            &self.app.ctx.db,
            relais_domain::check_in::Projects::Some(&[project_id]),
        )
        .await
        .expect("fixture project months");
    }

    async fn archive(&self, project_id: i32) {
        project::ActiveModel {
            id: Set(project_id),
            archived_at: Set(Some(at("2024-06-01T10:00:00Z"))),
            ..Default::default()
        }
        .update(&self.app.ctx.db)
        .await
        .expect("fixture archive");
    }
}

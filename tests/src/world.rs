//! The demo programme with people in every role around one project, for
//! tests that try the whole site as each of them: [`crate::walk::demo`]
//! and what it lacks on that project.

use crate::walk::{self, LONE_MEMBER};
use crate::{Client, TestApp, TestDb};
use chrono::{DateTime, Utc};
use relais_domain::Context;
use relais_domain::sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;

/// Who tries a route, in the order of each row's expected answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    /// Not logged in.
    Visitor,
    /// A member on no team.
    Member,
    /// The project's owner.
    Owner,
    /// A teammate of the project (not its owner).
    Teammate,
    /// The owner of a project in another city.
    OtherTeam,
    /// The mentor assigned to the project.
    Mentor,
    /// A mentor assigned to another project.
    OtherMentor,
    /// The coordinator of the project's city.
    CityCoordinator,
    /// The coordinator of another city.
    OtherCoordinator,
    /// The coordinator of the whole programme.
    ProgrammeCoordinator,
}

pub const EVERYONE: [Who; 10] = [
    Who::Visitor,
    Who::Member,
    Who::Owner,
    Who::Teammate,
    Who::OtherTeam,
    Who::Mentor,
    Who::OtherMentor,
    Who::CityCoordinator,
    Who::OtherCoordinator,
    Who::ProgrammeCoordinator,
];

impl Who {
    fn email(self) -> Option<&'static str> {
        Some(match self {
            Who::Visitor => return None,
            Who::Member => LONE_MEMBER,
            Who::Owner => "alice@relais.demo",
            Who::Teammate => "bastien@relais.demo",
            Who::OtherTeam => "gabriel@relais.demo",
            Who::Mentor => "mentor.data@relais.demo",
            Who::OtherMentor => "mentor.design@relais.demo",
            Who::CityCoordinator => "paris@relais.demo",
            Who::OtherCoordinator => "lyon@relais.demo",
            Who::ProgrammeCoordinator => "coordination@relais.demo",
        })
    }
}

/// The demo programme, its people logged in, and the ids routes need.
pub struct World {
    /// The database every test starts from (copy it, never use it).
    pub db: TestDb,
    /// The clock's time when the world was made.
    pub at: DateTime<Utc>,
    /// Each person's cookies and form token.
    pub people: HashMap<Who, (String, String)>,
    /// Ids and slugs by name (`slug`, `meetup`, `review`, …).
    pub ids: HashMap<&'static str, String>,
}

/// The first column of the first row of `sql`, as text: a slug, or an id
/// (32-bit on SQLite and in most PostgreSQL tables, 64-bit in a few).
async fn one_value(ctx: &Context, sql: &str) -> String {
    let row = ctx
        .db
        .query_one_raw(Statement::from_string(ctx.db.get_database_backend(), sql))
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("no row for {sql}"));
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|id| id.to_string()))
        .or_else(|_| row.try_get_by_index::<i32>(0).map(|id| id.to_string()))
        .expect("a slug or an id")
}

/// The demo with, on *Carte des fontaines*, an explainer, a question with
/// an answer and an introduction, an email that failed, and everyone logged
/// in; frozen, to be copied by each test.
pub async fn world() -> World {
    let app = walk::demo().await.app;
    let at = app.ctx.now();
    let ctx = &app.ctx;
    let slug = "carte-des-fontaines";
    let alice = app.actor("alice@relais.demo").await;
    let project = relais_domain::project::by_slug(ctx, &alice, slug)
        .await
        .expect("project");
    let project_id = project.row.id;
    let need = one_value(
        ctx,
        &format!("SELECT id FROM needs WHERE project_id = {project_id}"),
    )
    .await;
    let need_id: i32 = need.parse().expect("need id");

    // What the demo does not have on this project: an explainer, a
    // question with an answer, an introduction.
    let explainer = relais_domain::explainer::create(
        ctx,
        &project,
        &relais_domain::explainer::ExplainerInput {
            title: "La carte en deux minutes".into(),
            video_url: String::new(),
            language: "fr".into(),
            length: "2:00".into(),
            transcript: "On cherche une fontaine. La carte montre la plus proche. On y va à pied."
                .into(),
            captions_url: String::new(),
        },
    )
    .await
    .expect("explainer");
    let question = relais_domain::expertise_question::ask(
        ctx,
        &alice,
        &project,
        need_id,
        "Quels tests faire avec des personnes âgées ?",
        true,
    )
    .await
    .expect("question");
    let mentor = app.actor("mentor.data@relais.demo").await;
    let as_mentor = relais_domain::project::by_slug(ctx, &mentor, slug)
        .await
        .expect("project as mentor");
    let answer = relais_domain::expertise_question::answer(
        ctx,
        &mentor,
        &as_mentor,
        question,
        None,
        "Des tests courts, dans un lieu connu.",
    )
    .await
    .expect("answer");
    let member = app.actor(LONE_MEMBER).await;
    let helper = app.user_id(LONE_MEMBER).await;
    let paris_id: i32 = one_value(ctx, "SELECT id FROM cities WHERE slug = 'paris'")
        .await
        .parse()
        .expect("city id");
    relais_domain::offer::save(
        ctx,
        &member,
        &relais_domain::offer::OfferInput {
            kinds: vec![relais_domain::help_kind::HelpKind::Developer.code().into()],
            tags: "python".into(),
            themes: Vec::new(),
            languages: vec!["fr".into()],
            city_id: paris_id.to_string(),
            remote: true,
            description: "Du Python le soir.".into(),
            introductions_per_month: "2".into(),
            contactable: true,
            is_public: true,
        },
    )
    .await
    .expect("offer");
    let introduction = relais_domain::introduction::ask_member(
        ctx,
        &alice,
        &project,
        need_id,
        helper,
        "Pourriez-vous nous aider pour les tests ?",
    )
    .await
    .expect("introduction");
    // The demo's date poll in Paris.
    let poll = one_value(ctx, "SELECT MIN(id) FROM date_polls").await;

    let update = relais_domain::journal::post(
        ctx,
        &alice,
        &project,
        &relais_domain::journal::EntryInput {
            body: "Premiers tests avec le conseil de quartier.".into(),
            milestone_id: String::new(),
            is_public: true,
            completes_milestone: false,
        },
    )
    .await
    .expect("journal entry");

    let mut ids: HashMap<&'static str, String> = HashMap::new();
    ids.insert("update", update.to_string());
    ids.insert("project_id", project_id.to_string());
    ids.insert("paris", paris_id.to_string());
    ids.insert("slug", slug.into());
    ids.insert("need", need);
    ids.insert("explainer", explainer.to_string());
    ids.insert("question", question.to_string());
    ids.insert("answer", answer.to_string());
    ids.insert("introduction", introduction.to_string());
    ids.insert("helper", helper.to_string());
    ids.insert("poll", poll.clone());
    ids.insert(
        "private",
        one_value(ctx, "SELECT id FROM projects WHERE NOT is_public")
            .await
            .to_string(),
    );
    ids.insert(
        "edition_slug",
        one_value(ctx, "SELECT slug FROM editions ORDER BY id LIMIT 1").await,
    );
    let private_id = ids["private"].clone();
    ids.insert(
        "private_slug",
        one_value(
            ctx,
            &format!("SELECT slug FROM projects WHERE id = {private_id}"),
        )
        .await,
    );
    for (name, sql) in [
        (
            "milestone",
            format!("SELECT MIN(id) FROM milestones WHERE project_id = {project_id}"),
        ),
        (
            "review",
            format!("SELECT MIN(id) FROM reviews WHERE project_id = {project_id}"),
        ),
        (
            "step",
            format!(
                "SELECT MIN(s.id) FROM review_steps s JOIN reviews r ON r.id = s.review_id \
                 WHERE r.project_id = {project_id}"
            ),
        ),
        (
            "teammate",
            "SELECT id FROM users WHERE email_key = 'bastien@relais.demo'".into(),
        ),
        (
            "assignment",
            format!("SELECT MIN(id) FROM mentor_assignments WHERE project_id = {project_id}"),
        ),
        (
            "series",
            format!("SELECT MIN(id) FROM meetup_series WHERE city_id = {paris_id}"),
        ),
        (
            "meetup",
            format!(
                "SELECT MIN(o.id) FROM meetup_occurrences o WHERE o.city_id = {paris_id} \
                 AND o.status = 'scheduled' \
                 AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.occurrence_id = o.id)"
            ),
        ),
        ("edition", "SELECT MIN(id) FROM editions".into()),
        (
            "other_mentor",
            "SELECT id FROM users WHERE email_key = 'mentor.design@relais.demo'".into(),
        ),
        (
            "slot",
            format!("SELECT MIN(id) FROM poll_slots WHERE poll_id = {poll}"),
        ),
        (
            "email",
            "SELECT MIN(id) FROM email_outbox WHERE recipient_email = 'alice@relais.demo'".into(),
        ),
    ] {
        ids.insert(name, one_value(ctx, &sql).await);
    }
    // An email that failed, to be retried by the coordinators of its city.
    let email = ids["email"].clone();
    ctx.db
        .execute_unprepared(&format!(
            "UPDATE email_outbox SET state = 'failed', last_error = 'refused' WHERE id = {email}"
        ))
        .await
        .expect("a failed email");
    let meetup = ids["meetup"].clone();
    ids.insert(
        "agenda",
        one_value(
            ctx,
            &format!("SELECT MIN(id) FROM agenda_items WHERE occurrence_id = {meetup}"),
        )
        .await,
    );

    let mut people = HashMap::new();
    for who in EVERYONE {
        let client = walk::client_for(&app, who.email()).await;
        // Any page with a form gives the token bound to this person's cookie.
        let token = client.get("/password/forgot").await.csrf_token();
        people.insert(who, (client.cookie_header(), token));
    }
    // The world's app is not used again: its copies are.
    let db = app.freeze().await;
    World {
        db,
        at,
        people,
        ids,
    }
}

impl World {
    /// A client for `app` carrying `who`'s cookies, and `who`'s form token.
    pub fn client(&self, app: &TestApp, who: Who) -> (Client, String) {
        let (cookies, token) = &self.people[&who];
        let mut headers = reqwest::header::HeaderMap::new();
        if !cookies.is_empty() {
            headers.insert("cookie", cookies.parse().expect("cookie header"));
        }
        (Client::with_headers(&app.base_url, headers), token.clone())
    }
}

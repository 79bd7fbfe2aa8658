//! Mise en relation, on SQLite and PostgreSQL: suggestions and their
//! reasons on hand-made members and needs, introductions by consent (ask,
//! accept, decline, expire), their limits, addresses revealed only after
//! acceptance and only to the two people, the follow-up a month later
//! (once), expertise questions, check-ins that add needs, and what
//! coordinators see.

use chrono::Duration;
use relais_domain::entities::{introduction as intro_row, need as need_row, project_member, user};
use relais_domain::expertise_tag::Tag;
use relais_domain::help_kind::HelpKind;
use relais_domain::introduction::{IntroductionState, Outcome};
use relais_domain::matching::Reason;
use relais_domain::need::NeedState;
use relais_domain::sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter,
};
use relais_domain::theme::Theme;
use relais_domain::{Role, project, suggestion};
use relais_tests::{Client, Email, Page, TestApp};
use reqwest::StatusCode;

struct Setup {
    app: TestApp,
    lyon: i32,
    /// The Lyon project's path, `/projects/compost-partage`.
    compost: String,
    /// Its in-person designer need: (path, id).
    design_need: (String, i32),
}

const OWNER: &str = "olivia@example.org";
const MATE: &str = "tom@example.org";
const CAMILLE: &str = "camille@example.org";
const PAUL: &str = "paul@example.org";
const NADIA: &str = "nadia@example.org";
const ZOE: &str = "zoe@example.org";
const PAULINE: &str = "pauline@example.org";
const COORDINATOR: &str = "luc@example.org";

async fn save_offer(app: &TestApp, email: &str, fields: &[(&str, &str)]) {
    let client = app.logged_in(email).await;
    let page = client.submit("/offer", "/offer", fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

async fn publish_need(client: &Client, project: &str, fields: &[(&str, &str)]) -> (String, i32) {
    let page = client
        .submit(project, &format!("{project}/needs"), fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let path = page.location.expect("need path");
    let id = path
        .rsplit('/')
        .next()
        .expect("id")
        .parse()
        .expect("need id");
    (path, id)
}

async fn user_row(app: &TestApp, email: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::EmailKey.eq(email))
        .one(&app.ctx.db)
        .await
        .expect("lookup")
        .expect("account")
}

async fn user_id(app: &TestApp, email: &str) -> i32 {
    user_row(app, email).await.id
}

/// Lyon and Paris; a Lyon team (Olivia, owner, and Tom) whose compost
/// project needs a designer in person; Camille, a designer in Lyon who
/// cares about the environment; Paul, a designer in Paris who helps
/// remotely; Nadia, a designer in Lyon who does not want to be contacted;
/// Zoé, a developer in Lyon; Pauline, whose Paris project needs a designer
/// remotely; Luc, Lyon's coordinator.
async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let (edition, lyon) = app.create_lyon().await;
    let paris = app
        .create_city_in("paris", "Paris", "Europe/Paris", Some(edition))
        .await;
    for (email, name, role, city) in [
        (OWNER, "Olivia Owner", Role::Member, "lyon"),
        (MATE, "Tom Teammate", Role::Member, "lyon"),
        (CAMILLE, "Camille Designer", Role::Member, "lyon"),
        (PAUL, "Paul Remote", Role::Member, "paris"),
        (NADIA, "Nadia Quiet", Role::Member, "lyon"),
        (ZOE, "Zoé Developer", Role::Member, "lyon"),
        (PAULINE, "Pauline Paris", Role::Member, "paris"),
        (COORDINATOR, "Luc Coordination", Role::Coordinator, "lyon"),
    ] {
        app.create_account(email, name, role, Some(city)).await;
    }
    let owner = app.logged_in(OWNER).await;
    let compost = owner.create_compost(lyon).await;
    let compost_row = project::by_slug(&app.ctx, &relais_domain::Actor::Visitor, "compost-partage")
        .await
        .expect("project");
    project_member::ActiveModel {
        project_id: Set(compost_row.row.id),
        user_id: Set(user_id(&app, MATE).await),
        role: Set(relais_domain::project::TeamRole::Member),
        joined_at: Set(app.ctx.now()),
    }
    .insert(&app.ctx.db)
    .await
    .expect("teammate");
    let design_need = publish_need(
        &owner,
        &compost,
        &[
            ("kind", "designer"),
            (
                "description",
                "Revoir le parcours d'inscription des foyers.",
            ),
            ("tags", "UX, Accessibilité"),
            ("languages", "fr"),
        ],
    )
    .await;
    let pauline = app.logged_in(PAULINE).await;
    let velo = pauline
        .create_project(
            "Vélo pour tous",
            "Prêter des vélos aux familles.",
            "social",
            &paris.to_string(),
        )
        .await;
    publish_need(
        &pauline,
        &velo,
        &[
            ("kind", "designer"),
            ("description", "Une affiche et un logo."),
            ("remote", "on"),
            ("languages", "fr"),
        ],
    )
    .await;
    let lyon_text = lyon.to_string();
    let paris_text = paris.to_string();
    save_offer(
        &app,
        CAMILLE,
        &[
            ("kinds", "designer"),
            ("tags", "ux"),
            ("themes", "environmental"),
            ("languages", "fr"),
            ("city_id", &lyon_text),
            ("introductions_per_month", "2"),
            ("contactable", "on"),
        ],
    )
    .await;
    save_offer(
        &app,
        PAUL,
        &[
            ("kinds", "designer"),
            ("languages", "fr"),
            ("city_id", &paris_text),
            ("remote", "on"),
            ("introductions_per_month", "2"),
            ("contactable", "on"),
        ],
    )
    .await;
    save_offer(
        &app,
        NADIA,
        &[
            ("kinds", "designer"),
            ("tags", "ux, accessibilité"),
            ("languages", "fr"),
            ("city_id", &lyon_text),
            ("introductions_per_month", "2"),
        ],
    )
    .await;
    save_offer(
        &app,
        ZOE,
        &[
            ("kinds", "developer"),
            ("tags", "python"),
            ("languages", "fr"),
            ("city_id", &lyon_text),
            ("introductions_per_month", "1"),
            ("contactable", "on"),
        ],
    )
    .await;
    Setup {
        app,
        lyon,
        compost,
        design_need,
    }
}

fn emails_to<'a>(emails: &'a [Email], address: &str) -> Vec<&'a Email> {
    emails.iter().filter(|e| e.to.contains(address)).collect()
}

async fn intro_rows(app: &TestApp) -> Vec<intro_row::Model> {
    intro_row::Entity::find()
        .all(&app.ctx.db)
        .await
        .expect("introductions")
}

async fn need_state(app: &TestApp, id: i32) -> NeedState {
    need_row::Entity::find_by_id(id)
        .one(&app.ctx.db)
        .await
        .expect("need")
        .expect("need row")
        .state
}

/// Camille offers help with the compost design need.
async fn camille_offers_help(s: &Setup) -> Client {
    let camille = s.app.logged_in(CAMILLE).await;
    let page = camille
        .submit(
            &s.design_need.0,
            &format!("{}/help", s.design_need.0),
            &[("message", "Bonjour, je conçois des parcours simples.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    camille
}

#[tokio::test]
async fn suggestions_explain_why_and_put_the_members_own_city_first() {
    let s = setup().await;
    let camille = user_id(&s.app, CAMILLE).await;
    let mine = suggestion::for_member(&s.app.ctx.db, camille, 10)
        .await
        .expect("suggestions");
    // Camille is in Lyon and does not help remotely: the Paris need is
    // remote, but she does not accept remote help.
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].project_title, "Compost partagé");
    assert_eq!(
        mine[0].fit.reasons,
        vec![
            Reason::Kind(HelpKind::Designer),
            Reason::Tags(vec![Tag::stored("ux".into())]),
            Reason::SameCity,
            Reason::Theme(Theme::Environmental),
        ]
    );
    let paul = user_id(&s.app, PAUL).await;
    let theirs = suggestion::for_member(&s.app.ctx.db, paul, 10)
        .await
        .expect("suggestions");
    let titles: Vec<&str> = theirs.iter().map(|n| n.project_title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Vélo pour tous"],
        "own city first; Lyon is in person"
    );
    assert!(theirs[0].fit.same_city);

    // The team's side: contactable members that fit, with the same reasons.
    let visitor = relais_domain::Actor::Visitor;
    let compost = project::by_slug(&s.app.ctx, &visitor, "compost-partage")
        .await
        .expect("project");
    let need = relais_domain::need::get(&s.app.ctx.db, &compost, s.design_need.1)
        .await
        .expect("need");
    let members = suggestion::for_need(&s.app.ctx.db, &compost, &need, s.app.ctx.now(), 10)
        .await
        .expect("members");
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Camille Designer"],
        "Nadia is not contactable, Paul is in Paris, Zoé develops"
    );

    // The pages say it in words.
    let page = s.app.logged_in(CAMILLE).await.get("/relation").await;
    page.assert_contains("designer · ux · Lyon · intéressé·e par l'environnement");
    let team_page = s.app.logged_in(OWNER).await.get(&s.design_need.0).await;
    team_page.assert_contains("Camille Designer");
    team_page.assert_contains("designer · ux · Lyon · intéressé·e par l'environnement");
    assert!(!team_page.body.contains("Nadia"), "not contactable");
}

#[tokio::test]
async fn an_accepted_introduction_gives_each_side_the_others_address_and_only_then() {
    let s = setup().await;
    let camille = camille_offers_help(&s).await;
    let emails = s.app.deliver().await;
    assert!(
        emails_to(&emails, CAMILLE).is_empty(),
        "the asker gets nothing yet"
    );
    let to_team: Vec<&Email> = [OWNER, MATE]
        .iter()
        .flat_map(|a| emails_to(&emails, a))
        .collect();
    assert_eq!(to_team.len(), 2, "each team member may answer");
    for email in &to_team {
        assert!(
            email
                .text()
                .contains("Bonjour, je conçois des parcours simples.")
        );
        assert!(!email.text().contains(CAMILLE), "no address in a request");
    }
    // Before acceptance, neither side's pages show the other's address.
    let owner = s.app.logged_in(OWNER).await;
    let hub = owner.get("/relation").await;
    hub.assert_contains("Camille Designer propose son aide");
    assert!(!hub.body.contains(CAMILLE));
    assert!(!camille.get("/relation").await.body.contains(OWNER));
    assert_eq!(need_state(&s.app, s.design_need.1).await, NeedState::Open);

    // Olivia accepts from the emailed link, without logging in.
    let link = emails_to(&emails, OWNER)[0].link(&s.app.base_url, "/introductions/answer/");
    let anyone = s.app.client();
    let form = anyone.get(&link).await;
    form.assert_contains("Bonjour, je conçois des parcours simples.");
    let done = anyone
        .post_raw(
            &link,
            &[("csrf_token", &form.csrf_token()), ("answer", "accept")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let again = anyone
        .post_raw(
            &link,
            &[("csrf_token", &form.csrf_token()), ("answer", "decline")],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "the first answer counts"
    );
    again.assert_contains("Cette demande a déjà reçu une réponse.");

    let emails = s.app.deliver().await;
    let accepted = |to: &str| {
        emails_to(&emails, to)
            .into_iter()
            .filter(|e| e.subject.starts_with("Mise en relation"))
            .collect::<Vec<_>>()
    };
    let to_camille = accepted(CAMILLE);
    let to_olivia = accepted(OWNER);
    assert_eq!((to_camille.len(), to_olivia.len()), (1, 1));
    assert!(
        to_camille[0].text().contains(OWNER),
        "{}",
        to_camille[0].text()
    );
    assert!(
        to_olivia[0].text().contains(CAMILLE),
        "{}",
        to_olivia[0].text()
    );
    assert!(accepted(MATE).is_empty(), "only the two people");
    assert_eq!(
        need_state(&s.app, s.design_need.1).await,
        NeedState::InDiscussion
    );
    // After acceptance, the two see each other's address; Tom does not.
    camille.get("/relation").await.assert_contains(OWNER);
    owner.get("/relation").await.assert_contains(CAMILLE);
    let tom = s.app.logged_in(MATE).await.get("/relation").await;
    tom.assert_contains("acceptée");
    assert!(!tom.body.contains(CAMILLE));
}

#[tokio::test]
async fn a_decline_is_kind_and_final_for_the_pair_and_need() {
    let s = setup().await;
    let owner = s.app.logged_in(OWNER).await;
    let zoe = user_id(&s.app, ZOE).await;
    let camille = user_id(&s.app, CAMILLE).await;
    let ask = |member: i32| format!("{}/ask/{member}", s.design_need.0);
    let page = owner
        .submit(
            &s.design_need.0,
            &ask(camille),
            &[("message", "Pourriez-vous nous aider ?")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let request = s.app.last_email_to(CAMILLE).await;
    assert!(
        request.subject.contains("Compost partagé"),
        "{}",
        request.subject
    );
    // Camille declines from the site.
    let camille_client = s.app.logged_in(CAMILLE).await;
    let id = intro_rows(&s.app).await[0].id;
    let declined = camille_client
        .submit("/relation", &format!("/introductions/{id}/decline"), &[])
        .await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER);
    let told = s.app.last_email_to(OWNER).await;
    assert!(
        told.subject.starts_with("Votre demande pour"),
        "{}",
        told.subject
    );
    assert!(
        told.text().contains("Merci d'avoir demandé"),
        "{}",
        told.text()
    );
    assert!(!told.text().contains(CAMILLE));
    // Final: neither side can ask again about this need.
    let again = owner
        .submit(
            &s.design_need.0,
            &ask(camille),
            &[("message", "Et maintenant ?")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("Cette demande a déjà été déclinée");
    again.assert_contains("Et maintenant ?");
    let offer = camille_client
        .submit(
            &s.design_need.0,
            &format!("{}/help", s.design_need.0),
            &[("message", "Finalement oui")],
        )
        .await;
    assert_eq!(offer.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Other members may still be asked, and Zoé (a developer) can be too.
    let other = owner
        .submit(&s.design_need.0, &ask(zoe), &[("message", "Bonjour Zoé")])
        .await;
    assert_eq!(other.status, StatusCode::SEE_OTHER, "{}", other.body);
}

#[tokio::test]
async fn requests_expire_after_thirty_days_and_the_asker_is_told() {
    let s = setup().await;
    camille_offers_help(&s).await;
    let emails = s.app.deliver().await;
    let link = emails_to(&emails, OWNER)[0].link(&s.app.base_url, "/introductions/answer/");
    s.app.advance(Duration::days(29));
    let early = relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
        .await
        .expect("run")
        .expect("slot");
    assert_eq!(early.expired, 0);
    s.app.advance(Duration::days(1) + Duration::hours(1));
    let report = relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
        .await
        .expect("run")
        .expect("slot");
    assert_eq!(report.expired, 1);
    assert_eq!(
        intro_rows(&s.app).await[0].state,
        IntroductionState::Expired
    );
    let told = s.app.last_email_to(CAMILLE).await;
    assert!(told.subject.starts_with("Sans réponse"), "{}", told.subject);
    // The link no longer accepts.
    let anyone = s.app.client();
    anyone.get(&link).await.assert_contains("expirée");
    let token = anyone.get("/login").await.csrf_token();
    let late = anyone
        .post_raw(&link, &[("csrf_token", &token), ("answer", "accept")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        emails_to(&s.app.deliver().await, CAMILLE)
            .iter()
            .all(|e| !e.text().contains(OWNER))
    );
    // The same slot again does nothing.
    assert!(
        relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
            .await
            .expect("run")
            .is_none()
    );
}

fn refused(page: &Page, text: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    page.assert_contains(text);
}

#[tokio::test]
async fn requests_to_oneself_to_the_uncontactable_or_for_filled_needs_or_beyond_limits_are_refused()
{
    let s = setup().await;
    let owner = s.app.logged_in(OWNER).await;
    let need = &s.design_need.0;
    // To oneself: a team member offering help to their own project.
    let mate = s.app.logged_in(MATE).await;
    refused(
        &mate
            .submit(need, &format!("{need}/help"), &[("message", "Moi !")])
            .await,
        "Vous faites partie de cette équipe",
    );
    // To a member who is not contactable.
    let nadia = user_id(&s.app, NADIA).await;
    refused(
        &owner
            .submit(
                need,
                &format!("{need}/ask/{nadia}"),
                &[("message", "Bonjour")],
            )
            .await,
        "ne souhaite pas être contactée",
    );
    // A message that is too long keeps what was typed.
    let long = "é".repeat(1001);
    let camille = s.app.logged_in(CAMILLE).await;
    let page = camille
        .submit(need, &format!("{need}/help"), &[("message", &long)])
        .await;
    refused(&page, "trop long");
    page.assert_contains(&long);
    // Beyond a member's monthly share: Zoé accepts one request a month.
    let zoe = user_id(&s.app, ZOE).await;
    let first = owner
        .submit(need, &format!("{need}/ask/{zoe}"), &[("message", "Un")])
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let pauline = s.app.logged_in(PAULINE).await;
    let velo_need = need_row::Entity::find()
        .all(&s.app.ctx.db)
        .await
        .expect("needs")
        .into_iter()
        .find(|n| n.description == "Une affiche et un logo.")
        .expect("velo need");
    let velo = format!("/projects/velo-pour-tous/needs/{}", velo_need.id);
    refused(
        &pauline
            .submit(&velo, &format!("{velo}/ask/{zoe}"), &[("message", "Deux")])
            .await,
        "a reçu ce mois-ci toutes les demandes",
    );
    // Three a day per asker: Olivia asked Zoé; two more pass, the fourth
    // is refused.
    let paul = user_id(&s.app, PAUL).await;
    let camille_id = user_id(&s.app, CAMILLE).await;
    for member in [paul, camille_id] {
        // Paul is remote-only for Lyon but may still be asked directly.
        let ok = owner
            .submit(
                need,
                &format!("{need}/ask/{member}"),
                &[("message", "Oui ?")],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    }
    let extra = s
        .app
        .create_account("eve@example.org", "Eve", Role::Member, Some("lyon"))
        .await;
    save_offer(
        &s.app,
        "eve@example.org",
        &[
            ("kinds", "designer"),
            ("languages", "fr"),
            ("introductions_per_month", "5"),
            ("contactable", "on"),
        ],
    )
    .await;
    refused(
        &owner
            .submit(
                need,
                &format!("{need}/ask/{extra}"),
                &[("message", "Quatre")],
            )
            .await,
        "3 demandes dans les dernières 24 heures",
    );
    // Five waiting at once: two more on the next day pass, then it stops.
    s.app.advance(Duration::days(1) + Duration::minutes(1));
    let owner = s.app.logged_in(OWNER).await;
    let mut waiting_ok = 3;
    for i in 0..3 {
        let email = format!("helper{i}@example.org");
        let id = s
            .app
            .create_account(&email, &format!("Helper {i}"), Role::Member, Some("lyon"))
            .await;
        save_offer(
            &s.app,
            &email,
            &[
                ("kinds", "designer"),
                ("languages", "fr"),
                ("introductions_per_month", "5"),
                ("contactable", "on"),
            ],
        )
        .await;
        let page = owner
            .submit(need, &format!("{need}/ask/{id}"), &[("message", "Encore")])
            .await;
        if waiting_ok < 5 {
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
            waiting_ok += 1;
        } else {
            refused(&page, "Vous avez déjà 5 demandes en attente");
        }
    }
    // A filled need takes no more requests.
    let filled = owner
        .submit(need, &format!("{need}/state"), &[("state", "filled")])
        .await;
    assert_eq!(filled.status, StatusCode::SEE_OTHER);
    let late = s.app.logged_in("eve@example.org").await;
    let page = late
        .submit(need, &format!("{need}/help"), &[("message", "Je peux ?")])
        .await;
    // The help form is gone from a filled need's page; posting anyway is refused.
    refused(&page, "Ce besoin est pourvu ou retiré");
}

#[tokio::test]
async fn a_withdrawn_need_closes_its_waiting_requests_with_a_polite_email() {
    let s = setup().await;
    camille_offers_help(&s).await;
    s.app.deliver().await;
    let owner = s.app.logged_in(OWNER).await;
    let need = &s.design_need.0;
    let page = owner
        .submit(need, &format!("{need}/state"), &[("state", "withdrawn")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(intro_rows(&s.app).await[0].state, IntroductionState::Closed);
    let told = s.app.last_email_to(CAMILLE).await;
    assert!(
        told.text().contains("a retiré son besoin"),
        "{}",
        told.text()
    );
    assert!(told.text().contains("Merci de votre intérêt"));
    // A withdrawn need leaves the public pages.
    let visitor = s.app.client();
    assert_eq!(visitor.get(need).await.status, StatusCode::NOT_FOUND);
    assert!(
        !visitor
            .get("/needs")
            .await
            .body
            .contains("Revoir le parcours")
    );
}

#[tokio::test]
async fn both_sides_are_asked_a_month_later_whether_it_led_somewhere_once() {
    let s = setup().await;
    camille_offers_help(&s).await;
    let camille_client = s.app.logged_in(CAMILLE).await;
    let id = intro_rows(&s.app).await[0].id;
    let owner = s.app.logged_in(OWNER).await;
    let accepted = owner
        .submit("/relation", &format!("/introductions/{id}/accept"), &[])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    s.app.deliver().await;
    s.app.advance(Duration::days(29));
    let early = relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
        .await
        .expect("run")
        .expect("slot");
    assert_eq!(early.follow_ups, 0);
    s.app.advance(Duration::days(1) + Duration::hours(1));
    let due = relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
        .await
        .expect("run")
        .expect("slot");
    assert_eq!(due.follow_ups, 2);
    s.app.advance(Duration::hours(1));
    let again = relais_scheduler::introductions::run(&s.app.jobs, s.app.ctx.now())
        .await
        .expect("run")
        .expect("slot");
    assert_eq!(again.follow_ups, 0, "asked once");
    let emails = s.app.deliver().await;
    let follow_up = |to: &str| {
        emails_to(&emails, to)
            .into_iter()
            .filter(|e| e.subject.contains("a-t-elle abouti"))
            .collect::<Vec<_>>()
    };
    assert_eq!((follow_up(CAMILLE).len(), follow_up(OWNER).len()), (1, 1));
    assert!(follow_up(MATE).is_empty());
    let link = follow_up(CAMILLE)[0].link(&s.app.base_url, "/follow-up/");
    let anyone = s.app.client();
    let page = anyone.get(&link).await;
    page.assert_contains("Olivia Owner");
    let answered = anyone
        .post_raw(
            &link,
            &[
                ("csrf_token", &page.csrf_token()),
                ("outcome", "in_progress"),
            ],
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK);
    let counts = relais_domain::introduction::counts_by_city(&s.app.ctx.db, None)
        .await
        .expect("counts");
    let lyon = counts.iter().find(|c| c.city_id == s.lyon).expect("Lyon");
    assert_eq!(lyon.state(IntroductionState::Accepted), 1);
    assert_eq!(lyon.outcome(Outcome::InProgress), 1);
    assert_eq!(lyon.outcome(Outcome::Yes), 0);
    drop(camille_client);
}

#[tokio::test]
async fn expertise_questions_show_answers_to_whom_the_team_chose_and_the_helpful_one() {
    let s = setup().await;
    let owner = s.app.logged_in(OWNER).await;
    let need = &s.design_need.0;
    let asked = owner
        .submit(
            need,
            &format!("{need}/questions"),
            &[("question", "Quel contraste pour nos boutons ?")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let question = asked.location.expect("question path");
    let question = question.split('#').next().expect("path").to_owned();
    // Team-only answers: each author reads their own, the team reads all.
    let camille = s.app.logged_in(CAMILLE).await;
    let answered = camille
        .submit(
            &question,
            &format!("{question}/answers"),
            &[("answer", "Un rapport de 4,5:1 au moins (RGAA).")],
        )
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let zoe = s.app.logged_in(ZOE).await;
    let zoe_sees = zoe.get(&question).await;
    zoe_sees.assert_contains("Quel contraste pour nos boutons ?");
    assert!(!zoe_sees.body.contains("4,5:1"), "team-only");
    zoe_sees.assert_contains("Une autre réponse est réservée à l'équipe.");
    assert!(!s.app.client().get(&question).await.body.contains("4,5:1"));
    let team = owner.get(&question).await;
    team.assert_contains("4,5:1");
    // The team replies in the thread, and marks the answer as helpful.
    let answer_id = regex::Regex::new(r#"id="answer-(\d+)""#)
        .expect("regex")
        .captures(&team.body)
        .expect("answer id")[1]
        .to_owned();
    let reply = owner
        .submit(
            &question,
            &format!("{question}/answers"),
            &[("parent_id", &answer_id), ("answer", "Merci, c'est noté.")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    camille
        .get(&question)
        .await
        .assert_contains("Merci, c'est noté.");
    assert!(!zoe.get(&question).await.body.contains("Merci, c'est noté."));
    let marked = owner
        .submit(&question, &format!("{question}/helpful/{answer_id}"), &[])
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER);
    owner
        .get(&s.compost)
        .await
        .assert_contains("Un rapport de 4,5:1 au moins");
    assert!(
        !s.app.client().get(&s.compost).await.body.contains("4,5:1"),
        "a team-only answer stays with the team on the project page"
    );
    // A public question's helpful answer shows to everyone.
    let public = owner
        .submit(
            need,
            &format!("{need}/questions"),
            &[
                ("question", "Quelle licence pour nos données ?"),
                ("answers_public", "on"),
            ],
        )
        .await;
    let public = public.location.expect("path");
    camille
        .submit(
            &public,
            &format!("{public}/answers"),
            &[("answer", "La Licence Ouverte 2.0.")],
        )
        .await;
    let thread = s.app.client().get(&public).await;
    thread.assert_contains("La Licence Ouverte 2.0.");
    let id = regex::Regex::new(r#"id="answer-(\d+)""#)
        .expect("regex")
        .captures(&thread.body)
        .expect("answer")[1]
        .to_owned();
    owner
        .submit(&public, &format!("{public}/helpful/{id}"), &[])
        .await;
    s.app
        .client()
        .get(&s.compost)
        .await
        .assert_contains("La Licence Ouverte 2.0.");
    // Only the team marks answers.
    let refused = camille
        .submit(&public, &format!("{public}/helpful/{id}"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Members whose offer fits the need hear of questions in their digest.
    let nadia = user_row(&s.app, NADIA).await;
    let from = s.app.ctx.now() - Duration::hours(1);
    let zoe_row = user_row(&s.app, ZOE).await;
    let until = s.app.ctx.now() + Duration::hours(1);
    let reader = |user_id| relais_domain::expertise_question::DigestReader {
        user_id,
        from,
        until,
    };
    let mut both = relais_domain::expertise_question::digest_items(
        &s.app.ctx.db,
        &[reader(nadia.id), reader(zoe_row.id)],
    )
    .await
    .expect("digest items");
    let none = both.pop().expect("zoe's");
    let items = both.pop().expect("nadia's");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        items
            .iter()
            .all(|i| i.kind == relais_domain::email_message::DigestKind::Question)
    );
    assert!(
        none.is_empty(),
        "a developer is not told of a design question"
    );
}

#[tokio::test]
async fn a_check_in_that_names_a_need_adds_one_and_keeps_the_others() {
    let s = setup().await;
    relais_domain::check_in::plan(&s.app.ctx, s.app.ctx.now())
        .await
        .expect("check-ins");
    let email = s.app.last_email_to(OWNER).await;
    let link = email.link(&s.app.base_url, "/check-in/");
    let anyone = s.app.client();
    let form = anyone.get(&link).await;
    let done = anyone
        .post_raw(
            &link,
            &[
                ("csrf_token", &form.csrf_token()),
                ("progress", "Trois bacs installés."),
                ("needs", "Une juriste pour nos statuts"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let page = s.app.client().get(&s.compost).await;
    page.assert_contains("Une juriste pour nos statuts");
    page.assert_contains("Revoir le parcours d'inscription des foyers.");
}

#[tokio::test]
async fn coordinators_see_volumes_but_never_messages() {
    let s = setup().await;
    camille_offers_help(&s).await;
    let luc = s.app.logged_in(COORDINATOR).await;
    let page = luc.get("/admin/introductions").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Lyon");
    assert!(!page.body.contains("je conçois des parcours"), "no message");
    assert!(
        !page.body.contains("Paris"),
        "only the cities Luc coordinates"
    );
    let counts = relais_domain::introduction::volumes(
        &s.app.ctx.db,
        &relais_domain::account::load(&s.app.ctx.db, user_id(&s.app, COORDINATOR).await)
            .await
            .expect("lookup")
            .expect("Luc")
            .actor(),
        None,
    )
    .await
    .expect("volumes");
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].state(IntroductionState::Pending), 1);
    let member = s.app.logged_in(ZOE).await;
    assert_eq!(
        member.get("/admin/introductions").await.status,
        StatusCode::FORBIDDEN
    );
    let open = relais_domain::need::open_counts_by_city(&s.app.ctx.db, None)
        .await
        .expect("open needs");
    assert!(open.contains(&(s.lyon, 1)), "{open:?}");
}

#[tokio::test]
async fn no_page_feed_or_answer_shows_a_members_address_before_an_introduction_is_accepted() {
    let s = setup().await;
    // Camille makes her offer public; she asks to help, the team asks Paul,
    // and a public question gets her answer.
    save_offer(
        &s.app,
        CAMILLE,
        &[
            ("kinds", "designer"),
            ("tags", "ux"),
            ("languages", "fr"),
            ("city_id", &s.lyon.to_string()),
            ("introductions_per_month", "2"),
            ("contactable", "on"),
            ("is_public", "on"),
        ],
    )
    .await;
    let camille = camille_offers_help(&s).await;
    let owner = s.app.logged_in(OWNER).await;
    let need = &s.design_need.0;
    let paul = user_id(&s.app, PAUL).await;
    let asked = owner
        .submit(
            need,
            &format!("{need}/ask/{paul}"),
            &[("message", "Paul ?")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let question = owner
        .submit(
            need,
            &format!("{need}/questions"),
            &[("question", "Des couleurs ?"), ("answers_public", "on")],
        )
        .await
        .location
        .expect("question");
    camille
        .submit(
            &question,
            &format!("{question}/answers"),
            &[("answer", "Du vert.")],
        )
        .await;
    let emails = s.app.deliver().await;
    let answer_link = emails_to(&emails, OWNER)[0].link(&s.app.base_url, "/introductions/answer/");
    let answer_path = answer_link.trim_start_matches(&s.app.base_url).to_owned();

    let everyone = [OWNER, MATE, CAMILLE, PAUL, NADIA, ZOE, PAULINE, COORDINATOR];
    let paths = [
        "/",
        "/projects",
        "/projects?need=designer",
        s.compost.as_str(),
        need,
        question.as_str(),
        "/needs",
        "/helpers",
        "/relation",
        "/offer",
        "/dashboard",
        "/meetups",
        "/videos",
        "/admin",
        "/admin/introductions",
        "/feed.atom",
        "/projects/compost-partage/feed.atom",
        "/videos/feed.atom",
        "/cities/lyon/meetups.ics",
        answer_path.as_str(),
    ];
    let mut viewers: Vec<(Option<&str>, Client)> = vec![(None, s.app.client())];
    for who in everyone {
        viewers.push((Some(who), s.app.logged_in(who).await));
    }
    let mut checked = 0;
    for (who, client) in &viewers {
        for path in paths {
            let page = client.get(path).await;
            for address in everyone.iter().filter(|a| Some(**a) != *who) {
                assert!(
                    !page.body.contains(address),
                    "{path} shows {address} to {who:?} before any acceptance"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 9 * paths.len());
    // The request page behind Olivia's link, opened by anyone holding it.
    let held = s.app.client().get(&answer_path).await;
    assert_eq!(held.status, StatusCode::OK);
    assert!(!held.body.contains(CAMILLE));
}

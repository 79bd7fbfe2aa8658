//! Mentoring journeys over HTTP: assignments, reviews, requests, answers,
//! next steps turned into milestones, cadence, and who may do what.

use chrono::Duration;
use relais_domain::Role;
use relais_tests::lyon::LYON_TEAM;
use relais_tests::{Client, Page, TestApp};
use reqwest::StatusCode;

struct Setup {
    app: TestApp,
    lyon: String,
    project: String,
    project_id: String,
}

/// Lyon with a coordinator, two mentors (one with room for a single
/// project), a team of two, and Dakar's coordinator for contrast.
async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let edition = app.create_edition("2018", "2018-03-09").await.to_string();
    let lyon = app
        .create_city_in(
            "lyon",
            "Lyon",
            "Europe/Paris",
            Some(edition.parse().expect("id")),
        )
        .await
        .to_string();
    app.create_city_in(
        "dakar",
        "Dakar",
        "Africa/Dakar",
        Some(edition.parse().expect("id")),
    )
    .await;
    app.create_accounts(&LYON_TEAM).await;
    app.create_accounts(&[
        (
            "other.mentor@example.org",
            "Omar Mentor",
            Role::Mentor,
            Some("lyon"),
        ),
        (
            "dakar@example.org",
            "Awa Coord",
            Role::Coordinator,
            Some("dakar"),
        ),
    ])
    .await;
    let owner = app.logged_in("owner@example.org").await;
    let project = owner
        .create_project("Vélo-école", "Une phrase.", "social", &lyon)
        .await;
    app.join_team(&owner, &project, "mate@example.org").await;
    let coverage = app
        .logged_in("coord@example.org")
        .await
        .get(&format!("/admin/mentoring?city={lyon}"))
        .await;
    let project_id = coverage.option_value("Vélo-école");
    Setup {
        app,
        lyon,
        project,
        project_id,
    }
}

async fn assign(s: &Setup, coordinator: &Client, mentor_label: &str) -> Page {
    let coverage = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    let mentor_id = coverage.option_value(mentor_label);
    coordinator
        .submit(
            &format!("/admin/mentoring?city={}", s.lyon),
            "/admin/mentoring/assign",
            &[
                ("city", &s.lyon),
                ("project_id", &s.project_id),
                ("mentor_id", &mentor_id),
            ],
        )
        .await
}

fn review_fields<'a>(impact: &'a str, steps: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("impact", impact),
        ("impact_comment", "Utile aux adultes."),
        ("progress", "3"),
        ("progress_comment", ""),
        ("openness", "5"),
        ("openness_comment", "Code sous MPL."),
        ("team_health", "4"),
        ("team_health_comment", ""),
        ("strengths", "Une équipe à l'écoute."),
        ("recommendations", "Mesurer les inscriptions."),
        ("next_steps", steps),
    ]
}

#[tokio::test]
async fn coordinators_assign_mentors_of_their_city_within_each_mentors_capacity() {
    let s = setup().await;
    let coordinator = s.app.logged_in("coord@example.org").await;
    let page = assign(&s, &coordinator, "Mina Mentor").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let again = assign(&s, &coordinator, "Mina Mentor").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("Ce mentor suit déjà ce projet.");

    // Omar can follow one project only; a second is refused.
    let omar = s.app.logged_in("other.mentor@example.org").await;
    let saved = omar
        .submit(
            "/mentor",
            "/mentor",
            &[("expertise", "law"), ("capacity", "1")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let bad = omar
        .submit(
            "/mentor",
            "/mentor",
            &[("expertise", "astrology"), ("capacity", "99")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Donnez un nombre de 0 à 30.");
    bad.assert_contains(r#"value="99""#);
    assert_eq!(
        assign(&s, &coordinator, "Omar Mentor").await.status,
        StatusCode::SEE_OTHER
    );
    let owner = s.app.logged_in("owner@example.org").await;
    let second = owner
        .create_project("Deuxième projet", "Une phrase.", "social", &s.lyon)
        .await;
    let coverage = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    let second_id = coverage.option_value("Deuxième projet");
    let omar_id = coverage.option_value("Omar Mentor");
    let full = coordinator
        .submit(
            &format!("/admin/mentoring?city={}", s.lyon),
            "/admin/mentoring/assign",
            &[
                ("city", &s.lyon),
                ("project_id", &second_id),
                ("mentor_id", &omar_id),
            ],
        )
        .await;
    assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
    full.assert_contains("Ce mentor suit déjà autant de projets qu'il le peut.");
    assert!(second.starts_with("/projects/"));

    // Another city's coordinator and a mentor cannot assign here.
    let dakar = s.app.logged_in("dakar@example.org").await;
    let token = dakar.get("/profile").await.csrf_token();
    let refused = dakar
        .post_raw(
            "/admin/mentoring/assign",
            &[
                ("csrf_token", &token),
                ("city", &s.lyon),
                ("project_id", &s.project_id),
                ("mentor_id", &omar_id),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        omar.get("/admin/mentoring").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_mentor_profile_keeps_its_areas_and_a_stored_unknown_area_is_an_error() {
    use relais_domain::mentor::{self, Expertise};
    use relais_domain::sea_orm::ConnectionTrait;
    let s = setup().await;
    let omar = s.app.logged_in("other.mentor@example.org").await;
    let omar_id = s.app.user_id("other.mentor@example.org").await;
    let (law, design) = (Expertise::Law.code(), Expertise::Design.code());
    let saved = omar
        .submit(
            "/mentor",
            "/mentor",
            &[
                ("expertise", law),
                ("expertise", design),
                ("expertise", law),
                ("capacity", "2"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let profile = mentor::profile(&s.app.ctx.db, omar_id)
        .await
        .expect("profile");
    assert_eq!(profile.expertise, vec![Expertise::Law, Expertise::Design]);
    let page = omar.get("/mentor").await;
    page.assert_contains(&format!(r#"value="{law}" checked"#));
    page.assert_contains(&format!(r#"value="{design}" checked"#));

    let bad = omar
        .submit(
            "/mentor",
            "/mentor",
            &[
                ("expertise", law),
                ("expertise", "astrology"),
                ("capacity", "2"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Choix invalide.");

    // A code the enum does not know, written behind the application's back.
    s.app
        .ctx
        .db
        .execute_unprepared(&format!(
            "UPDATE mentor_profiles SET expertise = '{law},astrology' WHERE user_id = {omar_id}"
        ))
        .await
        .expect("update");
    assert!(mentor::profile(&s.app.ctx.db, omar_id).await.is_err());
    assert!(omar.get("/mentor").await.status.is_server_error());
}

#[tokio::test]
async fn only_an_assigned_mentor_writes_a_review_which_stays_editable_for_48_hours() {
    let s = setup().await;
    let coordinator = s.app.logged_in("coord@example.org").await;
    assign(&s, &coordinator, "Mina Mentor").await;
    let reviews = format!("{}/reviews", s.project);

    // Who may read: not visitors, not other members, not unassigned mentors.
    assert_eq!(
        s.app.client().get(&reviews).await.status,
        StatusCode::UNAUTHORIZED
    );
    let stranger = s.app.logged_in("dakar@example.org").await;
    assert_eq!(stranger.get(&reviews).await.status, StatusCode::NOT_FOUND);
    let omar = s.app.logged_in("other.mentor@example.org").await;
    assert_eq!(
        omar.get(&format!("{reviews}/new")).await.status,
        StatusCode::NOT_FOUND
    );
    let owner = s.app.logged_in("owner@example.org").await;
    assert_eq!(
        owner.get(&format!("{reviews}/new")).await.status,
        StatusCode::FORBIDDEN,
        "a team member cannot review their own project"
    );
    assert_eq!(coordinator.get(&reviews).await.status, StatusCode::OK);

    let mina = s.app.logged_in("mentor@example.org").await;
    let bad = mina
        .submit(
            &format!("{reviews}/new"),
            &reviews,
            &review_fields("7", "Une étape"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("La note d'impact va de 1 à 5.");
    bad.assert_contains("Utile aux adultes.");
    // Scores left out: each message names its score, the summary counts them.
    let mut unscored = review_fields("", "Une étape");
    for (name, value) in unscored.iter_mut() {
        if matches!(*name, "progress" | "team_health") {
            *value = "";
        }
    }
    let unscored = mina
        .submit(&format!("{reviews}/new"), &reviews, &unscored)
        .await;
    assert_eq!(unscored.status, StatusCode::UNPROCESSABLE_ENTITY);
    unscored.assert_contains("Il y a 3 erreurs");
    for (field, message) in [
        ("impact", "Donnez une note d'impact, de 1 à 5."),
        ("progress", "Indiquez où en est le projet."),
        (
            "team_health",
            "Donnez une note à la santé de l'équipe, de 1 à 5.",
        ),
    ] {
        unscored.assert_contains(&format!(r##"<a href="#field-{field}">{message}</a>"##));
    }
    assert!(!unscored.body.contains("Ce champ est obligatoire."));
    unscored.assert_contains("Utile aux adultes.");
    let ok = mina
        .submit(
            &format!("{reviews}/new"),
            &reviews,
            &review_fields("4", "Publier le code\nMesurer les inscriptions"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let id = ok
        .location
        .expect("location")
        .rsplit('-')
        .next()
        .expect("id")
        .to_owned();
    let page = owner.get(&reviews).await;
    page.assert_contains("Retour de Mina Mentor");
    page.assert_contains("4 / 5");
    page.assert_contains("Publier le code");

    let edit = format!("{reviews}/{id}/edit");
    let changed = mina
        .submit(
            &edit,
            &edit,
            &review_fields("5", "Publier le code\nMesurer les inscriptions"),
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    owner.get(&reviews).await.assert_contains("5 / 5");
    s.app.advance(Duration::hours(49));
    let mina = s.app.logged_in("mentor@example.org").await;
    assert_eq!(mina.get(&edit).await.status, StatusCode::FORBIDDEN);
    let token = mina.get(&reviews).await.csrf_token();
    let mut late = vec![("csrf_token", token.as_str())];
    late.extend(review_fields("1", ""));
    let refused = mina.post_raw(&edit, &late).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Un retour ne se modifie que pendant 48 heures.");
}

#[tokio::test]
async fn the_team_asks_answers_and_turns_next_steps_into_milestones() {
    let s = setup().await;
    let owner = s.app.logged_in("owner@example.org").await;
    let reviews = format!("{}/reviews", s.project);
    let alone = owner
        .submit(
            &reviews,
            &format!("{}/review-requests", s.project),
            &[("question", "Que pensez-vous du parcours ?")],
        )
        .await;
    assert_eq!(alone.status, StatusCode::UNPROCESSABLE_ENTITY);
    alone.assert_contains("Ce projet n'a pas encore de mentor");
    alone.assert_contains("Que pensez-vous du parcours ?");

    let coordinator = s.app.logged_in("coord@example.org").await;
    assign(&s, &coordinator, "Mina Mentor").await;
    let asked = owner
        .submit(
            &reviews,
            &format!("{}/review-requests", s.project),
            &[("question", "Que pensez-vous du parcours ?")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let mina = s.app.logged_in("mentor@example.org").await;
    let dashboard = mina.get("/mentor").await;
    dashboard.assert_contains("Que pensez-vous du parcours ?");
    dashboard.assert_contains("retour attendu");

    mina.submit(
        &format!("{reviews}/new"),
        &reviews,
        &review_fields("4", "Publier le code\nMesurer les inscriptions"),
    )
    .await;
    let dashboard = mina.get("/mentor").await;
    assert!(
        !dashboard.body.contains("Que pensez-vous du parcours ?"),
        "the review answered the request"
    );
    dashboard.assert_contains("à jour");

    let page = owner.get(&reviews).await;
    let step_action =
        regex::Regex::new(r#"action="(/projects/velo-ecole/reviews/\d+/steps/\d+/milestone)""#)
            .expect("regex")
            .captures(&page.body)
            .expect("step form")[1]
            .to_owned();
    let made = owner.submit(&reviews, &step_action, &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let milestone_page = made.location.expect("location");
    assert!(milestone_page.contains("/milestones/"), "{milestone_page}");
    owner
        .get(&s.project)
        .await
        .assert_contains("Publier le code");
    let twice = owner.submit(&reviews, &step_action, &[]).await;
    assert_eq!(
        twice.location.as_deref(),
        Some(milestone_page.as_str()),
        "the same step gives the same milestone"
    );

    let review_id = regex::Regex::new(r#"action="/projects/velo-ecole/reviews/(\d+)/respond""#)
        .expect("regex")
        .captures(&page.body)
        .expect("respond form")[1]
        .to_owned();
    let empty = owner
        .submit(
            &reviews,
            &format!("{reviews}/{review_id}/respond"),
            &[("response", "  ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let answered = owner
        .submit(
            &reviews,
            &format!("{reviews}/{review_id}/respond"),
            &[("response", "Merci, nous publions le code lundi.")],
        )
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    let page = mina.get(&reviews).await;
    page.assert_contains("Réponse de l'équipe");
    page.assert_contains("Merci, nous publions le code lundi.");
    page.assert_contains("Lu par l'équipe le");
    // The mentor cannot answer in the team's name.
    let token = page.csrf_token();
    let refused = mina
        .post_raw(
            &format!("{reviews}/{review_id}/respond"),
            &[("csrf_token", &token), ("response", "x")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ending_an_assignment_keeps_its_reviews_and_stops_new_ones() {
    let s = setup().await;
    let coordinator = s.app.logged_in("coord@example.org").await;
    assign(&s, &coordinator, "Mina Mentor").await;
    let reviews = format!("{}/reviews", s.project);
    let mina = s.app.logged_in("mentor@example.org").await;
    mina.submit(&format!("{reviews}/new"), &reviews, &review_fields("3", ""))
        .await;
    let coverage = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    let end = regex::Regex::new(r#"action="(/admin/mentoring/assignments/\d+/end)""#)
        .expect("regex")
        .captures(&coverage.body)
        .expect("end form")[1]
        .to_owned();
    let ended = coordinator
        .submit(
            &format!("/admin/mentoring?city={}", s.lyon),
            &end,
            &[("city", &s.lyon)],
        )
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(
        mina.get(&format!("{reviews}/new")).await.status,
        StatusCode::NOT_FOUND
    );
    let owner = s.app.logged_in("owner@example.org").await;
    owner
        .get(&reviews)
        .await
        .assert_contains("Retour de Mina Mentor");
}

#[tokio::test]
async fn coverage_shows_projects_without_mentor_and_reviews_gone_overdue() {
    let s = setup().await;
    let coordinator = s.app.logged_in("coord@example.org").await;
    let before = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    before.assert_contains("1 projets, dont 1 sans mentor.");
    assign(&s, &coordinator, "Mina Mentor").await;
    s.app.advance(Duration::days(43));
    let coordinator = s.app.logged_in("coord@example.org").await;
    coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await
        .assert_contains("retour attendu");
    s.app.advance(Duration::days(14));
    let coordinator = s.app.logged_in("coord@example.org").await;
    let late = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    late.assert_contains("retour en retard");
    let mina = s.app.logged_in("mentor@example.org").await;
    let reviews = format!("{}/reviews", s.project);
    mina.submit(&format!("{reviews}/new"), &reviews, &review_fields("2", ""))
        .await;
    let after = coordinator
        .get(&format!("/admin/mentoring?city={}", s.lyon))
        .await;
    after.assert_contains("à jour");
    after.assert_contains("<svg class=\"sparkline\"");
}

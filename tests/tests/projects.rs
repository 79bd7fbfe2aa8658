//! Project journeys over HTTP: creating and editing projects, stages and
//! their checklists, milestones, the journal, the team, the gallery, the
//! feeds, and who may do what.

use chrono::{Duration, TimeZone, Utc};
use relais_domain::Role;
use relais_tests::{Client, PASSWORD, Page, TestApp};
use reqwest::StatusCode;

struct Programme {
    app: TestApp,
    edition: String,
    lyon: String,
    montreal: String,
}

/// An edition that started on 9 March 2018 in Lyon and Montréal, with a
/// member (Alice) who owns nothing yet, and people in every role.
async fn programme() -> Programme {
    programme_at(Utc::now()).await
}

async fn programme_at(at: chrono::DateTime<Utc>) -> Programme {
    let app = TestApp::spawn_at(at).await;
    let (edition, lyon) = app.create_lyon().await;
    let montreal = app
        .create_city_in("montreal", "Montréal", "America/Montreal", Some(edition))
        .await;
    app.create_city_in("dakar", "Dakar", "Africa/Dakar", Some(edition))
        .await;
    app.create_accounts(&[
        ("alice@example.org", "Alice", Role::Member, Some("lyon")),
        ("bob@example.org", "Bob", Role::Member, Some("lyon")),
        (
            "mentor@example.org",
            "Mina Mentor",
            Role::Mentor,
            Some("dakar"),
        ),
        (
            "lyon.coord@example.org",
            "Luc",
            Role::Coordinator,
            Some("lyon"),
        ),
        (
            "dakar.coord@example.org",
            "Awa",
            Role::Coordinator,
            Some("dakar"),
        ),
    ])
    .await;
    Programme {
        app,
        edition: edition.to_string(),
        lyon: lyon.to_string(),
        montreal: montreal.to_string(),
    }
}

fn project_fields<'a>(p: &'a Programme, title: &'a str, city: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("pitch", "Trouver une fontaine près de chez soi."),
        ("description", "Une **carte** des fontaines."),
        ("themes", "environmental"),
        ("themes", "social"),
        ("technical_challenge", "Données hétérogènes."),
        ("licence", "AGPL-3.0-or-later"),
        ("repository_url", ""),
        ("demo_url", ""),
        ("edition_id", &p.edition),
        ("city_id", city),
        ("is_public", "on"),
        ("help_wanted", ""),
    ]
}

fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    name: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value));
    fields
}

async fn add_milestone(
    client: &Client,
    path: &str,
    title: &str,
    due: &str,
    status: &str,
    weight: &str,
) -> Page {
    client
        .submit(
            path,
            &format!("{path}/milestones"),
            &[
                ("title", title),
                ("description", ""),
                ("due_on", due),
                ("status", status),
                ("weight", weight),
                ("position", ""),
            ],
        )
        .await
}

#[tokio::test]
async fn a_member_creates_a_project_and_bad_input_comes_back_with_what_was_typed() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Carte des fontaines", &p.lyon))
        .await;
    assert_eq!(path, "/projects/carte-des-fontaines");
    let page = alice.get(&path).await;
    page.assert_contains("Projet créé.");
    page.assert_contains("Alice");
    page.assert_contains("responsable");

    // Same title: the derived slug is taken.
    let dup = alice
        .submit(
            "/projects/new",
            "/projects",
            &project_fields(&p, "Carte des fontaines", &p.lyon),
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    dup.assert_contains("Ce nom est déjà pris.");

    let bad: Vec<(&str, &str)> = vec![
        ("title", "Projet <mal> saisi"),
        ("slug", ""),
        ("pitch", "Une phrase."),
        ("description", "Texte conservé"),
        ("technical_challenge", ""),
        ("licence", "Proprietary"),
        ("repository_url", "javascript:alert(1)"),
        ("demo_url", "ftp://example.org"),
        ("edition_id", &p.edition),
        ("city_id", "999"),
        ("help_wanted", ""),
    ];
    let page = alice.submit("/projects/new", "/projects", &bad).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Licence inconnue");
    page.assert_contains("Donnez une adresse complète commençant par http:// ou https://.");
    page.assert_contains("Choisissez au moins un thème.");
    page.assert_contains("Cette ville ne participe pas à cette édition.");
    page.assert_contains(r#"value="Projet &lt;mal&gt; saisi""#);
    page.assert_contains("Texte conservé");
    page.assert_contains(r#"value="javascript:alert(1)""#);

    // Visitors may not create projects.
    let visitor = p.app.client();
    assert_eq!(
        visitor.get("/projects/new").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn milestones_add_up_to_progress_and_refuse_dates_before_the_marathon() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Vélo-école", &p.lyon))
        .await;
    let early = add_milestone(&alice, &path, "Trop tôt", "2018-03-01", "planned", "").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    early.assert_contains("L'échéance ne peut pas précéder le marathon.");
    early.assert_contains(r#"value="Trop tôt""#);
    let heavy = add_milestone(&alice, &path, "Trop lourd", "2030-01-01", "planned", "0").await;
    heavy.assert_contains("Le poids est un nombre entier de 1 à 100.");
    // Far dates would overflow date arithmetic: refused by the field.
    let far = add_milestone(&alice, &path, "Trop loin", "2150-01-01", "planned", "").await;
    assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY);
    far.assert_contains("Choisissez une date entre l");
    far.assert_contains(r#"value="2150-01-01""#);
    let farther = add_milestone(&alice, &path, "Trop loin", "262142-01-01", "planned", "").await;
    assert_eq!(farther.status, StatusCode::UNPROCESSABLE_ENTITY);

    for (title, status, weight) in [
        ("Atelier", "done", "3"),
        ("Prototype", "planned", "1"),
        ("Tests", "in_progress", "1"),
        ("Abandonné", "dropped", "5"),
    ] {
        let page = add_milestone(&alice, &path, title, "2030-01-01", status, weight).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let page = alice.get(&path).await;
    page.assert_contains(r#"<progress value="60" max="100""#);
    // The chart is drawn on the server, with its data as a table.
    page.assert_contains("<svg");
    page.assert_contains("chart-data");
}

#[tokio::test]
async fn an_update_completes_a_milestone_and_team_only_updates_stay_in_the_team() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Budget ouvert", &p.lyon))
        .await;
    add_milestone(
        &alice,
        &path,
        "Premier atelier",
        "2030-01-01",
        "planned",
        "",
    )
    .await;
    let page = alice.get(&path).await;
    let milestone_id = regex::Regex::new(r#"<option value="(\d+)">Premier atelier</option>"#)
        .expect("regex")
        .captures(&page.body)
        .expect("milestone option")[1]
        .to_owned();
    let posted = alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[
                ("body", "L'atelier a eu lieu **hier**."),
                ("milestone_id", &milestone_id),
                ("completes_milestone", "on"),
                ("is_public", "on"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", "Note interne à l'équipe."), ("milestone_id", "")],
        )
        .await;
    let empty = alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", "  "), ("milestone_id", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    let page = alice.get(&path).await;
    page.assert_contains(r#"<progress value="100" max="100""#);
    page.assert_contains("Note interne à l'équipe.");
    let visitor = p.app.client().get(&path).await;
    visitor.assert_contains("L'atelier a eu lieu <strong>hier</strong>.");
    assert!(
        !visitor.body.contains("Note interne"),
        "team-only entries are not public"
    );

    // Someone outside the team cannot write in the journal.
    let bob = p.app.logged_in("bob@example.org").await;
    let refused = bob
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", "Intrusion"), ("milestone_id", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hostile_markdown_is_rendered_harmless() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Texte piégé", &p.lyon))
        .await;
    let hostile = "Salut <script>alert('x')</script> [clic](javascript:alert(1)) <img src=x onerror=alert(2)> [site](https://example.org)";
    alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", hostile), ("milestone_id", ""), ("is_public", "on")],
        )
        .await;
    let page = p.app.client().get(&path).await;
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(!page.body.contains("javascript:"), "{}", page.body);
    assert!(!page.body.contains("onerror"), "{}", page.body);
    page.assert_contains(r#"href="https://example.org" rel="nofollow ugc noopener""#);
}

#[tokio::test]
async fn team_invitations_are_single_use_and_expire() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Annuaire", &p.lyon))
        .await;
    let sent = alice
        .submit(
            &path,
            &format!("{path}/team/invite"),
            &[("email", "bob@example.org"), ("language", "fr")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let link = p
        .app
        .last_email_to("bob@example.org")
        .await
        .link(&p.app.base_url, "/team-invitations/");

    // Opened before logging in: the page asks to log in first.
    let bob = p.app.client();
    bob.get(&link).await.assert_contains("Connectez-vous");
    bob.log_in("bob@example.org", PASSWORD).await;
    let form = bob.get(&link).await;
    let joined = bob
        .post_raw(&link, &[("csrf_token", &form.csrf_token())])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    bob.get(&path)
        .await
        .assert_contains("Bienvenue dans l'équipe !");

    let again = bob.get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
    again.assert_contains("Ce lien a déjà été utilisé.");

    alice
        .submit(
            &path,
            &format!("{path}/team/invite"),
            &[("email", "late@example.org"), ("language", "en")],
        )
        .await;
    let late = p.app.last_email_to("late@example.org").await;
    assert!(
        late.subject.contains("Invitation to join"),
        "{}",
        late.subject
    );
    let late_link = late.link(&p.app.base_url, "/team-invitations/");
    p.app.advance(Duration::days(8));
    let expired = p.app.client().get(&late_link).await;
    assert_eq!(expired.status, StatusCode::GONE);
    expired.assert_contains("Ce lien a expiré.");

    // Bob cannot invite: only owners manage the team.
    let bob = p.app.logged_in("bob@example.org").await;
    let refused = bob
        .submit(
            &path,
            &format!("{path}/team/invite"),
            &[("email", "x@example.org"), ("language", "fr")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ownership_is_handed_over_and_a_project_never_loses_its_last_owner() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Cantine", &p.lyon))
        .await;
    alice
        .submit(
            &path,
            &format!("{path}/team/invite"),
            &[("email", "bob@example.org"), ("language", "fr")],
        )
        .await;
    let link = p
        .app
        .last_email_to("bob@example.org")
        .await
        .link(&p.app.base_url, "/team-invitations/");
    let bob = p.app.logged_in("bob@example.org").await;
    let form = bob.get(&link).await;
    bob.post_raw(&link, &[("csrf_token", &form.csrf_token())])
        .await;

    let alone = alice
        .submit(&path, &format!("{path}/team/leave"), &[])
        .await;
    assert_eq!(alone.status, StatusCode::UNPROCESSABLE_ENTITY);
    alone.assert_contains("Le projet doit garder au moins un responsable");

    let bob_id = regex::Regex::new(r#"action="/projects/cantine/team/(\d+)/owner""#)
        .expect("regex")
        .captures(&alice.get(&path).await.body)
        .expect("make-owner form")[1]
        .to_owned();
    let handed = alice
        .submit(&path, &format!("{path}/team/{bob_id}/owner"), &[])
        .await;
    assert_eq!(handed.status, StatusCode::SEE_OTHER);
    let left = alice
        .submit(&path, &format!("{path}/team/leave"), &[])
        .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    // Bob is now the only owner, and Alice can no longer edit.
    let page = bob.get(&path).await;
    page.assert_contains("Bob");
    assert!(!page.body.contains(">Alice<"));
    assert_eq!(
        alice.get(&format!("{path}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let last = bob.submit(&path, &format!("{path}/team/leave"), &[]).await;
    assert_eq!(last.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn every_role_is_allowed_or_refused_on_every_project_action() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Sentiers", &p.lyon))
        .await;
    let private_fields = with(
        project_fields(&p, "Sentiers privés", &p.lyon),
        "is_public",
        "",
    );
    let private = alice
        .submit("/projects/new", "/projects", &private_fields)
        .await
        .location
        .expect("private project");

    let visitor = p.app.client();
    let member = p.app.logged_in("bob@example.org").await;
    let mentor = p.app.logged_in("mentor@example.org").await;
    let city_coordinator = p.app.logged_in("lyon.coord@example.org").await;
    let other_coordinator = p.app.logged_in("dakar.coord@example.org").await;

    // (who, can edit, can post updates, can archive, sees the private project)
    let cases: [(&str, &Client, bool, bool, bool, bool); 6] = [
        ("visitor", &visitor, false, false, false, false),
        ("member", &member, false, false, false, false),
        ("mentor", &mentor, false, false, false, true),
        (
            "other city's coordinator",
            &other_coordinator,
            false,
            false,
            false,
            false,
        ),
        (
            "city coordinator",
            &city_coordinator,
            true,
            false,
            true,
            true,
        ),
        ("owner", &alice, true, true, false, true),
    ];
    for (who, client, edit, post, archive, sees_private) in cases {
        let edit_status = client.get(&format!("{path}/edit")).await.status;
        let refused = if who == "visitor" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(
            edit_status == StatusCode::OK,
            edit,
            "{who} edit: {edit_status}"
        );
        if !edit {
            assert!(
                edit_status == refused || edit_status == StatusCode::FORBIDDEN,
                "{who} edit: {edit_status}"
            );
        }
        let home = client.get(&path).await;
        assert_eq!(home.status, StatusCode::OK, "{who} reads a public project");
        // A visitor's project page has no form: take the token from the log-in page.
        let token = if who == "visitor" {
            client.get("/login").await.csrf_token()
        } else {
            home.csrf_token()
        };
        let posted = client
            .post_raw(
                &format!("{path}/updates"),
                &[
                    ("csrf_token", &token),
                    ("body", "Bonjour"),
                    ("milestone_id", ""),
                ],
            )
            .await;
        assert_eq!(
            posted.status == StatusCode::SEE_OTHER,
            post,
            "{who} post: {}",
            posted.status
        );
        let milestone = client
            .post_raw(
                &format!("{path}/milestones"),
                &[
                    ("csrf_token", &token),
                    ("title", "Jalon"),
                    ("due_on", "2030-01-01"),
                    ("status", "planned"),
                ],
            )
            .await;
        assert_eq!(
            milestone.status == StatusCode::SEE_OTHER,
            edit,
            "{who} milestone: {}",
            milestone.status
        );
        let archived = client
            .post_raw(&format!("{path}/archive"), &[("csrf_token", &token)])
            .await;
        assert_eq!(
            archived.status == StatusCode::SEE_OTHER,
            archive,
            "{who} archive: {}",
            archived.status
        );
        if archive {
            let restored = client
                .post_raw(&format!("{path}/restore"), &[("csrf_token", &token)])
                .await;
            assert_eq!(restored.status, StatusCode::SEE_OTHER);
        }
        let hidden = client.get(&private).await.status;
        assert_eq!(
            hidden == StatusCode::OK,
            sees_private,
            "{who} private: {hidden}"
        );
        if !sees_private {
            assert_eq!(
                hidden,
                StatusCode::NOT_FOUND,
                "{who}: a hidden project does not admit it exists"
            );
        }
    }
}

#[tokio::test]
async fn an_archived_project_leaves_the_gallery_and_comes_back_when_restored() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Marchés", &p.lyon))
        .await;
    let coordinator = p.app.logged_in("lyon.coord@example.org").await;
    coordinator
        .submit(&path, &format!("{path}/archive"), &[])
        .await;
    assert!(
        !p.app
            .client()
            .get("/projects")
            .await
            .body
            .contains("Marchés")
    );
    assert_eq!(
        p.app.client().get(&path).await.status,
        StatusCode::NOT_FOUND
    );
    let frozen = alice.get(&path).await;
    frozen.assert_contains("Ce projet est archivé.");
    let refused = alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", "Encore là"), ("milestone_id", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    coordinator
        .submit(&path, &format!("{path}/restore"), &[])
        .await;
    p.app
        .client()
        .get("/projects")
        .await
        .assert_contains("Marchés");
}

#[tokio::test]
async fn a_stage_needs_its_checklist_which_coordinators_can_adjust() {
    let p = programme().await;
    app_with_programme_coordinator(&p).await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Qualité de l'air", &p.lyon))
        .await;
    let refused = alice
        .submit(&path, &format!("{path}/stage"), &[("stage", "demo")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Le projet ne remplit pas encore les conditions de cette étape.");
    refused.assert_contains("un lien de démo");

    let fields = with(
        with(
            project_fields(&p, "Qualité de l'air", &p.lyon),
            "demo_url",
            "https://demo.example.org",
        ),
        "slug",
        "qualite-de-l-air",
    );
    let saved = alice
        .submit(&format!("{path}/edit"), &format!("{path}/edit"), &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let ok = alice
        .submit(&path, &format!("{path}/stage"), &[("stage", "demo")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);

    // Launch needs an explainer; the programme coordinator drops that rule for this edition.
    let launch = alice
        .submit(&path, &format!("{path}/stage"), &[("stage", "launched")])
        .await;
    assert_eq!(launch.status, StatusCode::UNPROCESSABLE_ENTITY);
    let programme = p.app.logged_in("claire@example.org").await;
    let checklist = format!("/admin/editions/{}/stages", p.edition);
    let adjusted = programme
        .submit(
            &checklist,
            &checklist,
            &[("req-demo", "demo_link"), ("req-launched", "repository")],
        )
        .await;
    assert_eq!(adjusted.status, StatusCode::SEE_OTHER, "{}", adjusted.body);
    assert_eq!(alice.get(&checklist).await.status, StatusCode::FORBIDDEN);
    let launched = alice
        .submit(&path, &format!("{path}/stage"), &[("stage", "launched")])
        .await;
    assert_eq!(launched.status, StatusCode::SEE_OTHER, "{}", launched.body);
    let page = p.app.client().get(&path).await;
    page.assert_contains("Lancé");
}

async fn app_with_programme_coordinator(p: &Programme) {
    p.app
        .create_account("claire@example.org", "Claire", Role::Coordinator, None)
        .await;
}

#[tokio::test]
async fn journal_entries_can_be_corrected_by_their_author_for_a_day() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Primes énergie", &p.lyon))
        .await;
    let posted = alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[
                ("body", "Premier jet"),
                ("milestone_id", ""),
                ("is_public", "on"),
            ],
        )
        .await;
    let location = posted.location.expect("location");
    let id = location.rsplit('-').next().expect("entry id").to_owned();
    let edit = format!("{path}/updates/{id}/edit");
    let fixed = alice
        .submit(&edit, &edit, &[("body", "Premier jet, corrigé")])
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER);
    alice
        .get(&path)
        .await
        .assert_contains("Premier jet, corrigé");
    p.app.advance(Duration::hours(25));
    let alice = p.app.logged_in("alice@example.org").await;
    assert_eq!(alice.get(&edit).await.status, StatusCode::FORBIDDEN);
    let token = alice.get(&path).await.csrf_token();
    let late = alice
        .post_raw(&edit, &[("csrf_token", &token), ("body", "Trop tard")])
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    late.assert_contains("Une entrée ne se corrige que pendant 24 heures.");
}

#[tokio::test]
async fn lateness_follows_each_citys_calendar_around_midnight() {
    // 02:00 UTC on 13 March 2026: already the 13th in Lyon, still the 12th in Montréal.
    let at = Utc
        .with_ymd_and_hms(2026, 3, 13, 2, 0, 0)
        .single()
        .expect("time");
    let p = programme_at(at).await;
    let alice = p.app.logged_in("alice@example.org").await;
    let lyon = alice
        .create_project_from(&project_fields(&p, "Projet lyonnais", &p.lyon))
        .await;
    let montreal = alice
        .create_project_from(&project_fields(&p, "Projet montréalais", &p.montreal))
        .await;
    add_milestone(&alice, &lyon, "Rendu lyonnais", "2026-03-12", "planned", "").await;
    add_milestone(
        &alice,
        &montreal,
        "Rendu montréalais",
        "2026-03-12",
        "planned",
        "",
    )
    .await;
    let dashboard = alice.get("/dashboard").await;
    let late_section = dashboard.body.split("En retard").nth(1).unwrap_or("");
    assert!(
        late_section.contains("Rendu lyonnais"),
        "{}",
        dashboard.body
    );
    let lyon_page = alice.get(&lyon).await;
    lyon_page.assert_contains("En retard");
    let montreal_page = alice.get(&montreal).await;
    assert!(
        !montreal_page.body.contains("late-flag"),
        "not late yet in Montréal"
    );
    p.app.advance(Duration::hours(4)); // 06:00 UTC: the 13th in Montréal too
    let alice = p.app.logged_in("alice@example.org").await;
    alice.get(&montreal).await.assert_contains("late-flag");
}

#[tokio::test]
async fn a_project_without_public_news_for_thirty_days_is_flagged_quiet_to_its_team_and_coordinators()
 {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Tiers-lieux", &p.lyon))
        .await;
    p.app.advance(Duration::days(31));
    let alice = p.app.logged_in("alice@example.org").await;
    alice.get(&path).await.assert_contains("Projet silencieux");
    p.app
        .logged_in("lyon.coord@example.org")
        .await
        .get(&path)
        .await
        .assert_contains("Projet silencieux");
    assert!(
        !p.app
            .client()
            .get(&path)
            .await
            .body
            .contains("Projet silencieux")
    );
    let admin = p
        .app
        .logged_in("lyon.coord@example.org")
        .await
        .get("/admin")
        .await;
    admin.assert_contains("Tiers-lieux");
    alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[
                ("body", "Nous revoilà."),
                ("milestone_id", ""),
                ("is_public", "on"),
            ],
        )
        .await;
    assert!(!alice.get(&path).await.body.contains("Projet silencieux"));
}

#[tokio::test]
async fn the_gallery_filters_searches_sorts_and_paginates() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    for i in 0..30 {
        let title = format!("Projet numéro {i:02}");
        let city = if i % 2 == 0 { &p.lyon } else { &p.montreal };
        let mut fields = project_fields(&p, &title, city);
        if i % 3 == 0 {
            fields.retain(|(k, _)| *k != "themes");
            fields.push(("themes", "educational"));
        }
        let page = alice.submit("/projects/new", "/projects", &fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        if i % 3 == 0 {
            // Projects that look for help publish a need.
            let path = page.location.expect("project path");
            let need = alice
                .submit(
                    &path,
                    &format!("{path}/needs"),
                    &[
                        ("kind", if i % 2 == 0 { "designer" } else { "legal" }),
                        ("description", "Relire nos écrans."),
                        ("languages", "fr"),
                    ],
                )
                .await;
            assert_eq!(need.status, StatusCode::SEE_OTHER, "{}", need.body);
        }
    }
    let visitor = p.app.client();
    let first = visitor.get("/projects").await;
    first.assert_contains("30 projets.");
    first.assert_contains("Page 1 sur 2");
    first.assert_contains("Projet numéro 29"); // latest activity first
    let second = visitor.get("/projects?sort=name&page=2").await;
    second.assert_contains("Projet numéro 29");
    assert!(!second.body.contains("Projet numéro 00"));
    let educational = visitor.get("/projects?theme=educational").await;
    educational.assert_contains("10 projets.");
    let helped = visitor
        .get(&format!("/projects?help=on&city={}", p.lyon))
        .await;
    helped.assert_contains("5 projets.");
    let designers = visitor.get("/projects?need=designer").await;
    designers.assert_contains("5 projets.");
    designers.assert_contains("Cherche de l'aide\u{a0}: designer");
    let searched = visitor.get("/projects?q=NUM%C3%89RO+07").await;
    searched.assert_contains("Un projet.");
    let none = visitor.get("/projects?q=%25").await;
    none.assert_contains("Aucun projet ne correspond.");
}

#[tokio::test]
async fn the_gallery_search_forgives_accents_and_case_and_ranks_titles_first() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let plain = |title: &'static str| {
        with(
            with(project_fields(&p, title, &p.lyon), "pitch", "Un projet."),
            "description",
            "Rien de plus.",
        )
    };
    let created = |page: Page| {
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        page.location.expect("project path")
    };
    created(
        alice
            .submit("/projects/new", "/projects", &plain("Vélo partagé"))
            .await,
    );
    created(
        alice
            .submit("/projects/new", "/projects", &plain("ÉCOLE ouverte"))
            .await,
    );
    created(
        alice
            .submit(
                "/projects/new",
                "/projects",
                &with(
                    plain("Cantine solidaire"),
                    "description",
                    "Pour les écoles du quartier.",
                ),
            )
            .await,
    );
    let montreal = with(plain("Jardin partagé"), "city_id", &p.montreal);
    created(alice.submit("/projects/new", "/projects", &montreal).await);
    // Made last, so most recently active: without ranking it would come
    // first. Only its need speaks of bicycles.
    let atelier = created(
        alice
            .submit("/projects/new", "/projects", &plain("Atelier du samedi"))
            .await,
    );
    let need = alice
        .submit(
            &atelier,
            &format!("{atelier}/needs"),
            &[
                ("kind", "designer"),
                ("description", "Dessiner l'affiche de la bourse aux VÉLOS."),
                ("languages", "fr"),
            ],
        )
        .await;
    assert_eq!(need.status, StatusCode::SEE_OTHER, "{}", need.body);

    let visitor = p.app.client();
    let position = |page: &Page, title: &str| {
        page.body
            .find(title)
            .unwrap_or_else(|| panic!("{title} not in {}", page.body))
    };
    for q in ["velo", "VELO", "vélo", "Vélo"] {
        let found = visitor.get(&format!("/projects?q={}", urlencode(q))).await;
        assert_eq!(found.status, StatusCode::OK);
        found.assert_contains("2 projets.");
        assert!(
            position(&found, "Vélo partagé") < position(&found, "Atelier du samedi"),
            "{q}: the title match comes first"
        );
    }
    // A word is found by its start: "VÉLOS" finds "vélos", not "vélo".
    visitor
        .get("/projects?q=V%C3%89LOS")
        .await
        .assert_contains("Un projet.");
    for q in ["ECOLE", "ecole", "école", "École"] {
        let found = visitor.get(&format!("/projects?q={}", urlencode(q))).await;
        found.assert_contains("2 projets.");
        assert!(position(&found, "ÉCOLE ouverte") < position(&found, "Cantine solidaire"));
    }
    // The city's name, with or without its accent; several words must all match.
    visitor
        .get("/projects?q=montreal")
        .await
        .assert_contains("Un projet.");
    visitor
        .get("/projects?q=MONTR%C3%89AL+jardin")
        .await
        .assert_contains("Jardin partagé");
    visitor
        .get("/projects?q=montreal+velo")
        .await
        .assert_contains("Aucun projet ne correspond.");

    // A renamed project is found by its new title only.
    let edit = with(plain("Vélo-école"), "slug", "velo-partage");
    let renamed = alice
        .submit(
            "/projects/velo-partage/edit",
            "/projects/velo-partage/edit",
            &edit,
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    visitor
        .get("/projects?q=partag%C3%A9+v%C3%A9lo")
        .await
        .assert_contains("Aucun projet ne correspond.");
    visitor
        .get("/projects?q=ecole")
        .await
        .assert_contains("3 projets.");

    // Nothing typed is the whole gallery; punctuation and query syntax
    // find nothing and break nothing.
    visitor
        .get("/projects?q=+++")
        .await
        .assert_contains("5 projets.");
    for q in [
        "!!!",
        "\"",
        "*",
        "velo\"*",
        "NEAR(",
        ":*",
        "a & | !b",
        "'; DROP TABLE projects; --",
    ] {
        let page = visitor.get(&format!("/projects?q={}", urlencode(q))).await;
        assert_eq!(page.status, StatusCode::OK, "{q}: {}", page.body);
    }
    visitor
        .get("/projects?q=%21%3F")
        .await
        .assert_contains("Aucun projet ne correspond.");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_refused_form_on_the_project_page_comes_back_at_the_page_on_the_form_with_its_summary() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Carte des fontaines", &p.lyon))
        .await;

    // The page's forms post to the page's own address, with a fragment
    // naming the form: the browser shows the answer there, on the form.
    let page = alice.get(&path).await;
    for form in ["milestone-form", "entry-form", "stage-form"] {
        page.assert_contains(&format!(r#"id="{form}""#));
        page.assert_contains(&format!(r#"action="{path}#{form}""#));
    }

    let milestone = alice
        .submit(
            &path,
            &path,
            &[
                ("form", "milestone"),
                ("title", ""),
                ("description", "Texte gardé tel quel"),
                ("due_on", ""),
                ("status", "planned"),
                ("weight", "2"),
                ("position", ""),
            ],
        )
        .await;
    assert_eq!(milestone.status, StatusCode::UNPROCESSABLE_ENTITY);
    milestone.assert_contains("Il y a 2 erreurs");
    milestone.assert_contains(r##"<a href="#field-title">Indiquez un titre.</a>"##);
    milestone.assert_contains(r##"<a href="#field-due_on">Indiquez la date d'échéance.</a>"##);
    milestone.assert_contains(r#"<span class="error" id="error-title">Indiquez un titre.</span>"#);
    milestone.assert_contains("Texte gardé tel quel");
    milestone.assert_contains(r#"value="2""#);
    milestone.assert_contains(r#"<details class="card" id="milestone-form" open>"#);
    // The summary opens the form the browser lands on.
    let form_at = milestone.body.find(r#"id="milestone-form""#).expect("form");
    let summary_at = milestone.body.find("Il y a 2 erreurs").expect("summary");
    let fields_at = milestone.body.find(r#"id="field-title""#).expect("field");
    assert!(form_at < summary_at && summary_at < fields_at);
    assert!(!milestone.body.contains("Ce champ est obligatoire."));

    let entry = alice
        .submit(
            &path,
            &path,
            &[
                ("form", "entry"),
                ("body", "  "),
                ("milestone_id", ""),
                ("is_public", "on"),
            ],
        )
        .await;
    assert_eq!(entry.status, StatusCode::UNPROCESSABLE_ENTITY);
    entry.assert_contains("Il y a une erreur");
    entry.assert_contains(r##"<a href="#field-body">Écrivez le texte de la nouvelle.</a>"##);
    let form_at = entry.body.find(r#"id="entry-form""#).expect("form");
    assert!(form_at < entry.body.find("Il y a une erreur").expect("summary"));

    let stage = alice
        .submit(&path, &path, &[("form", "stage"), ("stage", "demo")])
        .await;
    assert_eq!(stage.status, StatusCode::UNPROCESSABLE_ENTITY);
    stage.assert_contains("Il y a une erreur");
    stage.assert_contains("Le projet ne remplit pas encore les conditions de cette étape.");
    stage.assert_contains(r#"<option value="demo" selected>"#);

    // Accepted, each form does what its own address did.
    let saved = alice
        .submit(
            &path,
            &path,
            &[
                ("form", "milestone"),
                ("title", "Premier jalon"),
                ("description", ""),
                ("due_on", "2018-06-01"),
                ("status", "planned"),
                ("weight", "1"),
                ("position", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    alice.get(&path).await.assert_contains("Premier jalon");
    let posted = alice
        .submit(
            &path,
            &path,
            &[
                ("form", "entry"),
                ("body", "Une nouvelle."),
                ("milestone_id", ""),
                ("is_public", "on"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    // Machine times are valid RFC 3339: whole seconds, no nanoseconds.
    let page = alice.get(&path).await;
    let datetime = regex::Regex::new(r#"datetime="([^"]*)""#).expect("regex");
    let valid = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$").expect("regex");
    let values: Vec<&str> = datetime
        .captures_iter(&page.body)
        .map(|c| c.get(1).expect("value").as_str())
        .collect();
    assert!(
        values.len() >= 3,
        "stage, milestone and entry times: {values:?}"
    );
    for value in values {
        assert!(valid.is_match(value), "{value}");
    }
    // An unknown form is a bad request, not a 500.
    let unknown = alice.submit(&path, &path, &[("form", "other")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn removing_a_teammate_asks_first_saying_what_they_lose() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Cantine", &p.lyon))
        .await;
    alice
        .submit(
            &path,
            &format!("{path}/team/invite"),
            &[("email", "bob@example.org"), ("language", "fr")],
        )
        .await;
    let link = p
        .app
        .last_email_to("bob@example.org")
        .await
        .link(&p.app.base_url, "/team-invitations/");
    let bob = p.app.logged_in("bob@example.org").await;
    let form = bob.get(&link).await;
    bob.post_raw(&link, &[("csrf_token", &form.csrf_token())])
        .await;

    let page = alice.get(&path).await;
    let bob_id = regex::Regex::new(
        r#"<form class="inline" method="get" action="/projects/cantine/team/(\d+)/remove">"#,
    )
    .expect("regex")
    .captures(&page.body)
    .expect("a remove button that asks first")[1]
        .to_owned();
    let remove = format!("{path}/team/{bob_id}/remove");
    assert!(
        !page
            .body
            .contains(&format!(r#"method="post" action="{remove}""#))
    );

    let ask = alice.get(&remove).await;
    assert_eq!(ask.status, StatusCode::OK);
    ask.assert_contains("Retirer Bob de l'équipe de « Cantine » ?");
    ask.assert_contains("Bob ne pourra plus publier de nouvelles ni modifier le projet.");
    ask.assert_contains("Bob aura besoin d'une nouvelle invitation.");
    ask.assert_contains(&format!(r#"<form method="post" action="{remove}">"#));
    // Asking removed no one; another member may not even ask.
    alice.get(&path).await.assert_contains("Bob");
    let target = regex::Regex::new(r#"action="/projects/cantine/team/(\d+)/remove""#)
        .expect("regex")
        .captures(&ask.body)
        .expect("form")[1]
        .to_owned();
    assert_eq!(target, bob_id);
    let not_bobs = bob.get(&format!("{path}/team/999999/remove")).await;
    assert_eq!(not_bobs.status, StatusCode::FORBIDDEN);

    let done = alice
        .submit(&remove, &remove, &[("confirmed", "yes")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(!alice.get(&path).await.body.contains(">Bob<"));
}

#[tokio::test]
async fn the_feeds_are_valid_atom_with_public_entries_only() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Flux & <nouvelles>", &p.lyon))
        .await;
    alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[
                ("body", "Publique & *visible*"),
                ("milestone_id", ""),
                ("is_public", "on"),
            ],
        )
        .await;
    alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[("body", "Secret d'équipe"), ("milestone_id", "")],
        )
        .await;
    for feed_path in [format!("{path}/feed.atom"), "/feed.atom".to_owned()] {
        let page = p.app.client().get(&feed_path).await;
        assert_eq!(page.status, StatusCode::OK);
        let content_type = page
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            content_type.starts_with("application/atom+xml"),
            "{content_type}"
        );
        let feed: atom_syndication::Feed = page
            .body
            .parse()
            .unwrap_or_else(|e| panic!("{feed_path} is not Atom: {e}\n{}", page.body));
        assert_eq!(feed.entries().len(), 1, "{feed_path}");
        let entry = &feed.entries()[0];
        assert_eq!(entry.title().as_str(), "Flux & <nouvelles>");
        assert!(
            entry
                .links()
                .iter()
                .any(|l| l.href().starts_with(&p.app.base_url))
        );
        assert!(!page.body.contains("Secret"));
        assert!(feed.links().iter().any(|l| l.rel() == "self"));
    }
}

/// What `milestone::refresh_facts` keeps on the project, and the same
/// counted again from the milestones: (open, weight done, weight counted,
/// first open due day).
async fn milestone_facts(
    app: &TestApp,
    path: &str,
) -> (
    (i32, i32, i32, Option<chrono::NaiveDate>),
    (i32, i32, i32, Option<chrono::NaiveDate>),
    Vec<i32>,
) {
    use relais_domain::entities::{milestone, project};
    use relais_domain::milestone::Status;
    use relais_domain::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let slug = path.trim_start_matches("/projects/");
    let row = project::Entity::find()
        .filter(project::Column::Slug.eq(slug))
        .one(&app.ctx.db)
        .await
        .expect("project")
        .expect("a project");
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ProjectId.eq(row.id))
        .order_by_asc(milestone::Column::Id)
        .all(&app.ctx.db)
        .await
        .expect("milestones");
    let open =
        |m: &&milestone::Model| m.status == Status::Planned || m.status == Status::InProgress;
    let weight = |m: &milestone::Model| m.weight.max(0);
    let recount = (
        i32::try_from(milestones.iter().filter(open).count()).expect("a count"),
        milestones
            .iter()
            .filter(|m| m.status == Status::Done)
            .map(weight)
            .sum(),
        milestones
            .iter()
            .filter(|m| m.status != Status::Dropped)
            .map(weight)
            .sum(),
        milestones.iter().filter(open).map(|m| m.due_on).min(),
    );
    let kept = (
        row.open_milestones,
        row.milestone_weight_done,
        row.milestone_weight,
        row.first_open_due_on,
    );
    (kept, recount, milestones.iter().map(|m| m.id).collect())
}

#[tokio::test]
async fn the_milestone_figures_kept_on_the_project_follow_every_write() {
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Jardins partagés", &p.lyon))
        .await;
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let (kept, recount, _) = milestone_facts(&p.app, &path).await;
    assert_eq!(kept, (0, 0, 0, None));
    assert_eq!(kept, recount);

    // Created, in every status.
    for (title, due, status, weight) in [
        ("Atelier", "2030-01-10", "done", "3"),
        ("Prototype", "2030-02-01", "planned", "2"),
        ("Tests", "2030-01-20", "in_progress", "1"),
        ("Abandonné", "2029-12-01", "dropped", "5"),
    ] {
        let page = add_milestone(&alice, &path, title, due, status, weight).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let (kept, recount, _) = milestone_facts(&p.app, &path).await;
        assert_eq!(kept, recount, "after creating {title}");
    }
    let (kept, _, ids) = milestone_facts(&p.app, &path).await;
    assert_eq!(kept, (2, 3, 6, Some(day("2030-01-20"))));
    let [done, planned, in_progress, dropped] = ids[..] else {
        panic!("four milestones: {ids:?}");
    };

    // Completed from a journal entry.
    let posted = alice
        .submit(
            &path,
            &format!("{path}/updates"),
            &[
                ("body", "Les tests sont finis."),
                ("milestone_id", &in_progress.to_string()),
                ("completes_milestone", "on"),
                ("is_public", "on"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let (kept, recount, _) = milestone_facts(&p.app, &path).await;
    assert_eq!(kept, (1, 4, 6, Some(day("2030-02-01"))));
    assert_eq!(kept, recount);

    // Edited: the done one reopened and moved earlier, the dropped one
    // taken up again, the planned one weighed more.
    let edit = |id: i32| format!("{path}/milestones/{id}/edit");
    for (id, title, due, status, weight) in [
        (done, "Atelier", "2030-01-05", "planned", "3"),
        (dropped, "Repris", "2029-12-15", "in_progress", "5"),
        (planned, "Prototype", "2030-02-01", "planned", "4"),
    ] {
        let page = alice
            .submit(
                &edit(id),
                &edit(id),
                &[
                    ("title", title),
                    ("description", ""),
                    ("due_on", due),
                    ("status", status),
                    ("weight", weight),
                    ("position", ""),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let (kept, recount, _) = milestone_facts(&p.app, &path).await;
        assert_eq!(kept, recount, "after editing {title}");
    }
    let (kept, _, _) = milestone_facts(&p.app, &path).await;
    assert_eq!(kept, (3, 1, 13, Some(day("2029-12-15"))));

    // Deleted, one after the other.
    for id in [dropped, done, planned, in_progress] {
        let page = alice
            .submit(&path, &format!("{path}/milestones/{id}/delete"), &[])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let (kept, recount, _) = milestone_facts(&p.app, &path).await;
        assert_eq!(kept, recount, "after deleting {id}");
    }
    let (kept, _, _) = milestone_facts(&p.app, &path).await;
    assert_eq!(kept, (0, 0, 0, None));
}

/// Stages are read once, as the enum: a code the programme does not know,
/// written behind its back, makes the project page fail rather than show
/// the project as an idea.
#[tokio::test]
async fn a_project_in_a_stage_nobody_knows_is_an_error_not_an_idea() {
    use relais_domain::sea_orm::ConnectionTrait;
    let p = programme().await;
    let alice = p.app.logged_in("alice@example.org").await;
    let path = alice
        .create_project_from(&project_fields(&p, "Carte des fontaines", &p.lyon))
        .await;
    assert_eq!(alice.get(&path).await.status, StatusCode::OK);
    p.app
        .ctx
        .db
        .execute_unprepared(
            "UPDATE projects SET stage = 'hibernating' WHERE slug = 'carte-des-fontaines'",
        )
        .await
        .expect("an unknown stage written");
    let page = alice.get(&path).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!page.body.contains("Idée"), "{}", page.body);
}

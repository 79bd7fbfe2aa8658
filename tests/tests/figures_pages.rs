//! The programme's figures as people read them over HTTP, on the programme
//! counted by hand (`relais_tests::programme`), on SQLite and PostgreSQL:
//! continuity on the home page and the edition's page.

use relais_tests::programme;
use reqwest::StatusCode;

/// The text of the table row headed `heading` in `body`, tags stripped.
fn row(body: &str, heading: &str) -> String {
    let start = body
        .find(&format!(r#"<th scope="row">{heading}</th>"#))
        .unwrap_or_else(|| panic!("no row {heading}:\n{body}"));
    let rest = &body[start..];
    let end = rest.find("</tr>").expect("row end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push('|');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split('|')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[tokio::test]
async fn an_editions_page_shows_its_continuity_with_its_definition() {
    let p = programme::programme().await;
    let visitor = p.app.client();
    let page = visitor.get("/editions/2024").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Nuit du Code Citoyen 2024");
    page.assert_contains("8 mars 2024 – 10 mars 2024");
    // Columns: Montréal, Paris, all cities (cities by name).
    page.assert_contains(r#"<th scope="col">Montréal</th><th scope="col">Paris</th><th scope="col">Toutes les villes</th>"#);
    assert_eq!(
        row(&page.body, "1 mois"),
        "1 mois | 1 / 2 (50\u{a0}%) | 3 / 5 (60\u{a0}%) | 4 / 7 (57\u{a0}%)"
    );
    assert_eq!(
        row(&page.body, "6 mois"),
        "6 mois | 1 / 2 (50\u{a0}%) | 2 / 5 (40\u{a0}%) | 3 / 7 (43\u{a0}%)"
    );
    assert_eq!(
        row(&page.body, "12 mois"),
        "12 mois | à venir | à venir | à venir"
    );
    page.assert_contains("6 mois après le marathon, 3 projets sur 7 étaient actifs.");
    page.assert_contains(
        "Un projet est actif pendant un mois s'il y a publié une nouvelle publique",
    );
    assert!(page.body.contains("<svg role=\"img\""), "a chart");
    assert!(!page.body.contains("<script"), "no script");
    page.assert_contains(&format!("/projects?edition={}", p.edition_2024));

    let english = relais_tests::Client::new(&p.app.base_url);
    english.get("/language/en").await;
    let page = english.get("/editions/2024").await;
    page.assert_contains("6 months after the marathon, 3 of 7 projects were active.");
    assert!(
        row(&page.body, "1 month").ends_with("| 4 / 7 (57%)"),
        "{}",
        page.body
    );

    assert_eq!(
        visitor.get("/editions/1999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_home_page_leads_with_the_latest_editions_continuity() {
    let p = programme::programme().await;
    let page = p.app.client().get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Des projets qui continuent après le marathon");
    page.assert_contains(r#"href="/editions/2024""#);
    page.assert_contains("6 mois après le marathon, 3 projets sur 7 étaient actifs.");
    // 2023's reading, in its card.
    page.assert_contains(r#"href="/editions/2023""#);
    page.assert_contains("12 mois après le marathon, 1 projet sur 1 était actif.");
    page.assert_contains("Comment ce chiffre est compté");
    // The gallery filtered by an edition leads to its page.
    let gallery = p
        .app
        .client()
        .get(&format!("/projects?edition={}", p.edition_2024))
        .await;
    gallery.assert_contains(r#"href="/editions/2024#continuity""#);
}

/// A member of `steady`'s team, and a member of nothing.
async fn members(p: &programme::Programme) {
    use relais_domain::entities::project_member;
    use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    p.app
        .create_account(
            "member@example.org",
            "Maëlle",
            relais_domain::Role::Member,
            Some("paris"),
        )
        .await;
    let teammate = p
        .app
        .create_account(
            "team@example.org",
            "Théo",
            relais_domain::Role::Member,
            Some("paris"),
        )
        .await;
    project_member::ActiveModel {
        project_id: Set(1),
        user_id: Set(teammate),
        role: Set(relais_domain::project::TeamRole::Owner),
        joined_at: Set(programme::now()),
    }
    .insert(&p.app.ctx.db)
    .await
    .expect("teammate");
}

#[tokio::test]
async fn only_coordinators_see_the_dashboard_and_each_only_their_cities() {
    let p = programme::programme().await;
    members(&p).await;
    let paris = format!("/admin/figures?city={}", p.paris);
    let montreal = format!("/admin/figures?city={}", p.montreal);
    let visitor = p.app.client();
    for path in ["/admin/figures", paris.as_str()] {
        assert_eq!(
            visitor.get(path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    for who in [
        "member@example.org",
        "team@example.org",
        "mentor@example.org",
    ] {
        let client = p.logged_in(who).await;
        for path in ["/admin/figures", paris.as_str(), montreal.as_str()] {
            assert_eq!(
                client.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{who} {path}"
            );
        }
    }
    let paris_coordinator = p.logged_in("paris.coord@example.org").await;
    let own = paris_coordinator.get("/admin/figures").await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    // Their city only: Paris's live projects, no Montréal column.
    own.assert_contains("2 projets sur 5 actifs ce mois-ci.");
    assert!(!own.body.contains("Montréal</th>"), "{}", own.body);
    assert_eq!(paris_coordinator.get(&paris).await.status, StatusCode::OK);
    assert_eq!(
        paris_coordinator.get(&montreal).await.status,
        StatusCode::FORBIDDEN
    );
    let programme_coordinator = p.logged_in("coord@example.org").await;
    for path in ["/admin/figures", paris.as_str(), montreal.as_str()] {
        assert_eq!(
            programme_coordinator.get(path).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    // Filters that name nothing are pages that do not exist.
    for path in ["/admin/figures?city=999", "/admin/figures?edition=abc"] {
        assert_eq!(
            programme_coordinator.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_dashboard_counts_the_programme_as_counted_by_hand() {
    let p = programme::programme().await;
    let client = p.logged_in("coord@example.org").await;
    let page = client.get("/admin/figures").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Tout le programme");
    // November: steady and comeback, of 7 live projects (elder of 2023 too).
    page.assert_contains("2 projets sur 7 actifs ce mois-ci.");
    page.assert_contains("Ce mois-ci, 1 point mensuel a reçu une réponse, pour 1 envoyé.");
    assert_eq!(
        row(&page.body, "novembre 2024"),
        "novembre 2024 | 2 | 1 | 1",
        "active, check-ins sent, answered"
    );
    assert_eq!(
        row(&page.body, "septembre 2024"),
        "septembre 2024 | 1 | 1 | 1"
    );
    page.assert_contains("L'étape la plus fréquente est « Idée » : 5 projets sur 7.");
    assert_eq!(row(&page.body, "Prototype"), "Prototype | 1");
    page.assert_contains("En 6 mois : 0 étape franchie, 1 projet mis en pause ou arrêté.");
    page.assert_contains(
        "0 jalon en retard et 0 à échéance dans les 30 prochains jours ; 0 terminé ce mois-ci.",
    );
    // Quiet since 21 October: all but steady.
    page.assert_contains("6 projets sur 7 n'ont rien publié depuis 30 jours ; 0 n'ont pas répondu");
    // evening, reviewed on 20 June with a six-week cadence: overdue.
    page.assert_contains(
        "1 projet sur 7 est suivi par un mentor ; 1 en retard de revue ; 1 revue écrite en 6 mois.",
    );
    page.assert_contains("En 6 mois : 0 rencontre, 0 réponse oui et 0 personne présente.");
    page.assert_contains("0 besoin ouvert ; 0 mise en relation demandée, dont 0 acceptée");
    assert!(
        page.body.matches("<svg role=\"img\"").count() >= 10,
        "charts"
    );
    assert!(!page.body.contains("<script"), "no script");

    // One edition: the 2023 project leaves the count.
    let page = client
        .get(&format!("/admin/figures?edition={}", p.edition_2024))
        .await;
    page.assert_contains("2 projets sur 6 actifs ce mois-ci.");

    let english = p.logged_in("coord@example.org").await;
    english.get("/language/en").await;
    let page = english.get("/admin/figures").await;
    page.assert_contains("2 of 7 projects are active this month.");
    page.assert_contains("The most common stage is “Idea”: 5 of 7 projects.");
}

#[tokio::test]
async fn the_quarterly_report_tells_the_quarter_and_refuses_others_cities() {
    let p = programme::programme().await;
    let client = p.logged_in("coord@example.org").await;
    let page = client.get("/admin/figures/report?quarter=2024-T2").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Rapport trimestriel — 2e trimestre 2024");
    page.assert_contains("1er avril 2024 – 30 juin 2024");
    // June: evening alone (its milestone), of 7 live projects.
    page.assert_contains("En juin 2024, 1 projet sur 7 était actif.");
    assert_eq!(row(&page.body, "mai 2024"), "mai 2024 | 2 | 1 | 0 | 1 | 0");
    page.assert_contains("Un jalon atteint");
    page.assert_contains(
        "10 juin 2024 — <strong>Projet evening</strong>\u{a0}: Jalon du 2024-06-10",
    );
    page.assert_contains("2 changements d'étape");
    page.assert_contains("<strong>Projet steady</strong> → Prototype");
    page.assert_contains("<strong>Projet comeback</strong> → En pause");
    page.assert_contains("6 mois après le marathon, 3 projets sur 7 étaient actifs.");
    page.assert_contains("Aucune rencontre prévue pour l'instant.");
    assert!(!page.body.contains("<script"));
    // No review text, ever.
    assert!(!page.body.contains("reste privé"), "{}", page.body);

    // The current quarter by default; a quarter that cannot be is no page.
    let current = client.get("/admin/figures/report").await;
    current.assert_contains("4e trimestre 2024");
    assert_eq!(
        client
            .get("/admin/figures/report?quarter=2024-Q5")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let paris = p.logged_in("paris.coord@example.org").await;
    let own = paris
        .get(&format!(
            "/admin/figures/report?quarter=2024-Q2&city={}",
            p.paris
        ))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    // Montréal's milestone is not Paris's.
    own.assert_contains("Aucun jalon atteint par un projet public");
    assert_eq!(
        paris
            .get(&format!("/admin/figures/report?city={}", p.montreal))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        p.app.client().get("/admin/figures/report").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The CSV at `path`, read back as RFC 4180: header and rows.
async fn csv_of(client: &relais_tests::Client, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let page = client.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    assert_eq!(
        page.headers["content-type"], "text/csv; charset=utf-8",
        "{path}"
    );
    assert!(
        page.headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"relais-"),
        "{path}"
    );
    assert!(!page.body.starts_with('\u{feff}'), "no byte-order mark");
    // Nothing private, whatever the file.
    for private in ["@example.org", "reste privé", "privées", "12 rue des Lilas"] {
        assert!(
            !page.body.contains(private),
            "{path} shows {private:?}:\n{}",
            page.body
        );
    }
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("an RFC 4180 row")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, rows)
}

#[tokio::test]
async fn exports_hold_the_scope_as_csv_with_formulas_made_inert() {
    use relais_domain::entities::{meetup_occurrence, need, project, rsvp};
    use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    use relais_domain::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let p = programme::programme().await;
    let db = &p.app.ctx.db;
    // A title a spreadsheet would run, and a pitch with commas, quotes and
    // a line break.
    project::ActiveModel {
        id: Set(1),
        title: Set("=HYPERLINK(\"http://evil.example\",\"clic\")".into()),
        pitch: Set("Vélos, \"partagés\"\net réparés".into()),
        ..Default::default()
    }
    .update(db)
    .await
    .expect("title");
    let meeting = meetup_occurrence::ActiveModel {
        series_id: Set(None),
        city_id: Set(p.paris),
        rule_date: Set(None),
        title: Set("@Atelier".into()),
        description: Set(String::new()),
        starts_at: Set(programme::at("2024-11-05T18:00:00Z")),
        ends_at: Set(programme::at("2024-11-05T20:00:00Z")),
        place_address: Set("12 rue des Lilas".into()),
        online_url: Set(None),
        capacity: Set(20),
        status: Set(relais_domain::meetup::Status::Scheduled),
        manual: Set(true),
        minutes: Set(String::new()),
        sequence: Set(0),
        created_at: Set(programme::now()),
        updated_at: Set(programme::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("meeting")
    .id;
    for (email, answer, attended) in [
        ("coord@example.org", "yes", Some(true)),
        ("paris.coord@example.org", "maybe", None),
    ] {
        let user = relais_domain::entities::user::Entity::find()
            .filter(relais_domain::entities::user::Column::Email.eq(email))
            .one(db)
            .await
            .expect("user")
            .expect("exists");
        rsvp::ActiveModel {
            occurrence_id: Set(meeting),
            user_id: Set(user.id),
            answer: Set(relais_domain::rsvp::Answer::parse(answer).expect("an answer code")),
            waitlisted: Set(false),
            attended: Set(attended),
            answered_at: Set(programme::now()),
            updated_at: Set(programme::now()),
        }
        .insert(db)
        .await
        .expect("answer");
    }
    need::ActiveModel {
        project_id: Set(2),
        kind: Set(relais_domain::help_kind::HelpKind::Designer),
        description: Set("-Refaire le logo".into()),
        remote: Set(true),
        languages: Set("fr".into()),
        state: Set(relais_domain::need::NeedState::Open),
        created_by: Set(None),
        created_at: Set(programme::now()),
        updated_at: Set(programme::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("need");

    let client = p.logged_in("coord@example.org").await;
    let (header, rows) = csv_of(&client, "/admin/figures/projects.csv").await;
    assert_eq!(header[..3], ["slug", "title", "pitch"]);
    // The live projects, archived `stopped` aside.
    assert_eq!(rows.len(), 7, "{rows:?}");
    let steady = rows.iter().find(|r| r[0] == "steady").expect("steady");
    assert_eq!(steady[1], "'=HYPERLINK(\"http://evil.example\",\"clic\")");
    assert_eq!(steady[2], "Vélos, \"partagés\"\net réparés");
    assert_eq!(steady[5], "prototype");

    let (_, rows) = csv_of(&client, "/admin/figures/journal.csv").await;
    // Public entries of public projects: discreet's team-only entry and
    // the private `stopped` are not there.
    assert_eq!(rows.len(), 11, "{rows:?}");
    assert!(
        rows.iter().all(|r| r[1].ends_with('Z')),
        "RFC 3339 instants"
    );

    let (_, rows) = csv_of(&client, "/admin/figures/milestones.csv").await;
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["comeback", "evening"]
    );
    assert_eq!(rows[1][2..], ["2024-06-10", "done", "2024-06-10"]);

    let (header, rows) = csv_of(&client, "/admin/figures/meetups.csv").await;
    assert_eq!(
        header[6..],
        ["answered_yes", "answered_maybe", "waitlisted", "attended"]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][2], "'@Atelier");
    assert_eq!(rows[0][6..], ["1", "1", "0", "1"]);

    let (_, rows) = csv_of(&client, "/admin/figures/needs.csv").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1..4], ["comeback", "designer", "open"]);
    assert_eq!(rows[0][5..], ["0", "0"]);

    // Filtered like the dashboard: Montréal's projects only.
    let (_, rows) = csv_of(
        &client,
        &format!("/admin/figures/projects.csv?city={}", p.montreal),
    )
    .await;
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["evening", "double"]
    );
    let paris = p.logged_in("paris.coord@example.org").await;
    assert_eq!(
        paris
            .get(&format!("/admin/figures/projects.csv?city={}", p.montreal))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let member = p.app.client();
    assert_eq!(
        member.get("/admin/figures/projects.csv").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        client.get("/admin/figures/secrets.csv").await.status,
        StatusCode::NOT_FOUND
    );
}

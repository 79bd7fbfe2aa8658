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

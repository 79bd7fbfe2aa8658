//! Open data (issue 15): an edition's Frictionless Data Package over HTTP
//! on the programme counted by hand (`relais_tests::programme`): every
//! resource the descriptor lists is served beside it and matches its
//! Table Schema (columns, types, required cells, keys), the figures are
//! the hand-counted ones, cells a spreadsheet would run are made inert,
//! nothing private appears, and the licence is the configured one. On
//! SQLite and PostgreSQL.

use chrono::{DateTime, NaiveDate};
use relais_domain::entities::project;
use relais_domain::open_data::DataLicence;
use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set};
use relais_tests::programme::{self, Programme};
use relais_tests::{Page, TestApp};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Rows of a CSV file as header → cell maps, checked against `schema`.
fn check_against_schema(name: &str, page: &Page, schema: &Value) -> Vec<BTreeMap<String, String>> {
    assert_eq!(page.status, StatusCode::OK, "{name}: {}", page.body);
    assert!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv")),
        "{name}: {:?}",
        page.headers.get("content-type")
    );
    assert!(!page.body.starts_with('\u{feff}'), "{name}: no BOM");
    let fields = schema["fields"].as_array().expect("fields");
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, names, "{name}: the header is the schema's fields");
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(record.len(), fields.len(), "{name}: {record:?}");
        let mut row = BTreeMap::new();
        for (cell, field) in record.iter().zip(fields) {
            let column = field["name"].as_str().expect("name");
            let required = field["constraints"]["required"] == true;
            if cell.is_empty() {
                assert!(!required, "{name}.{column} is required: {record:?}");
            } else {
                let fits = match field["type"].as_str().expect("type") {
                    "string" => true,
                    "integer" => cell.parse::<u64>().is_ok(),
                    "number" => cell.parse::<f64>().is_ok_and(|n| (0.0..=1.0).contains(&n)),
                    "date" => NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
                    "datetime" => DateTime::parse_from_rfc3339(cell).is_ok(),
                    other => panic!("{name}.{column}: type {other} not checked"),
                };
                assert!(fits, "{name}.{column}: {cell:?} is not a {}", field["type"]);
            }
            row.insert(column.to_owned(), cell.to_owned());
        }
        rows.push(row);
    }
    if let Some(key) = schema["primaryKey"].as_array() {
        let keys: BTreeSet<Vec<&String>> = rows
            .iter()
            .map(|r| key.iter().map(|k| &r[k.as_str().expect("key")]).collect())
            .collect();
        assert_eq!(keys.len(), rows.len(), "{name}: the primary key is unique");
    }
    rows
}

/// The descriptor and every resource's rows, by resource name.
async fn package(
    p: &Programme,
    edition: &str,
) -> (Value, BTreeMap<String, Vec<BTreeMap<String, String>>>) {
    let client = p.app.client();
    let page = client
        .get(&format!("/open-data/{edition}/datapackage.json"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let descriptor: Value = serde_json::from_str(&page.body).expect("JSON");
    let mut tables = BTreeMap::new();
    for resource in descriptor["resources"].as_array().expect("resources") {
        assert_eq!(resource["profile"], "tabular-data-resource");
        let name = resource["name"].as_str().expect("name");
        let path = resource["path"].as_str().expect("path");
        let csv = client.get(&format!("/open-data/{edition}/{path}")).await;
        tables.insert(
            name.to_owned(),
            check_against_schema(name, &csv, &resource["schema"]),
        );
    }
    (descriptor, tables)
}

#[tokio::test]
async fn an_editions_package_serves_tables_that_match_their_schemas_and_the_hand_counted_figures() {
    let p = programme::programme().await;
    let (descriptor, tables) = package(&p, "2024").await;
    assert_eq!(descriptor["profile"], "tabular-data-package");
    assert_eq!(descriptor["name"], "relais-2024");
    assert_eq!(descriptor["licenses"][0]["name"], "ODbL-1.0");
    assert_eq!(
        tables.keys().collect::<Vec<_>>(),
        ["continuity", "milestones", "projects"]
    );

    let slugs: Vec<&str> = tables["projects"]
        .iter()
        .map(|r| r["slug"].as_str())
        .collect();
    assert_eq!(
        slugs,
        [
            "comeback", "discreet", "double", "evening", "midnight", "steady"
        ],
        "the edition's public, live projects only"
    );
    let comeback = &tables["projects"][0];
    assert_eq!(comeback["stage"], "paused");
    assert_eq!(comeback["city"], "paris");
    assert_eq!(comeback["milestones_done"], "1");
    assert_eq!(comeback["progress"], "1.000");
    assert_eq!(
        comeback["repository_url"],
        "https://git.example.org/comeback"
    );

    // Every milestone belongs to a project of the table.
    assert!(!tables["milestones"].is_empty());
    for m in &tables["milestones"] {
        assert!(slugs.contains(&m["project"].as_str()), "{m:?}");
    }

    // Continuity counts every project of the edition (7), as counted by hand.
    let figure = |scope: &str, month: &str| {
        tables["continuity"]
            .iter()
            .find(|r| r["scope"] == scope && r["month"] == month)
            .map(|r| {
                (
                    r["progress"].clone(),
                    r["projects"].clone(),
                    r["active"].clone(),
                    r["share"].clone(),
                )
            })
            .unwrap_or_else(|| panic!("no row {scope} {month}"))
    };
    let row = |progress: &str, projects: &str, active: &str, share: &str| {
        (
            progress.to_owned(),
            projects.to_owned(),
            active.to_owned(),
            share.to_owned(),
        )
    };
    assert_eq!(figure("edition", "1"), row("over", "7", "4", "0.571"));
    assert_eq!(figure("edition", "3"), row("over", "7", "3", "0.429"));
    assert_eq!(figure("paris", "2"), row("over", "5", "1", "0.200"));
    assert_eq!(figure("montreal", "6"), row("over", "2", "1", "0.500"));
    assert_eq!(figure("edition", "12"), row("not_started", "7", "0", ""));
}

#[tokio::test]
async fn cells_a_spreadsheet_would_run_are_inert_and_nothing_private_is_published() {
    let p = programme::programme().await;
    let steady = p.project("steady").await;
    project::ActiveModel {
        id: Set(steady.id),
        title: Set("=HYPERLINK(\"https://evil.example\",\"clic\")".to_owned()),
        pitch: Set("@SUM(1+1), \"quoted\"\nand two lines".to_owned()),
        ..Default::default()
    }
    .update(&p.app.ctx.db)
    .await
    .expect("title");
    let (_, tables) = package(&p, "2024").await;
    let row = tables["projects"]
        .iter()
        .find(|r| r["slug"] == "steady")
        .expect("steady");
    assert_eq!(
        row["title"],
        "'=HYPERLINK(\"https://evil.example\",\"clic\")"
    );
    assert_eq!(row["pitch"], "'@SUM(1+1), \"quoted\"\nand two lines");

    let client = p.app.client();
    let email = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+").expect("pattern");
    for file in [
        "datapackage.json",
        "projects.csv",
        "milestones.csv",
        "continuity.csv",
    ] {
        let page = client.get(&format!("/open-data/2024/{file}")).await;
        assert!(!email.is_match(&page.body), "{file}: {}", page.body);
        for private in [
            "Un commentaire de revue",
            "Des forces",
            "stopped",
            "Coralie",
            "Mina",
        ] {
            assert!(!page.body.contains(private), "{file}: {private}");
        }
    }
    for missing in [
        "/open-data/1999/datapackage.json",
        "/open-data/2024/reviews.csv",
        "/open-data/2024/projects.json",
    ] {
        assert_eq!(
            client.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn the_package_names_the_configured_licence() {
    let app = TestApp::spawn_with_config(programme::now(), |c| {
        c.with_open_data_licence(DataLicence::Etalab)
    })
    .await;
    app.create_edition("2025", "2025-03-07").await;
    let page = app.client().get("/open-data/2025/datapackage.json").await;
    let descriptor: Value = serde_json::from_str(&page.body).expect("JSON");
    assert_eq!(descriptor["licenses"][0]["name"], "etalab-2.0");
    let document: Value =
        serde_json::from_str(&app.client().get("/api/openapi.json").await.body).expect("JSON");
    assert_eq!(
        document["info"]["license"]["name"],
        "Licence Ouverte / Open Licence version 2.0"
    );
    let empty = app.client().get("/open-data/2025/projects.csv").await;
    assert_eq!(
        empty.body.lines().count(),
        1,
        "a header and no row: {}",
        empty.body
    );
}

//! The public read API (`/api/v1`, issue 15) over HTTP on the programme
//! counted by hand (`relais_tests::programme`): what it lists and filters,
//! its errors (one JSON shape, 400 for bad input, 404 for unknown names,
//! never an HTML page), conditional requests and CORS, and that nothing
//! private ever appears. On SQLite and PostgreSQL.

use relais_domain::entities::{meetup_occurrence, rsvp, user};
use relais_domain::sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use relais_tests::programme::{self, Programme, at};
use relais_tests::{Client, Page};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::Value;

fn json(page: &Page) -> Value {
    assert_eq!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "{}",
        page.body
    );
    serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("{e}: {}", page.body))
}

fn slugs(listing: &Value) -> Vec<String> {
    let mut slugs: Vec<String> = listing["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["slug"].as_str().expect("slug").to_owned())
        .collect();
    slugs.sort();
    slugs
}

/// Asserts `path` answers `status` with the one error shape and `code`.
async fn assert_error(client: &Client, path: &str, status: StatusCode, code: &str) {
    let page = client.get(path).await;
    assert_eq!(page.status, status, "{path}: {}", page.body);
    let body = json(&page);
    assert_eq!(body["error"]["code"], code, "{path}: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{path}: {body}"
    );
    assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{path}: {body}");
}

/// A meeting in Paris next week, with one yes from the Paris coordinator.
async fn meeting(p: &Programme) -> i32 {
    let db = &p.app.ctx.db;
    let meeting = meetup_occurrence::ActiveModel {
        series_id: Set(None),
        city_id: Set(p.paris),
        rule_date: Set(None),
        title: Set("Rencontre de novembre".to_owned()),
        description: Set("On fait le point.".to_owned()),
        starts_at: Set(at("2024-11-27T18:00:00Z")),
        ends_at: Set(at("2024-11-27T20:00:00Z")),
        place_address: Set("10 rue de la Paix, Paris".to_owned()),
        online_url: Set(None),
        capacity: Set(30),
        status: Set(relais_domain::meetup::Status::Scheduled),
        manual: Set(true),
        minutes: Set(String::new()),
        sequence: Set(0),
        created_at: Set(at("2024-11-01T10:00:00Z")),
        updated_at: Set(at("2024-11-01T10:00:00Z")),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("meeting")
    .id;
    let someone = user::Entity::find()
        .all(db)
        .await
        .expect("accounts")
        .into_iter()
        .find(|u| u.email == "paris.coord@example.org")
        .expect("Paris coordinator")
        .id;
    rsvp::ActiveModel {
        occurrence_id: Set(meeting),
        user_id: Set(someone),
        answer: Set(relais_domain::rsvp::Answer::Yes),
        waitlisted: Set(false),
        attended: Set(None),
        answered_at: Set(at("2024-11-02T10:00:00Z")),
        updated_at: Set(at("2024-11-02T10:00:00Z")),
    }
    .insert(db)
    .await
    .expect("answer");
    meeting
}

#[tokio::test]
async fn projects_are_listed_filtered_and_shown_like_the_gallery() {
    let p = programme::programme().await;
    let client = p.app.client();

    let all = json(&client.get("/api/v1/projects").await);
    assert_eq!(
        slugs(&all),
        [
            "comeback", "discreet", "double", "elder", "evening", "midnight", "steady"
        ],
        "public, live projects only"
    );
    assert_eq!(
        (all["total"].as_u64(), all["pages"].as_u64()),
        (Some(7), Some(1))
    );

    let montreal = json(
        &client
            .get("/api/v1/projects?city=montreal&edition=2024")
            .await,
    );
    assert_eq!(slugs(&montreal), ["double", "evening"]);
    let paused = json(&client.get("/api/v1/projects?stage=paused").await);
    assert_eq!(slugs(&paused), ["comeback"]);
    let by_name = json(
        &client
            .get("/api/v1/projects?sort=name&per_page=2&page=2")
            .await,
    );
    let names: Vec<&str> = by_name["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["slug"].as_str().expect("slug"))
        .collect();
    assert_eq!(names, ["double", "elder"], "second page of two by title");
    assert_eq!(by_name["pages"], 4);
    let searched = json(&client.get("/api/v1/projects?q=midnight").await);
    assert_eq!(slugs(&searched), ["midnight"]);

    let comeback = json(&client.get("/api/v1/projects/comeback").await);
    assert_eq!(comeback["stage"], "paused");
    assert_eq!(comeback["licence"]["spdx"], "AGPL-3.0-or-later");
    assert_eq!(
        comeback["links"]["repository"],
        "https://git.example.org/comeback"
    );
    assert_eq!(comeback["city"]["slug"], "paris");
    assert_eq!(comeback["edition"]["slug"], "2024");
    assert_eq!(comeback["milestones"][0]["status"], "done");
    assert_eq!(comeback["milestones"][0]["done_on"], "2024-08-15");
    assert_eq!(comeback["progress"], 1.0);
    assert_eq!(comeback["open_needs"], serde_json::json!([]));
}

#[tokio::test]
async fn editions_cities_journal_and_meetups_are_public_data_only() {
    let p = programme::programme().await;
    let meeting = meeting(&p).await;
    let client = p.app.client();

    let editions = json(&client.get("/api/v1/editions").await);
    assert_eq!(editions["items"][0]["slug"], "2024", "latest first");
    assert_eq!(editions["items"][0]["cities"][0]["slug"], "montreal");
    let edition = json(&client.get("/api/v1/editions/2023").await);
    assert_eq!(edition["starts_on"], "2023-03-03");
    let cities = json(&client.get("/api/v1/cities").await);
    assert_eq!(cities["total"], 2);
    let paris = json(&client.get("/api/v1/cities/paris").await);
    assert_eq!(paris["time_zone"], "Europe/Paris");

    let discreet = json(&client.get("/api/v1/projects/discreet/journal").await);
    assert_eq!(discreet["total"], 1, "the team-only entry is not listed");
    assert_eq!(
        discreet["items"][0]["body"],
        "Nouvelles du 2024-03-09T10:00:00Z."
    );
    let steady = json(&client.get("/api/v1/projects/steady/journal").await);
    assert_eq!(
        steady["items"][0]["body"], "Nouvelles du 2024-11-05T10:00:00Z.",
        "newest first"
    );
    assert_eq!(steady["items"][0]["project"]["slug"], "steady");

    let meetups = json(&client.get("/api/v1/meetups?city=paris").await);
    assert_eq!(meetups["total"], 1);
    assert_eq!(meetups["items"][0]["answers"]["yes"], 1);
    assert_eq!(
        json(&client.get("/api/v1/meetups?city=montreal").await)["total"],
        0
    );
    assert_eq!(
        json(&client.get("/api/v1/meetups?until=2024-11-27").await)["total"],
        0,
        "before the meeting starts"
    );
    let one = json(&client.get(&format!("/api/v1/meetups/{meeting}")).await);
    assert_eq!(one["place"], "10 rue de la Paix, Paris");
    assert_eq!(one["starts_at"], "2024-11-27T18:00:00Z");
}

#[tokio::test]
async fn bad_input_gets_a_json_400_and_unknown_names_a_json_404() {
    let p = programme::programme().await;
    let client = p.app.client();
    let bad = StatusCode::BAD_REQUEST;
    for (path, code) in [
        ("/api/v1/projects?colour=blue", "unknown_parameter"),
        ("/api/v1/projects?stage=finished", "invalid_parameter"),
        ("/api/v1/projects?theme=", "ok"),
        ("/api/v1/projects?city=atlantis", "invalid_parameter"),
        ("/api/v1/projects?edition=1999", "invalid_parameter"),
        ("/api/v1/projects?help=maybe", "invalid_parameter"),
        ("/api/v1/projects?sort=size", "invalid_parameter"),
        ("/api/v1/projects?page=0", "invalid_parameter"),
        ("/api/v1/projects?page=-1", "invalid_parameter"),
        ("/api/v1/projects?page=2", "invalid_parameter"),
        ("/api/v1/projects?per_page=101", "invalid_parameter"),
        ("/api/v1/projects?per_page=ten", "invalid_parameter"),
        ("/api/v1/projects?page=1&page=2", "invalid_parameter"),
        ("/api/v1/projects?q=%FF%FE", "ok"),
        ("/api/v1/meetups?from=2024-02-30", "invalid_parameter"),
        ("/api/v1/meetups?until=tomorrow", "invalid_parameter"),
        (
            "/api/v1/projects/steady/journal?project=x",
            "unknown_parameter",
        ),
        ("/api/v1/projects/steady?x=1", "unknown_parameter"),
    ] {
        if code == "ok" {
            assert_eq!(client.get(path).await.status, StatusCode::OK, "{path}");
        } else {
            assert_error(&client, path, bad, code).await;
        }
    }
    let not_found = StatusCode::NOT_FOUND;
    for path in [
        "/api/v1/projects/nowhere",
        "/api/v1/projects/stopped",
        "/api/v1/projects/stopped/journal",
        "/api/v1/editions/1999",
        "/api/v1/cities/atlantis",
        "/api/v1/meetups/999999",
        "/api/v1/meetups/abc",
        "/api/v1/nothing",
        "/api/v2/projects",
        "/api",
    ] {
        assert_error(&client, path, not_found, "not_found").await;
    }
    let posted = client.post_raw("/api/v1/projects", &[("title", "x")]).await;
    assert_eq!(posted.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(json(&posted)["error"]["code"], "method_not_allowed");
    assert!(posted.set_cookies.is_empty(), "the API sets no cookie");
}

#[tokio::test]
async fn an_etag_round_trip_answers_304_until_the_data_changes() {
    let p = programme::programme().await;
    let client = p.app.client();
    let first = client.get("/api/v1/projects/steady").await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.headers.get("etag").expect("ETag").clone();
    assert!(first.headers.get("last-modified").is_some());
    assert_eq!(
        first
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-cache")
    );

    let mut headers = HeaderMap::new();
    headers.insert("if-none-match", etag.clone());
    let conditional = Client::with_headers(&p.app.base_url, headers.clone());
    let again = conditional.get("/api/v1/projects/steady").await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.headers.get("etag"), Some(&etag));

    // Another page has another tag.
    assert_eq!(
        conditional.get("/api/v1/projects/comeback").await.status,
        StatusCode::OK
    );

    // The team changes its pitch: the same tag no longer matches.
    let steady = p.project("steady").await;
    relais_domain::entities::project::ActiveModel {
        id: Set(steady.id),
        pitch: Set("Un nouveau pitch.".to_owned()),
        ..Default::default()
    }
    .update(&p.app.ctx.db)
    .await
    .expect("pitch");
    let changed = conditional.get("/api/v1/projects/steady").await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.headers.get("etag"), Some(&etag));
}

#[tokio::test]
async fn any_origin_may_read_the_api() {
    let p = programme::programme().await;
    let mut headers = HeaderMap::new();
    headers.insert(
        "origin",
        HeaderValue::from_static("https://data.example.org"),
    );
    let client = Client::with_headers(&p.app.base_url, headers);
    let page = client.get("/api/v1/cities").await;
    assert_eq!(
        page.headers
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
    let exposed = page
        .headers
        .get("access-control-expose-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
    let error = client.get("/api/v1/cities/atlantis").await;
    assert_eq!(
        error
            .headers
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*"),
        "errors are readable cross-origin too"
    );
}

#[tokio::test]
async fn no_address_review_or_team_only_text_appears_anywhere_in_the_api() {
    let p = programme::programme().await;
    let meeting = meeting(&p).await;
    let client = p.app.client();
    let mut paths: Vec<String> = [
        "/api/v1/editions",
        "/api/v1/editions/2024",
        "/api/v1/editions/2023",
        "/api/v1/cities",
        "/api/v1/cities/paris",
        "/api/v1/cities/montreal",
        "/api/v1/projects?per_page=100",
        "/api/v1/meetups?from=2000-01-01&per_page=100",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    paths.push(format!("/api/v1/meetups/{meeting}"));
    for slug in [
        "steady", "comeback", "discreet", "midnight", "evening", "double", "elder",
    ] {
        paths.push(format!("/api/v1/projects/{slug}"));
        paths.push(format!("/api/v1/projects/{slug}/journal?per_page=100"));
    }
    let email = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+").expect("pattern");
    for path in &paths {
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        assert!(
            !email.is_match(&page.body),
            "{path}: an email address: {}",
            page.body
        );
        for private in [
            "Un commentaire de revue",
            "Des forces qui restent",
            "Nouvelles du 2024-05-20T10:00:00Z",
            "Coralie",
            "Paul",
            "Mina",
            "stopped",
            "password",
            "token",
        ] {
            assert!(
                !page.body.contains(private),
                "{path}: {private:?} in {}",
                page.body
            );
        }
    }
}

/// A validator of `schema`, a part of the OpenAPI `document` whose
/// `$ref`s point into the document's components.
fn validator(document: &Value, schema: &Value) -> jsonschema::Validator {
    let root = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        "allOf": [schema],
    });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

/// Asserts `page` is one of the answers `operation` documents, and that
/// its body matches the documented schema.
fn assert_documented(document: &Value, operation: &Value, path: &str, page: &Page) {
    let status = page.status.as_u16().to_string();
    let response = &operation["responses"][&status];
    assert!(
        response.is_object(),
        "{path}: {status} is not documented: {}",
        page.body
    );
    let schema = &response["content"]["application/json"]["schema"];
    if page.status == StatusCode::NOT_MODIFIED {
        assert!(page.body.is_empty(), "{path}: a 304 with a body");
        return;
    }
    assert!(
        schema.is_object(),
        "{path}: {status} has no documented body"
    );
    let body = json(page);
    let validator = validator(document, schema);
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{path} ({status}) does not match its schema:\n{}\n{body}",
        errors.join("\n")
    );
}

#[tokio::test]
async fn every_path_of_the_openapi_document_answers_as_the_document_says() {
    let p = programme::programme().await;
    let meeting = meeting(&p).await;
    let client = p.app.client();
    let page = client.get("/api/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK);
    let document = json(&page);
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "OpenAPI 3.1: {}",
        document["openapi"]
    );
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for name in ["Project", "Edition", "City", "Meetup", "Entry", "ErrorBody"] {
        assert!(schemas.contains_key(name), "{name} in {:?}", schemas.keys());
    }
    // The validator does refuse what the document does not allow.
    let listing = &document["paths"]["/api/v1/projects"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let strict = validator(&document, listing);
    assert!(!strict.is_valid(&serde_json::json!({ "items": [{ "slug": 1 }] })));
    let paths = document["paths"].as_object().expect("paths");
    assert!(paths.len() >= 9, "{:?}", paths.keys());
    let mut etags = HeaderMap::new();
    for (template, item) in paths {
        let operation = &item["get"];
        assert!(operation.is_object(), "{template}: no GET");
        let path = template.replace("{id}", &meeting.to_string()).replace(
            "{slug}",
            if template.starts_with("/api/v1/editions") {
                "2024"
            } else if template.starts_with("/api/v1/cities") {
                "paris"
            } else {
                "steady"
            },
        );
        let found = client.get(&path).await;
        assert_eq!(found.status, StatusCode::OK, "{path}: {}", found.body);
        assert_documented(&document, operation, &path, &found);
        // Each documented query parameter is read, not refused.
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] != "query" {
                continue;
            }
            let name = parameter["name"].as_str().expect("name");
            let value = match name {
                "page" | "per_page" => "1",
                "help" => "true",
                "edition" => "2024",
                "city" => "paris",
                "theme" => "social",
                "stage" => "idea",
                "licence" => "MIT",
                "need" => "designer",
                "sort" => "name",
                "from" | "until" => "2024-11-01",
                _ => "vélo",
            };
            let with = format!("{path}?{name}={value}");
            let answer = client.get(&with).await;
            assert_eq!(answer.status, StatusCode::OK, "{with}: {}", answer.body);
            assert_documented(&document, operation, &with, &answer);
        }
        // An unknown parameter, and an unknown name, as documented.
        let bad = format!("{path}?bogus=1");
        assert_documented(&document, operation, &bad, &client.get(&bad).await);
        if template.contains('{') {
            let missing = template
                .replace("{id}", "999999")
                .replace("{slug}", "nowhere");
            let answer = client.get(&missing).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
            assert_documented(&document, operation, &missing, &answer);
        }
        // And the 304, with the tag just received.
        etags.insert(
            "if-none-match",
            found.headers.get("etag").expect("an ETag").clone(),
        );
        let again = Client::with_headers(&p.app.base_url, etags.clone())
            .get(&path)
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert_documented(&document, operation, &path, &again);
    }
}

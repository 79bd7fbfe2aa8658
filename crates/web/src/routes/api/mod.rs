//! The public read API under `/api/v1` (issue 15): editions, cities,
//! projects, public journal entries and meetups as JSON, for anyone
//! (CORS open to every origin, GET only).
//!
//! It stands outside the pages' request envelope: no session, no cookie,
//! no CSRF token, no HTML error page. Every failure, including an unknown
//! path or method, is the same JSON shape (`crate::error::ApiError`).
//! Answers carry an `ETag` from their bytes, and a matching
//! `If-None-Match` gets `304`. `Last-Modified` tells when the newest thing
//! shown changed, but conditional requests are judged by the `ETag` alone:
//! a listing can lose an item (a project made private) without any
//! timestamp moving.

mod params;
mod queries;

use crate::conditional;
use crate::error::{ApiError, ErrorBody, error_code, json_error};
use crate::{AppState, WebConfig};
use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Utc};
use params::{Params, invalid};
use queries::{MeetupQuery, PageQuery, ProjectQuery};
use relais_domain::api::editions::{City, Edition};
use relais_domain::api::journal::Entry;
use relais_domain::api::meetups::Meetup;
use relais_domain::api::projects::Project;
use relais_domain::api::{self as read, Listing};
use relais_domain::gallery::{Filter, Sort};
use relais_domain::help_kind::HelpKind;
use relais_domain::licence::Licence;
use relais_domain::stage::Stage;
use relais_domain::theme::Theme;
use serde::Serialize;
use std::sync::Arc;
use tower_http::cors::{Any, CorsLayer};
use utoipa::OpenApi;
use utoipa::openapi::info::License;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult = Result<Response, ApiError>;

/// The OpenAPI document's frame; its paths and schemas come from the
/// handlers below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Relais open API",
        version = "1",
        description = "Public data of the programme: editions, cities, public projects with \
                       their milestones and open needs, their public journal, and meetups. \
                       Read-only, no key, open to every origin. Every error is \
                       `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`. Answers carry an \
                       `ETag`; send it back in `If-None-Match` to get `304 Not Modified`.",
    ),
    tags(
        (name = "programme", description = "Editions and cities"),
        (name = "projects", description = "Public projects and their journal"),
        (name = "meetups", description = "Monthly meetings in each city")
    )
)]
struct ApiDoc;

/// The API's routes and the OpenAPI document made from them.
fn documented() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(editions))
        .routes(routes!(edition))
        .routes(routes!(cities))
        .routes(routes!(city))
        .routes(routes!(projects))
        .routes(routes!(project))
        .routes(routes!(project_journal))
        .routes(routes!(meetups))
        .routes(routes!(meetup))
        .split_for_parts()
}

/// The API's routes and its document (naming the data's licence), with
/// CORS and JSON errors.
pub fn router(config: &WebConfig) -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE])
        .expose_headers([header::ETAG, header::LAST_MODIFIED])
        .max_age(std::time::Duration::from_secs(24 * 3600));
    let (routes, mut document) = documented();
    let licence = config.open_data_licence;
    let mut license = License::new(licence.title());
    license.url = Some(licence.url().to_owned());
    document.info.license = Some(license);
    let document = Arc::new(document);
    routes
        .route(
            "/api/openapi.json",
            get(move |headers: HeaderMap| {
                let document = document.clone();
                async move { json(&headers, &*document, None) }
            }),
        )
        .route("/api", get(unknown_path))
        .route("/api/{*rest}", get(unknown_path))
        .layer(axum::middleware::from_fn(errors_as_json))
        .layer(cors)
}

/// Any failure that is not JSON yet (a method not allowed, a path that
/// does not parse) becomes the one error shape.
async fn errors_as_json(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let message = status.canonical_reason().unwrap_or("Error");
        let mut json = json_error(status, error_code(status), message);
        if let Some(allow) = response.headers().get(header::ALLOW) {
            json.headers_mut().insert(header::ALLOW, allow.clone());
        }
        return json;
    }
    response
}

async fn unknown_path() -> ApiError {
    ApiError(crate::error::WebError::NotFound)
}

/// `value` as JSON, or `304` when the client holds these bytes already.
fn json<T: Serialize>(
    request: &HeaderMap,
    value: &T,
    last_modified: Option<DateTime<Utc>>,
) -> ApiResult {
    let body = serde_json::to_vec(value).map_err(|e| {
        relais_domain::DomainError::Internal(format!("API answer not serialised: {e}"))
    })?;
    Ok(conditional::respond(
        request,
        "application/json",
        body,
        last_modified,
    ))
}

/// The newest of `items`' change times.
fn newest<T>(items: &[T], at: impl Fn(&T) -> DateTime<Utc>) -> Option<DateTime<Utc>> {
    items.iter().map(at).max()
}

/// A listing's page of items.
fn listing<T: Serialize>(
    request: &HeaderMap,
    page: &Listing<T>,
    at: impl Fn(&T) -> DateTime<Utc>,
) -> ApiResult {
    json(request, page, newest(&page.items, at))
}

#[utoipa::path(
    get,
    path = "/api/v1/editions",
    tag = "programme",
    params(PageQuery),
    responses(
        (status = 200, description = "Editions, latest first", body = Listing<Edition>),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody)
    )
)]
async fn editions(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read::<PageQuery>(query.as_deref())?;
    let page = read::editions::list(&state.ctx.db, params.paging()?).await?;
    json(&headers, &page, None)
}

#[utoipa::path(
    get,
    path = "/api/v1/editions/{slug}",
    tag = "programme",
    params(("slug" = String, Path, description = "URL name of the edition")),
    responses(
        (status = 200, description = "The edition and its cities", body = Edition),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody),
        (status = 404, description = "Nothing by that name", body = ErrorBody)
    )
)]
async fn edition(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::none(query.as_deref())?;
    json(
        &headers,
        &read::editions::get(&state.ctx.db, &slug).await?,
        None,
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/cities",
    tag = "programme",
    params(PageQuery),
    responses(
        (status = 200, description = "Cities, by name", body = Listing<City>),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody)
    )
)]
async fn cities(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read::<PageQuery>(query.as_deref())?;
    let page = read::editions::cities(&state.ctx.db, params.paging()?).await?;
    json(&headers, &page, None)
}

#[utoipa::path(
    get,
    path = "/api/v1/cities/{slug}",
    tag = "programme",
    params(("slug" = String, Path, description = "URL name of the city")),
    responses(
        (status = 200, description = "The city", body = City),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody),
        (status = 404, description = "Nothing by that name", body = ErrorBody)
    )
)]
async fn city(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::none(query.as_deref())?;
    json(
        &headers,
        &read::editions::city(&state.ctx.db, &slug).await?,
        None,
    )
}

/// The gallery's filters, by the names the gallery's form uses; editions
/// and cities by URL name.
async fn project_filter(state: &AppState, params: &Params) -> Result<Filter, ApiError> {
    let db = &state.ctx.db;
    let edition_id = match params.get("edition") {
        Some(slug) => Some(
            read::editions::edition_id(db, slug)
                .await?
                .ok_or_else(|| invalid("edition", format_args!("names no edition: {slug:?}")))?,
        ),
        None => None,
    };
    let city_id = match params.get("city") {
        Some(slug) => Some(
            read::editions::city_id(db, slug)
                .await?
                .ok_or_else(|| invalid("city", format_args!("names no city: {slug:?}")))?,
        ),
        None => None,
    };
    let one_of = |all: Vec<&str>| format!("one of {}", all.join(", "));
    Ok(Filter {
        edition_id,
        city_id,
        theme: params.parsed(
            "theme",
            Theme::parse,
            &one_of(Theme::ALL.iter().map(|t| t.code()).collect()),
        )?,
        stage: params.parsed(
            "stage",
            Stage::parse,
            &one_of(Stage::ALL.iter().map(|s| s.code()).collect()),
        )?,
        licence: params.parsed(
            "licence",
            Licence::parse,
            "an SPDX identifier of an open licence",
        )?,
        looking_for_help: params.flag("help")?.unwrap_or(false),
        need_kind: params.parsed(
            "need",
            HelpKind::parse,
            &one_of(HelpKind::ALL.iter().map(|k| k.code()).collect()),
        )?,
        text: match params.get("q") {
            Some(q) if q.chars().count() > 200 => {
                return Err(invalid("q", "is longer than 200 characters").into());
            }
            q => q.unwrap_or("").to_owned(),
        },
        sort: params
            .parsed(
                "sort",
                |v| match v {
                    "activity" => Ok(Sort::Activity),
                    "name" => Ok(Sort::Name),
                    _ => Err(()),
                },
                "activity or name",
            )?
            .unwrap_or_default(),
        page: 1,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "projects",
    params(ProjectQuery),
    responses(
        (status = 200, description = "Public projects, filtered like the gallery", body = Listing<Project>),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody)
    )
)]
async fn projects(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read::<ProjectQuery>(query.as_deref())?;
    let paging = params.paging()?;
    let filter = project_filter(&state, &params).await?;
    let page = read::projects::list(&state.ctx.db, &filter, paging).await?;
    listing(&headers, &page, |p| {
        Ord::max(p.updated_at, p.last_activity_at)
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/projects/{slug}",
    tag = "projects",
    params(("slug" = String, Path, description = "URL name of the project")),
    responses(
        (status = 200, description = "The public project", body = Project),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody),
        (status = 404, description = "Nothing by that name", body = ErrorBody)
    )
)]
async fn project(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::none(query.as_deref())?;
    let project = read::projects::get(&state.ctx.db, &slug).await?;
    let at = Ord::max(project.updated_at, project.last_activity_at);
    json(&headers, &project, Some(at))
}

#[utoipa::path(
    get,
    path = "/api/v1/projects/{slug}/journal",
    tag = "projects",
    params(("slug" = String, Path, description = "URL name of the project"), PageQuery),
    responses(
        (status = 200, description = "The public entries of its journal, newest first", body = Listing<Entry>),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody),
        (status = 404, description = "Nothing by that name", body = ErrorBody)
    )
)]
async fn project_journal(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read::<PageQuery>(query.as_deref())?;
    let page = read::journal::of_project(&state.ctx.db, &slug, params.paging()?).await?;
    listing(&headers, &page, |e| e.edited_at.unwrap_or(e.created_at))
}

#[utoipa::path(
    get,
    path = "/api/v1/meetups",
    tag = "meetups",
    params(MeetupQuery),
    responses(
        (status = 200, description = "Meetings, soonest first (by default those not over yet)", body = Listing<Meetup>),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody)
    )
)]
async fn meetups(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read::<MeetupQuery>(query.as_deref())?;
    let paging = params.paging()?;
    let city_id = match params.get("city") {
        Some(slug) => Some(
            read::editions::city_id(&state.ctx.db, slug)
                .await?
                .ok_or_else(|| invalid("city", format_args!("names no city: {slug:?}")))?,
        ),
        None => None,
    };
    let filter = read::meetups::Filter {
        city_id,
        from: params.moment("from")?,
        until: params.moment("until")?,
    };
    let page = read::meetups::list(&state.ctx.db, &filter, state.ctx.now(), paging).await?;
    listing(&headers, &page, |m| m.updated_at)
}

#[utoipa::path(
    get,
    path = "/api/v1/meetups/{id}",
    tag = "meetups",
    params(("id" = i32, Path, description = "Number of the meeting")),
    responses(
        (status = 200, description = "The meeting", body = Meetup),
        (status = 304, description = "Not modified: the `ETag` sent in `If-None-Match` still matches"),
        (status = 400, description = "An unknown parameter or a malformed value", body = ErrorBody),
        (status = 404, description = "Nothing by that name", body = ErrorBody)
    )
)]
async fn meetup(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::none(query.as_deref())?;
    let id: i32 = id.parse().map_err(|_| crate::error::WebError::NotFound)?;
    let meetup = read::meetups::get(&state.ctx.db, id, state.ctx.now()).await?;
    let at = meetup.updated_at;
    json(&headers, &meetup, Some(at))
}

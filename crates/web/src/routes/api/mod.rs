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

use crate::AppState;
use crate::error::{ApiError, error_code, json_error};
use crate::page_cache::{etag, etag_matches};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use params::{Params, invalid};
use relais_domain::api::{self as read, Listing};
use relais_domain::gallery::{Filter, Sort};
use relais_domain::help_kind::HelpKind;
use relais_domain::licence::Licence;
use relais_domain::stage::Stage;
use relais_domain::theme::Theme;
use serde::Serialize;
use tower_http::cors::{Any, CorsLayer};

type ApiResult = Result<Response, ApiError>;

/// The API's routes, with CORS and JSON errors.
pub fn router() -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE])
        .expose_headers([header::ETAG, header::LAST_MODIFIED])
        .max_age(std::time::Duration::from_secs(24 * 3600));
    Router::new()
        .route("/api/v1/editions", get(editions))
        .route("/api/v1/editions/{slug}", get(edition))
        .route("/api/v1/cities", get(cities))
        .route("/api/v1/cities/{slug}", get(city))
        .route("/api/v1/projects", get(projects))
        .route("/api/v1/projects/{slug}", get(project))
        .route("/api/v1/projects/{slug}/journal", get(project_journal))
        .route("/api/v1/meetups", get(meetups))
        .route("/api/v1/meetups/{id}", get(meetup))
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
    let tag = etag(&body);
    let mut response = if etag_matches(request, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(body));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, tag);
    // Clients and shared caches may keep an answer but must revalidate it.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Some(at) = last_modified
        && let Ok(value) =
            HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
    {
        headers.insert(header::LAST_MODIFIED, value);
    }
    Ok(response)
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

async fn editions(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read(query.as_deref(), &["page", "per_page"])?;
    let page = read::editions::list(&state.ctx.db, params.paging()?).await?;
    json(&headers, &page, None)
}

async fn edition(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::read(query.as_deref(), &[])?;
    json(
        &headers,
        &read::editions::get(&state.ctx.db, &slug).await?,
        None,
    )
}

async fn cities(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read(query.as_deref(), &["page", "per_page"])?;
    let page = read::editions::cities(&state.ctx.db, params.paging()?).await?;
    json(&headers, &page, None)
}

async fn city(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::read(query.as_deref(), &[])?;
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

/// Filters of `/api/v1/projects`.
const PROJECT_FILTERS: [&str; 11] = [
    "edition", "city", "theme", "stage", "licence", "help", "need", "q", "sort", "page", "per_page",
];

async fn projects(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read(query.as_deref(), &PROJECT_FILTERS)?;
    let paging = params.paging()?;
    let filter = project_filter(&state, &params).await?;
    let page = read::projects::list(&state.ctx.db, &filter, paging).await?;
    listing(&headers, &page, |p| {
        Ord::max(p.updated_at, p.last_activity_at)
    })
}

async fn project(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::read(query.as_deref(), &[])?;
    let project = read::projects::get(&state.ctx.db, &slug).await?;
    let at = Ord::max(project.updated_at, project.last_activity_at);
    json(&headers, &project, Some(at))
}

async fn project_journal(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read(query.as_deref(), &["page", "per_page"])?;
    let page = read::journal::of_project(&state.ctx.db, &slug, params.paging()?).await?;
    listing(&headers, &page, |e| e.edited_at.unwrap_or(e.created_at))
}

async fn meetups(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let params = Params::read(
        query.as_deref(),
        &["city", "from", "until", "page", "per_page"],
    )?;
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

async fn meetup(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    Params::read(query.as_deref(), &[])?;
    let id: i32 = id.parse().map_err(|_| crate::error::WebError::NotFound)?;
    let meetup = read::meetups::get(&state.ctx.db, id, state.ctx.now()).await?;
    let at = meetup.updated_at;
    json(&headers, &meetup, Some(at))
}

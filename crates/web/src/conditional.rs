//! Answers a client may keep and revalidate (the open API, open data): an
//! `ETag` from the bytes, `304 Not Modified` when `If-None-Match` names it,
//! and `Last-Modified` when the data says when it last changed.

use crate::page_cache::{etag, etag_matches};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

/// `body` as `content_type`, or `304` when the client holds these bytes.
pub fn respond(
    request: &HeaderMap,
    content_type: &'static str,
    body: Vec<u8>,
    last_modified: Option<DateTime<Utc>>,
) -> Response {
    let tag = etag(&body);
    let mut response = if etag_matches(request, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(body));
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
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
    response
}

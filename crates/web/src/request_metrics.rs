//! Requests counted and timed for `/metrics`, by route pattern: the path
//! itself would carry secrets (`/calendar/{token}.ics`) and give every
//! token a series of its own. Without an installed recorder (no
//! `RELAIS_METRICS_ADDR`) recording does nothing.

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// Requests answered, by method, route pattern and status.
pub const REQUESTS: &str = "relais_http_requests_total";
/// Time to the response's head, by method and route pattern.
pub const DURATION: &str = "relais_http_request_duration_seconds";

/// Describes this module's metrics to the installed recorder.
pub fn describe() {
    metrics::describe_counter!(
        REQUESTS,
        "HTTP requests answered, by method, route pattern and status"
    );
    metrics::describe_histogram!(
        DURATION,
        metrics::Unit::Seconds,
        "time from a request to its response's head, by method and route pattern"
    );
}

/// Counts and times one request.
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_str().to_owned();
    metrics::histogram!(DURATION, "method" => method, "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!(REQUESTS, "method" => method, "route" => route, "status" => status)
        .increment(1);
    response
}

/// The standard methods by name; any other (a client may send anything)
/// shares one label, so labels stay few.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

//! One router per area; `router()` merges them.

mod account;
mod admin;
mod assets;
mod dashboard;
mod explainers;
mod health;
mod home;
mod language;
mod meetups;
mod mentoring;
mod password;
mod polls;
mod profile;
mod projects;
mod team;

// relation (issue 12)
mod relation;

use crate::AppState;
use crate::config::WebConfig;
use crate::cookies::{self, Name};
use crate::error::WebError;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Every route of the site.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(health::router())
        .merge(assets::router())
        .merge(language::router())
        .merge(account::router())
        .merge(password::router())
        .merge(profile::router())
        .merge(admin::router())
        .merge(projects::router())
        .merge(team::router())
        .merge(dashboard::router())
        .merge(mentoring::router())
        .merge(meetups::router())
        .merge(polls::router())
        .merge(explainers::router())
        // relation (issue 12)
        .merge(relation::router())
}

/// The answer for any path no router knows.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

/// A "303 See Other" to `to`, with extra `Set-Cookie` values.
pub fn see_other(to: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// A redirect that leaves a message (a translation key) for the next page.
pub fn see_other_with_flash(
    config: &WebConfig,
    to: &str,
    flash_key: &str,
    mut extra: Vec<HeaderValue>,
) -> Response {
    extra.push(cookies::set(config, Name::Flash, flash_key, Some(300)));
    see_other(to, extra)
}

/// Only same-site paths are followed after log-in or a language switch,
/// so that our links cannot be used to send people elsewhere.
pub fn local_path(next: &str) -> &str {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\");
    if ok { next } else { "/" }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::local_path("/profile?x=1"), "/profile?x=1");
        assert_eq!(super::local_path("//evil.example"), "/");
        assert_eq!(super::local_path("https://evil.example"), "/");
        assert_eq!(super::local_path("/\\evil.example"), "/");
        assert_eq!(super::local_path(""), "/");
    }
}

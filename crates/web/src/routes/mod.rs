//! One router per area; `router()` merges them.

mod account;
mod admin;
mod api;
mod assets;
mod dashboard;
mod explainers;
mod figures;
mod health;
mod home;
mod language;
mod meetups;
mod mentoring;
mod open_data;
mod password;
mod polls;
mod profile;
mod projects;
mod source;
mod team;

// relation (issue 12)
mod relation;
mod text_size;

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
        .merge(assets::router())
        .merge(language::router())
        .merge(text_size::router())
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
        .merge(source::router())
        .merge(figures::router())
        .merge(open_data::router())
        // relation (issue 12)
        .merge(relation::router())
}

/// The open API, served outside the request envelope: no session, no
/// cookie, JSON errors.
pub fn api(config: &WebConfig) -> Router<AppState> {
    api::router(config)
}

/// The health probe, served outside the request envelope and the access log.
pub fn health() -> Router<AppState> {
    health::router()
}

/// A path holding a link token: a token of the wrong shape is a link that
/// does not exist (404), as an unknown or expired one is.
pub struct TokenPath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> axum::extract::FromRequestParts<S>
    for TokenPath<T>
{
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, WebError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| TokenPath(value))
            .map_err(|_| WebError::NotFound)
    }
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

/// Remembers a reader's choice (language, text size) in a cookie for a
/// year and goes back to `next`, a same-site path only.
pub fn remember_and_return(config: &WebConfig, name: Name, code: &str, next: &str) -> Response {
    let cookie = cookies::set(config, name, code, Some(365 * 24 * 3600));
    see_other(local_path(next), vec![cookie])
}

/// Only same-site paths are followed after log-in or a language switch,
/// so that our links cannot be used to send people elsewhere.
pub fn local_path(next: &str) -> &str {
    // Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil`
    // would become `//evil`: anything but a plain absolute path is refused.
    let plain = next.starts_with('/')
        && !next.starts_with("//")
        && !next
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if plain { next } else { "/" }
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
        for crafted in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/\\/evil",
            "/a\\b",
            "/\u{0}x",
            "/\u{2028}/evil",
        ] {
            assert_eq!(super::local_path(crafted), "/", "{crafted:?}");
        }
        assert_eq!(
            super::local_path("/projects?q=caf%C3%A9&page=2"),
            "/projects?q=caf%C3%A9&page=2"
        );
    }
}

//! Cross-site request forgery defence, applied to every state-changing
//! request before any handler runs: the browser's own `Sec-Fetch-Site` and
//! `Origin` headers must not point elsewhere, and the form must carry the
//! token bound to this browser's session (or visitor) cookie.

use crate::config::WebConfig;
use axum::http::{HeaderMap, Method};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The form token for a session or visitor token: an HMAC under the server
/// secret, so it cannot be forged without the secret and changes with the
/// session (at log-in and log-out).
pub fn token_for(secret: &str, bound_to: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"csrf:");
    mac.update(bound_to.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `method` changes state and so needs the checks.
pub fn needs_check(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Paths whose secret token *is* the authorisation and that other sites
/// must be able to POST to: one-click unsubscribe (RFC 8058) is sent by mail
/// clients, with no session and no form token.
pub fn exempt(path: &str) -> bool {
    path.starts_with("/unsubscribe/")
}

/// True when the browser says the request comes from another site.
pub fn is_cross_site(headers: &HeaderMap, config: &WebConfig) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    match headers
        .get(axum::http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        None => false,
        Some(origin) => origin != config.origin() && !origin_matches_host(origin, headers),
    }
}

/// Also accepts the origin the request was actually addressed to, so that a
/// server reached as `localhost` and configured as `127.0.0.1` still works.
fn origin_matches_host(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}

/// Constant-time comparison of two tokens.
pub fn tokens_match(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn config() -> WebConfig {
        WebConfig::new("https://relais.example".parse().expect("url"))
    }

    #[test]
    fn tokens_depend_on_secret_and_binding() {
        let a = token_for("s1", "session-a");
        assert_eq!(a, token_for("s1", "session-a"));
        assert_ne!(a, token_for("s2", "session-a"));
        assert_ne!(a, token_for("s1", "session-b"));
        assert!(tokens_match(&a, &a.clone()));
        assert!(!tokens_match(&a, &a[1..]));
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        let cfg = config();
        let mut h = HeaderMap::new();
        assert!(!is_cross_site(&h, &cfg), "no headers: old browser or tool");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(is_cross_site(&h, &cfg));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        h.insert("origin", HeaderValue::from_static("https://evil.example"));
        assert!(is_cross_site(&h, &cfg));
        h.insert("origin", HeaderValue::from_static("https://relais.example"));
        assert!(!is_cross_site(&h, &cfg));
    }
}

//! Cookie names and attributes in one place.

use crate::config::WebConfig;
use axum::http::{HeaderMap, HeaderValue, header};

/// Which cookie.
#[derive(Debug, Clone, Copy)]
pub enum Name {
    /// The log-in session token.
    Session,
    /// A visitor's token, binding CSRF tokens before log-in.
    Anonymous,
    /// The chosen language.
    Language,
    /// A one-off message for the next page.
    Flash,
    /// The text size the reader chose.
    TextSize,
}

impl Name {
    fn base(self) -> &'static str {
        match self {
            Name::Session => "relais_session",
            Name::Anonymous => "relais_anon",
            Name::Language => "relais_lang",
            Name::Flash => "relais_flash",
            Name::TextSize => "relais_text",
        }
    }

    /// The cookie's name: `__Host-` prefixed over https, which pins it to
    /// this host, path `/` and `Secure`.
    pub fn full(self, config: &WebConfig) -> String {
        if config.secure_cookies() {
            format!("__Host-{}", self.base())
        } else {
            self.base().to_owned()
        }
    }
}

/// A `Set-Cookie` value with our attributes; `max_age` in seconds, `None`
/// for a cookie that lasts as long as the browser session. Values are
/// tokens and codes we generate: URL-safe, never user text.
pub fn set(config: &WebConfig, name: Name, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut cookie = format!("{}={}; Path=/; SameSite=Lax", name.full(config), value);
    if !matches!(name, Name::Language) {
        cookie.push_str("; HttpOnly");
    }
    if config.secure_cookies() {
        cookie.push_str("; Secure");
    }
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    HeaderValue::from_str(&cookie)
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// A `Set-Cookie` value that tells the browser to forget `name`.
pub fn removal(config: &WebConfig, name: Name) -> HeaderValue {
    set(config, name, "", Some(0))
}

/// Reads a cookie's value from the request's `Cookie` headers; malformed
/// or oversized values are ignored.
pub fn read(headers: &HeaderMap, config: &WebConfig, name: Name) -> Option<String> {
    let wanted = name.full(config);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == wanted)
        .map(|(_, v)| v.trim_matches('"').to_owned())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 256
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> WebConfig {
        WebConfig::new(url.parse().expect("url"))
    }

    #[test]
    fn https_cookies_are_host_prefixed_secure_and_http_only() {
        let c = set(
            &config("https://relais.example"),
            Name::Session,
            "abc",
            None,
        );
        let s = c.to_str().expect("ascii");
        assert!(
            s.starts_with("__Host-relais_session=abc; Path=/; SameSite=Lax; HttpOnly; Secure"),
            "{s}"
        );
        let plain = set(
            &config("http://127.0.0.1:8080"),
            Name::Session,
            "abc",
            Some(60),
        );
        assert_eq!(
            plain.to_str().expect("ascii"),
            "relais_session=abc; Path=/; SameSite=Lax; HttpOnly; Max-Age=60"
        );
    }

    #[test]
    fn reads_only_well_formed_values() {
        let cfg = config("http://localhost");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; relais_session=tok_EN-1; relais_lang=<x>"),
        );
        assert_eq!(
            read(&headers, &cfg, Name::Session).as_deref(),
            Some("tok_EN-1")
        );
        assert_eq!(read(&headers, &cfg, Name::Language), None);
        assert_eq!(read(&headers, &cfg, Name::Flash), None);
    }
}

//! Links typed by users: only http and https are accepted.

/// Parses an optional link: empty is `None`, anything but an absolute
/// http(s) URL with a host is refused.
pub fn parse_optional(input: &str) -> Result<Option<String>, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match url::Url::parse(text) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some()
                && text.len() <= 500 =>
        {
            Ok(Some(u.to_string()))
        }
        _ => Err("error-url-invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_optional;

    #[test]
    fn only_http_links_pass() {
        assert_eq!(parse_optional(""), Ok(None));
        assert_eq!(
            parse_optional("https://example.org/x"),
            Ok(Some("https://example.org/x".into()))
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org",
            "example.org",
            "data:text/html,hi",
            "http://",
        ] {
            assert!(parse_optional(bad).is_err(), "{bad}");
        }
    }
}

//! The platform's public address, parsed once from the configuration.
//!
//! Every link in pages, emails and feeds starts with it, and its host names
//! calendar events and message ids: an event must keep one UID whether it
//! comes from an invitation's attachment or from a calendar feed, or the
//! reader's calendar shows it twice. So the address is checked once, kept
//! without its trailing slash, and its host is read in one place.

use std::fmt;
use std::str::FromStr;

use url::Url;

/// An http(s) URL with a host, without trailing slash:
/// `format!("{base}/projects/{slug}")` makes one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: Url,
    root: String,
}

/// Why a text is not a base URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    /// Not a URL at all.
    #[error("expected an http(s) URL such as https://relais.example.org, got {0:?}")]
    NotAUrl(String),
    /// A URL, but not one people can open in a browser.
    #[error("expected an http(s) URL with a host, got {0:?}")]
    NotWeb(String),
}

impl BaseUrl {
    /// Parses an http(s) URL with a host; a query or fragment is refused,
    /// as links are made by appending paths.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let url = Url::parse(text.trim()).map_err(|_| BaseUrlError::NotAUrl(text.to_owned()))?;
        if !matches!(url.scheme(), "http" | "https")
            || url.host_str().is_none()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(BaseUrlError::NotWeb(text.to_owned()));
        }
        let root = url.as_str().trim_end_matches('/').to_owned();
        Ok(BaseUrl { url, root })
    }

    /// The address without trailing slash, e.g. `https://relais.example.org`.
    pub fn as_str(&self) -> &str {
        &self.root
    }

    /// The address as parsed, e.g. `https://relais.example.org/`.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The host, without port: it names calendar events and message ids.
    pub fn host(&self) -> &str {
        // `parse` refused URLs without a host.
        self.url.host_str().unwrap_or_default()
    }

    /// The host when it is a domain name with a dot (not an IP address nor
    /// `localhost`), for a sender address such as `relais@HOST`.
    pub fn mail_domain(&self) -> Option<&str> {
        self.url.domain().filter(|d| d.contains('.'))
    }

    /// True when served over https (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// The origin (`scheme://host[:port]`) requests must come from.
    pub fn origin(&self) -> String {
        self.url.origin().ascii_serialization()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)
    }
}

impl FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_made_without_a_double_slash_whatever_the_configuration_says() {
        for text in ["https://relais.example.org", "https://relais.example.org/"] {
            let base = BaseUrl::parse(text).expect("base");
            assert_eq!(
                format!("{base}/projects/x"),
                "https://relais.example.org/projects/x"
            );
        }
        let under = BaseUrl::parse("https://example.org/relais/").expect("base");
        assert_eq!(format!("{under}/login"), "https://example.org/relais/login");
    }

    #[test]
    fn the_host_leaves_the_port_out_and_the_origin_keeps_it() {
        let base = BaseUrl::parse("http://127.0.0.1:8080/").expect("base");
        assert_eq!(base.host(), "127.0.0.1");
        assert_eq!(base.origin(), "http://127.0.0.1:8080");
        assert_eq!(base.mail_domain(), None);
        assert!(!base.is_https());
        let named = BaseUrl::parse("https://relais.example.org").expect("base");
        assert_eq!(named.mail_domain(), Some("relais.example.org"));
        assert!(named.is_https());
    }

    #[test]
    fn addresses_people_cannot_open_are_refused() {
        for text in [
            "relais.example.org",
            "ftp://relais.example.org",
            "mailto:a@b.c",
            "https://relais.example.org/?x=1",
            "https://relais.example.org/#top",
        ] {
            assert!(BaseUrl::parse(text).is_err(), "{text}");
        }
    }
}

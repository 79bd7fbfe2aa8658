//! What the web layer needs from the configuration.

use url::Url;

/// Web settings, read once at start-up by the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public URL, used in emails, feeds and the `Origin` check.
    pub base_url: Url,
}

impl WebConfig {
    /// Settings for `base_url`.
    pub fn new(base_url: Url) -> Self {
        WebConfig { base_url }
    }

    /// Cookies are `Secure` and `__Host-` prefixed when served over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The origin (`scheme://host[:port]`) requests must come from.
    pub fn origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
    }
}

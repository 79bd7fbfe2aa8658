//! What the web layer needs from the configuration.

use relais_domain::video::VideoHosts;
use url::Url;

/// Web settings, read once at start-up by the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public URL, used in emails, feeds and the `Origin` check.
    pub base_url: Url,
    /// The video hosts pages may embed (and the CSP allows).
    pub video_hosts: VideoHosts,
}

impl WebConfig {
    /// Settings for `base_url`, with the default video hosts.
    pub fn new(base_url: Url) -> Self {
        WebConfig {
            base_url,
            video_hosts: VideoHosts::default(),
        }
    }

    /// The same settings with other video hosts.
    pub fn with_video_hosts(mut self, video_hosts: VideoHosts) -> Self {
        self.video_hosts = video_hosts;
        self
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

//! What the web layer needs from the configuration.

use crate::client_address::TrustedProxies;
use relais_domain::base_url::BaseUrl;
use relais_domain::open_data::DataLicence;
use relais_domain::video::VideoHosts;
use url::Url;

/// Web settings, read once at start-up by the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public URL, used in emails, feeds and the `Origin` check.
    pub base_url: BaseUrl,
    /// The video hosts pages may embed (and the CSP allows).
    pub video_hosts: VideoHosts,
    /// The reverse proxies whose forwarding headers name the client.
    pub trusted_proxies: TrustedProxies,
    /// Where this instance's source code is published (the AGPL's offer).
    pub source_url: Option<Url>,
    /// Whether visitors' public pages are kept (`relais serve` keeps them;
    /// test set-ups that write behind the application's back do not).
    pub page_cache: bool,
    /// The licence open data and the API's data are published under.
    pub open_data_licence: DataLicence,
}

impl WebConfig {
    /// Settings for `base_url`, with the default video hosts.
    pub fn new(base_url: BaseUrl) -> Self {
        WebConfig {
            base_url,
            video_hosts: VideoHosts::default(),
            trusted_proxies: TrustedProxies::default(),
            source_url: None,
            page_cache: false,
            open_data_licence: DataLicence::default(),
        }
    }

    /// The same settings with other video hosts.
    pub fn with_video_hosts(mut self, video_hosts: VideoHosts) -> Self {
        self.video_hosts = video_hosts;
        self
    }

    /// The same settings behind these reverse proxies.
    pub fn with_trusted_proxies(mut self, trusted_proxies: TrustedProxies) -> Self {
        self.trusted_proxies = trusted_proxies;
        self
    }

    /// The same settings with the source code published at `source_url`.
    pub fn with_source_url(mut self, source_url: Option<Url>) -> Self {
        self.source_url = source_url;
        self
    }

    /// The same settings keeping visitors' public pages or not.
    pub fn with_page_cache(mut self, page_cache: bool) -> Self {
        self.page_cache = page_cache;
        self
    }

    /// The same settings publishing open data under `licence`.
    pub fn with_open_data_licence(mut self, licence: DataLicence) -> Self {
        self.open_data_licence = licence;
        self
    }

    /// Cookies are `Secure` and `__Host-` prefixed when served over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.is_https()
    }

    /// The origin (`scheme://host[:port]`) requests must come from.
    pub fn origin(&self) -> String {
        self.base_url.origin()
    }
}

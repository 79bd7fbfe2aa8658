//! Headers every response carries.

use crate::config::WebConfig;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// No inline script or style anywhere, no framing of our pages, no plugins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const HEADERS: [(HeaderName, &str); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

/// The Content-Security-Policy: the fixed rules, then exactly the
/// configured video hosts as the players pages may frame (`frame-src`)
/// and, for PeerTube instances, the video files they may play (`media-src`).
pub fn content_security_policy(config: &WebConfig) -> String {
    let frames = config.video_hosts.frame_origins();
    let frame_src = if frames.is_empty() {
        "'none'".to_owned()
    } else {
        frames.join(" ")
    };
    let mut media_src = vec!["'self'".to_owned()];
    media_src.extend(config.video_hosts.media_origins());
    format!(
        "{CSP}; frame-src {frame_src}; media-src {}",
        media_src.join(" ")
    )
}

/// Adds the security headers to every response of `router`, without
/// overriding one a handler set itself.
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>, config: &WebConfig) -> Router<S> {
    // The hosts were checked at start-up (DNS names, ports): always a valid header.
    let csp = HeaderValue::from_str(&content_security_policy(config))
        .unwrap_or_else(|_| HeaderValue::from_static(CSP));
    let router = router.layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        csp,
    ));
    HEADERS.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use relais_domain::video::VideoHosts;

    #[test]
    fn frames_and_media_are_limited_to_the_configured_hosts() {
        let config = WebConfig::new("https://relais.example".parse().expect("url"))
            .with_video_hosts(VideoHosts::parse("vimeo, tube.example.org").expect("hosts"));
        let csp = content_security_policy(&config);
        assert!(
            csp.contains("; frame-src https://player.vimeo.com https://tube.example.org;"),
            "{csp}"
        );
        assert!(
            csp.ends_with("; media-src 'self' https://tube.example.org"),
            "{csp}"
        );
        let none = WebConfig::new("https://relais.example".parse().expect("url"))
            .with_video_hosts(VideoHosts::parse("none").expect("none"));
        assert!(content_security_policy(&none).contains("frame-src 'none'"));
    }
}

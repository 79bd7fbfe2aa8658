//! Headers every response carries.

use crate::config::WebConfig;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// No inline script or style anywhere, no framing of our pages, no plugins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// `Strict-Transport-Security` in https mode; subdomains are the operator's
/// business, so they are not included.
const HSTS: &str = "max-age=63072000";

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
    let mut router = router.layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        csp,
    ));
    if config.secure_cookies() {
        // Served over https: browsers never try plain http again for two years.
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
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

    async fn headers_of(base_url: &str) -> axum::http::HeaderMap {
        use tower::ServiceExt;
        let config = WebConfig::new(base_url.parse().expect("url"));
        let router = apply(
            Router::new().route("/", axum::routing::get(|| async { "ok" })),
            &config,
        );
        let request = axum::http::Request::get("/")
            .body(axum::body::Body::empty())
            .expect("request");
        router
            .oneshot(request)
            .await
            .expect("response")
            .headers()
            .clone()
    }

    #[tokio::test]
    async fn https_mode_asks_browsers_to_stay_on_https() {
        let https = headers_of("https://relais.example").await;
        assert_eq!(
            https
                .get(header::STRICT_TRANSPORT_SECURITY)
                .map(|v| v.as_bytes()),
            Some(HSTS.as_bytes())
        );
        let http = headers_of("http://127.0.0.1:8080").await;
        assert!(http.get(header::STRICT_TRANSPORT_SECURITY).is_none());
        assert!(http.get(header::CONTENT_SECURITY_POLICY).is_some());
    }
}

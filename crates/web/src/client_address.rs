//! The client's address behind reverse proxies: only proxies the operator
//! named (`RELAIS_TRUSTED_PROXIES`) are believed about who they forward
//! for, so a client cannot pick its own address to escape per-address limits.

use axum::http::{HeaderMap, header};
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// Why a trusted-proxies setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is neither an IP address nor a CIDR block such as 10.0.0.0/8")]
pub struct BadProxy(pub String);

impl TrustedProxies {
    /// Parses a comma- or space-separated list of addresses and CIDR blocks;
    /// an empty list trusts nobody.
    pub fn parse(text: &str) -> Result<Self, BadProxy> {
        text.split([',', ' '])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<IpNet>()
                    .or_else(|_| p.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| BadProxy(p.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// Whether no proxy is trusted (the TCP peer is the client).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the TCP peer unless it is a trusted proxy; then
    /// the nearest address in the forwarding chain that is not itself a
    /// trusted proxy (the `Forwarded` header first, else `X-Forwarded-For`).
    /// A chain that cannot be read falls back to the peer.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let chain = forwarded_chain(headers).or_else(|| x_forwarded_for_chain(headers));
        let Some(chain) = chain else {
            return peer;
        };
        // Each proxy appends the address it received from; walk back from
        // the nearest hop until one is not ours.
        let mut client = peer;
        for hop in chain.into_iter().rev() {
            client = hop;
            if !self.trusts(hop) {
                break;
            }
        }
        client
    }
}

/// IPv4 addresses reached over an IPv6 socket compare as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"` (RFC 7239).
fn forwarded_chain(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut chain = Vec::new();
    for value in headers.get_all(header::FORWARDED) {
        for element in value.to_str().ok()?.split(',') {
            let node = element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("for")
                    .then_some(value.trim())
            })?;
            chain.push(node_address(node)?);
        }
    }
    (!chain.is_empty()).then_some(chain)
}

/// `X-Forwarded-For: client, proxy1, proxy2`.
fn x_forwarded_for_chain(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut chain = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        for item in value.to_str().ok()?.split(',') {
            chain.push(node_address(item.trim())?);
        }
    }
    (!chain.is_empty()).then_some(chain)
}

/// An address as proxies write it: bare, quoted, bracketed IPv6, with or
/// without a port. Obfuscated identifiers (`_hidden`, `unknown`) are refused.
fn node_address(node: &str) -> Option<IpAddr> {
    let node = node.trim_matches('"');
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Some(rest) = node.strip_prefix('[') {
        let (v6, _port) = rest.split_once(']')?;
        return v6.parse().ok().map(canonical);
    }
    let (v4, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    v4.parse().ok().map(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn settings_are_addresses_or_blocks() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1 ::1").expect("parse");
        assert!(proxies.trusts(ip("10.1.2.3")));
        assert!(proxies.trusts(ip("127.0.0.1")));
        assert!(proxies.trusts(ip("::1")));
        assert!(!proxies.trusts(ip("192.0.2.1")));
        assert!(TrustedProxies::parse("").expect("empty").is_empty());
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, proxy.local"),
            Err(BadProxy("proxy.local".into()))
        );
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let proxies = TrustedProxies::parse("10.0.0.1").expect("parse");
        let claims = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(proxies.client(ip("192.0.2.7"), &claims), ip("192.0.2.7"));
        let nobody = TrustedProxies::default();
        assert_eq!(nobody.client(ip("10.0.0.1"), &claims), ip("10.0.0.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_forged_hops_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").expect("parse");
        // The client forged the first entry; the proxy appended the real one.
        let chain = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.9, 10.0.0.2")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &chain), ip("203.0.113.9"));
        let forwarded = headers(&[(
            "forwarded",
            "for=198.51.100.1, for=\"[2001:db8::7]:4711\";proto=https",
        )]);
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded),
            ip("2001:db8::7")
        );
        let with_port = headers(&[("forwarded", "for=203.0.113.9:5000")]);
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &with_port),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn unreadable_or_missing_chains_fall_back_to_the_peer() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").expect("parse");
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        let hidden = headers(&[("forwarded", "for=_hidden")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &hidden), ip("10.0.0.1"));
        let garbage = headers(&[("x-forwarded-for", "not an address")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &garbage), ip("10.0.0.1"));
        // Every hop trusted: the farthest one is the best we know.
        let internal = headers(&[("x-forwarded-for", "10.9.9.9, 10.0.0.2")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &internal), ip("10.9.9.9"));
        // IPv4 peers over an IPv6 socket are matched as IPv4.
        let mapped = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            proxies.client(ip("::ffff:10.0.0.1"), &mapped),
            ip("203.0.113.9")
        );
    }
}

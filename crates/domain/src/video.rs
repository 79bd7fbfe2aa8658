//! Where an explainer video lives, and how a page may play it without
//! letting the host track anyone who has not asked to watch.
//!
//! The site embeds only hosts it was configured to trust (`VideoHosts`):
//! YouTube through its privacy-enhanced domain, Vimeo's player with "do not
//! track", and the PeerTube instances named by the programme (PeerTube is
//! federated: its instances cannot be listed in advance). A direct `.mp4`
//! or `.webm` file plays in the page only from those same hosts, since the
//! Content-Security-Policy must name them. Anything else stays a link.

use url::Url;

/// YouTube's privacy-enhanced embedding origin.
pub const YOUTUBE_EMBED: &str = "https://www.youtube-nocookie.com";
/// Vimeo's player origin.
pub const VIMEO_EMBED: &str = "https://player.vimeo.com";

/// The hosts whose players the site may embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoHosts {
    youtube: bool,
    vimeo: bool,
    peertube: Vec<String>,
}

impl Default for VideoHosts {
    /// YouTube, Vimeo and Framatube (Framasoft's PeerTube instance).
    fn default() -> Self {
        VideoHosts {
            youtube: true,
            vimeo: true,
            peertube: vec!["framatube.org".to_owned()],
        }
    }
}

fn is_host_name(text: &str) -> bool {
    let (name, port) = match text.split_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (text, None),
    };
    let labels_ok = name.split('.').all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    labels_ok && name.contains('.') && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0))
}

impl VideoHosts {
    /// Parses a list such as `youtube, vimeo, framatube.org, video.example.org`
    /// (`none` embeds nothing). The error says what was expected.
    pub fn parse(text: &str) -> Result<VideoHosts, String> {
        let entries: Vec<String> = text
            .split([',', ' ', '\n', '\t'])
            .map(|e| e.trim().to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        let mut hosts = VideoHosts {
            youtube: false,
            vimeo: false,
            peertube: Vec::new(),
        };
        if entries == ["none"] {
            return Ok(hosts);
        }
        for entry in entries {
            match entry.as_str() {
                "youtube" => hosts.youtube = true,
                "vimeo" => hosts.vimeo = true,
                name if is_host_name(name) => {
                    if !hosts.peertube.iter().any(|h| h == name) {
                        hosts.peertube.push(name.to_owned());
                    }
                }
                other => {
                    return Err(format!(
                        "expected youtube, vimeo and PeerTube host names such as framatube.org, separated by commas (or none), got {other:?}"
                    ));
                }
            }
        }
        Ok(hosts)
    }

    /// The origins pages may frame, exactly: the CSP's `frame-src`.
    pub fn frame_origins(&self) -> Vec<String> {
        let mut origins = Vec::new();
        if self.youtube {
            origins.push(YOUTUBE_EMBED.to_owned());
        }
        if self.vimeo {
            origins.push(VIMEO_EMBED.to_owned());
        }
        origins.extend(self.media_origins());
        origins
    }

    /// The origins video files may be played from: the PeerTube hosts.
    pub fn media_origins(&self) -> Vec<String> {
        self.peertube
            .iter()
            .map(|h| format!("https://{h}"))
            .collect()
    }
}

/// How a page offers a video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Playback {
    /// A player in an iframe, shown only once the viewer asks.
    Embed {
        /// Who hosts it, as people know it ("YouTube", "framatube.org").
        host: String,
        /// The player's address.
        src: String,
    },
    /// A video file for `<video preload="none">`.
    File {
        /// Who hosts it.
        host: String,
        /// The file's address.
        src: String,
        /// `video/mp4` or `video/webm`.
        mime: &'static str,
    },
    /// A link to follow, nothing embedded.
    Link {
        /// Who hosts it.
        host: String,
    },
}

impl Playback {
    /// Who hosts the video.
    pub fn host(&self) -> &str {
        match self {
            Playback::Embed { host, .. }
            | Playback::File { host, .. }
            | Playback::Link { host } => host,
        }
    }
}

fn youtube_id(id: &str) -> Option<&str> {
    (id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(id)
}

/// A start time in seconds from `t=90`, `t=90s` or `t=1m30s`.
fn seconds(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            let n: u32 = number.parse().ok()?;
            number.clear();
            total += n * match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return None,
            };
        }
    }
    number.is_empty().then_some(total)
}

fn youtube(url: &Url, host: &str) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let query = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let id = match (host, segments.as_slice()) {
        ("youtu.be", [id]) => youtube_id(id)?.to_owned(),
        (_, ["watch"]) => youtube_id(&query("v")?)?.to_owned(),
        (_, ["embed" | "shorts" | "live" | "v", id]) => youtube_id(id)?.to_owned(),
        _ => return None,
    };
    let start = query("t")
        .or_else(|| query("start"))
        .and_then(|t| seconds(&t))
        .filter(|s| *s > 0);
    Some(match start {
        Some(s) => format!("{YOUTUBE_EMBED}/embed/{id}?start={s}"),
        None => format!("{YOUTUBE_EMBED}/embed/{id}"),
    })
}

fn vimeo(url: &Url, host: &str) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let numeric = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (id, hash) = if host == "player.vimeo.com" {
        match segments.as_slice() {
            ["video", id] if numeric(id) => {
                let h = url
                    .query_pairs()
                    .find(|(k, _)| k == "h")
                    .map(|(_, v)| v.into_owned());
                ((*id).to_owned(), h)
            }
            _ => return None,
        }
    } else {
        let at = segments.iter().position(numeric)?;
        // An unlisted video's address carries its key: vimeo.com/ID/KEY.
        let key = segments
            .get(at + 1)
            .filter(|k| k.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(|k| (*k).to_owned());
        (segments[at].to_owned(), key)
    };
    let hash = hash.filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric()));
    Some(match hash {
        Some(h) => format!("{VIMEO_EMBED}/video/{id}?h={h}&dnt=1"),
        None => format!("{VIMEO_EMBED}/video/{id}?dnt=1"),
    })
}

fn peertube(url: &Url, origin: &str) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let id_ok = |id: &&str| {
        !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    // No peer-to-peer: it would show the viewer's address to other viewers.
    let (kind, id) = match segments.as_slice() {
        ["w", "p", id] | ["videos", "watch", "playlist", id] | ["video-playlists", "embed", id]
            if id_ok(id) =>
        {
            ("video-playlists", *id)
        }
        ["w", id] | ["videos", "watch", id] | ["videos", "embed", id] if id_ok(id) => {
            ("videos", *id)
        }
        _ => return None,
    };
    Some(format!("{origin}/{kind}/embed/{id}?p2p=0&warningTitle=0"))
}

fn file_type(url: &Url) -> Option<&'static str> {
    let path = url.path().to_ascii_lowercase();
    if path.ends_with(".mp4") {
        Some("video/mp4")
    } else if path.ends_with(".webm") {
        Some("video/webm")
    } else {
        None
    }
}

/// How a page may offer the video at `link`, given the trusted hosts.
pub fn playback(link: &str, hosts: &VideoHosts) -> Playback {
    let Ok(url) = Url::parse(link) else {
        return Playback::Link {
            host: String::new(),
        };
    };
    let host_name = url.host_str().unwrap_or("").to_ascii_lowercase();
    let bare = host_name
        .strip_prefix("www.")
        .unwrap_or(&host_name)
        .to_owned();
    let link_only = Playback::Link { host: bare.clone() };
    if !matches!(url.scheme(), "http" | "https") {
        return link_only;
    }
    if hosts.youtube
        && matches!(
            bare.as_str(),
            "youtube.com" | "m.youtube.com" | "youtu.be" | "youtube-nocookie.com"
        )
    {
        return youtube(&url, &bare).map_or(link_only, |src| Playback::Embed {
            host: "YouTube".to_owned(),
            src,
        });
    }
    if hosts.vimeo && matches!(bare.as_str(), "vimeo.com" | "player.vimeo.com") {
        return vimeo(&url, &bare).map_or(link_only, |src| Playback::Embed {
            host: "Vimeo".to_owned(),
            src,
        });
    }
    let with_port = match url.port() {
        Some(p) => format!("{host_name}:{p}"),
        None => host_name.clone(),
    };
    if hosts.peertube.contains(&with_port) {
        let origin = format!("https://{with_port}");
        if let Some(mime) = file_type(&url).filter(|_| url.scheme() == "https") {
            return Playback::File {
                host: with_port,
                src: url.to_string(),
                mime,
            };
        }
        return peertube(&url, &origin).map_or(link_only, |src| Playback::Embed {
            host: with_port,
            src,
        });
    }
    link_only
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> VideoHosts {
        VideoHosts::parse("youtube, vimeo, video.example.org, tube.example.net:8443")
            .expect("valid list")
    }

    fn embed(link: &str) -> Option<String> {
        match playback(link, &hosts()) {
            Playback::Embed { src, .. } => Some(src),
            _ => None,
        }
    }

    #[test]
    fn youtube_links_play_from_the_privacy_enhanced_domain() {
        for link in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(
                embed(link).as_deref(),
                Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
                "{link}"
            );
        }
        assert_eq!(
            embed("https://youtu.be/dQw4w9WgXcQ?t=1m30s").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90")
        );
        assert_eq!(embed("https://www.youtube.com/watch?v=short"), None);
        assert_eq!(embed("https://www.youtube.com/@chaine"), None);
    }

    #[test]
    fn vimeo_links_play_in_the_player_without_tracking() {
        assert_eq!(
            embed("https://vimeo.com/76979871").as_deref(),
            Some("https://player.vimeo.com/video/76979871?dnt=1")
        );
        assert_eq!(
            embed("https://vimeo.com/channels/staffpicks/76979871").as_deref(),
            Some("https://player.vimeo.com/video/76979871?dnt=1")
        );
        assert_eq!(
            embed("https://vimeo.com/76979871/a1b2c3d4e5").as_deref(),
            Some("https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&dnt=1")
        );
        assert_eq!(
            embed("https://player.vimeo.com/video/76979871").as_deref(),
            Some("https://player.vimeo.com/video/76979871?dnt=1")
        );
        assert_eq!(embed("https://vimeo.com/about"), None);
    }

    #[test]
    fn peertube_links_play_only_from_the_named_instances() {
        assert_eq!(
            embed("https://video.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d").as_deref(),
            Some(
                "https://video.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?p2p=0&warningTitle=0"
            )
        );
        assert_eq!(
            embed("https://video.example.org/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv").as_deref(),
            Some(
                "https://video.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?p2p=0&warningTitle=0"
            )
        );
        assert_eq!(
            embed("https://video.example.org/w/p/abc123").as_deref(),
            Some("https://video.example.org/video-playlists/embed/abc123?p2p=0&warningTitle=0")
        );
        assert_eq!(
            embed("https://tube.example.net:8443/w/abc").as_deref(),
            Some("https://tube.example.net:8443/videos/embed/abc?p2p=0&warningTitle=0")
        );
        // Another instance is not trusted, whatever its paths look like.
        assert_eq!(
            playback("https://peertube.other.org/w/abc", &hosts()),
            Playback::Link {
                host: "peertube.other.org".into()
            }
        );
    }

    #[test]
    fn files_play_in_the_page_only_from_trusted_hosts() {
        assert_eq!(
            playback(
                "https://video.example.org/static/web-videos/a-720.MP4",
                &hosts()
            ),
            Playback::File {
                host: "video.example.org".into(),
                src: "https://video.example.org/static/web-videos/a-720.MP4".into(),
                mime: "video/mp4",
            }
        );
        assert!(matches!(
            playback("https://files.example.com/a.webm", &hosts()),
            Playback::Link { .. }
        ));
    }

    #[test]
    fn hosts_switched_off_are_plain_links() {
        let none = VideoHosts::parse("none").expect("none");
        assert!(none.frame_origins().is_empty());
        assert!(matches!(
            playback("https://youtu.be/dQw4w9WgXcQ", &none),
            Playback::Link { .. }
        ));
        assert_eq!(
            playback("javascript:alert(1)", &hosts()),
            Playback::Link {
                host: String::new()
            }
        );
    }

    #[test]
    fn the_list_names_exact_origins_and_refuses_what_is_not_a_host() {
        assert_eq!(
            hosts().frame_origins(),
            [
                "https://www.youtube-nocookie.com",
                "https://player.vimeo.com",
                "https://video.example.org",
                "https://tube.example.net:8443",
            ]
        );
        assert_eq!(
            VideoHosts::default().frame_origins(),
            [
                "https://www.youtube-nocookie.com",
                "https://player.vimeo.com",
                "https://framatube.org",
            ]
        );
        for bad in [
            "https://video.example.org",
            "video.example.org/w",
            "localhost",
            "a..b",
            "x.org:0",
            "none, youtube",
        ] {
            assert!(VideoHosts::parse(bad).is_err(), "{bad}");
        }
    }
}

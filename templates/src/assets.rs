//! Static assets embedded in the binary: the site works with no internet.

/// The site's only stylesheet.
pub const STYLE_CSS: &str = include_str!("../static/style.css");

/// The site's icon (32×32, PNG inside an ICO), which browsers ask for on
/// every site at `/favicon.ico`.
pub const FAVICON_ICO: &[u8] = include_bytes!("../static/favicon.ico");

/// A short content hash of the stylesheet, used in its URL so browsers can
/// cache it for a long time and still pick up a new version.
pub fn style_version() -> String {
    // FNV-1a: tiny, stable across builds, good enough to bust a cache.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in STYLE_CSS.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash & 0xffff_ffff)
}

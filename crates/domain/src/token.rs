//! Random secrets sent to users (session cookies, emailed links) and the
//! hashes under which they are stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe base64 without padding (43 characters).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Length of every token `generate` makes.
pub const TOKEN_LENGTH: usize = 43;

/// Whether `text` could be a token `generate` made: 43 characters of the
/// URL-safe base64 alphabet. Checked before a link's token is used at all,
/// so a crafted path never reaches a page or a query.
pub fn is_well_formed(text: &str) -> bool {
    text.len() == TOKEN_LENGTH
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A secret from an emailed link, checked for shape (not yet for validity).
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken(String);

impl LinkToken {
    /// The token, if `text` has the shape of one.
    pub fn parse(text: &str) -> Option<Self> {
        is_well_formed(text).then(|| LinkToken(text.to_owned()))
    }

    /// A fresh random token.
    pub fn generate() -> Self {
        LinkToken(generate())
    }

    /// The token as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps of it.
    pub fn hash(&self) -> String {
        hash(&self.0)
    }
}

impl std::ops::Deref for LinkToken {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LinkToken {
    /// The token itself, for building the link back (never logged: see `Debug`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(…)")
    }
}

impl<'de> serde::Deserialize<'de> for LinkToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        LinkToken::parse(&text).ok_or_else(|| serde::de::Error::custom("not a link token"))
    }
}

/// The hex SHA-256 of a token: what the database keeps.
///
/// A plain hash is enough here (no salt, no stretching) because the token
/// itself carries 256 random bits: there is nothing to guess.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_long_and_distinct() {
        let a = super::generate();
        let b = super::generate();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(super::hash(&a).len(), 64);
        assert_ne!(super::hash(&a), a);
        assert!(super::is_well_formed(&a));
    }

    #[test]
    fn only_token_shaped_text_is_a_link_token() {
        let good = super::generate();
        assert_eq!(
            super::LinkToken::parse(&good).map(|t| t.to_string()),
            Some(good.clone())
        );
        for bad in [
            "",
            "short",
            "../meetups/2/cancel",
            &format!("{}/", &good[..42]),
            &format!("{good}A"),
            &format!("{}%", &good[..42]),
            &format!("{}é", &good[..41]),
        ] {
            assert!(super::LinkToken::parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(
            format!("{:?}", super::LinkToken::parse(&good)),
            "Some(LinkToken(…))"
        );
    }
}

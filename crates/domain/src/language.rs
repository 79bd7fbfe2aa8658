//! The interface languages: French first, English second.

use crate::code::{StoredCode, UnknownCode};
use sea_orm::sea_query::StringLen;
use sea_orm::{DeriveActiveEnum, EnumIter};
use std::fmt;

/// A language Relais speaks; stored as its code in new tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))")]
pub enum Language {
    /// French, the default.
    #[default]
    #[sea_orm(string_value = "fr")]
    Fr,
    /// English.
    #[sea_orm(string_value = "en")]
    En,
}

impl Language {
    /// Every language, default first.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The BCP 47 code (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Parses a stored or submitted code, in either case.
    pub fn parse(code: &str) -> Result<Self, UnknownCode> {
        <Language as StoredCode>::parse(&code.to_ascii_lowercase())
    }

    /// The best match for an `Accept-Language` header, if any.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Language)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Ok(lang) = Language::parse(primary)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

/// Stored through sea-orm's `ActiveEnum` (older tables declare the column
/// as two characters); the codes are the same.
impl StoredCode for Language {
    const SET: &'static str = "language";
    const INVALID: &'static str = "error-language-invalid";

    fn all() -> &'static [Self] {
        &Language::ALL
    }

    fn code(self) -> &'static str {
        Language::code(self)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn accept_language_picks_the_highest_quality_known_language() {
        assert_eq!(
            Language::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"),
            Some(Language::En)
        );
        assert_eq!(
            Language::from_accept_language("de,fr-CA;q=0.7,en;q=0.5"),
            Some(Language::Fr)
        );
        assert_eq!(Language::from_accept_language("de,it"), None);
    }
}

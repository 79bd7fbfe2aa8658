//! The programme's four themes; a project has at least one.

use crate::code::{StoredCode, UnknownCode};

/// A project theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    /// Social.
    Social,
    /// Environmental.
    Environmental,
    /// Democratic.
    Democratic,
    /// Educational.
    Educational,
}

impl Theme {
    /// Every theme, in display order.
    pub const ALL: [Theme; 4] = [
        Theme::Social,
        Theme::Environmental,
        Theme::Democratic,
        Theme::Educational,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Social => "social",
            Theme::Environmental => "environmental",
            Theme::Democratic => "democratic",
            Theme::Educational => "educational",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        <Theme as StoredCode>::parse(code).map_err(Into::into)
    }

    /// Parses the comma-separated column: a code this version does not
    /// know is an error, not a theme silently dropped.
    pub fn parse_list(stored: &str) -> Result<Vec<Theme>, UnknownCode> {
        let mut themes: Vec<Theme> = crate::code::parse_list(stored)?;
        themes.sort();
        themes.dedup();
        Ok(themes)
    }

    /// The comma-separated column value, with leading and trailing commas
    /// so that `LIKE '%,social,%'` finds a theme exactly.
    pub fn join(themes: &[Theme]) -> String {
        let mut themes = themes.to_vec();
        themes.sort();
        themes.dedup();
        format!(
            ",{},",
            themes
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(",")
        )
    }
}

impl StoredCode for Theme {
    const SET: &'static str = "theme";
    const INVALID: &'static str = "error-theme-invalid";

    fn all() -> &'static [Self] {
        &Theme::ALL
    }

    fn code(self) -> &'static str {
        Theme::code(self)
    }
}

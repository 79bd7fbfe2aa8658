//! The programme's four themes; a project has at least one.

use crate::code::UnknownCode;

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
        Theme::ALL
            .into_iter()
            .find(|t| t.code() == code.trim())
            .ok_or("error-theme-invalid")
    }

    /// Parses the comma-separated column: a code this version does not
    /// know is an error, not a theme silently dropped.
    pub fn parse_list(stored: &str) -> Result<Vec<Theme>, UnknownCode> {
        let mut themes = stored
            .split(',')
            .filter(|c| !c.trim().is_empty())
            .map(|c| {
                Theme::parse(c).map_err(|message_key| UnknownCode {
                    set: "theme",
                    code: c.to_owned(),
                    message_key,
                })
            })
            .collect::<Result<Vec<Theme>, UnknownCode>>()?;
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

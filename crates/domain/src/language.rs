//! The interface languages: French first, English second.

crate::stored_code! {
    /// A language Relais speaks, stored as its BCP 47 code (`fr`, `en`),
    /// read in either case.
    pub enum Language ("language", "error-language-invalid", ignore_ascii_case = true) {
        /// French, the default.
        Fr = "fr",
        /// English.
        En = "en",
    }
}

/// French.
impl Default for Language {
    fn default() -> Self {
        Language::Fr
    }
}

impl Language {
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

    #[test]
    fn codes_read_in_either_case_and_french_is_the_default() {
        assert_eq!(Language::parse(" EN "), Ok(Language::En));
        assert_eq!(Language::default(), Language::Fr);
        assert_eq!(Language::ALL, [Language::Fr, Language::En]);
    }
}

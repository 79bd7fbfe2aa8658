//! A short list of technical words a general audience stumbles on, each
//! with a plain way to say it (a translation key, `jargon-…`, whose text is
//! the suggestion in the language of the text being checked).

use crate::Language;

/// A technical term and how to explain it.
#[derive(Debug, PartialEq, Eq)]
pub struct Jargon {
    /// Translation key of the plain explanation.
    pub key: &'static str,
    /// How the term is written in French texts (lower case, first is shown).
    pub fr: &'static [&'static str],
    /// How the term is written in English texts.
    pub en: &'static [&'static str],
}

impl Jargon {
    /// The forms of the term in `lang`.
    pub fn forms(&self, lang: Language) -> &'static [&'static str] {
        match lang {
            Language::Fr => self.fr,
            Language::En => self.en,
        }
    }

    /// The term as it is shown in `lang`.
    pub fn term(&self, lang: Language) -> &'static str {
        self.forms(lang).first().copied().unwrap_or(self.key)
    }
}

/// The list, most common first.
pub const LIST: &[Jargon] = &[
    Jargon {
        key: "jargon-api",
        fr: &["api"],
        en: &["api"],
    },
    Jargon {
        key: "jargon-open-data",
        fr: &["open data", "opendata"],
        en: &["open data"],
    },
    Jargon {
        key: "jargon-blockchain",
        fr: &["blockchain", "chaîne de blocs"],
        en: &["blockchain"],
    },
    Jargon {
        key: "jargon-algorithm",
        fr: &["algorithme"],
        en: &["algorithm"],
    },
    Jargon {
        key: "jargon-open-source",
        fr: &["open source", "open-source", "code source"],
        en: &["open source", "open-source", "source code"],
    },
    Jargon {
        key: "jargon-ai",
        fr: &["intelligence artificielle", "ia", "machine learning"],
        en: &["artificial intelligence", "ai", "machine learning"],
    },
    Jargon {
        key: "jargon-cloud",
        fr: &["cloud"],
        en: &["cloud computing", "the cloud"],
    },
    Jargon {
        key: "jargon-big-data",
        fr: &["big data"],
        en: &["big data"],
    },
    Jargon {
        key: "jargon-database",
        fr: &["base de données", "bases de données"],
        en: &["database"],
    },
    Jargon {
        key: "jargon-server",
        fr: &["serveur"],
        en: &["server"],
    },
    Jargon {
        key: "jargon-backend",
        fr: &["backend", "back-end", "frontend", "front-end"],
        en: &["backend", "back-end", "frontend", "front-end"],
    },
    Jargon {
        key: "jargon-geolocation",
        fr: &["géolocalisation", "géolocalisé"],
        en: &["geolocation", "geolocated"],
    },
    Jargon {
        key: "jargon-encryption",
        fr: &["chiffrement", "chiffré"],
        en: &["encryption", "encrypted"],
    },
    Jargon {
        key: "jargon-gdpr",
        fr: &["rgpd"],
        en: &["gdpr"],
    },
    Jargon {
        key: "jargon-hackathon",
        fr: &["hackathon"],
        en: &["hackathon"],
    },
    Jargon {
        key: "jargon-scraping",
        fr: &["scraping", "scraper"],
        en: &["scraping", "scrape"],
    },
    Jargon {
        key: "jargon-ux",
        fr: &["ux", "expérience utilisateur"],
        en: &["ux", "user experience"],
    },
];

/// Lower-case words of `text`, letters, digits and inner hyphens kept.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `form` (one or more words) occurs in `words`, alone or with a
/// plural "s"/"x".
fn occurs(words: &[String], form: &str) -> bool {
    let wanted: Vec<&str> = form.split(' ').collect();
    words.windows(wanted.len()).any(|window| {
        window.iter().zip(&wanted).enumerate().all(|(i, (w, f))| {
            let last = i + 1 == wanted.len();
            w == f || (last && (w.strip_suffix('s') == Some(f) || w.strip_suffix('x') == Some(f)))
        })
    })
}

/// The terms of `LIST` found in `text` (written in `lang`), once each.
pub fn find(text: &str, lang: Language) -> Vec<&'static Jargon> {
    let words = words(text);
    LIST.iter()
        .filter(|j| j.forms(lang).iter().any(|f| occurs(&words, f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Language) -> Vec<&'static str> {
        find(text, lang).iter().map(|j| j.key).collect()
    }

    #[test]
    fn terms_are_found_whole_in_any_case_and_in_the_plural() {
        assert_eq!(
            keys(
                "Notre API lit l'Open Data de la ville grâce à des algorithmes.",
                Language::Fr
            ),
            ["jargon-api", "jargon-open-data", "jargon-algorithm"]
        );
        assert_eq!(
            keys("Les données sont dans une base de données.", Language::Fr),
            ["jargon-database"]
        );
        // Parts of other words are not terms: "rapide" holds "api".
        assert!(keys("Un service rapide et utile pour la vie.", Language::Fr).is_empty());
        assert_eq!(
            keys("We use the cloud and an API.", Language::En),
            ["jargon-api", "jargon-cloud"]
        );
    }

    #[test]
    fn every_term_is_shown_by_its_first_form() {
        for j in LIST {
            for lang in Language::ALL {
                let term = j.term(lang);
                assert_eq!(term, term.to_lowercase(), "{}", j.key);
                assert!(find(term, lang).contains(&j), "{term}");
            }
        }
    }
}

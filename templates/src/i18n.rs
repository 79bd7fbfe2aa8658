//! Translations: Fluent files compiled into the binary.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use relais_domain::Language;
use relais_domain::licence::Licence;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks around placeables would end up in email
        // subjects and plain-text bodies.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

/// The text of `key` in `lang` (falling back to French, then to the key).
pub fn t(lang: Language, key: &str) -> String {
    LOCALES
        .try_lookup(id(lang), key)
        .unwrap_or_else(|| key.to_owned())
}

/// The text of `key` in `lang`, if that key exists (in `lang` or French).
pub fn t_opt(lang: Language, key: &str) -> Option<String> {
    LOCALES.try_lookup(id(lang), key)
}

/// The text of `key` in `lang` with named arguments.
pub fn t_args(lang: Language, key: &str, args: &[(&'static str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
        .collect();
    LOCALES
        .try_lookup_with_args(id(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// The text of `key` with arguments of any kind (numbers choose plurals).
pub fn t_values(lang: Language, key: &str, args: Vec<(&'static str, FluentValue<'_>)>) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect();
    LOCALES
        .try_lookup_with_args(id(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// The text of `key` with a number argument `name`, so that plural forms
/// (`[one]`, `[other]`) are chosen by the number, not its text.
pub fn t_count(lang: Language, key: &str, name: &'static str, count: u64) -> String {
    let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    args.insert(Cow::Borrowed(name), FluentValue::from(count));
    LOCALES
        .try_lookup_with_args(id(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// A licence's name in `lang` ("Licence publique Mozilla 2.0"); the SPDX
/// identifier stays as it is, being what people search and cite.
pub fn licence_name(lang: Language, licence: &Licence) -> String {
    t(
        lang,
        &format!("licence-{}", licence.spdx.to_lowercase().replace('.', "-")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each French message's text (continuation lines included), without
    /// its key: what readers see.
    fn french_texts() -> Vec<&'static str> {
        include_str!("../locales/fr/main.ftl")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| match l.split_once(" = ") {
                Some((key, text)) if !key.starts_with(' ') => text,
                _ => l,
            })
            .collect()
    }

    #[test]
    fn french_punctuation_is_spaced_as_in_french_print() {
        const NARROW: char = '\u{202f}';
        for text in french_texts() {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                let ends_word = after.is_none_or(|a| a.is_whitespace() || a == '»');
                // `; : ! ?` end a clause: a narrow no-break space before
                // them, never a plain one that lets them wrap alone. A
                // colon between digits (19:00) or in an address is not one.
                let clause_mark = matches!(c, ';' | '!' | '?') || (*c == ':' && ends_word);
                if clause_mark && ends_word {
                    assert_eq!(before, Some(NARROW), "before {c:?} in {text:?}");
                }
                if *c == '«' {
                    assert_eq!(after, Some(NARROW), "after « in {text:?}");
                }
                if *c == '»' {
                    assert_eq!(before, Some(NARROW), "before » in {text:?}");
                }
            }
        }
        assert_eq!(
            t(Language::Fr, "error-slot-incomplete"),
            "Un créneau a un jour sans heure, ou une heure sans jour."
        );
        assert!(t(Language::Fr, "error-time-skipped").contains("ce jour-là\u{202f}:"));
    }

    #[test]
    fn every_licence_has_its_name_in_both_languages() {
        for licence in relais_domain::licence::LICENCES {
            for lang in [Language::Fr, Language::En] {
                let name = licence_name(lang, licence);
                assert!(
                    !name.starts_with("licence-"),
                    "{} in {lang:?}",
                    licence.spdx
                );
            }
        }
        let mpl = Licence::parse("MPL-2.0").expect("MPL");
        assert_eq!(
            licence_name(Language::Fr, mpl),
            "Licence publique Mozilla 2.0"
        );
        assert_eq!(
            licence_name(Language::En, mpl),
            "Mozilla Public License 2.0"
        );
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let keys = |src: &str| -> Vec<String> {
            let mut k: Vec<String> = src
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
                .filter(|k| !k.starts_with(' ') && !k.is_empty() && !k.starts_with('#'))
                .collect();
            k.sort();
            k
        };
        let fr = keys(include_str!("../locales/fr/main.ftl"));
        let en = keys(include_str!("../locales/en/main.ftl"));
        assert_eq!(fr, en);
    }

    #[test]
    fn looks_up_in_the_requested_language_with_arguments() {
        assert_eq!(t(Language::Fr, "nav-login"), "Se connecter");
        assert_eq!(t(Language::En, "nav-login"), "Log in");
        assert_eq!(
            t_args(Language::En, "home-welcome", &[("name", "Awa")]),
            "Hello Awa!"
        );
    }
}

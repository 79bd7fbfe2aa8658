//! Translations: Fluent files compiled into the binary.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use relais_domain::Language;
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

#[cfg(test)]
mod tests {
    use super::*;

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

//! URL names: lower-case ASCII letters, digits and dashes.

use std::fmt;

/// A URL name checked once, when a form gives it: 2 to 60 lower-case ASCII
/// letters, digits and dashes, no dash at either end.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Slug {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Slug {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Slug {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

/// Parses a slug: 2 to 60 characters, no leading or trailing dash.
pub fn parse(input: &str) -> Result<Slug, &'static str> {
    let slug = input.trim();
    let ok = (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(Slug(slug.to_owned()))
    } else {
        Err("error-slug-invalid")
    }
}

/// A slug made from a title: accents dropped, other characters to dashes.
pub fn from_title(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(mapped);
    }
    let trimmed: String = out.trim_end_matches('-').chars().take(60).collect();
    trimmed.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_become_slugs() {
        assert_eq!(
            super::from_title("Carte des écoles — Île-de-France !"),
            "carte-des-ecoles-ile-de-france"
        );
        assert_eq!(super::from_title("Œuvres"), "oeuvres");
        assert!(super::parse(&super::from_title("Vélo & Co")).is_ok());
        assert!(super::parse("Bad Slug").is_err());
    }
}

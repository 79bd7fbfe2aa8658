//! URL names: lower-case ASCII letters, digits and dashes.

/// Parses a slug: 2 to 60 characters, no leading or trailing dash.
pub fn parse(input: &str) -> Result<String, &'static str> {
    let slug = input.trim();
    let ok = (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(slug.to_owned())
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

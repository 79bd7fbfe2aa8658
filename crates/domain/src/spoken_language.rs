//! Languages people speak, for offers and needs: wider than the interface
//! languages, since the programme runs in Dakar and Montréal too.

/// The languages one can tick, by ISO 639-1 code.
pub const SPOKEN: [&str; 8] = ["fr", "en", "ar", "es", "de", "it", "pt", "wo"];

/// Parses ticked codes; unknown ones are refused, duplicates dropped.
pub fn parse_list(codes: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let code = code.trim();
        if !SPOKEN.contains(&code) {
            return Err("error-choice-invalid");
        }
        if !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    }
    Ok(out)
}

/// Reads the stored comma-separated column.
pub fn stored(column: &str) -> Vec<String> {
    column
        .split(',')
        .filter(|c| SPOKEN.contains(c))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spoken_languages_parse_from_known_codes_only() {
        let codes = vec!["fr".to_owned(), " wo".to_owned(), "fr".to_owned()];
        assert_eq!(parse_list(&codes), Ok(vec!["fr".into(), "wo".into()]));
        assert!(parse_list(&["xx".to_owned()]).is_err());
        assert_eq!(stored("fr,en,zz"), vec!["fr", "en"]);
    }
}

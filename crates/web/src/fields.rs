//! Submitted form fields, repeated names kept (checkbox groups).

use crate::error::WebError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use relais_templates::form::FormState;

/// The fields of an `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// Parses an urlencoded body. Control characters other than tabs and
    /// line breaks are dropped here, at the edge: nobody types them, no page
    /// or email should carry them, and PostgreSQL refuses a NUL in text.
    pub fn parse(body: &[u8]) -> Self {
        let clean = |s: std::borrow::Cow<'_, str>| -> String {
            s.chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
                .collect()
        };
        Fields(
            url::form_urlencoded::parse(body)
                .map(|(k, v)| (clean(k), clean(v)))
                .collect(),
        )
    }

    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every (name, value) pair but the CSRF token and `skip`, in order:
    /// what a confirmation page carries on to the action it confirms.
    pub fn pairs_except(&self, skip: &[&str]) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| k != "csrf_token" && !skip.contains(&k.as_str()))
            .cloned()
            .collect()
    }

    /// The values as a form to re-display, leaving out `skip` (secrets).
    pub fn to_form(&self, skip: &[&str]) -> FormState {
        let mut form = FormState::new();
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &self.0 {
            if skip.contains(&k.as_str()) || k == "csrf_token" || seen.contains(&k.as_str()) {
                continue;
            }
            seen.push(k);
            form = form.with_all(k, self.all(k));
        }
        form
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(WebError::BadRequest);
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| WebError::Status(e.status()))?;
        Ok(Fields::parse(&bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_stop_at_the_edge_but_line_breaks_stay() {
        let fields =
            Fields::parse(b"title=avant%00apr%C3%A8s%1B&body=un%0D%0Adeux%09trois&a%00b=x");
        assert_eq!(fields.get("title"), "avantaprès");
        assert_eq!(fields.get("body"), "un\r\ndeux\ttrois");
        assert_eq!(fields.get("ab"), "x");
        assert_eq!(Fields::parse(b"x=%C2%85%E2%80%AE").get("x"), "\u{202e}");
    }
}

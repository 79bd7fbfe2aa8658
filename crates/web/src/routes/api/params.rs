//! The query string of an API request, read strictly: a parameter the
//! endpoint does not know, a repeated one or a value that does not parse is
//! a 400 naming it, never ignored, so that a typo in a filter cannot pass
//! for an empty result.

use crate::error::WebError;
use chrono::{DateTime, NaiveDate, Utc};
use relais_domain::api::Paging;
use relais_domain::api::paging::DEFAULT_PER_PAGE;
use std::collections::BTreeMap;
use utoipa::IntoParams;
use utoipa::openapi::path::ParameterIn;

/// The parameters of one request, checked against what its endpoint reads.
pub struct Params(BTreeMap<String, String>);

/// A 400 for `name`.
pub fn invalid(name: &str, problem: impl std::fmt::Display) -> WebError {
    WebError::Query {
        code: "invalid_parameter",
        message: format!("{name} {problem}"),
    }
}

impl Params {
    /// Reads `query` (the raw query string), allowing only the names the
    /// OpenAPI document lists for the endpoint (`P`'s), each at most once.
    pub fn read<P: IntoParams>(query: Option<&str>) -> Result<Params, WebError> {
        let known: Vec<String> = P::into_params(|| Some(ParameterIn::Query))
            .into_iter()
            .map(|p| p.name)
            .collect();
        Self::read_known(query, &known)
    }

    /// Reads the query of an endpoint that takes no parameter.
    pub fn none(query: Option<&str>) -> Result<(), WebError> {
        Self::read_known(query, &[]).map(|_| ())
    }

    fn read_known(query: Option<&str>, known: &[String]) -> Result<Params, WebError> {
        let mut params = BTreeMap::new();
        for (name, value) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if !known.iter().any(|k| *k == name) {
                let mut allowed = known.to_vec();
                allowed.sort_unstable();
                return Err(WebError::Query {
                    code: "unknown_parameter",
                    message: format!(
                        "unknown parameter {name:?}; this endpoint reads: {}",
                        allowed.join(", ")
                    ),
                });
            }
            if params
                .insert(name.to_string(), value.into_owned())
                .is_some()
            {
                return Err(invalid(&name, "is given more than once"));
            }
        }
        Ok(Params(params))
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `name` parsed by `parse`, whose error becomes a 400.
    pub fn parsed<T, E>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
        expected: &str,
    ) -> Result<Option<T>, WebError> {
        self.get(name)
            .map(|v| parse(v).map_err(|_| invalid(name, format_args!("must be {expected}"))))
            .transpose()
    }

    /// `page` and `per_page`.
    pub fn paging(&self) -> Result<Paging, WebError> {
        let number = |name: &str, default: u64| {
            self.parsed(name, str::parse::<u64>, "a whole number")
                .map(|n| n.unwrap_or(default))
        };
        Ok(Paging::new(
            number("page", 1)?,
            number("per_page", DEFAULT_PER_PAGE)?,
        )?)
    }

    /// A yes-or-no parameter: `true` or `false`.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, WebError> {
        self.parsed(
            name,
            |v| match v {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(()),
            },
            "true or false",
        )
    }

    /// A moment: a date (`2026-11-27`, midnight UTC) or an RFC 3339 time.
    pub fn moment(&self, name: &str) -> Result<Option<DateTime<Utc>>, WebError> {
        self.parsed(
            name,
            |v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc())
                    .or_else(|| {
                        DateTime::parse_from_rfc3339(v)
                            .ok()
                            .map(|t| t.with_timezone(&Utc))
                    })
                    .ok_or(())
            },
            "a date (YYYY-MM-DD) or an RFC 3339 time",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn unknown_repeated_and_malformed_parameters_are_refused() {
        assert!(Params::read_known(Some("cty=lyon"), &known(&["city"])).is_err());
        assert!(Params::read_known(Some("city=a&city=b"), &known(&["city"])).is_err());
        let params = Params::read_known(
            Some("page=x&help=yes&from=2026-13-01"),
            &known(&["page", "help", "from"]),
        )
        .expect("known names");
        assert!(params.paging().is_err());
        assert!(params.flag("help").is_err());
        assert!(params.moment("from").is_err());
        let params = Params::read_known(
            Some("page=2&per_page=50&from=2026-11-27&help="),
            &known(&["page", "per_page", "from", "help"]),
        )
        .expect("known names");
        let paging = params.paging().expect("paging");
        assert_eq!((paging.page(), paging.per_page()), (2, 50));
        assert!(params.moment("from").expect("date").is_some());
        assert_eq!(params.flag("help").expect("empty is absent"), None);
    }
}

//! The kinds of help a project can need and a member can offer: the four
//! communities of the monthly meetups, and the expertise projects ask for
//! most often after the marathon.

crate::stored_code! {
    /// A kind of help, in display order. Emails carry it in their payload
    /// as its code (serde's snake_case of each variant is that code).
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum HelpKind ("help kind", "error-help-kind-invalid") {
        /// Writes code.
        Developer = "developer",
        /// Designs services, interfaces, visuals.
        Designer = "designer",
        /// A partner in a public institution.
        Institution = "institution",
        /// Builds ventures or finds money.
        Funding = "funding",
        /// Law: licences, data protection, statutes.
        Legal = "legal",
        /// Open data, analysis, data protection in practice.
        Data = "data",
        /// Telling the project's story, reaching its public.
        Communication = "communication",
        /// Knowledge of the field the project serves (health, housing…).
        Domain = "domain",
        /// Anything else.
        Other = "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_stored_values_and_parse_back() {
        for kind in HelpKind::ALL {
            assert_eq!(
                sea_orm::Value::from(kind),
                sea_orm::Value::from(kind.code())
            );
            assert_eq!(HelpKind::parse(kind.code()), Ok(kind));
        }
        assert!(HelpKind::parse("wizard").is_err());
    }

    #[test]
    fn payloads_carry_the_code_and_read_it_back() {
        for kind in HelpKind::ALL {
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.code()));
            assert_eq!(serde_json::from_str::<HelpKind>(&json).expect("back"), kind);
        }
        assert!(serde_json::from_str::<HelpKind>("\"wizard\"").is_err());
    }
}

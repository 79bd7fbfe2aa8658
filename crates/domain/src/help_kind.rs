//! The kinds of help a project can need and a member can offer: the four
//! communities of the monthly meetups, and the expertise projects ask for
//! most often after the marathon.

use sea_orm::entity::prelude::*;

/// A kind of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum HelpKind {
    /// Writes code.
    #[sea_orm(string_value = "developer")]
    Developer,
    /// Designs services, interfaces, visuals.
    #[sea_orm(string_value = "designer")]
    Designer,
    /// A partner in a public institution.
    #[sea_orm(string_value = "institution")]
    Institution,
    /// Builds ventures or finds money.
    #[sea_orm(string_value = "funding")]
    Funding,
    /// Law: licences, data protection, statutes.
    #[sea_orm(string_value = "legal")]
    Legal,
    /// Open data, analysis, data protection in practice.
    #[sea_orm(string_value = "data")]
    Data,
    /// Telling the project's story, reaching its public.
    #[sea_orm(string_value = "communication")]
    Communication,
    /// Knowledge of the field the project serves (health, housing…).
    #[sea_orm(string_value = "domain")]
    Domain,
    /// Anything else.
    #[sea_orm(string_value = "other")]
    Other,
}

impl HelpKind {
    /// Every kind, in display order.
    pub const ALL: [HelpKind; 9] = [
        HelpKind::Developer,
        HelpKind::Designer,
        HelpKind::Institution,
        HelpKind::Funding,
        HelpKind::Legal,
        HelpKind::Data,
        HelpKind::Communication,
        HelpKind::Domain,
        HelpKind::Other,
    ];

    /// The stored and submitted code.
    pub fn code(self) -> &'static str {
        match self {
            HelpKind::Developer => "developer",
            HelpKind::Designer => "designer",
            HelpKind::Institution => "institution",
            HelpKind::Funding => "funding",
            HelpKind::Legal => "legal",
            HelpKind::Data => "data",
            HelpKind::Communication => "communication",
            HelpKind::Domain => "domain",
            HelpKind::Other => "other",
        }
    }

    /// Parses a submitted code.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        HelpKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or("error-help-kind-invalid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ActiveEnum;

    #[test]
    fn codes_are_the_stored_values_and_parse_back() {
        for kind in HelpKind::ALL {
            assert_eq!(kind.to_value(), kind.code());
            assert_eq!(HelpKind::parse(kind.code()), Ok(kind));
        }
        assert!(HelpKind::parse("wizard").is_err());
    }
}

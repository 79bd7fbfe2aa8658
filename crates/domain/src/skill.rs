//! What a member brings: the four communities of the monthly meetups.

use crate::code::{StoredCode, UnknownCode};

/// A member's skill family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skill {
    /// Writes code.
    Developer,
    /// Designs services, interfaces, visuals.
    Designer,
    /// Works for a public institution.
    Institution,
    /// Builds or funds ventures.
    Entrepreneur,
    /// Anything else.
    Other,
}

impl Skill {
    /// Every skill, in display order.
    pub const ALL: [Skill; 5] = [
        Skill::Developer,
        Skill::Designer,
        Skill::Institution,
        Skill::Entrepreneur,
        Skill::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Skill::Developer => "developer",
            Skill::Designer => "designer",
            Skill::Institution => "institution",
            Skill::Entrepreneur => "entrepreneur",
            Skill::Other => "other",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        <Skill as StoredCode>::parse(code).map_err(Into::into)
    }

    /// Parses the comma-separated column: a code this version does not
    /// know is an error, not a skill silently dropped.
    pub fn parse_list(stored: &str) -> Result<Vec<Skill>, UnknownCode> {
        let mut skills: Vec<Skill> = crate::code::parse_list(stored)?;
        skills.sort();
        skills.dedup();
        Ok(skills)
    }

    /// The comma-separated column value.
    pub fn join(skills: &[Skill]) -> String {
        let mut skills = skills.to_vec();
        skills.sort();
        skills.dedup();
        skills
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl StoredCode for Skill {
    const SET: &'static str = "skill";
    const INVALID: &'static str = "error-skill-invalid";

    fn all() -> &'static [Self] {
        &Skill::ALL
    }

    fn code(self) -> &'static str {
        Skill::code(self)
    }
}

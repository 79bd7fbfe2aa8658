//! A project's stage and what it takes to reach it.
//!
//! Requirements are checked when a stage is set, from the project's current
//! data; each edition may adjust them (a coordinator setting), and without
//! an adjustment the defaults below apply.

use std::fmt;

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// An idea from the marathon.
    Idea,
    /// Something that runs.
    Prototype,
    /// Something that can be shown.
    Demo,
    /// Tried with real users.
    Pilot,
    /// In service.
    Launched,
    /// On hold.
    Paused,
    /// Stopped.
    Abandoned,
}

/// Something a project must have to reach a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Requirement {
    /// A demo link.
    DemoLink,
    /// A repository or a site.
    RepositoryOrSite,
    /// An open licence (always present once saved, kept for the checklist).
    OpenLicence,
    /// An explainer video with its plain-language transcript.
    Explainer,
}

impl Stage {
    /// Every stage: the path forward, then the two side states.
    pub const ALL: [Stage; 7] = [
        Stage::Idea,
        Stage::Prototype,
        Stage::Demo,
        Stage::Pilot,
        Stage::Launched,
        Stage::Paused,
        Stage::Abandoned,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Idea => "idea",
            Stage::Prototype => "prototype",
            Stage::Demo => "demo",
            Stage::Pilot => "pilot",
            Stage::Launched => "launched",
            Stage::Paused => "paused",
            Stage::Abandoned => "abandoned",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        Stage::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
            .ok_or("error-stage-invalid")
    }

    /// The next stage on the path forward, if any.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Idea => Some(Stage::Prototype),
            Stage::Prototype => Some(Stage::Demo),
            Stage::Demo => Some(Stage::Pilot),
            Stage::Pilot => Some(Stage::Launched),
            Stage::Launched | Stage::Paused | Stage::Abandoned => None,
        }
    }

    /// The requirements when the edition has not adjusted them.
    pub fn default_requirements(self) -> &'static [Requirement] {
        match self {
            Stage::Demo | Stage::Pilot => &[Requirement::DemoLink],
            Stage::Launched => &[
                Requirement::RepositoryOrSite,
                Requirement::OpenLicence,
                Requirement::Explainer,
            ],
            _ => &[],
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Requirement {
    /// Every requirement.
    pub const ALL: [Requirement; 4] = [
        Requirement::DemoLink,
        Requirement::RepositoryOrSite,
        Requirement::OpenLicence,
        Requirement::Explainer,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Requirement::DemoLink => "demo_link",
            Requirement::RepositoryOrSite => "repository",
            Requirement::OpenLicence => "open_licence",
            Requirement::Explainer => "explainer",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        Requirement::ALL
            .into_iter()
            .find(|r| r.code() == code.trim())
            .ok_or("error-choice-invalid")
    }
}

/// What the checklist looks at in a project.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChecklistFacts {
    /// Has a demo link.
    pub has_demo: bool,
    /// Has a repository link.
    pub has_repository: bool,
    /// Has an open licence.
    pub has_licence: bool,
    /// Has an explainer video link and a transcript.
    pub has_explainer: bool,
}

/// The requirements among `required` that `facts` do not meet.
pub fn missing(required: &[Requirement], facts: ChecklistFacts) -> Vec<Requirement> {
    required
        .iter()
        .copied()
        .filter(|r| match r {
            Requirement::DemoLink => !facts.has_demo,
            Requirement::RepositoryOrSite => !facts.has_repository && !facts.has_demo,
            Requirement::OpenLicence => !facts.has_licence,
            Requirement::Explainer => !facts.has_explainer,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_needs_a_repository_a_licence_and_an_explainer() {
        let bare = ChecklistFacts {
            has_licence: true,
            ..Default::default()
        };
        assert_eq!(
            missing(Stage::Launched.default_requirements(), bare),
            vec![Requirement::RepositoryOrSite, Requirement::Explainer]
        );
        let ready = ChecklistFacts {
            has_demo: true,
            has_repository: true,
            has_licence: true,
            has_explainer: true,
        };
        assert!(missing(Stage::Launched.default_requirements(), ready).is_empty());
        assert_eq!(
            missing(Stage::Demo.default_requirements(), bare),
            vec![Requirement::DemoLink]
        );
        assert!(missing(Stage::Prototype.default_requirements(), bare).is_empty());
    }
}

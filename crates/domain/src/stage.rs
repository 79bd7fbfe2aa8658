//! A project's stage and what it takes to reach it.
//!
//! Requirements are checked when a stage is set, from the project's current
//! data; each edition may adjust them (a coordinator setting), and without
//! an adjustment the defaults below apply.

crate::stored_code! {
    /// Where a project stands.
    pub enum Stage ("stage", "error-stage-invalid") {
        /// An idea from the marathon.
        Idea = "idea",
        /// Something that runs.
        Prototype = "prototype",
        /// Something that can be shown.
        Demo = "demo",
        /// Tried with real users.
        Pilot = "pilot",
        /// In service.
        Launched = "launched",
        /// On hold.
        Paused = "paused",
        /// Stopped.
        Abandoned = "abandoned",
    }
}

crate::stored_code! {
    /// Something a project must have to reach a stage.
    pub enum Requirement ("stage requirement", "error-choice-invalid") {
        /// A demo link.
        DemoLink = "demo_link",
        /// A repository or a site.
        RepositoryOrSite = "repository",
        /// An open licence (always present once saved, kept for the checklist).
        OpenLicence = "open_licence",
        /// An explainer video with its plain-language transcript.
        Explainer = "explainer",
    }
}

impl Stage {
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

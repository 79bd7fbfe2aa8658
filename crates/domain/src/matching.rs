//! How well a member's offer fits a project's need, and why: the one
//! scoring function behind every suggestion, in both directions.
//!
//! It is deliberately plain, so that a suggestion can always say why it is
//! there. First three rules decide whether the pair is a candidate at all:
//!
//! 1. **Relevance** — the need's kind is among the offer's kinds, or they
//!    share at least one expertise tag.
//! 2. **Place** — a need done in its city needs someone in that city; a
//!    remote need fits anyone who accepts remote help, and anyone in the
//!    project's city.
//! 3. **Language** — when both sides name languages, they share one.
//!
//! Then points add up, each with its reason:
//!
//! | Reason | Points |
//! |---|---|
//! | same kind of help | `KIND` (40) |
//! | each shared tag, up to three | `TAG` (12) |
//! | same city | `SAME_CITY` (30) |
//! | remote need, remote is fine | `REMOTE` (15) |
//! | shares one of the project's themes | `THEME` (10) |
//!
//! Suggestions are ranked with the member's own city first, then by
//! score, then the newest need (or the most recently updated offer).

use crate::expertise_tag::Tag;
use crate::help_kind::HelpKind;
use crate::theme::Theme;

/// Points for the same kind of help.
pub const KIND: u32 = 40;
/// Points per shared tag.
pub const TAG: u32 = 12;
/// Shared tags that count, at most.
pub const TAGS_COUNTED: usize = 3;
/// Points for being in the project's city.
pub const SAME_CITY: u32 = 30;
/// Points for a remote need and an offer that accepts remote help.
pub const REMOTE: u32 = 15;
/// Points for caring about one of the project's themes.
pub const THEME: u32 = 10;

/// The side of an offer that matching reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFacts<'a> {
    /// Kinds of help offered.
    pub kinds: &'a [HelpKind],
    /// Expertise tags.
    pub tags: &'a [Tag],
    /// Themes the member cares about.
    pub themes: &'a [Theme],
    /// Languages spoken.
    pub languages: &'a [String],
    /// The member's city, if any.
    pub city_id: Option<i32>,
    /// Remote help is fine.
    pub remote: bool,
}

/// The side of a need that matching reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedFacts<'a> {
    /// The kind of help needed.
    pub kind: HelpKind,
    /// Expertise tags.
    pub tags: &'a [Tag],
    /// The project's themes.
    pub themes: &'a [Theme],
    /// Languages the team works in.
    pub languages: &'a [String],
    /// The project's city.
    pub city_id: i32,
    /// Can be done remotely.
    pub remote: bool,
}

/// Why a pair is suggested, one reason at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The need's kind is offered.
    Kind(HelpKind),
    /// Tags both sides carry.
    Tags(Vec<Tag>),
    /// Both are in the project's city.
    SameCity,
    /// The need is remote and remote is fine.
    Remote,
    /// The member cares about this theme of the project.
    Theme(Theme),
}

/// A pair that fits, with its score and reasons (in the order above).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The sum of the reasons' points.
    pub score: u32,
    /// Whether the member is in the project's city (ranked first).
    pub same_city: bool,
    /// Why, for the reader.
    pub reasons: Vec<Reason>,
}

/// Scores an offer against a need; `None` when the pair is not a
/// candidate (see the module's rules).
pub fn fit(offer: &OfferFacts<'_>, need: &NeedFacts<'_>) -> Option<Fit> {
    let kind = offer.kinds.contains(&need.kind);
    let shared: Vec<Tag> = need
        .tags
        .iter()
        .filter(|t| offer.tags.contains(t))
        .cloned()
        .collect();
    if !kind && shared.is_empty() {
        return None;
    }
    let same_city = offer.city_id == Some(need.city_id);
    let place = if need.remote {
        same_city || offer.remote
    } else {
        same_city
    };
    if !place {
        return None;
    }
    let common_language = offer.languages.is_empty()
        || need.languages.is_empty()
        || need.languages.iter().any(|l| offer.languages.contains(l));
    if !common_language {
        return None;
    }
    let mut score = 0;
    let mut reasons = Vec::new();
    if kind {
        score += KIND;
        reasons.push(Reason::Kind(need.kind));
    }
    if !shared.is_empty() {
        let counted = u32::try_from(shared.len().min(TAGS_COUNTED)).unwrap_or(0);
        score += TAG * counted;
        reasons.push(Reason::Tags(shared));
    }
    if same_city {
        score += SAME_CITY;
        reasons.push(Reason::SameCity);
    } else {
        score += REMOTE;
        reasons.push(Reason::Remote);
    }
    if let Some(theme) = need.themes.iter().find(|t| offer.themes.contains(t)) {
        score += THEME;
        reasons.push(Reason::Theme(*theme));
    }
    Some(Fit {
        score,
        same_city,
        reasons,
    })
}

/// The ranking order of two fits: own city first, then the higher score.
pub fn rank(a: &Fit, b: &Fit) -> std::cmp::Ordering {
    b.same_city
        .cmp(&a.same_city)
        .then_with(|| b.score.cmp(&a.score))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LYON: i32 = 1;
    const PARIS: i32 = 2;

    fn tags(list: &[&str]) -> Vec<Tag> {
        list.iter().map(|t| Tag::stored((*t).to_owned())).collect()
    }
    fn langs(list: &[&str]) -> Vec<String> {
        list.iter().map(|l| (*l).to_owned()).collect()
    }

    struct Member {
        kinds: Vec<HelpKind>,
        tags: Vec<Tag>,
        themes: Vec<Theme>,
        languages: Vec<String>,
        city_id: Option<i32>,
        remote: bool,
    }

    impl Member {
        fn facts(&self) -> OfferFacts<'_> {
            OfferFacts {
                kinds: &self.kinds,
                tags: &self.tags,
                themes: &self.themes,
                languages: &self.languages,
                city_id: self.city_id,
                remote: self.remote,
            }
        }
    }

    struct Wanted {
        kind: HelpKind,
        tags: Vec<Tag>,
        themes: Vec<Theme>,
        languages: Vec<String>,
        city_id: i32,
        remote: bool,
    }

    impl Wanted {
        fn facts(&self) -> NeedFacts<'_> {
            NeedFacts {
                kind: self.kind,
                tags: &self.tags,
                themes: &self.themes,
                languages: &self.languages,
                city_id: self.city_id,
                remote: self.remote,
            }
        }
    }

    /// Camille: a designer in Lyon who cares about the environment.
    fn camille() -> Member {
        Member {
            kinds: vec![HelpKind::Designer],
            tags: tags(&["accessibilité", "ux"]),
            themes: vec![Theme::Environmental],
            languages: langs(&["fr"]),
            city_id: Some(LYON),
            remote: false,
        }
    }

    /// A Lyon project on the environment that needs a designer in person.
    fn compost_design() -> Wanted {
        Wanted {
            kind: HelpKind::Designer,
            tags: tags(&["ux"]),
            themes: vec![Theme::Environmental, Theme::Social],
            languages: langs(&["fr"]),
            city_id: LYON,
            remote: false,
        }
    }

    #[test]
    fn a_designer_in_lyon_fits_a_lyon_design_need_for_every_reason() {
        let fit = fit(&camille().facts(), &compost_design().facts()).expect("fits");
        assert_eq!(fit.score, KIND + TAG + SAME_CITY + THEME);
        assert!(fit.same_city);
        assert_eq!(
            fit.reasons,
            vec![
                Reason::Kind(HelpKind::Designer),
                Reason::Tags(tags(&["ux"])),
                Reason::SameCity,
                Reason::Theme(Theme::Environmental),
            ]
        );
    }

    #[test]
    fn an_in_person_need_elsewhere_is_not_suggested_even_to_remote_helpers() {
        let paris_need = Wanted {
            city_id: PARIS,
            ..compost_design()
        };
        let remote_camille = Member {
            remote: true,
            ..camille()
        };
        assert_eq!(fit(&remote_camille.facts(), &paris_need.facts()), None);
    }

    #[test]
    fn a_remote_need_fits_remote_helpers_anywhere_and_locals_who_are_not() {
        let remote_paris = Wanted {
            city_id: PARIS,
            remote: true,
            ..compost_design()
        };
        assert_eq!(
            fit(&camille().facts(), &remote_paris.facts()),
            None,
            "Camille does not help remotely"
        );
        let remote_camille = Member {
            remote: true,
            ..camille()
        };
        let f = fit(&remote_camille.facts(), &remote_paris.facts()).expect("fits");
        assert!(!f.same_city);
        assert!(f.reasons.contains(&Reason::Remote));
        assert_eq!(f.score, KIND + TAG + REMOTE + THEME);
        let remote_lyon = Wanted {
            remote: true,
            ..compost_design()
        };
        let local = fit(&camille().facts(), &remote_lyon.facts()).expect("fits");
        assert!(local.same_city && local.reasons.contains(&Reason::SameCity));
    }

    #[test]
    fn a_tag_alone_is_enough_and_only_three_tags_count() {
        let developer = Member {
            kinds: vec![HelpKind::Developer],
            tags: tags(&["a", "b", "c", "d"]),
            themes: vec![],
            ..camille()
        };
        let need = Wanted {
            tags: tags(&["a", "b", "c", "d"]),
            ..compost_design()
        };
        let f = fit(&developer.facts(), &need.facts()).expect("fits on tags");
        assert_eq!(f.score, TAG * 3 + SAME_CITY);
        assert_eq!(f.reasons[0], Reason::Tags(tags(&["a", "b", "c", "d"])));
        let nothing_shared = Member {
            tags: tags(&["z"]),
            ..developer
        };
        assert_eq!(fit(&nothing_shared.facts(), &need.facts()), None);
    }

    #[test]
    fn no_common_language_means_no_suggestion() {
        let english_only = Member {
            languages: langs(&["en"]),
            ..camille()
        };
        assert_eq!(fit(&english_only.facts(), &compost_design().facts()), None);
        let bilingual = Member {
            languages: langs(&["en", "fr"]),
            ..camille()
        };
        assert!(fit(&bilingual.facts(), &compost_design().facts()).is_some());
    }

    #[test]
    fn the_own_city_ranks_first_then_the_score() {
        let local_weak = Fit {
            score: 40,
            same_city: true,
            reasons: vec![],
        };
        let remote_strong = Fit {
            score: 95,
            same_city: false,
            reasons: vec![],
        };
        let local_strong = Fit {
            score: 90,
            same_city: true,
            reasons: vec![],
        };
        let mut fits = vec![
            remote_strong.clone(),
            local_weak.clone(),
            local_strong.clone(),
        ];
        fits.sort_by(rank);
        assert_eq!(fits, vec![local_strong, local_weak, remote_strong]);
    }
}

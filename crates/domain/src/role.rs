//! Roles and who may do what with accounts and programme settings.
//!
//! Every rule about accounts lives here as a method on `Actor`, so handlers
//! only ask ("may this actor grant that role?") and tests cover each role
//! in one place. Rules about projects, meetups and reviews live next to those
//! features, on the same `Actor`.

crate::stored_code! {
    /// A role that can be granted to an account.
    pub enum Role ("role", "error-role-invalid") {
        /// Runs the programme in a city, or everywhere when granted without a city.
        Coordinator = "coordinator",
        /// Follows and reviews projects.
        Mentor = "mentor",
        /// Takes part; every active account is a member.
        Member = "member",
    }
}

/// One granted role, with its scope: a city, or the whole programme (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// The role granted.
    pub role: Role,
    /// The city it applies to; `None` for the whole programme.
    pub city_id: Option<i32>,
}

/// Who is acting: a logged-in account with its grants, or a visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Someone not logged in.
    Visitor,
    /// A logged-in, active account.
    User(UserActor),
}

/// The parts of an account that rights depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserActor {
    /// The account's id.
    pub user_id: i32,
    /// The account's home city.
    pub city_id: Option<i32>,
    /// Roles beyond membership.
    pub grants: Vec<Grant>,
}

impl UserActor {
    fn has(&self, role: Role, city_id: Option<i32>) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && (g.city_id.is_none() || g.city_id == city_id))
    }
}

impl Actor {
    /// The logged-in account, if any.
    pub fn user(&self) -> Option<&UserActor> {
        match self {
            Actor::Visitor => None,
            Actor::User(u) => Some(u),
        }
    }

    /// The logged-in account's id, if any.
    pub fn user_id(&self) -> Option<i32> {
        self.user().map(|u| u.user_id)
    }

    /// Coordinates the whole programme (a coordinator grant with no city).
    pub fn is_programme_coordinator(&self) -> bool {
        self.user().is_some_and(|u| {
            u.grants
                .iter()
                .any(|g| g.role == Role::Coordinator && g.city_id.is_none())
        })
    }

    /// Coordinates `city_id`, directly or through the whole programme.
    pub fn coordinates(&self, city_id: Option<i32>) -> bool {
        match city_id {
            None => self.is_programme_coordinator(),
            Some(_) => self
                .user()
                .is_some_and(|u| u.has(Role::Coordinator, city_id)),
        }
    }

    /// Coordinates at least one city (or the programme): may open the
    /// coordination pages.
    pub fn is_any_coordinator(&self) -> bool {
        self.user()
            .is_some_and(|u| u.grants.iter().any(|g| g.role == Role::Coordinator))
    }

    /// Is a mentor (anywhere).
    pub fn is_mentor(&self) -> bool {
        self.user()
            .is_some_and(|u| u.grants.iter().any(|g| g.role == Role::Mentor))
    }

    /// May change programme-wide settings such as how sign-up works.
    pub fn may_manage_settings(&self) -> bool {
        self.is_programme_coordinator()
    }

    /// May grant `role` in `city_id` (or programme-wide when `None`).
    ///
    /// Only programme coordinators make coordinators, so that a city cannot
    /// grow its own staff unnoticed; a city coordinator may name mentors and
    /// members of their own city.
    pub fn may_grant(&self, role: Role, city_id: Option<i32>) -> bool {
        match role {
            Role::Coordinator => self.is_programme_coordinator(),
            Role::Mentor | Role::Member => self.coordinates(city_id),
        }
    }

    /// May send sign-up invitations for people of `city_id`.
    pub fn may_invite(&self, city_id: Option<i32>) -> bool {
        self.coordinates(city_id)
    }

    /// May edit the profile of account `user_id`: only its owner.
    pub fn may_edit_profile(&self, user_id: i32) -> bool {
        self.user_id() == Some(user_id)
    }

    /// May see the email outbox and delivery failures.
    pub fn may_view_outbox(&self) -> bool {
        self.is_any_coordinator()
    }

    /// May create editions and cities.
    pub fn may_manage_editions(&self) -> bool {
        self.is_programme_coordinator()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LYON: Option<i32> = Some(1);
    const DAKAR: Option<i32> = Some(2);

    fn user(grants: Vec<Grant>) -> Actor {
        Actor::User(UserActor {
            user_id: 7,
            city_id: LYON,
            grants,
        })
    }
    fn visitor() -> Actor {
        Actor::Visitor
    }
    fn member() -> Actor {
        user(vec![])
    }
    fn mentor() -> Actor {
        user(vec![Grant {
            role: Role::Mentor,
            city_id: LYON,
        }])
    }
    fn city_coordinator() -> Actor {
        user(vec![Grant {
            role: Role::Coordinator,
            city_id: LYON,
        }])
    }
    fn programme_coordinator() -> Actor {
        user(vec![Grant {
            role: Role::Coordinator,
            city_id: None,
        }])
    }

    #[test]
    fn only_programme_coordinators_manage_settings_and_editions() {
        for (actor, expected) in [
            (visitor(), false),
            (member(), false),
            (mentor(), false),
            (city_coordinator(), false),
            (programme_coordinator(), true),
        ] {
            assert_eq!(actor.may_manage_settings(), expected, "{actor:?}");
            assert_eq!(actor.may_manage_editions(), expected, "{actor:?}");
        }
    }

    #[test]
    fn only_programme_coordinators_make_coordinators() {
        for (actor, expected) in [
            (visitor(), false),
            (member(), false),
            (mentor(), false),
            (city_coordinator(), false),
            (programme_coordinator(), true),
        ] {
            assert_eq!(
                actor.may_grant(Role::Coordinator, LYON),
                expected,
                "{actor:?}"
            );
            assert_eq!(
                actor.may_grant(Role::Coordinator, None),
                expected,
                "{actor:?}"
            );
        }
    }

    #[test]
    fn city_coordinators_name_mentors_and_invite_only_in_their_city() {
        let cc = city_coordinator();
        assert!(cc.may_grant(Role::Mentor, LYON));
        assert!(cc.may_invite(LYON));
        assert!(!cc.may_grant(Role::Mentor, DAKAR));
        assert!(!cc.may_invite(DAKAR));
        assert!(
            !cc.may_invite(None),
            "a city coordinator cannot invite programme-wide"
        );
        let pc = programme_coordinator();
        assert!(pc.may_grant(Role::Mentor, DAKAR));
        assert!(pc.may_invite(DAKAR) && pc.may_invite(None));
        for actor in [visitor(), member(), mentor()] {
            assert!(!actor.may_grant(Role::Mentor, LYON), "{actor:?}");
            assert!(!actor.may_grant(Role::Member, LYON), "{actor:?}");
            assert!(!actor.may_invite(LYON), "{actor:?}");
        }
    }

    #[test]
    fn a_profile_is_edited_only_by_its_owner() {
        for actor in [
            member(),
            mentor(),
            city_coordinator(),
            programme_coordinator(),
        ] {
            assert!(actor.may_edit_profile(7), "{actor:?}");
            assert!(!actor.may_edit_profile(8), "{actor:?}");
        }
        assert!(!visitor().may_edit_profile(7));
    }

    #[test]
    fn coordinators_see_the_outbox_and_others_do_not() {
        for (actor, expected) in [
            (visitor(), false),
            (member(), false),
            (mentor(), false),
            (city_coordinator(), true),
            (programme_coordinator(), true),
        ] {
            assert_eq!(actor.may_view_outbox(), expected, "{actor:?}");
            assert_eq!(actor.is_any_coordinator(), expected, "{actor:?}");
        }
    }

    #[test]
    fn roles_parse_from_their_codes() {
        for role in [Role::Coordinator, Role::Mentor, Role::Member] {
            assert_eq!(Role::parse(role.code()), Ok(role));
        }
        assert!(Role::parse("admin").is_err());
    }
}

//! The emails of "mise en relation" as data: introduction requests and
//! their answers, the follow-up a month after an accepted introduction.
//! They travel inside `EmailMessage::Relation`, so that this feature's
//! emails live in one place; `templates` turns them into words.

use crate::email_message::EmailKind;
use crate::help_kind::HelpKind;
use serde::{Deserialize, Serialize};

/// What a need looks like in an email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedSummary {
    /// The project's title.
    pub project: String,
    /// The project's URL name.
    pub slug: String,
    /// The need's id, for the link to it.
    pub need_id: i32,
    /// The kind of help (its code in the payload).
    pub kind: HelpKind,
    /// The need's description.
    pub description: String,
}

/// One email about introductions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "relation", rename_all = "snake_case")]
pub enum RelationEmail {
    /// Someone asks to be introduced; the link answers without logging in.
    Request {
        /// Who asks.
        from: String,
        /// True when the team asks the member ("could you help us?"),
        /// false when a member offers help to the team.
        from_team: bool,
        /// The need.
        need: NeedSummary,
        /// Their short message, plain text.
        message: String,
        /// The personal token for the answer link.
        token: String,
    },
    /// Both agreed: here is the other's address.
    Accepted {
        /// The other person's name.
        other_name: String,
        /// The other person's address.
        other_email: String,
        /// The need.
        need: NeedSummary,
        /// True when the reader is on the team's side.
        reader_is_team: bool,
    },
    /// The request was declined, kindly.
    Declined {
        /// The need.
        need: NeedSummary,
        /// True when the reader is on the team's side (the member declined).
        reader_is_team: bool,
    },
    /// The request got no answer in time.
    Expired {
        /// The need.
        need: NeedSummary,
    },
    /// The need was filled or withdrawn while the request waited.
    Closed {
        /// The need.
        need: NeedSummary,
        /// Filled (rather than withdrawn).
        filled: bool,
    },
    /// A month after an introduction: did it lead somewhere?
    FollowUp {
        /// The other person's name.
        other_name: String,
        /// The need.
        need: NeedSummary,
        /// The personal token for the answer link.
        token: String,
    },
}

impl RelationEmail {
    /// The kind, stored in outbox rows; its code is used in keys.
    pub fn kind(&self) -> EmailKind {
        match self {
            RelationEmail::Request { .. } => EmailKind::IntroductionRequest,
            RelationEmail::Accepted { .. } => EmailKind::IntroductionAccepted,
            RelationEmail::Declined { .. } => EmailKind::IntroductionDeclined,
            RelationEmail::Expired { .. } => EmailKind::IntroductionExpired,
            RelationEmail::Closed { .. } => EmailKind::IntroductionClosed,
            RelationEmail::FollowUp { .. } => EmailKind::IntroductionFollowUp,
        }
    }

    /// True for emails that hold a personal link or someone's address:
    /// once sent, the outbox forgets their content.
    pub fn carries_secret(&self) -> bool {
        matches!(
            self,
            RelationEmail::Request { .. }
                | RelationEmail::Accepted { .. }
                | RelationEmail::FollowUp { .. }
        )
    }

    /// Whether the member may turn it off: everything but the email that
    /// gives each side the other's address, which both just agreed to.
    pub fn is_optional(&self) -> bool {
        !matches!(self, RelationEmail::Accepted { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email_message::EmailMessage;

    #[test]
    fn relation_emails_round_trip_through_the_outbox_payload() {
        let message = EmailMessage::Relation(RelationEmail::Accepted {
            other_name: "Camille".into(),
            other_email: "camille@example.org".into(),
            need: NeedSummary {
                project: "Compost".into(),
                slug: "compost".into(),
                need_id: 3,
                kind: HelpKind::Designer,
                description: "Un parcours simple".into(),
            },
            reader_is_team: true,
        });
        let json = serde_json::to_string(&message).expect("json");
        assert!(json.contains(r#""kind":"relation""#), "{json}");
        let kind = format!(r#""kind":"{}""#, HelpKind::Designer.code());
        assert!(json.contains(&kind), "the need's kind is its code: {json}");
        assert_eq!(
            serde_json::from_str::<EmailMessage>(&json).expect("back"),
            message
        );
        assert_eq!(message.kind(), EmailKind::IntroductionAccepted);
        assert!(message.carries_secret(), "an address is not kept once sent");
        assert_eq!(crate::email_preference::Category::of(&message), None);
    }
}

//! What an email says, as data: the outbox stores it, `templates` turns it
//! into words in the recipient's language.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A moment in a place (a meeting's start in its city), kept as data so
/// that each reader gets it in their language, on the place's clock, with
/// the place named when their own clock reads otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Moment {
    /// The instant, on the clock of a named place.
    At {
        /// The instant.
        at: DateTime<Utc>,
        /// The place's IANA zone.
        zone: String,
        /// The place that names the zone ("Lyon" in "heure de Lyon").
        place: String,
    },
    /// Words written by an older version, in emails queued before it was
    /// replaced: shown as they are.
    Written(String),
}

impl Moment {
    /// `at` on the clock of `place`, whose zone is `zone`.
    pub fn new(at: DateTime<Utc>, zone: Tz, place: &str) -> Moment {
        Moment::At {
            at,
            zone: zone.name().to_owned(),
            place: place.to_owned(),
        }
    }
}

/// A calendar day (a due date, the last day to answer), or words written
/// by an older version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Day {
    /// The day.
    On(NaiveDate),
    /// Words written by an older version, shown as they are.
    Written(String),
}

/// The window a digest covers, as days of the reader's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Period {
    /// From the first day to the last.
    Days {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        until: NaiveDate,
    },
    /// Words written by an older version, shown as they are.
    Written(String),
}

crate::stored_code! {
    /// What a line of a digest tells (stored in the email's payload).
    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum DigestKind ("digest item kind", "error-choice-invalid") {
        /// A project was created.
        NewProject = "new_project",
        /// A project reached a stage.
        Stage = "stage",
        /// A milestone was done.
        Milestone = "milestone",
        /// A team posted news.
        Update = "update",
        /// A question a reader could answer.
        Question = "question",
    }
}

/// One line of a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestItem {
    /// What it tells.
    pub kind: DigestKind,
    /// The project's title.
    pub project: String,
    /// What happened (a pitch, a stage code, a milestone title, an excerpt).
    pub text: String,
    /// Where to read more, under the site's address.
    pub path: String,
}

/// What a calendar file attached to an email needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    /// Start.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// End.
    pub ends_at: chrono::DateTime<chrono::Utc>,
    /// Revision number (SEQUENCE).
    pub sequence: i32,
}

crate::stored_code! {
    /// What kind of email an outbox row holds (`EmailMessage::kind`): stored
    /// beside its payload, shown on the outbox page, and part of the keys
    /// that make an email exist once.
    pub enum EmailKind ("email kind", "error-choice-invalid") {
        /// `EmailMessage::Activation`.
        Activation = "activation",
        /// `EmailMessage::AccountExists`.
        AccountExists = "account_exists",
        /// `EmailMessage::PasswordReset`.
        PasswordReset = "password_reset",
        /// `EmailMessage::SetPassword`.
        SetPassword = "set_password",
        /// `EmailMessage::Invitation`.
        Invitation = "invitation",
        /// `EmailMessage::ProjectInvitation`.
        ProjectInvitation = "project_invitation",
        /// `EmailMessage::PollInvitation`.
        PollInvitation = "poll_invitation",
        /// `EmailMessage::PollReminder`.
        PollReminder = "poll_reminder",
        /// `EmailMessage::MeetupInvitation`.
        MeetupInvitation = "meetup_invitation",
        /// `EmailMessage::MeetupReminder`.
        MeetupReminder = "meetup_reminder",
        /// `EmailMessage::MeetupNudge`.
        MeetupNudge = "meetup_nudge",
        /// `EmailMessage::MeetupChanged`.
        MeetupChanged = "meetup_changed",
        /// `EmailMessage::MeetupPromoted`.
        MeetupPromoted = "meetup_promoted",
        /// `EmailMessage::ReviewPosted`.
        ReviewPosted = "review_posted",
        /// `EmailMessage::ReviewRequested`.
        ReviewRequested = "review_requested",
        /// `EmailMessage::MentorChanged`, an assignment that began.
        MentorAssigned = "mentor_assigned",
        /// `EmailMessage::MentorChanged`, an assignment that ended.
        MentorUnassigned = "mentor_unassigned",
        /// `EmailMessage::MilestoneDue`.
        MilestoneDue = "milestone_due",
        /// `EmailMessage::ReviewDue`.
        ReviewDue = "review_due",
        /// `EmailMessage::QuietProject`.
        QuietProject = "quiet_project",
        /// `EmailMessage::Digest`.
        Digest = "digest",
        /// `EmailMessage::Announcement`.
        Announcement = "announcement",
        /// `EmailMessage::CheckIn`.
        CheckIn = "check_in",
        /// `RelationEmail::Request`.
        IntroductionRequest = "introduction_request",
        /// `RelationEmail::Accepted`.
        IntroductionAccepted = "introduction_accepted",
        /// `RelationEmail::Declined`.
        IntroductionDeclined = "introduction_declined",
        /// `RelationEmail::Expired`.
        IntroductionExpired = "introduction_expired",
        /// `RelationEmail::Closed`.
        IntroductionClosed = "introduction_closed",
        /// `RelationEmail::FollowUp`.
        IntroductionFollowUp = "introduction_follow_up",
    }
}

impl EmailKind {
    /// The idempotency key of an email of this kind about `what` (the
    /// occasion and the recipient): `kind:what`, so that keys of two kinds
    /// never collide.
    pub fn key(self, what: impl std::fmt::Display) -> String {
        format!("{}:{what}", self.code())
    }
}

/// The content of one email, before rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmailMessage {
    /// Confirms a new address; the link creates the account.
    Activation {
        /// The name given at sign-up.
        name: String,
        /// The single-use token for the link.
        token: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    AccountExists {
        /// The account's name.
        name: String,
    },
    /// A link to choose a new password.
    PasswordReset {
        /// The account's name.
        name: String,
        /// The single-use token for the link.
        token: String,
    },
    /// An account was made for you: a link to choose your password.
    SetPassword {
        /// The account's name.
        name: String,
        /// The single-use token for the link.
        token: String,
    },
    /// An invitation to join a project's team.
    ProjectInvitation {
        /// Who invites.
        inviter: String,
        /// The project's title.
        project: String,
        /// The single-use token for the link.
        token: String,
    },
    /// An invitation to answer a date poll, with a personal link.
    PollInvitation {
        /// The poll's title.
        title: String,
        /// The city.
        city: String,
        /// The last day to answer, in the city's calendar.
        closes_on: Day,
        /// The poll.
        poll_id: i32,
        /// The personal token for the link.
        token: String,
    },
    /// A last call to answer a date poll.
    PollReminder {
        /// The poll's title.
        title: String,
        /// When it closes, on the city's clock.
        closes_on: Moment,
        /// The poll.
        poll_id: i32,
        /// The personal token for the link.
        token: String,
    },
    /// An invitation to a meeting.
    MeetupInvitation {
        /// Its title.
        title: String,
        /// When, in the city's local time.
        when: Moment,
        /// Where.
        place: String,
        /// The meeting.
        meetup_id: i32,
        /// The event, for the attached calendar file.
        event: Option<CalendarEntry>,
    },
    /// A meeting is coming: a reminder to those who answered yes or maybe.
    MeetupReminder {
        /// Its title.
        title: String,
        /// When, in the city's local time.
        when: Moment,
        /// Where.
        place: String,
        /// The meeting.
        meetup_id: i32,
        /// Days left: 7 or 1.
        days: i32,
    },
    /// One nudge to invited members who have not answered.
    MeetupNudge {
        /// Its title.
        title: String,
        /// When, in the city's local time.
        when: Moment,
        /// The meeting.
        meetup_id: i32,
    },
    /// A meeting moved or was cancelled.
    MeetupChanged {
        /// Its title.
        title: String,
        /// When, now, on the city's clock.
        when: Moment,
        /// Whether it is cancelled.
        cancelled: bool,
        /// The meeting.
        meetup_id: i32,
        /// Where (empty in payloads queued before it was recorded).
        #[serde(default)]
        place: String,
        /// The revised event, for the attached calendar file.
        #[serde(default)]
        event: Option<CalendarEntry>,
    },
    /// A place freed up and the first on the waitlist has it now.
    MeetupPromoted {
        /// Its title.
        title: String,
        /// When it starts, on the city's clock.
        when: Moment,
        /// Where.
        place: String,
        /// The meeting.
        meetup_id: i32,
        /// The event, for the attached calendar file.
        event: Option<CalendarEntry>,
    },
    /// A mentor posted a review of the team's project.
    ReviewPosted {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
        /// The mentor's name.
        mentor: String,
        /// The review's strengths, the mentor's Markdown (empty in
        /// payloads queued before they were carried).
        #[serde(default)]
        strengths: String,
        /// The review's recommendations, the mentor's Markdown.
        #[serde(default)]
        recommendations: String,
    },
    /// The team asks its mentor for a review.
    ReviewRequested {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
        /// Who asked.
        requested_by: String,
        /// Their question.
        question: String,
    },
    /// A mentor was assigned to a project, or the assignment ended.
    MentorChanged {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
        /// The mentor's name.
        mentor: String,
        /// The assignment ended (rather than began).
        ended: bool,
        /// Written to the mentor (rather than to the team).
        to_mentor: bool,
    },
    /// A milestone is due soon, or overdue.
    MilestoneDue {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
        /// The milestone's title.
        milestone: String,
        /// Its due date.
        due_on: Day,
        /// Already past due.
        overdue: bool,
    },
    /// A mentor's review of a project is due (or overdue).
    ReviewDue {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
        /// Already overdue.
        overdue: bool,
        /// An open question from the team, if any.
        question: Option<String>,
    },
    /// A project has had no public news for 30 days.
    QuietProject {
        /// The project's title.
        project: String,
        /// The project's slug.
        slug: String,
    },
    /// The periodic digest.
    Digest {
        /// The window covered, in the reader's calendar.
        period: Period,
        /// What happened.
        items: Vec<DigestItem>,
        /// The next meeting in the member's city: (title, when, id).
        next_meetup: Option<(String, Moment, i32)>,
    },
    /// A coordinator's announcement.
    Announcement {
        /// Its subject.
        subject: String,
        /// Its text.
        body: String,
        /// The city it comes from, if not the whole programme.
        from: Option<String>,
    },
    /// The monthly check-in, with a link to a short form.
    CheckIn {
        /// The project's title.
        project: String,
        /// The month, `YYYY-MM`.
        month: String,
        /// The token for the link.
        token: String,
    },
    /// An invitation to join the programme.
    Invitation {
        /// Who invites.
        inviter: String,
        /// The city the invitee is invited to, if any.
        city: Option<String>,
        /// The single-use token for the link.
        token: String,
    },
    /// Mise en relation: introductions and their follow-up.
    Relation(crate::relation_email::RelationEmail),
}

impl EmailMessage {
    /// The kind, stored beside the payload; its code is used in keys.
    pub fn kind(&self) -> EmailKind {
        match self {
            EmailMessage::Activation { .. } => EmailKind::Activation,
            EmailMessage::AccountExists { .. } => EmailKind::AccountExists,
            EmailMessage::PasswordReset { .. } => EmailKind::PasswordReset,
            EmailMessage::SetPassword { .. } => EmailKind::SetPassword,
            EmailMessage::Invitation { .. } => EmailKind::Invitation,
            EmailMessage::ProjectInvitation { .. } => EmailKind::ProjectInvitation,
            EmailMessage::PollInvitation { .. } => EmailKind::PollInvitation,
            EmailMessage::PollReminder { .. } => EmailKind::PollReminder,
            EmailMessage::MeetupInvitation { .. } => EmailKind::MeetupInvitation,
            EmailMessage::MeetupReminder { .. } => EmailKind::MeetupReminder,
            EmailMessage::MeetupNudge { .. } => EmailKind::MeetupNudge,
            EmailMessage::MeetupChanged { .. } => EmailKind::MeetupChanged,
            EmailMessage::MeetupPromoted { .. } => EmailKind::MeetupPromoted,
            EmailMessage::ReviewPosted { .. } => EmailKind::ReviewPosted,
            EmailMessage::ReviewRequested { .. } => EmailKind::ReviewRequested,
            EmailMessage::MentorChanged { ended: false, .. } => EmailKind::MentorAssigned,
            EmailMessage::MentorChanged { ended: true, .. } => EmailKind::MentorUnassigned,
            EmailMessage::MilestoneDue { .. } => EmailKind::MilestoneDue,
            EmailMessage::ReviewDue { .. } => EmailKind::ReviewDue,
            EmailMessage::QuietProject { .. } => EmailKind::QuietProject,
            EmailMessage::Digest { .. } => EmailKind::Digest,
            EmailMessage::Announcement { .. } => EmailKind::Announcement,
            EmailMessage::CheckIn { .. } => EmailKind::CheckIn,
            EmailMessage::Relation(r) => r.kind(),
        }
    }

    /// True for emails whose body holds a secret link: once sent, the
    /// outbox keeps only that it was sent, not the link.
    pub fn carries_secret(&self) -> bool {
        matches!(
            self,
            EmailMessage::Activation { .. }
                | EmailMessage::PasswordReset { .. }
                | EmailMessage::SetPassword { .. }
                | EmailMessage::Invitation { .. }
                | EmailMessage::ProjectInvitation { .. }
                | EmailMessage::PollInvitation { .. }
                | EmailMessage::PollReminder { .. }
                | EmailMessage::CheckIn { .. }
        ) || matches!(self, EmailMessage::Relation(r) if r.carries_secret())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_and_days_round_trip_and_older_payloads_still_read() {
        use chrono::TimeZone;
        let at = Utc
            .with_ymd_and_hms(2026, 12, 3, 18, 0, 0)
            .single()
            .expect("time");
        let nudge = EmailMessage::MeetupNudge {
            title: "T".into(),
            when: Moment::new(at, chrono_tz::Europe::Paris, "Lyon"),
            meetup_id: 1,
        };
        let json = serde_json::to_string(&nudge).expect("json");
        assert_eq!(
            serde_json::from_str::<EmailMessage>(&json).expect("read"),
            nudge
        );
        // Queued by the version that wrote times as text.
        let old: EmailMessage = serde_json::from_str(
            r#"{"kind":"meetup_nudge","title":"T","when":"2026-12-03 19:00","meetup_id":1}"#,
        )
        .expect("old nudge");
        assert!(matches!(
            old,
            EmailMessage::MeetupNudge { when: Moment::Written(w), .. } if w == "2026-12-03 19:00"
        ));
        let old: EmailMessage = serde_json::from_str(
            r#"{"kind":"digest","period":"2026-11-23 – 2026-11-30","items":[],"next_meetup":["R","2026-12-03 19:00",4]}"#,
        )
        .expect("old digest");
        assert!(matches!(
            old,
            EmailMessage::Digest {
                period: Period::Written(_),
                next_meetup: Some((_, Moment::Written(_), 4)),
                ..
            }
        ));
        let old: EmailMessage = serde_json::from_str(
            r#"{"kind":"milestone_due","project":"P","slug":"p","milestone":"M","due_on":"2026-12-01","overdue":false}"#,
        )
        .expect("old milestone");
        assert!(matches!(
            old,
            EmailMessage::MilestoneDue { due_on: Day::On(d), .. }
                if d == NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
        ));
    }
}

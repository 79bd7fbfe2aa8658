//! Emails: a subject, a plain-text body and an HTML body, in the
//! recipient's language, from an `EmailMessage`.

use crate::dates::{self, NamedZone};
use crate::i18n::{t, t_args};
use chrono::NaiveDate;
use chrono_tz::Tz;
use maud::{DOCTYPE, html};
use relais_domain::Language;
use relais_domain::email_message::{Day, EmailMessage, Moment, Period};

/// Who an email is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// The language they read.
    pub language: Language,
    /// Their own zone, if known: a time on another clock names its place.
    pub zone: Option<Tz>,
}

impl Reader {
    /// A reader of `language` whose zone is unknown.
    pub fn new(language: Language) -> Reader {
        Reader {
            language,
            zone: None,
        }
    }
}

/// How a moment reads in an email.
#[derive(Clone, Copy)]
enum Form {
    /// "jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)", for bodies.
    Long,
    /// "3 déc., 19 h 00 (heure de Lyon)", for subject lines.
    Short,
}

/// A moment on its place's clock, in the reader's words.
fn moment(reader: &Reader, m: &Moment, form: Form) -> String {
    match m {
        Moment::At { at, zone, place } => {
            let zone = zone.parse::<Tz>().unwrap_or(Tz::UTC);
            let named = if place.is_empty() {
                NamedZone::of_zone(zone)
            } else {
                NamedZone::new(zone, place)
            };
            match form {
                Form::Long => dates::moment(reader.language, *at, &named, reader.zone),
                Form::Short => dates::moment_short(reader.language, *at, &named, reader.zone),
            }
        }
        Moment::Written(text) => text.clone(),
    }
}

/// A calendar day, in long form.
fn day(lang: Language, d: &Day) -> String {
    match d {
        Day::On(date) => dates::date_long(lang, *date),
        Day::Written(text) => text.clone(),
    }
}

/// A digest's window, "26 novembre 2026 – 3 décembre 2026".
fn period(lang: Language, p: &Period) -> String {
    match p {
        Period::Days { from, until } => {
            format!(
                "{} – {}",
                dates::date(lang, *from),
                dates::date(lang, *until)
            )
        }
        Period::Written(text) => text.clone(),
    }
}

/// A check-in's month (`YYYY-MM`), "novembre 2026".
fn month(lang: Language, code: &str) -> String {
    NaiveDate::parse_from_str(&format!("{code}-01"), "%Y-%m-%d")
        .map_or_else(|_| code.to_owned(), |d| dates::month_of_year(lang, d))
}

/// A rendered email, ready for the mailer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    /// The subject line.
    pub subject: String,
    /// The plain-text alternative.
    pub text: String,
    /// The HTML alternative.
    pub html: String,
}

pub(crate) struct Parts {
    pub(crate) subject: String,
    pub(crate) greeting_name: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) action: Option<(String, String)>,
    pub(crate) ignore_note: bool,
}

fn parts(message: &EmailMessage, reader: &Reader, base_url: &str) -> Parts {
    let lang = reader.language;
    let base = base_url.trim_end_matches('/');
    match message {
        EmailMessage::Activation { name, token } => Parts {
            subject: t(lang, "email-activation-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: vec![t(lang, "email-activation-body")],
            action: Some((
                t(lang, "email-activation-button"),
                format!("{base}/activate/{token}"),
            )),
            ignore_note: true,
        },
        EmailMessage::AccountExists { name } => Parts {
            subject: t(lang, "email-account-exists-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: vec![t(lang, "email-account-exists-body")],
            action: Some((
                t(lang, "email-account-exists-button"),
                format!("{base}/password/forgot"),
            )),
            ignore_note: true,
        },
        EmailMessage::PasswordReset { name, token } => Parts {
            subject: t(lang, "email-reset-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: vec![t(lang, "email-reset-body")],
            action: Some((
                t(lang, "email-reset-button"),
                format!("{base}/password/reset/{token}"),
            )),
            ignore_note: true,
        },
        EmailMessage::SetPassword { name, token } => Parts {
            subject: t(lang, "email-set-password-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: vec![t(lang, "email-set-password-body")],
            action: Some((
                t(lang, "email-reset-button"),
                format!("{base}/password/reset/{token}"),
            )),
            ignore_note: false,
        },
        EmailMessage::PollInvitation {
            title,
            city,
            closes_on,
            poll_id,
            token,
        } => Parts {
            subject: t_args(lang, "email-poll-subject", &[("title", title)]),
            greeting_name: None,
            paragraphs: vec![
                t_args(lang, "email-poll-body", &[("title", title), ("city", city)]),
                t_args(
                    lang,
                    "email-poll-closes",
                    &[("date", &day(lang, closes_on))],
                ),
            ],
            action: Some((
                t(lang, "email-poll-button"),
                format!("{base}/polls/{poll_id}/{token}"),
            )),
            ignore_note: false,
        },
        EmailMessage::PollReminder {
            title,
            closes_on,
            poll_id,
            token,
        } => Parts {
            subject: t_args(lang, "email-poll-reminder-subject", &[("title", title)]),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                "email-poll-reminder-body",
                &[
                    ("title", title),
                    ("date", &moment(reader, closes_on, Form::Long)),
                ],
            )],
            action: Some((
                t(lang, "email-poll-button"),
                format!("{base}/polls/{poll_id}/{token}"),
            )),
            ignore_note: false,
        },
        EmailMessage::MeetupReminder {
            title,
            when,
            place,
            meetup_id,
            days,
        } => Parts {
            subject: t_args(
                lang,
                if *days == 1 {
                    "email-reminder-1d-subject"
                } else {
                    "email-reminder-7d-subject"
                },
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Short)),
                ],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                "email-reminder-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                    ("place", place),
                ],
            )],
            action: Some((
                t(lang, "email-meetup-button"),
                format!("{base}/meetups/{meetup_id}"),
            )),
            ignore_note: false,
        },
        EmailMessage::MeetupNudge {
            title,
            when,
            meetup_id,
        } => Parts {
            subject: t_args(
                lang,
                "email-nudge-subject",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Short)),
                ],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                "email-nudge-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                ],
            )],
            action: Some((
                t(lang, "email-meetup-button"),
                format!("{base}/meetups/{meetup_id}"),
            )),
            ignore_note: false,
        },
        EmailMessage::MeetupChanged {
            title,
            when,
            cancelled,
            meetup_id,
            ..
        } => Parts {
            subject: t_args(
                lang,
                if *cancelled {
                    "email-cancelled-subject"
                } else {
                    "email-moved-subject"
                },
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Short)),
                ],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                if *cancelled {
                    "email-cancelled-body"
                } else {
                    "email-moved-body"
                },
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                ],
            )],
            action: Some((
                t(lang, "email-meetup-see"),
                format!("{base}/meetups/{meetup_id}"),
            )),
            ignore_note: false,
        },
        EmailMessage::MeetupPromoted {
            title,
            when,
            place,
            meetup_id,
            ..
        } => Parts {
            subject: t_args(
                lang,
                "email-promoted-subject",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Short)),
                ],
            ),
            greeting_name: None,
            paragraphs: vec![
                t_args(
                    lang,
                    "email-promoted-body",
                    &[
                        ("title", title),
                        ("when", &moment(reader, when, Form::Long)),
                        ("place", place),
                    ],
                ),
                t(lang, "email-promoted-free-it"),
            ],
            action: Some((
                t(lang, "email-meetup-see"),
                format!("{base}/meetups/{meetup_id}"),
            )),
            ignore_note: false,
        },
        EmailMessage::ReviewPosted {
            project,
            slug,
            mentor,
        } => Parts {
            subject: t_args(lang, "email-review-posted-subject", &[("project", project)]),
            greeting_name: None,
            paragraphs: vec![
                t_args(
                    lang,
                    "email-review-posted-body",
                    &[("project", project), ("mentor", mentor)],
                ),
                t(lang, "email-review-posted-answer"),
            ],
            action: Some((
                t(lang, "email-review-posted-button"),
                format!("{base}/projects/{slug}/reviews"),
            )),
            ignore_note: false,
        },
        EmailMessage::ReviewRequested {
            project,
            slug,
            requested_by,
            question,
        } => Parts {
            subject: t_args(
                lang,
                "email-review-requested-subject",
                &[("project", project)],
            ),
            greeting_name: None,
            paragraphs: vec![
                t_args(
                    lang,
                    "email-review-requested-body",
                    &[("project", project), ("name", requested_by)],
                ),
                t_args(lang, "email-review-question", &[("question", question)]),
            ],
            action: Some((
                t(lang, "review-new"),
                format!("{base}/projects/{slug}/reviews/new"),
            )),
            ignore_note: false,
        },
        EmailMessage::MentorChanged {
            project,
            slug,
            mentor,
            ended,
            to_mentor,
        } => {
            let which = match (*ended, *to_mentor) {
                (false, true) => "assigned-mentor",
                (false, false) => "assigned-team",
                (true, true) => "ended-mentor",
                (true, false) => "ended-team",
            };
            let args = [("project", project.as_str()), ("mentor", mentor.as_str())];
            Parts {
                subject: t_args(lang, &format!("email-mentor-{which}-subject"), &args),
                greeting_name: None,
                paragraphs: vec![t_args(lang, &format!("email-mentor-{which}-body"), &args)],
                action: Some((
                    t(lang, "email-milestone-button"),
                    format!("{base}/projects/{slug}"),
                )),
                ignore_note: false,
            }
        }
        EmailMessage::MilestoneDue {
            project,
            slug,
            milestone,
            due_on,
            overdue,
        } => Parts {
            subject: t_args(
                lang,
                if *overdue {
                    "email-milestone-overdue-subject"
                } else {
                    "email-milestone-due-subject"
                },
                &[("milestone", milestone), ("project", project)],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                if *overdue {
                    "email-milestone-overdue-body"
                } else {
                    "email-milestone-due-body"
                },
                &[
                    ("milestone", milestone),
                    ("project", project),
                    ("date", &day(lang, due_on)),
                ],
            )],
            action: Some((
                t(lang, "email-milestone-button"),
                format!("{base}/projects/{slug}"),
            )),
            ignore_note: false,
        },
        EmailMessage::ReviewDue {
            project,
            slug,
            overdue,
            question,
        } => Parts {
            subject: t_args(
                lang,
                if *overdue {
                    "email-review-overdue-subject"
                } else {
                    "email-review-due-subject"
                },
                &[("project", project)],
            ),
            greeting_name: None,
            paragraphs: {
                let mut p = vec![t_args(
                    lang,
                    if *overdue {
                        "email-review-overdue-body"
                    } else {
                        "email-review-due-body"
                    },
                    &[("project", project)],
                )];
                if let Some(q) = question {
                    p.push(t_args(lang, "email-review-question", &[("question", q)]));
                }
                p
            },
            action: Some((
                t(lang, "review-new"),
                format!("{base}/projects/{slug}/reviews/new"),
            )),
            ignore_note: false,
        },
        EmailMessage::QuietProject { project, slug } => Parts {
            subject: t_args(lang, "email-quiet-subject", &[("project", project)]),
            greeting_name: None,
            paragraphs: vec![t_args(lang, "email-quiet-body", &[("project", project)])],
            action: Some((
                t(lang, "email-milestone-button"),
                format!("{base}/projects/{slug}"),
            )),
            ignore_note: false,
        },
        EmailMessage::Digest {
            period: period_of,
            items,
            next_meetup,
        } => Parts {
            subject: t_args(
                lang,
                "email-digest-subject",
                &[("period", &period(lang, period_of))],
            ),
            greeting_name: None,
            paragraphs: {
                let mut p: Vec<String> = items
                    .iter()
                    .map(|item| {
                        let what = t_args(
                            lang,
                            &format!("digest-{}", item.kind),
                            &[("project", &item.project), ("text", &item.text)],
                        );
                        format!("{what} — {base}{}", item.path)
                    })
                    .collect();
                if let Some((title, when, _)) = next_meetup {
                    p.push(t_args(
                        lang,
                        "digest-next-meetup",
                        &[
                            ("title", title),
                            ("when", &moment(reader, when, Form::Long)),
                        ],
                    ));
                }
                p
            },
            action: next_meetup
                .as_ref()
                .map(|(_, _, id)| (t(lang, "email-meetup-see"), format!("{base}/meetups/{id}"))),
            ignore_note: false,
        },
        EmailMessage::Announcement {
            subject,
            body,
            from,
        } => Parts {
            subject: subject.clone(),
            greeting_name: None,
            paragraphs: {
                let mut p: Vec<String> = body.split("\n\n").map(str::to_owned).collect();
                p.push(match from {
                    Some(city) => t_args(lang, "email-announcement-from-city", &[("city", city)]),
                    None => t(lang, "email-announcement-from-programme"),
                });
                p
            },
            action: None,
            ignore_note: false,
        },
        EmailMessage::CheckIn {
            project,
            month: month_code,
            token,
        } => Parts {
            subject: t_args(
                lang,
                "email-check-in-subject",
                &[("project", project), ("month", &month(lang, month_code))],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(lang, "email-check-in-body", &[("project", project)])],
            action: Some((
                t(lang, "email-check-in-button"),
                format!("{base}/check-in/{token}"),
            )),
            ignore_note: false,
        },
        EmailMessage::MeetupInvitation {
            title,
            when,
            place,
            meetup_id,
            ..
        } => Parts {
            subject: t_args(
                lang,
                "email-meetup-subject",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Short)),
                ],
            ),
            greeting_name: None,
            paragraphs: vec![t_args(
                lang,
                "email-meetup-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                    ("place", place),
                ],
            )],
            action: Some((
                t(lang, "email-meetup-button"),
                format!("{base}/meetups/{meetup_id}"),
            )),
            ignore_note: false,
        },
        EmailMessage::ProjectInvitation {
            inviter,
            project,
            token,
        } => Parts {
            subject: t_args(
                lang,
                "email-team-invitation-subject",
                &[("project", project)],
            ),
            greeting_name: None,
            paragraphs: vec![
                t_args(
                    lang,
                    "email-team-invitation-body",
                    &[("inviter", inviter), ("project", project)],
                ),
                t(lang, "email-team-invitation-link"),
            ],
            action: Some((
                t(lang, "email-team-invitation-button"),
                format!("{base}/team-invitations/{token}"),
            )),
            ignore_note: true,
        },
        EmailMessage::Relation(r) => crate::email_relation::parts(r, lang, base),
        EmailMessage::Invitation {
            inviter,
            city,
            token,
        } => Parts {
            subject: t(lang, "email-invitation-subject"),
            greeting_name: None,
            paragraphs: vec![
                t_args(
                    lang,
                    "email-invitation-body",
                    &[
                        ("inviter", inviter),
                        ("city", city.as_deref().unwrap_or("none")),
                    ],
                ),
                t(lang, "email-invitation-link"),
            ],
            action: Some((
                t(lang, "email-invitation-button"),
                format!("{base}/signup?invitation={token}"),
            )),
            ignore_note: true,
        },
    }
}

/// Renders `message` for `reader`, with links under `base_url`.
pub fn render(message: &EmailMessage, reader: &Reader, base_url: &str) -> RenderedEmail {
    let lang = reader.language;
    let p = parts(message, reader, base_url);
    let greeting = p
        .greeting_name
        .as_ref()
        .map(|n| t_args(lang, "email-greeting", &[("name", n)]));
    let mut text = String::new();
    if let Some(g) = &greeting {
        text.push_str(g);
        text.push_str("\n\n");
    }
    for paragraph in &p.paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    if let Some((_, url)) = &p.action {
        text.push_str(url);
        text.push_str("\n\n");
    }
    if p.ignore_note {
        text.push_str(&t(lang, "email-ignore"));
        text.push_str("\n\n");
    }
    text.push_str("-- \n");
    text.push_str(&t(lang, "email-signature"));
    text.push('\n');

    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (p.subject) } }
            body style="font-family: system-ui, sans-serif; color: #1d2330; line-height: 1.5; max-width: 36rem; margin: 0 auto; padding: 1rem;" {
                @if let Some(g) = &greeting { p { (g) } }
                @for paragraph in &p.paragraphs { p { (paragraph) } }
                @if let Some((label, url)) = &p.action {
                    p {
                        a href=(url) style="display: inline-block; background: #0b6e4f; color: #ffffff; padding: .6rem 1.1rem; border-radius: .4rem; text-decoration: none; font-weight: 600;" { (label) }
                    }
                    p style="font-size: .9rem; color: #5a6272; word-break: break-all;" { (url) }
                }
                @if p.ignore_note { p style="color: #5a6272;" { (t(lang, "email-ignore")) } }
                p style="color: #5a6272;" { "— " (t(lang, "email-signature")) }
            }
        }
    }
    .into_string();
    RenderedEmail {
        subject: p.subject,
        text,
        html,
    }
}

/// The calendar file attached to a meeting email, if the email has one: an
/// invitation publishes the event, a change publishes its new revision
/// (same UID, higher SEQUENCE), a cancellation cancels it.
pub fn attachment(message: &EmailMessage, base_url: &str) -> Option<String> {
    let (title, place, meetup_id, event, cancelled) = match message {
        EmailMessage::MeetupInvitation {
            title,
            place,
            meetup_id,
            event: Some(event),
            ..
        } => (title, place, *meetup_id, event, false),
        EmailMessage::MeetupChanged {
            title,
            place,
            meetup_id,
            event: Some(event),
            cancelled,
            ..
        } => (title, place, *meetup_id, event, *cancelled),
        EmailMessage::MeetupPromoted {
            title,
            place,
            meetup_id,
            event: Some(event),
            ..
        } => (title, place, *meetup_id, event, false),
        _ => return None,
    };
    let base = base_url.trim_end_matches('/');
    let host = url_host(base);
    Some(crate::ics::calendar_with_method(
        title,
        if cancelled {
            crate::ics::Method::Cancel
        } else {
            crate::ics::Method::Publish
        },
        &[crate::ics::CalendarEvent {
            day: None,
            uid: format!("meetup-{meetup_id}@{host}"),
            start: event.starts_at,
            end: event.ends_at,
            stamp: event.starts_at,
            sequence: event.sequence,
            status: if cancelled {
                crate::ics::Status::Cancelled
            } else {
                crate::ics::Status::Confirmed
            },
            summary: title.clone(),
            location: place.clone(),
            url: format!("{base}/meetups/{meetup_id}"),
            description: String::new(),
        }],
    ))
}

/// The host part of a base URL (for calendar UIDs), without a URL parser.
fn url_host(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    let host_port = rest.split('/').next().unwrap_or(rest);
    host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_email_carries_its_link_in_both_bodies_and_the_right_language() {
        let msg = EmailMessage::PasswordReset {
            name: "Awa".into(),
            token: "tok123".into(),
        };
        let fr = render(&msg, &Reader::new(Language::Fr), "https://relais.example/");
        assert_eq!(fr.subject, "Nouveau mot de passe pour Relais");
        assert!(fr.text.contains("Bonjour Awa,"));
        assert!(
            fr.text
                .contains("https://relais.example/password/reset/tok123")
        );
        assert!(
            fr.html
                .contains("https://relais.example/password/reset/tok123")
        );
        let en = render(&msg, &Reader::new(Language::En), "https://relais.example");
        assert_eq!(en.subject, "New password for Relais");
    }

    #[test]
    fn names_are_escaped_in_html() {
        let msg = EmailMessage::AccountExists {
            name: "<b>Eve</b>".into(),
        };
        let r = render(&msg, &Reader::new(Language::En), "http://x");
        assert!(r.html.contains("&lt;b&gt;Eve"));
        assert!(!r.html.contains("<b>Eve"));
    }

    fn lyon_meeting() -> EmailMessage {
        use chrono::TimeZone;
        // 19:00 in Lyon, Thursday 3 December 2026 (UTC+1).
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 3, 18, 0, 0)
            .single()
            .expect("time");
        EmailMessage::MeetupChanged {
            title: "Rencontre de décembre".into(),
            when: Moment::new(at, chrono_tz::Europe::Paris, "Lyon"),
            cancelled: true,
            meetup_id: 7,
            place: "Maison des associations".into(),
            event: None,
        }
    }

    fn plain(text: &str) -> String {
        text.replace('\u{a0}', " ")
    }

    #[test]
    fn a_meeting_reads_on_its_city_clock_in_both_languages() {
        let message = lyon_meeting();
        let at_home = |language| Reader {
            language,
            zone: Some(chrono_tz::Europe::Paris),
        };
        let fr = render(&message, &at_home(Language::Fr), "http://x");
        assert!(
            plain(&fr.text).contains("prévue le jeudi 3 décembre 2026 à 19 h 00, est annulée"),
            "{}",
            fr.text
        );
        assert!(!fr.text.contains("heure de"), "{}", fr.text);
        assert!(!fr.text.contains("2026-12-03"), "{}", fr.text);
        let en = render(&message, &at_home(Language::En), "http://x");
        assert!(
            plain(&en.text).contains("Thursday 3 December 2026, 7:00 pm"),
            "{}",
            en.text
        );
        assert!(!en.text.contains("Lyon time"), "{}", en.text);
    }

    #[test]
    fn a_reader_in_another_zone_reads_the_city_time_with_the_zone_named() {
        let message = lyon_meeting();
        let from_montreal = |language| Reader {
            language,
            zone: Some(chrono_tz::America::Montreal),
        };
        let fr = render(&message, &from_montreal(Language::Fr), "http://x");
        assert!(
            plain(&fr.text).contains("jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)"),
            "{}",
            fr.text
        );
        assert!(
            plain(&fr.html).contains("jeudi 3 décembre 2026 à 19 h 00 (heure de Lyon)"),
            "{}",
            fr.html
        );
        assert!(!plain(&fr.text).contains("13 h 00"), "{}", fr.text);
        let en = render(&message, &from_montreal(Language::En), "http://x");
        assert!(
            plain(&en.text).contains("Thursday 3 December 2026, 7:00 pm (Lyon time)"),
            "{}",
            en.text
        );
        // A moment written by an older version is shown as it was.
        let old = EmailMessage::MeetupNudge {
            title: "T".into(),
            when: Moment::Written("2026-12-03 19:00".into()),
            meetup_id: 1,
        };
        let r = render(&old, &from_montreal(Language::Fr), "http://x");
        assert!(r.text.contains("2026-12-03 19:00"), "{}", r.text);
    }

    #[test]
    fn days_months_and_periods_read_in_words() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let milestone = EmailMessage::MilestoneDue {
            project: "Jardins".into(),
            slug: "jardins".into(),
            milestone: "Récolte".into(),
            due_on: Day::On(d("2026-12-01")),
            overdue: false,
        };
        let r = render(&milestone, &Reader::new(Language::Fr), "http://x");
        assert!(r.text.contains("le mardi 1er décembre 2026"), "{}", r.text);
        let digest = EmailMessage::Digest {
            period: Period::Days {
                from: d("2026-11-23"),
                until: d("2026-11-30"),
            },
            items: Vec::new(),
            next_meetup: None,
        };
        let r = render(&digest, &Reader::new(Language::En), "http://x");
        assert_eq!(
            r.subject,
            "News from Relais (23 November 2026 – 30 November 2026)"
        );
        let check_in = EmailMessage::CheckIn {
            project: "Jardins".into(),
            month: "2026-11".into(),
            token: "t".into(),
        };
        let r = render(&check_in, &Reader::new(Language::Fr), "http://x");
        assert!(r.subject.contains("novembre 2026"), "{}", r.subject);
        assert!(!r.subject.contains("2026-11"), "{}", r.subject);
    }

    #[test]
    fn invitations_name_the_city_or_not() {
        let with_city = EmailMessage::Invitation {
            inviter: "Marie".into(),
            city: Some("Dakar".into()),
            token: "t".into(),
        };
        let r = render(&with_city, &Reader::new(Language::Fr), "http://x");
        assert!(r.text.contains("Marie vous invite"), "{}", r.text);
        assert!(r.text.contains("à Dakar."), "{}", r.text);
        let without = EmailMessage::Invitation {
            inviter: "Marie".into(),
            city: None,
            token: "t".into(),
        };
        let r = render(&without, &Reader::new(Language::En), "http://x");
        assert!(r.text.contains("La Nuit du Code Citoyen."), "{}", r.text);
        assert!(r.text.contains("http://x/signup?invitation=t"));
    }
}

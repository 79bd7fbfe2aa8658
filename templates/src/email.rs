//! Emails: a subject, a plain-text body and an HTML body, in the
//! recipient's language, from an `EmailMessage`.

use crate::dates::{self, NamedZone};
use crate::i18n::{t, t_args};
use chrono::NaiveDate;
use chrono_tz::Tz;
use maud::{DOCTYPE, html};
use relais_domain::Language;
use relais_domain::base_url::BaseUrl;
use relais_domain::email_message::{Day, DigestKind, EmailMessage, Moment, Period};
use relais_domain::email_preference::Category;

/// Who an email is written for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The language they read.
    pub language: Language,
    /// Their own zone, if known: a time on another clock names its place.
    pub zone: Option<Tz>,
    /// The secret part of their link out of this email's category
    /// (`{token}/{category}`, after `/unsubscribe/`), for optional emails.
    pub unsubscribe: Option<String>,
}

impl Reader {
    /// A reader of `language` whose zone is unknown.
    pub fn new(language: Language) -> Reader {
        Reader {
            language,
            zone: None,
            unsubscribe: None,
        }
    }
}

/// A paragraph of an email.
pub(crate) enum Block {
    /// Our own words.
    Text(String),
    /// A member's Markdown: sanitised HTML, readable plain text.
    Markdown(String),
    /// A piece of news with its page, and the member's Markdown if any.
    Item {
        lead: String,
        markdown: Option<String>,
        url: String,
    },
}

/// Our own words, a paragraph each.
pub(crate) fn plain(paragraphs: Vec<String>) -> Vec<Block> {
    paragraphs.into_iter().map(Block::Text).collect()
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
    pub(crate) paragraphs: Vec<Block>,
    pub(crate) action: Option<(String, String)>,
    pub(crate) ignore_note: bool,
}

fn parts(message: &EmailMessage, reader: &Reader, base: &str) -> Parts {
    let lang = reader.language;
    match message {
        EmailMessage::Activation { name, token } => Parts {
            subject: t(lang, "email-activation-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: plain(vec![t(lang, "email-activation-body")]),
            action: Some((
                t(lang, "email-activation-button"),
                format!("{base}/activate/{token}"),
            )),
            ignore_note: true,
        },
        EmailMessage::AccountExists { name } => Parts {
            subject: t(lang, "email-account-exists-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: plain(vec![t(lang, "email-account-exists-body")]),
            action: Some((
                t(lang, "email-account-exists-button"),
                format!("{base}/password/forgot"),
            )),
            ignore_note: true,
        },
        EmailMessage::PasswordReset { name, token } => Parts {
            subject: t(lang, "email-reset-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: plain(vec![t(lang, "email-reset-body")]),
            action: Some((
                t(lang, "email-reset-button"),
                format!("{base}/password/reset/{token}"),
            )),
            ignore_note: true,
        },
        EmailMessage::SetPassword { name, token } => Parts {
            subject: t(lang, "email-set-password-subject"),
            greeting_name: Some(name.clone()),
            paragraphs: plain(vec![t(lang, "email-set-password-body")]),
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
            paragraphs: plain(vec![
                t_args(lang, "email-poll-body", &[("title", title), ("city", city)]),
                t_args(
                    lang,
                    "email-poll-closes",
                    &[("date", &day(lang, closes_on))],
                ),
            ]),
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-poll-reminder-body",
                &[
                    ("title", title),
                    ("date", &moment(reader, closes_on, Form::Long)),
                ],
            )]),
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-reminder-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                    ("place", place),
                ],
            )]),
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-nudge-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                ],
            )]),
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
            paragraphs: plain(vec![t_args(
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
            )]),
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
            paragraphs: plain(vec![
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
            ]),
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
            strengths,
            recommendations,
        } => Parts {
            subject: t_args(lang, "email-review-posted-subject", &[("project", project)]),
            greeting_name: None,
            paragraphs: {
                let mut p = plain(vec![t_args(
                    lang,
                    "email-review-posted-body",
                    &[("project", project), ("mentor", mentor)],
                )]);
                for (key, markdown) in [
                    ("review-strengths", strengths),
                    ("review-recommendations", recommendations),
                ] {
                    if !markdown.trim().is_empty() {
                        p.push(Block::Text(t(lang, key)));
                        p.push(Block::Markdown(markdown.clone()));
                    }
                }
                p.push(Block::Text(t(lang, "email-review-posted-answer")));
                p
            },
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
                Block::Text(t_args(
                    lang,
                    "email-review-requested-body",
                    &[("project", project), ("name", requested_by)],
                )),
                Block::Text(t(lang, "email-review-question-lead")),
                Block::Markdown(question.clone()),
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
                paragraphs: plain(vec![t_args(
                    lang,
                    &format!("email-mentor-{which}-body"),
                    &args,
                )]),
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
            paragraphs: plain(vec![t_args(
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
            )]),
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
                let mut p = plain(vec![t_args(
                    lang,
                    if *overdue {
                        "email-review-overdue-body"
                    } else {
                        "email-review-due-body"
                    },
                    &[("project", project)],
                )]);
                if let Some(q) = question {
                    p.push(Block::Text(t(lang, "email-review-question-lead")));
                    p.push(Block::Markdown(q.clone()));
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-quiet-body",
                &[("project", project)],
            )]),
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
                let mut p: Vec<Block> = items
                    .iter()
                    .map(|item| {
                        let url = format!("{base}{}", item.path);
                        // A project's news is its team's Markdown, shown whole.
                        if item.kind == DigestKind::Update {
                            Block::Item {
                                lead: t_args(
                                    lang,
                                    "email-digest-update-lead",
                                    &[("project", &item.project)],
                                ),
                                markdown: Some(item.text.clone()),
                                url,
                            }
                        } else {
                            Block::Item {
                                lead: t_args(
                                    lang,
                                    &format!("digest-{}", item.kind.code()),
                                    &[("project", &item.project), ("text", &item.text)],
                                ),
                                markdown: None,
                                url,
                            }
                        }
                    })
                    .collect();
                if let Some((title, when, _)) = next_meetup {
                    p.push(Block::Text(t_args(
                        lang,
                        "digest-next-meetup",
                        &[
                            ("title", title),
                            ("when", &moment(reader, when, Form::Long)),
                        ],
                    )));
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
            paragraphs: vec![
                Block::Markdown(body.clone()),
                Block::Text(match from {
                    Some(city) => t_args(lang, "email-announcement-from-city", &[("city", city)]),
                    None => t(lang, "email-announcement-from-programme"),
                }),
            ],
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-check-in-body",
                &[("project", project)],
            )]),
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
            paragraphs: plain(vec![t_args(
                lang,
                "email-meetup-body",
                &[
                    ("title", title),
                    ("when", &moment(reader, when, Form::Long)),
                    ("place", place),
                ],
            )]),
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
            paragraphs: plain(vec![
                t_args(
                    lang,
                    "email-team-invitation-body",
                    &[("inviter", inviter), ("project", project)],
                ),
                t(lang, "email-team-invitation-link"),
            ]),
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
            paragraphs: plain(vec![
                t_args(
                    lang,
                    "email-invitation-body",
                    &[
                        ("inviter", inviter),
                        ("city", city.as_deref().unwrap_or("none")),
                    ],
                ),
                t(lang, "email-invitation-link"),
            ]),
            action: Some((
                t(lang, "email-invitation-button"),
                format!("{base}/signup?invitation={token}"),
            )),
            ignore_note: true,
        },
    }
}

/// Why an optional email came and how to stop it: the footer's words and links.
struct Footer {
    why: String,
    /// (label, link) to stop this email's category, when the reader has one.
    unsubscribe: Option<(String, String)>,
    /// (label, link) to the preferences on the profile page.
    preferences: (String, String),
}

fn footer(message: &EmailMessage, reader: &Reader, base: &str) -> Option<Footer> {
    let lang = reader.language;
    let category = Category::of(message)?;
    let code = category.code();
    Some(Footer {
        why: t(lang, &format!("email-footer-why-{code}")),
        unsubscribe: reader.unsubscribe.as_ref().map(|path| {
            (
                t_args(
                    lang,
                    "email-footer-unsubscribe",
                    &[("category", &t(lang, &format!("emails-category-{code}")))],
                ),
                format!("{base}/unsubscribe/{path}"),
            )
        }),
        preferences: (
            t(lang, "email-footer-preferences"),
            format!("{base}/profile#emails"),
        ),
    })
}

/// Renders `message` for `reader`, with links under `base_url`.
pub fn render(message: &EmailMessage, reader: &Reader, base_url: &BaseUrl) -> RenderedEmail {
    let lang = reader.language;
    let base = base_url.as_str();
    let p = parts(message, reader, base);
    let footer = footer(message, reader, base);
    let greeting = p
        .greeting_name
        .as_ref()
        .map(|n| t_args(lang, "email-greeting", &[("name", n)]));
    let mut text = String::new();
    if let Some(g) = &greeting {
        text.push_str(g);
        text.push_str("\n\n");
    }
    for block in &p.paragraphs {
        match block {
            Block::Text(words) => text.push_str(words),
            Block::Markdown(markdown) => {
                text.push_str(&crate::markdown::plain_text(markdown, base))
            }
            Block::Item {
                lead,
                markdown,
                url,
            } => {
                text.push_str(lead);
                if let Some(markdown) = markdown {
                    text.push_str("\n\n");
                    text.push_str(&crate::markdown::plain_text(markdown, base));
                }
                text.push('\n');
                text.push_str(url);
            }
        }
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
    if let Some(f) = &footer {
        text.push('\n');
        text.push_str(&f.why);
        text.push('\n');
        for (label, url) in f.unsubscribe.iter().chain([&f.preferences]) {
            text.push_str(&t_args(
                lang,
                "email-footer-link",
                &[("label", label), ("url", url)],
            ));
            text.push('\n');
        }
    }

    let muted = "color: #5a6272;";
    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (p.subject) } }
            body style="font-family: system-ui, sans-serif; color: #1d2330; line-height: 1.5; max-width: 36rem; margin: 0 auto; padding: 1rem;" {
                @if let Some(g) = &greeting { p { (g) } }
                @for block in &p.paragraphs {
                    @match block {
                        Block::Text(words) => p { (words) },
                        Block::Markdown(markdown) => div { (crate::markdown::render_in_email(markdown, base)) },
                        Block::Item { lead, markdown, url } => div style="margin: 0 0 1.2rem;" {
                            p style="margin-bottom: .3rem;" { a href=(url) style="color: #0b6e4f; font-weight: 600;" { (lead) } }
                            @if let Some(markdown) = markdown { (crate::markdown::render_in_email(markdown, base)) }
                        },
                    }
                }
                @if let Some((label, url)) = &p.action {
                    p {
                        a href=(url) style="display: inline-block; background: #0b6e4f; color: #ffffff; padding: .6rem 1.1rem; border-radius: .4rem; text-decoration: none; font-weight: 600;" { (label) }
                    }
                    p style="font-size: .9rem; color: #5a6272; word-break: break-all;" { (url) }
                }
                @if p.ignore_note { p style=(muted) { (t(lang, "email-ignore")) } }
                p style=(muted) { "— " (t(lang, "email-signature")) }
                @if let Some(f) = &footer {
                    hr style="border: 0; border-top: 1px solid #d5d9e0; margin: 1.5rem 0 .8rem;";
                    p style="font-size: .85rem; color: #5a6272;" {
                        (f.why)
                        br;
                        @if let Some((label, url)) = &f.unsubscribe {
                            a href=(url) style=(muted) { (label) }
                            " · "
                        }
                        a href=(f.preferences.1) style=(muted) { (f.preferences.0) }
                    }
                }
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
pub fn attachment(message: &EmailMessage, base_url: &BaseUrl) -> Option<String> {
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
    let base = base_url.as_str();
    Some(crate::ics::calendar_with_method(
        title,
        if cancelled {
            crate::ics::Method::Cancel
        } else {
            crate::ics::Method::Publish
        },
        &[crate::ics::CalendarEvent {
            day: None,
            uid: crate::ics::meeting_uid(base_url, meetup_id),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> BaseUrl {
        url.parse().expect("base url")
    }

    #[test]
    fn a_reset_email_carries_its_link_in_both_bodies_and_the_right_language() {
        let msg = EmailMessage::PasswordReset {
            name: "Awa".into(),
            token: "tok123".into(),
        };
        let fr = render(
            &msg,
            &Reader::new(Language::Fr),
            &base("https://relais.example/"),
        );
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
        let en = render(
            &msg,
            &Reader::new(Language::En),
            &base("https://relais.example"),
        );
        assert_eq!(en.subject, "New password for Relais");
    }

    #[test]
    fn names_are_escaped_in_html() {
        let msg = EmailMessage::AccountExists {
            name: "<b>Eve</b>".into(),
        };
        let r = render(&msg, &Reader::new(Language::En), &base("http://x"));
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
            unsubscribe: None,
        };
        let fr = render(&message, &at_home(Language::Fr), &base("http://x"));
        assert!(
            plain(&fr.text).contains("prévue le jeudi 3 décembre 2026 à 19 h 00, est annulée"),
            "{}",
            fr.text
        );
        assert!(!fr.text.contains("heure de"), "{}", fr.text);
        assert!(!fr.text.contains("2026-12-03"), "{}", fr.text);
        let en = render(&message, &at_home(Language::En), &base("http://x"));
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
            unsubscribe: None,
        };
        let fr = render(&message, &from_montreal(Language::Fr), &base("http://x"));
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
        let en = render(&message, &from_montreal(Language::En), &base("http://x"));
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
        let r = render(&old, &from_montreal(Language::Fr), &base("http://x"));
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
        let r = render(&milestone, &Reader::new(Language::Fr), &base("http://x"));
        assert!(r.text.contains("le mardi 1er décembre 2026"), "{}", r.text);
        let digest = EmailMessage::Digest {
            period: Period::Days {
                from: d("2026-11-23"),
                until: d("2026-11-30"),
            },
            items: Vec::new(),
            next_meetup: None,
        };
        let r = render(&digest, &Reader::new(Language::En), &base("http://x"));
        assert_eq!(
            r.subject,
            "News from Relais (23 November 2026 – 30 November 2026)"
        );
        let check_in = EmailMessage::CheckIn {
            project: "Jardins".into(),
            month: "2026-11".into(),
            token: "t".into(),
        };
        let r = render(&check_in, &Reader::new(Language::Fr), &base("http://x"));
        assert!(r.subject.contains("novembre 2026"), "{}", r.subject);
        assert!(!r.subject.contains("2026-11"), "{}", r.subject);
    }

    #[test]
    fn an_announcement_s_markdown_is_html_and_readable_text_with_the_footer_last() {
        let message = EmailMessage::Announcement {
            subject: "Nouvelles".into(),
            body: "# Bienvenue\n\nUn **grand** merci.\n\n- un\n- deux\n\n\
                   [Le programme](https://example.org/p) <script>alert(1)</script>"
                .into(),
            from: Some("Lyon".into()),
        };
        let reader = Reader {
            unsubscribe: Some(format!("{}/announcements", "k".repeat(43))),
            ..Reader::new(Language::Fr)
        };
        let r = render(&message, &reader, &base("https://relais.example/"));
        for expected in [
            "<h3>Bienvenue</h3>",
            "<strong>grand</strong>",
            "<li>un</li>",
            r#"<a href="https://example.org/p""#,
        ] {
            assert!(r.html.contains(expected), "no {expected} in {}", r.html);
        }
        assert!(
            !r.html.contains("<script") && !r.html.contains("**"),
            "{}",
            r.html
        );
        assert!(
            r.text.contains("Bienvenue\n\nUn grand merci.\n\n- un\n- deux\n\nLe programme (https://example.org/p)"),
            "{}",
            r.text
        );
        let unsubscribe = format!(
            "https://relais.example/unsubscribe/{}/announcements",
            "k".repeat(43)
        );
        assert!(
            r.html.contains(&format!(r#"href="{unsubscribe}""#)),
            "{}",
            r.html
        );
        let footer = r.text.split("-- \n").nth(1).expect("signature");
        assert!(
            footer.contains("la coordination écrit à ses membres"),
            "{footer}"
        );
        assert!(
            footer.contains(&format!(
                "Ne plus recevoir les annonces de la coordination\u{202f}: {unsubscribe}"
            )),
            "{footer}"
        );
        assert!(
            footer.contains("https://relais.example/profile#emails"),
            "{footer}"
        );
        // Account emails say nothing of preferences.
        let reset = EmailMessage::PasswordReset {
            name: "Awa".into(),
            token: "t".into(),
        };
        let r = render(
            &reset,
            &Reader::new(Language::Fr),
            &base("https://relais.example"),
        );
        assert!(!r.text.contains("/profile#emails") && !r.text.contains("/unsubscribe/"));
    }

    #[test]
    fn invitations_name_the_city_or_not() {
        let with_city = EmailMessage::Invitation {
            inviter: "Marie".into(),
            city: Some("Dakar".into()),
            token: "t".into(),
        };
        let r = render(&with_city, &Reader::new(Language::Fr), &base("http://x"));
        assert!(r.text.contains("Marie vous invite"), "{}", r.text);
        assert!(r.text.contains("à Dakar."), "{}", r.text);
        let without = EmailMessage::Invitation {
            inviter: "Marie".into(),
            city: None,
            token: "t".into(),
        };
        let r = render(&without, &Reader::new(Language::En), &base("http://x"));
        assert!(r.text.contains("La Nuit du Code Citoyen."), "{}", r.text);
        assert!(r.text.contains("http://x/signup?invitation=t"));
    }
}

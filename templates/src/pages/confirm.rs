//! Confirmation pages: before anything that cannot be undone or reaches
//! many people, a page (no JavaScript needed) says what will happen and to
//! whom, in plain words, with the button that does it and a way back.

use crate::dates::{NamedZone, moment};
use crate::form::csrf;
use crate::i18n::{t, t_args};
use crate::layout::{PageContext, narrow_page};
use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use relais_domain::Language;

/// What a confirmation page says and where its button goes.
#[derive(Debug, Clone)]
pub struct Confirmation {
    /// The question, as the page's title ("Annuler la rencontre… ?").
    pub title: String,
    /// What will happen, one sentence a paragraph, already translated.
    pub consequences: Vec<String>,
    /// Where the button posts.
    pub action: String,
    /// Fields the button carries (what was typed, for an announcement).
    pub hidden: Vec<(String, String)>,
    /// The button's words ("Annuler la rencontre").
    pub confirm: String,
    /// Where "go back" leads.
    pub back: String,
}

/// The confirmation page.
pub fn confirm(ctx: &PageContext, c: &Confirmation) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &c.title,
        html! {
            h1 { (c.title) }
            div.confirmation {
                @for line in &c.consequences { p { (line) } }
            }
            form method="post" action=(c.action) {
                (csrf(ctx))
                input type="hidden" name="confirmed" value="yes";
                @for (name, value) in &c.hidden {
                    input type="hidden" name=(name) value=(value);
                }
                p {
                    button.danger type="submit" { (c.confirm) }
                    " "
                    a href=(c.back) { (t(lang, "confirm-back")) }
                }
            }
        },
    )
}

/// A sentence with a name and a count, its plural chosen by the count.
fn counted(lang: Language, key: &str, count: u64, args: &[(&'static str, &str)]) -> String {
    let mut all: Vec<(&'static str, FluentValue)> = vec![("count", FluentValue::from(count))];
    all.extend(
        args.iter()
            .map(|(k, v)| (*k, FluentValue::from(v.to_string()))),
    );
    crate::i18n::t_values(lang, key, all)
}

/// The meeting a coordinator is about to cancel.
#[derive(Debug, Clone)]
pub struct MeetingToCancel<'a> {
    /// The occurrence's id.
    pub id: i32,
    /// Its title.
    pub title: &'a str,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Its city's zone and name.
    pub zone: NamedZone,
    /// How many people would be told (yes, maybe, waiting list).
    pub told: u64,
}

/// "Annuler « Rencontre de Lyon », jeudi 3 décembre 2026 à 19 h 00 ?":
/// who will be told, and that it cannot be undone.
pub fn cancel_meeting(ctx: &PageContext, m: &MeetingToCancel<'_>) -> Markup {
    let lang = ctx.lang;
    let when = moment(lang, m.starts_at, &m.zone, None);
    confirm(
        ctx,
        &Confirmation {
            title: t_args(
                lang,
                "confirm-cancel-meeting-title",
                &[("title", m.title), ("date", &when)],
            ),
            consequences: vec![
                counted(lang, "confirm-cancel-meeting-told", m.told, &[]),
                t(lang, "confirm-cancel-meeting-record"),
            ],
            action: format!("/meetups/{}/cancel", m.id),
            hidden: vec![],
            confirm: t(lang, "confirm-cancel-meeting-submit"),
            back: format!("/meetups/{}", m.id),
        },
    )
}

/// "Retirer Bob de l'équipe de « Carte des fontaines » ?"
pub fn remove_member(
    ctx: &PageContext,
    slug: &str,
    project: &str,
    user_id: i32,
    name: &str,
) -> Markup {
    let lang = ctx.lang;
    let args = [("name", name), ("project", project)];
    confirm(
        ctx,
        &Confirmation {
            title: t_args(lang, "confirm-remove-member-title", &args),
            consequences: vec![
                t_args(lang, "confirm-remove-member-what", &args),
                t_args(lang, "confirm-remove-member-back", &args),
            ],
            action: format!("/projects/{slug}/team/{user_id}/remove"),
            hidden: vec![],
            confirm: t_args(lang, "confirm-remove-member-submit", &args),
            back: format!("/projects/{slug}"),
        },
    )
}

/// "Envoyer l'annonce « … » ? 230 personnes recevront ce message."; the
/// button carries what was typed on to the sending.
pub fn send_announcement(
    ctx: &PageContext,
    subject: &str,
    count: u64,
    typed: Vec<(String, String)>,
) -> Markup {
    let lang = ctx.lang;
    confirm(
        ctx,
        &Confirmation {
            title: t_args(lang, "confirm-announce-title", &[("subject", subject)]),
            consequences: vec![
                counted(lang, "confirm-announce-to", count, &[]),
                t(lang, "confirm-announce-final"),
            ],
            action: "/admin/announcements".to_owned(),
            hidden: typed,
            confirm: counted(lang, "confirm-announce-submit", count, &[]),
            back: "/admin/announcements".to_owned(),
        },
    )
}

/// The slot a coordinator is about to turn into a meeting.
#[derive(Debug, Clone)]
pub struct SlotToConvert<'a> {
    /// The poll's id.
    pub poll_id: i32,
    /// The poll's title.
    pub title: &'a str,
    /// The slot's id.
    pub slot_id: i32,
    /// When the slot starts.
    pub starts_at: DateTime<Utc>,
    /// Its city's zone and name.
    pub zone: NamedZone,
    /// How many people the poll asked (each gets an invitation).
    pub invited: u64,
}

/// "Fixer « Atelier » au jeudi 3 décembre 2026 à 19 h 00 ?": who will be
/// emailed, and that the other slots are then closed.
pub fn convert_poll(ctx: &PageContext, s: &SlotToConvert<'_>) -> Markup {
    let lang = ctx.lang;
    let when = moment(lang, s.starts_at, &s.zone, None);
    let base = format!("/admin/polls/{}", s.poll_id);
    confirm(
        ctx,
        &Confirmation {
            title: t_args(
                lang,
                "confirm-convert-poll-title",
                &[("title", s.title), ("date", &when)],
            ),
            consequences: vec![
                counted(lang, "confirm-convert-poll-told", s.invited, &[]),
                t(lang, "confirm-convert-poll-final"),
            ],
            action: format!("{base}/convert"),
            hidden: vec![("slot_id".to_owned(), s.slot_id.to_string())],
            confirm: t(lang, "confirm-convert-poll-submit"),
            back: base,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use relais_domain::Language;

    #[test]
    fn the_page_says_what_happens_and_carries_what_was_typed() {
        let ctx = PageContext {
            lang: Language::Fr,
            csrf_token: crate::layout::CsrfToken::fixed("t"),
            user: None,
            flash: None,
            path: "/admin/announcements".to_owned(),
            ..PageContext::default()
        };
        let html = confirm(
            &ctx,
            &Confirmation {
                title: "Envoyer l'annonce ?".to_owned(),
                consequences: vec!["23 personnes recevront un message.".to_owned()],
                action: "/admin/announcements".to_owned(),
                hidden: vec![("subject".to_owned(), "<Réunion>".to_owned())],
                confirm: "Envoyer".to_owned(),
                back: "/admin/announcements".to_owned(),
            },
        )
        .into_string();
        assert!(html.contains("23 personnes recevront un message."));
        assert!(html.contains(r#"name="confirmed" value="yes""#));
        assert!(
            html.contains(r#"name="subject" value="&lt;Réunion&gt;""#),
            "{html}"
        );
        assert!(html.contains("Revenir sans rien changer"));
    }
}

//! Date polls: the invitee's ballot, and the coordinators' pages.

use crate::form::{
    DateTimeRows, FormState, Input, checkboxes, csrf, date_time_rows, error_summary, input, select,
    textarea,
};
use crate::i18n::{t, t_args};
use crate::layout::{PageContext, page};
use crate::pages::meetups::local;
use chrono_tz::Tz;
use maud::{Markup, html};
use relais_domain::date_poll::{Choice, MAX_SLOTS, Poll, Results};
use relais_domain::skill::Skill;
use relais_domain::{Language, polls_page};

fn choice_label(lang: Language, c: Choice) -> String {
    t(lang, &format!("poll-{}", c.code()))
}

fn results_table(lang: Language, results: &Results, zone: Tz) -> Markup {
    html! {
        table.poll {
            thead { tr {
                th scope="col" { (t(lang, "rsvp-name")) }
                @for (slot, _, _) in &results.slots { th scope="col" { (local(lang, slot.starts_at, zone)) } }
            } }
            tbody {
                @for (_, name, choices) in &results.rows {
                    tr {
                        th scope="row" { (name) }
                        @for c in choices { td { @match c { Some(c) => (choice_label(lang, *c)), None => "—" } } }
                    }
                }
            }
            tfoot { tr {
                th scope="row" { (t(lang, "poll-total")) }
                @for (_, yes, maybe) in &results.slots { td { (t_args(lang, "poll-score", &[("yes", &yes.to_string()), ("maybe", &maybe.to_string())])) } }
            } }
        }
        p.muted { (t_args(lang, "poll-silent", &[("count", &results.silent.to_string())])) }
    }
}

/// The invitee's page: the domain's read model and what the page adds.
#[derive(Debug, Clone)]
pub struct BallotView<'a> {
    /// What the ballot page shows.
    pub read: &'a polls_page::BallotPage,
    /// Where the form posts (the personal link).
    pub action: &'a str,
    /// Errors from a refused answer.
    pub form: &'a FormState,
}

/// The page an invitee opens from their email.
pub fn ballot(ctx: &PageContext, view: &BallotView<'_>) -> Markup {
    let BallotView { read, action, form } = *view;
    let poll = &read.ballot.poll;
    let open = read.ballot.open;
    let zone = read.zone;
    let results = &read.results;
    let mine = &read.mine;
    let lang = ctx.lang;
    page(
        ctx,
        &poll.title,
        html! {
            h1 { (poll.title) }
            @if !poll.description.is_empty() { p { (poll.description) } }
            @if !poll.place_address.is_empty() { p { strong { (t(lang, "meetup-place")) (t(lang, "colon")) } (poll.place_address) } }
            @match poll.occurrence_id {
                Some(id) => p.flash { (t(lang, "poll-decided")) " " a href={ "/meetups/" (id) } { (t(lang, "poll-see-meetup")) } },
                None => @if !open { p.flash.error { (t(lang, "poll-closed")) } },
            }
            (error_summary(lang, form))
            @if open {
                form.stacked method="post" action=(action) {
                    (csrf(ctx))
                    @for ((slot, _, _), current) in results.slots.iter().zip(mine) {
                        fieldset {
                            legend { (local(lang, slot.starts_at, zone)) }
                            @for c in [Choice::Yes, Choice::IfNeedBe, Choice::No] {
                                label {
                                    input type="radio" name={ "slot-" (slot.id) } value=(c.code()) checked[*current == Some(c)];
                                    (choice_label(lang, c))
                                }
                            }
                        }
                    }
                    p { button type="submit" { (t(lang, "poll-submit")) } }
                }
            }
            h2 { (t(lang, "poll-who")) }
            (results_table(lang, results, zone))
        },
    )
}

/// The field of the button that asks for more slot lines.
pub const MORE_SLOTS: &str = "more_slots";

/// Slot lines shown: at least four, every line sent back, and three more
/// when asked, up to the most a poll offers.
fn slot_rows(form: &FormState) -> usize {
    let sent = form
        .values("slot_date")
        .len()
        .max(form.values("slot_time").len());
    let more = if form.value(MORE_SLOTS) == "yes" {
        3
    } else {
        0
    };
    (sent.max(4) + more).min(MAX_SLOTS)
}

/// The coordinators' list of polls and the form to start one.
pub fn admin(
    ctx: &PageContext,
    polls: &[(Poll, Tz)],
    cities: &[(String, String)],
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let audiences: Vec<(String, String)> = Skill::ALL
        .iter()
        .map(|s| (s.code().to_owned(), t(lang, &format!("skill-{}", s.code()))))
        .collect();
    page(
        ctx,
        &t(lang, "polls-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "polls-title")) }
            ul {
                @for (p, zone) in polls {
                    li {
                        a href={ "/admin/polls/" (p.id) } { (p.title) }
                        " · " (t(lang, "poll-closes")) " " (local(lang, p.closes_at, *zone))
                        @if p.occurrence_id.is_some() { " · " (t(lang, "poll-decided")) }
                    }
                }
            }
            h2 { (t(lang, "poll-new")) }
            (error_summary(lang, form))
            form.stacked.card method="post" action="/admin/polls" novalidate {
                (csrf(ctx))
                (select(lang, form, "city_id", "project-city", cities))
                (input(lang, form, Input::text("title", "series-title")))
                (textarea(lang, form, "description", "series-description", None))
                (input(lang, form, Input::text("place_address", "series-place").optional()))
                (input(lang, form, Input::text("duration_minutes", "series-duration")))
                (input(lang, form, Input::text("capacity", "series-capacity")))
                (date_time_rows(lang, form, DateTimeRows {
                    name: "slots",
                    legend: "poll-slots",
                    hint: "poll-slots-hint",
                    date: "slot_date",
                    time: "slot_time",
                    labels: ("poll-slot-date", "poll-slot-time"),
                    rows: slot_rows(form),
                }))
                @if slot_rows(form) < MAX_SLOTS {
                    p { button.secondary type="submit" name=(MORE_SLOTS) value="yes" { (t(lang, "poll-more-slots")) } }
                }
                (input(lang, form, Input::text("closes_on", "poll-closes-on").kind("date")))
                (checkboxes(lang, form, "audiences", "series-audiences", &audiences))
                p { button type="submit" { (t(lang, "poll-create")) } }
            }
        },
    )
}

/// A poll's results for coordinators, with a button per slot to decide.
pub fn results(ctx: &PageContext, poll: &Poll, zone: Tz, results: &Results) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &poll.title,
        html! {
            p { a href="/admin/polls" { "← " (t(lang, "polls-title")) } }
            h1 { (poll.title) }
            (results_table(lang, results, zone))
            @match poll.occurrence_id {
                Some(id) => p { (t(lang, "poll-decided")) " " a href={ "/meetups/" (id) } { (t(lang, "poll-see-meetup")) } },
                None => {
                    h2 { (t(lang, "poll-choose")) }
                    ul {
                        @for (slot, yes, maybe) in &results.slots {
                            li {
                                (local(lang, slot.starts_at, zone)) " — " (t_args(lang, "poll-score", &[("yes", &yes.to_string()), ("maybe", &maybe.to_string())])) " "
                                form.inline method="post" action={ "/admin/polls/" (poll.id) "/convert" } {
                                    (csrf(ctx))
                                    input type="hidden" name="slot_id" value=(slot.id);
                                    button type="submit" { (t(lang, "poll-convert")) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

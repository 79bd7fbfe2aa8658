//! Meetup pages: the list of upcoming meetings, one meeting (RSVP, agenda,
//! attendance, minutes), and the coordinators' series pages.

use crate::form::{FormState, Input, checkboxes, csrf, error_summary, input, select, textarea};
use crate::i18n::{t, t_args};
use crate::layout::{PageContext, page};
use crate::markdown;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use relais_domain::agenda::Kind;
use relais_domain::meetup::{Occurrence, Series, Status};
use relais_domain::meetup_rule::{DayOfWeek, Ordinal};
use relais_domain::meetups_page::Listed;
use relais_domain::rsvp::Answer;
use relais_domain::skill::Skill;
use relais_domain::{Language, meeting_page};

/// "jeudi 3 décembre 2026 à 19 h 00": a meeting's moment on its city's
/// clock (the page names the city and its zone once).
pub fn local(lang: Language, dt: DateTime<Utc>, zone: Tz) -> String {
    crate::dates::moment(lang, dt, &crate::dates::NamedZone::of_zone(zone), None)
}

/// The list of upcoming meetings, with each city's calendar to subscribe
/// to (the page's feeds: `ctx.feeds`, each named after its city) at the
/// site's `base_url`.
pub fn list(
    ctx: &PageContext,
    items: &[Listed],
    cities: &[(String, String)],
    filter: &FormState,
    base_url: &str,
) -> Markup {
    let lang = ctx.lang;
    let mut city_options = vec![(String::new(), t(lang, "filter-all"))];
    city_options.extend(cities.iter().cloned());
    page(
        ctx,
        &t(lang, "meetups-title"),
        html! {
            h1 { (t(lang, "meetups-title")) }
            p.lead { (t(lang, "meetups-lead")) }
            form.inline method="get" action="/meetups" {
                (select(lang, filter, "city", "filter-city", &city_options))
                button type="submit" { (t(lang, "filter-submit")) }
            }
            @if items.is_empty() { p.muted { (t(lang, "meetups-empty")) } }
            @for item in items {
                @let o = &item.occurrence;
                article.card {
                    h2 { a href={ "/meetups/" (o.id) } { (o.title) } }
                    p.meta {
                        time datetime=(crate::dates::machine(o.starts_at)) { (local(lang, o.starts_at, item.zone)) }
                        " · " (item.city)
                        @if o.status == Status::Cancelled { " · " strong.late-flag { (t(lang, "meetup-cancelled")) } }
                    }
                    p { (t_args(lang, "meetup-counts", &[("yes", &item.counts.yes.to_string()), ("capacity", &o.capacity.to_string()), ("waitlist", &item.counts.waitlisted.to_string())])) }
                }
            }
            @if !ctx.feeds.is_empty() {
                section.subscribe aria-labelledby="subscribe-title" {
                    h2 id="subscribe-title" { (t(lang, "meetups-subscribe-title")) }
                    p { (t(lang, "meetups-subscribe-lead")) }
                    ul.subscriptions {
                        @for feed in &ctx.feeds {
                            li { strong { (feed.title) } " " (crate::subscribe::calendar_links(lang, base_url, feed)) }
                        }
                    }
                }
            }
        },
    )
}

/// A meeting's page: the domain's read model and what the page adds.
#[derive(Debug, Clone)]
pub struct MeetingPage<'a> {
    /// What the meeting's page shows, for this reader.
    pub read: &'a meeting_page::MeetingPage,
    /// A form that came back with errors: (which, form).
    pub form: Option<(&'static str, FormState)>,
}

fn answer_label(lang: Language, answer: Answer) -> String {
    t(lang, &format!("rsvp-{}", answer.code()))
}

/// A meeting's page.
pub fn meeting(ctx: &PageContext, view: &MeetingPage<'_>) -> Markup {
    let lang = ctx.lang;
    let read = view.read;
    let o = &read.occurrence;
    let base = format!("/meetups/{}", o.id);
    let cancelled = o.status == Status::Cancelled;
    let form_for = |which: &str| -> FormState {
        match &view.form {
            Some((w, f)) if *w == which => f.clone(),
            _ => FormState::new(),
        }
    };
    page(
        ctx,
        &o.title,
        html! {
            h1 { (o.title) }
            p.lead {
                time datetime=(crate::dates::machine(o.starts_at)) { (local(lang, o.starts_at, read.zone)) }
                " – " (crate::dates::time(lang, o.ends_at.with_timezone(&read.zone).time()))
                " · " (read.city) " (" (read.zone.name()) ")"
            }
            @if cancelled { p.flash.error { (t(lang, "meetup-cancelled")) } }
            @if !o.place_address.is_empty() { p { strong { (t(lang, "meetup-place")) (t(lang, "colon")) } (o.place_address) } }
            @if let Some(url) = &o.online_url { p { strong { (t(lang, "meetup-online")) (t(lang, "colon")) } a href=(url) rel="nofollow noopener" { (url) } } }
            p { a href={ (base) ".ics" } { (t(lang, "meetup-ics")) } }
            (markdown::render(&o.description))
            p role="status" { (t_args(lang, "meetup-counts", &[("yes", &read.counts.yes.to_string()), ("capacity", &o.capacity.to_string()), ("waitlist", &read.counts.waitlisted.to_string())])) }
            @if !cancelled && !read.started {
                @if ctx.user.is_some() {
                    section.card {
                        h2 { (t(lang, "rsvp-title")) }
                        @if let Some((answer, waitlisted)) = read.mine {
                            p {
                                (t_args(lang, "rsvp-yours", &[("answer", &answer_label(lang, answer))]))
                                @if waitlisted { " " strong { (t(lang, "rsvp-waitlisted")) } }
                            }
                        }
                        (error_summary(lang, &form_for("rsvp")))
                        // One control of three separate buttons, the current
                        // answer pressed (for eyes and for screen readers).
                        div.segmented role="group" aria-label=(t(lang, "rsvp-title")) {
                            @for answer in [Answer::Yes, Answer::Maybe, Answer::No] {
                                @let pressed = read.mine.is_some_and(|(mine, _)| mine == answer);
                                form method="post" action={ (base) "/rsvp" } {
                                    (csrf(ctx))
                                    input type="hidden" name="answer" value=(answer.code());
                                    button type="submit" aria-pressed=(if pressed { "true" } else { "false" }) { (answer_label(lang, answer)) }
                                }
                            }
                        }
                    }
                } @else {
                    p { a.button href={ "/login?next=" (base) } { (t(lang, "rsvp-log-in")) } }
                }
            }
            section {
                h2 { (t(lang, "agenda-title")) }
                @if read.agenda.is_empty() { p.muted { (t(lang, "agenda-empty")) } }
                ol.agenda {
                    @for item in &read.agenda {
                        li {
                            @match &item.project_slug {
                                Some(slug) => a href={ "/projects/" (slug) } { (item.title) },
                                None => (item.title),
                            }
                            " · " (t(lang, &format!("agenda-kind-{}", item.kind.code())))
                            @if !item.accepted { " · " span.badge { (t(lang, "agenda-proposed")) } }
                            @if read.coordinator {
                                @if !item.accepted {
                                    form.inline method="post" action={ (base) "/agenda/" (item.id) "/accept" } { (csrf(ctx)) button.link type="submit" { (t(lang, "agenda-accept")) } }
                                }
                                form.inline method="post" action={ (base) "/agenda/" (item.id) "/remove" } { (csrf(ctx)) button.link type="submit" { (t(lang, "agenda-remove")) } }
                            }
                        }
                    }
                }
                @if read.coordinator && !cancelled {
                    @let f = form_for("agenda");
                    (error_summary(lang, &f))
                    form.stacked.card method="post" action={ (base) "/agenda" } novalidate {
                        (csrf(ctx))
                        (select(lang, &f, "kind", "agenda-kind", &[
                            (Kind::Project.code().to_owned(), t(lang, "agenda-kind-project")),
                            (Kind::Talk.code().to_owned(), t(lang, "agenda-kind-talk")),
                            (Kind::Free.code().to_owned(), t(lang, "agenda-kind-free")),
                        ]))
                        (select(lang, &f, "project_id", "agenda-project", &std::iter::once((String::new(), "—".to_owned())).chain(read.city_projects.iter().map(|(id, title)| (id.to_string(), title.clone()))).collect::<Vec<_>>()))
                        (input(lang, &f, Input::text("title", "agenda-item-title").optional()))
                        p { button type="submit" { (t(lang, "agenda-add")) } }
                    }
                }
                @if !read.coordinator && !read.my_projects.is_empty() && !cancelled && !read.started {
                    form.inline method="post" action={ (base) "/agenda/request" } {
                        (csrf(ctx))
                        (select(lang, &FormState::new(), "project", "agenda-ask-project", &read.my_projects))
                        button type="submit" { (t(lang, "agenda-ask")) }
                    }
                }
            }
            @if read.started && !o.minutes.is_empty() {
                section { h2 { (t(lang, "meetup-minutes")) } (markdown::render(&o.minutes)) }
            }
            @if read.coordinator {
                @if let Some(attendees) = &read.attendees {
                    section {
                        h2 { (t(lang, "rsvp-list")) }
                        table {
                            thead { tr { th { (t(lang, "rsvp-name")) } th { (t(lang, "rsvp-answer")) } th { (t(lang, "rsvp-attended")) } } }
                            tbody {
                                @for a in attendees {
                                    tr {
                                        td { (a.name) }
                                        td { (answer_label(lang, a.answer)) @if a.waitlisted { " (" (t(lang, "rsvp-waitlisted")) ")" } }
                                        td {
                                            @if read.started {
                                                // Once begun: one control per person, what was
                                                // recorded pressed; nothing pressed until then.
                                                div.segmented role="group" aria-label=(t_args(lang, "rsvp-attendance-of", &[("name", &a.name)])) {
                                                    @for (value, came, key) in [("yes", true, "rsvp-came"), ("no", false, "rsvp-absent")] {
                                                        form method="post" action={ (base) "/attendance" } {
                                                            (csrf(ctx))
                                                            input type="hidden" name="user_id" value=(a.user_id);
                                                            input type="hidden" name="attended" value=(value);
                                                            button type="submit" aria-pressed=(if a.attended == Some(came) { "true" } else { "false" }) { (t(lang, key)) }
                                                        }
                                                    }
                                                }
                                            } @else {
                                                @match a.attended { Some(true) => (t(lang, "rsvp-came")), Some(false) => (t(lang, "rsvp-absent")), None => "—" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { (t(lang, "meetup-manage")) }
                    @let minutes = match &view.form { Some(("minutes", f)) => f.clone(), _ => FormState::new().with("minutes", o.minutes.clone()) };
                    (error_summary(lang, &minutes))
                    form.stacked method="post" action={ (base) "/minutes" } novalidate {
                        (csrf(ctx))
                        (textarea(lang, &minutes, "minutes", "meetup-minutes", Some("markdown-hint")))
                        p { button type="submit" { (t(lang, "meetup-minutes-save")) } }
                    }
                    @if !cancelled && !read.started {
                        @let f = form_for("move");
                        (error_summary(lang, &f))
                        form.inline method="post" action={ (base) "/move" } novalidate {
                            (csrf(ctx))
                            (input(lang, &f, Input::text("date", "meetup-move-date").kind("date")))
                            (input(lang, &f, Input::text("time", "meetup-move-time").kind("time")))
                            button type="submit" { (t(lang, "meetup-move")) }
                        }
                        form method="get" action={ (base) "/cancel" } { button.danger type="submit" { (t(lang, "meetup-cancel-ask")) } }
                    }
                }
            }
        },
    )
}

/// The series form's fields.
fn series_fields(lang: Language, form: &FormState) -> Markup {
    let ordinals: Vec<(String, String)> = Ordinal::ALL
        .iter()
        .map(|o| {
            (
                o.code().to_owned(),
                t(lang, &format!("ordinal-{}", o.code())),
            )
        })
        .collect();
    let weekdays: Vec<(String, String)> = DayOfWeek::ALL
        .iter()
        .map(|d| {
            (
                d.code().to_owned(),
                t(lang, &format!("weekday-{}", d.code())),
            )
        })
        .collect();
    let audiences: Vec<(String, String)> = Skill::ALL
        .iter()
        .map(|s| (s.code().to_owned(), t(lang, &format!("skill-{}", s.code()))))
        .collect();
    html! {
        (input(lang, form, Input::text("title", "series-title")))
        (textarea(lang, form, "description", "series-description", Some("markdown-hint")))
        div.grid {
            (select(lang, form, "ordinal", "series-ordinal", &ordinals))
            (select(lang, form, "weekday", "series-weekday", &weekdays))
            (input(lang, form, Input::text("start_time", "series-start-time").kind("time")))
            (input(lang, form, Input::text("duration_minutes", "series-duration").hint("series-duration-hint")))
        }
        (input(lang, form, Input::text("place_address", "series-place").optional()))
        (input(lang, form, Input::text("online_url", "series-online").kind("url").optional()))
        (checkboxes(lang, form, "audiences", "series-audiences", &audiences))
        (input(lang, form, Input::text("capacity", "series-capacity")))
    }
}

/// The coordinators' list of series, with the form to create one.
pub fn series_admin(
    ctx: &PageContext,
    series: &[(Series, String)],
    cities: &[(String, String)],
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "series-admin-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "series-admin-title")) }
            @if series.is_empty() { p.muted { (t(lang, "series-none")) } }
            ul {
                @for (s, city) in series {
                    li {
                        a href={ "/admin/meetups/" (s.row.id) } { (s.row.title) }
                        " · " (city) " · " (t(lang, &format!("ordinal-{}", s.rule.ordinal.code()))) " "
                        (t(lang, &format!("weekday-{}", s.row.weekday.code())))
                        " " (crate::dates::time(lang, s.rule.start))
                    }
                }
            }
            h2 { (t(lang, "series-new")) }
            (error_summary(lang, form))
            form.stacked.card method="post" action="/admin/meetups" novalidate {
                (csrf(ctx))
                (select(lang, form, "city_id", "project-city", cities))
                (series_fields(lang, form))
                p { button type="submit" { (t(lang, "series-create")) } }
            }
        },
    )
}

/// One series: its form, its coming occurrences, and the ones a rule change
/// left for the coordinator to decide.
pub fn series_page(
    ctx: &PageContext,
    series: &Series,
    form: &FormState,
    upcoming: &[Occurrence],
    to_decide: &[i32],
    single: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let base = format!("/admin/meetups/{}", series.row.id);
    page(
        ctx,
        &series.row.title,
        html! {
            p { a href="/admin/meetups" { "← " (t(lang, "series-admin-title")) } }
            h1 { (series.row.title) }
            h2 { (t(lang, "series-upcoming")) }
            ul {
                @for o in upcoming {
                    li {
                        a href={ "/meetups/" (o.id) } { (local(lang, o.starts_at, series.rule.zone)) }
                        @if o.status == Status::Cancelled { " · " (t(lang, "meetup-cancelled")) }
                        @if o.manual { " · " (t(lang, "series-exception")) }
                        @if to_decide.contains(&o.id) {
                            " · " strong { (t(lang, "series-decide")) } " "
                            form.inline method="post" action={ "/meetups/" (o.id) "/keep" } { (csrf(ctx)) button.link type="submit" { (t(lang, "series-keep")) } }
                            form.inline method="get" action={ "/meetups/" (o.id) "/cancel" } { button.link type="submit" { (t(lang, "meetup-cancel-ask")) } }
                        }
                    }
                }
            }
            h2 { (t(lang, "series-add-single")) }
            (error_summary(lang, single))
            form.inline method="post" action={ (base) "/occurrences" } novalidate {
                (csrf(ctx))
                (input(lang, single, Input::text("date", "meetup-move-date").kind("date")))
                (input(lang, single, Input::text("time", "meetup-move-time").kind("time")))
                button type="submit" { (t(lang, "series-add-single-submit")) }
            }
            h2 { (t(lang, "series-edit")) }
            (error_summary(lang, form))
            form.stacked.card method="post" action=(base) novalidate {
                (csrf(ctx))
                (series_fields(lang, form))
                p { button type="submit" { (t(lang, "series-save")) } }
            }
        },
    )
}

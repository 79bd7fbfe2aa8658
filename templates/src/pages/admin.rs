//! The coordination page: sign-up mode and invitations.

use crate::form::{FormState, Input, csrf, error_summary, input, select};
use crate::i18n::t;
use crate::layout::{PageContext, page};
use crate::pages::auth::language_options;
use crate::pages::dashboard::city_rollup;
use maud::{Markup, html};
use relais_domain::admin_page::AdminPage;
use relais_domain::settings::RegistrationMode;
use relais_domain::stage::{Requirement, Stage};

/// The coordination page, its roll-up filtered by `rollup_edition`.
pub fn admin(
    ctx: &PageContext,
    read: &AdminPage,
    rollup_edition: Option<i32>,
    invite_form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    // "" invites to the whole programme.
    let invite_cities: Vec<(String, String)> = read
        .invite_programme
        .then(|| (String::new(), t(lang, "admin-programme")))
        .into_iter()
        .chain(
            read.invite_cities
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone())),
        )
        .collect();
    let invite_roles: Vec<(String, String)> = read
        .invite_roles
        .iter()
        .map(|r| (r.code().to_owned(), t(lang, &format!("role-{}", r.code()))))
        .collect();
    page(
        ctx,
        &t(lang, "admin-title"),
        html! {
            h1 { (t(lang, "admin-title")) }
            form.inline method="get" action="/admin" {
                div.field {
                    label for="field-edition" { (t(lang, "filter-edition")) }
                    select id="field-edition" name="edition" {
                        option value="" { (t(lang, "filter-all")) }
                        @for (id, name) in &read.all_editions {
                            option value=(id) selected[rollup_edition == Some(*id)] { (name) }
                        }
                    }
                }
                button type="submit" { (t(lang, "filter-submit")) }
            }
            (city_rollup(lang, &read.rollups))
            p {
                a.button href="/admin/figures" { (t(lang, "figures-title")) } " "
                a.button href="/admin/mentoring" { (t(lang, "admin-mentoring")) } " "
                a.button href="/admin/meetups" { (t(lang, "admin-meetups")) } " "
                a.button href="/admin/polls" { (t(lang, "polls-title")) } " "
                a.button href="/admin/outbox" { (t(lang, "outbox-title")) } " "
                a.button href="/admin/explainers" { (t(lang, "explainer-coverage-title")) } " "
                a.button href="/admin/announcements" { (t(lang, "announcements-title")) } " "
                a.button href="/admin/introductions" { (t(lang, "volumes-title")) }
            }
            @if !read.editions.is_empty() {
                h2 { (t(lang, "admin-checklists-title")) }
                ul {
                    @for (id, name) in &read.editions {
                        li { (name) " — " a href={ "/admin/editions/" (id) "/stages" } { (t(lang, "admin-checklists-edit")) } }
                    }
                }
            }
            @if read.may_manage_settings {
                h2 { (t(lang, "admin-registration")) }
                form.card method="post" action="/admin/registration" {
                    (csrf(ctx))
                    fieldset {
                        legend { (t(lang, "admin-registration")) }
                        @for mode in RegistrationMode::ALL {
                            label {
                                input type="radio" name="registration" value=(mode.code()) checked[read.registration == mode];
                                (t(lang, &format!("admin-registration-{}", mode.code())))
                            }
                        }
                    }
                    p { button type="submit" { (t(lang, "admin-registration-submit")) } }
                }
            }
            h2 { (t(lang, "admin-invite-title")) }
            (error_summary(lang, invite_form))
            form.stacked.card method="post" action="/admin/invitations" novalidate {
                (csrf(ctx))
                (input(lang, invite_form, Input::text("email", "admin-invite-email").kind("email")))
                (select(lang, invite_form, "city_id", "admin-invite-city", &invite_cities))
                (select(lang, invite_form, "role", "admin-invite-role", &invite_roles))
                (select(lang, invite_form, "language", "admin-invite-language", &language_options()))
                p { button type="submit" { (t(lang, "admin-invite-submit")) } }
            }
        },
    )
}

/// The page to adjust what each stage requires in an edition.
pub fn checklists(
    ctx: &PageContext,
    edition_id: i32,
    edition_name: &str,
    current: &[(Stage, Vec<Requirement>)],
) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "admin-checklists-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "admin-checklists-title")) " — " (edition_name) }
            p { (t(lang, "admin-checklists-lead")) }
            form.stacked method="post" action={ "/admin/editions/" (edition_id) "/stages" } {
                (csrf(ctx))
                @for (stage, required) in current {
                    fieldset {
                        legend { (t(lang, &format!("stage-{}", stage.code()))) }
                        @for r in Requirement::ALL {
                            label {
                                input type="checkbox" name={ "req-" (stage.code()) } value=(r.code()) checked[required.contains(&r)];
                                (t(lang, &format!("requirement-{}", r.code())))
                            }
                        }
                    }
                }
                p { button type="submit" { (t(lang, "admin-checklists-submit")) } }
            }
        },
    )
}

/// The outbox: counts by state and the emails in trouble, with a retry button.
pub fn outbox(
    ctx: &PageContext,
    counts: (u64, u64, u64, u64),
    troubles: &[relais_domain::outbox::Trouble],
) -> Markup {
    let lang = ctx.lang;
    let (pending, sending, sent, failed) = counts;
    page(
        ctx,
        &t(lang, "outbox-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "outbox-title")) }
            p { (crate::i18n::t_args(lang, "outbox-counts", &[("pending", &pending.to_string()), ("sending", &sending.to_string()), ("sent", &sent.to_string()), ("failed", &failed.to_string())])) }
            @if troubles.is_empty() { p.muted { (t(lang, "outbox-no-trouble")) } }
            @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "outbox-recipient")) }
                        th scope="col" { (t(lang, "outbox-kind")) }
                        th scope="col" { (t(lang, "outbox-state")) }
                        th scope="col" { (t(lang, "outbox-error")) }
                        th scope="col" {}
                    } }
                    tbody {
                        @for row in troubles {
                            tr {
                                td { (row.recipient_email) }
                                td { (row.kind.code()) }
                                td { (row.state.code()) " (" (row.attempts) ")" }
                                td { (row.last_error.clone().unwrap_or_default()) }
                                td {
                                    @if row.state == relais_domain::outbox::State::Failed {
                                        form.inline method="post" action={ "/admin/outbox/" (row.id) "/retry" } {
                                            (csrf(ctx)) button.link type="submit" { (t(lang, "outbox-retry")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The coordinators' announcements: past ones and the form to write one.
pub fn announcements(
    ctx: &PageContext,
    past: &[relais_domain::announcement::Sent],
    scopes: &[(String, String)],
    form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let audiences: Vec<(String, String)> = relais_domain::skill::Skill::ALL
        .iter()
        .map(|s| (s.code().to_owned(), t(lang, &format!("skill-{}", s.code()))))
        .collect();
    page(
        ctx,
        &t(lang, "announcements-title"),
        html! {
            p { a href="/admin" { "← " (t(lang, "admin-title")) } }
            h1 { (t(lang, "announcements-title")) }
            h2 { (t(lang, "announcement-new")) }
            (error_summary(lang, form))
            form.stacked.card method="post" action="/admin/announcements" novalidate {
                (csrf(ctx))
                (select(lang, form, "city_id", "announcement-scope", scopes))
                (crate::form::checkboxes(lang, form, "audiences", "series-audiences", &audiences))
                (input(lang, form, Input::text("subject", "announcement-subject")))
                (crate::form::textarea(lang, form, "body", "announcement-body", None))
                p { button type="submit" { (t(lang, "announcement-send")) } }
            }
            ul {
                @for a in past {
                    li {
                        strong { (a.subject) } " — " (crate::dates::date(lang, a.created_at.date_naive())) " — "
                        (crate::i18n::t_count(lang, "announcement-sent-to", "count", a.recipients))
                    }
                }
            }
        },
    )
}

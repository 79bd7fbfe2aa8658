//! Sign-up, log-in, password reset and the pages between them.

use crate::form::{FormState, Input, checkbox, csrf, error_summary, input, select};
use crate::i18n::{t, t_args};
use crate::layout::{PageContext, narrow_page};
use maud::{Markup, html};
use relais_domain::Language;

/// Options for a language drop-down.
pub fn language_options() -> Vec<(String, String)> {
    Language::ALL
        .iter()
        .map(|l| {
            (
                l.code().to_owned(),
                t(*l, &format!("language-{}", l.code())),
            )
        })
        .collect()
}

/// What the sign-up page needs beyond the form.
#[derive(Debug, Clone, Default)]
pub struct SignUpView {
    /// Cities to choose from: (id, name).
    pub cities: Vec<(String, String)>,
    /// The invited address, when signing up from an invitation.
    pub invited_email: Option<String>,
    /// The invitation token to carry through the form.
    pub invitation: Option<String>,
    /// Sign-up is by invitation and none was given.
    pub closed: bool,
}

/// The sign-up page.
pub fn sign_up(ctx: &PageContext, view: &SignUpView, form: &FormState) -> Markup {
    let lang = ctx.lang;
    let mut cities = vec![(String::new(), t(lang, "signup-city-none"))];
    cities.extend(view.cities.iter().cloned());
    narrow_page(
        ctx,
        &t(lang, "signup-title"),
        html! {
            h1 { (t(lang, "signup-title")) }
            @if view.closed {
                p.flash.error { (t(lang, "signup-invitation-only")) }
            } @else {
                (error_summary(lang, form))
                @if let Some(email) = &view.invited_email {
                    p { (t_args(lang, "signup-invited-as", &[("email", email)])) }
                }
                form.stacked method="post" action="/signup" novalidate {
                    (csrf(ctx))
                    @if let Some(token) = &view.invitation {
                        input type="hidden" name="invitation" value=(token);
                    }
                    (input(lang, form, Input::text("name", "signup-name").autocomplete("name")))
                    @if view.invited_email.is_none() {
                        (input(lang, form, Input::text("email", "signup-email").kind("email").autocomplete("email")))
                    }
                    (input(lang, form, Input::text("password", "signup-password").kind("password").autocomplete("new-password").hint("signup-password-hint")))
                    (select(lang, form, "language", "signup-language", &language_options()))
                    (select(lang, form, "city_id", "signup-city", &cities))
                    p { button type="submit" { (t(lang, "signup-submit")) } }
                }
            }
            p { a href="/login" { (t(lang, "signup-have-account")) } }
        },
    )
}

/// The log-in page.
pub fn log_in(ctx: &PageContext, form: &FormState) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "login-title"),
        html! {
            h1 { (t(lang, "login-title")) }
            (error_summary(lang, form))
            form.stacked method="post" action="/login" novalidate {
                (csrf(ctx))
                @if !form.value("next").is_empty() {
                    input type="hidden" name="next" value=(form.value("next"));
                }
                (input(lang, form, Input::text("email", "login-email").kind("email").autocomplete("username")))
                (input(lang, form, Input::text("password", "login-password").kind("password").autocomplete("current-password")))
                (checkbox(lang, form, "remember", "login-remember"))
                p { button type="submit" { (t(lang, "login-submit")) } }
            }
            p { a href="/password/forgot" { (t(lang, "login-forgot")) } }
            p { a href="/signup" { (t(lang, "nav-signup")) } }
        },
    )
}

/// The "forgot your password" page.
pub fn forgot(ctx: &PageContext, form: &FormState) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "forgot-title"),
        html! {
            h1 { (t(lang, "forgot-title")) }
            p { (t(lang, "forgot-lead")) }
            (error_summary(lang, form))
            form.stacked method="post" action="/password/forgot" novalidate {
                (csrf(ctx))
                (input(lang, form, Input::text("email", "login-email").kind("email").autocomplete("email")))
                p { button type="submit" { (t(lang, "forgot-submit")) } }
            }
        },
    )
}

/// The page to choose a new password from a reset link.
pub fn reset(ctx: &PageContext, token: &str, form: &FormState) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "reset-title"),
        html! {
            h1 { (t(lang, "reset-title")) }
            (error_summary(lang, form))
            form.stacked method="post" action="/password/reset" novalidate {
                (csrf(ctx))
                input type="hidden" name="token" value=(token);
                (input(lang, form, Input::text("password", "reset-password").kind("password").autocomplete("new-password").hint("signup-password-hint")))
                p { button type="submit" { (t(lang, "reset-submit")) } }
            }
        },
    )
}

/// A short page with a title, a message and a link onwards.
pub fn message(
    ctx: &PageContext,
    title_key: &str,
    body_key: &str,
    link: Option<(&str, &str)>,
) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, title_key),
        html! {
            h1 { (t(lang, title_key)) }
            p { (t(lang, body_key)) }
            @if let Some((href, key)) = link {
                p { a.button href=(href) { (t(lang, key)) } }
            }
        },
    )
}

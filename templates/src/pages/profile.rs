//! The member's own profile and password.

use crate::form::{
    FormState, Input, checkboxes, csrf, error_summary, input, select, select_grouped, textarea,
};
use crate::i18n::t;
use crate::layout::{PageContext, page};
use crate::pages::auth::language_options;
use chrono_tz::Tz;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::digest::Frequency;
use relais_domain::email_preference::Category;
use relais_domain::skill::Skill;

/// What the profile page shows beyond the forms.
#[derive(Debug, Clone, Default)]
pub struct ProfileView {
    /// The account's address (not editable here).
    pub email: String,
    /// Roles, already described in the reader's language.
    pub roles: Vec<String>,
    /// Cities to choose from: (id, name).
    pub cities: Vec<(String, String)>,
    /// The programme's cities and their zones, offered first.
    pub city_zones: Vec<(String, Tz)>,
    /// Email categories the member wants (codes).
    pub email_categories: Vec<String>,
    /// The digest frequency code.
    pub digest: String,
    /// Whether the personal calendar feed is on.
    pub calendar_on: bool,
    /// The feed's new secret address, right after it was made (it is not
    /// kept in clear, so it is shown this once).
    pub calendar_new_url: Option<String>,
}

/// A zone as a list shows it: "Sao Paulo" for `America/Sao_Paulo`,
/// "Argentina / Buenos Aires" for `America/Argentina/Buenos_Aires`.
fn zone_place(zone: Tz) -> String {
    let name = zone.name();
    let place = name.split_once('/').map_or(name, |(_, rest)| rest);
    place.replace('_', " ").replace('/', " / ")
}

/// The zone list: the programme's cities first, then every region.
fn zone_groups(
    lang: Language,
    city_zones: &[(String, Tz)],
) -> Vec<(String, Vec<(String, String)>)> {
    let cities = city_zones
        .iter()
        .map(|(city, zone)| (zone.name().to_owned(), format!("{city} ({})", zone.name())))
        .collect();
    let mut groups = vec![(t(lang, "zone-group-cities"), cities)];
    groups.extend(
        relais_domain::time_zone::choices()
            .into_iter()
            .map(|(region, zones)| {
                (
                    t(lang, &format!("zone-region-{}", region.to_lowercase())),
                    zones
                        .into_iter()
                        .map(|z| (z.name().to_owned(), zone_place(z)))
                        .collect(),
                )
            }),
    );
    groups
}

/// The profile page with its two forms.
pub fn profile(
    ctx: &PageContext,
    view: &ProfileView,
    form: &FormState,
    password_form: &FormState,
) -> Markup {
    let lang = ctx.lang;
    let mut cities = vec![(String::new(), t(lang, "signup-city-none"))];
    cities.extend(view.cities.iter().cloned());
    let categories: Vec<(String, String)> = Category::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_owned(),
                t(lang, &format!("emails-category-{}", c.code())),
            )
        })
        .collect();
    let frequencies: Vec<(String, String)> = Frequency::ALL
        .iter()
        .map(|f| {
            (
                f.code().to_owned(),
                t(lang, &format!("digest-frequency-{}", f.code())),
            )
        })
        .collect();
    let skills: Vec<(String, String)> = Skill::ALL
        .iter()
        .map(|s| (s.code().to_owned(), t(lang, &format!("skill-{}", s.code()))))
        .collect();
    page(
        ctx,
        &t(lang, "profile-title"),
        html! {
            h1 { (t(lang, "profile-title")) }
            p { strong { (t(lang, "profile-email")) (t(lang, "colon")) } (view.email) }
            p { strong { (t(lang, "profile-roles")) (t(lang, "colon")) } (view.roles.join(", ")) }
            (error_summary(lang, form))
            form.stacked.card method="post" action="/profile" novalidate {
                (csrf(ctx))
                (input(lang, form, Input::text("name", "profile-name").autocomplete("name")))
                (select(lang, form, "language", "profile-language", &language_options()))
                (select(lang, form, "city_id", "profile-city", &cities))
                (select_grouped(lang, form, "time_zone", "profile-time-zone", Some("profile-time-zone-hint"), (String::new(), t(lang, "profile-time-zone-city")), &zone_groups(lang, &view.city_zones)))
                (checkboxes(lang, form, "skills", "profile-skills", &skills))
                (textarea(lang, form, "bio", "profile-bio", Some("profile-bio-hint")))
                p { button type="submit" { (t(lang, "profile-submit")) } }
            }
            h2 id="emails" { (t(lang, "emails-title")) }
            form.stacked.card method="post" action="/profile/emails" {
                (csrf(ctx))
                @let emails = FormState::new().with_all("categories", view.email_categories.clone()).with("digest", view.digest.clone());
                (checkboxes(lang, &emails, "categories", "emails-categories", &categories))
                (select(lang, &emails, "digest", "emails-digest", &frequencies))
                p.hint { (t(lang, "emails-account-always")) }
                p { button type="submit" { (t(lang, "emails-save")) } }
            }
            h2 { (t(lang, "calendar-title")) }
            p { (t(lang, "calendar-lead")) }
            @if let Some(url) = &view.calendar_new_url {
                div.flash role="status" {
                    p { (t(lang, "calendar-new-address")) }
                    p { code.feed-url { (url) } }
                    p { a href=(url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1)) { (t(lang, "calendar-open-in-app")) } }
                }
            }
            @if view.calendar_on {
                p { (t(lang, "calendar-is-on")) }
                form.inline method="post" action="/profile/calendar" { (csrf(ctx)) button type="submit" { (t(lang, "calendar-renew")) } }
                form.inline method="post" action="/profile/calendar/revoke" { (csrf(ctx)) button.danger type="submit" { (t(lang, "calendar-revoke")) } }
            } @else {
                form.inline method="post" action="/profile/calendar" { (csrf(ctx)) button type="submit" { (t(lang, "calendar-enable")) } }
            }
            h2 { (t(lang, "profile-password-title")) }
            (error_summary(lang, password_form))
            form.stacked.card method="post" action="/profile/password" novalidate {
                (csrf(ctx))
                (input(lang, password_form, Input::text("current_password", "profile-current-password").kind("password").autocomplete("current-password")))
                (input(lang, password_form, Input::text("new_password", "profile-new-password").kind("password").autocomplete("new-password").hint("signup-password-hint")))
                p { button type="submit" { (t(lang, "profile-password-submit")) } }
            }
        },
    )
}

/// The page behind an unsubscribe link: one button, no log-in needed.
pub fn unsubscribe(ctx: &PageContext, token: &str, category: &str) -> Markup {
    let lang = ctx.lang;
    crate::layout::narrow_page(
        ctx,
        &t(lang, "unsubscribe-title"),
        html! {
            h1 { (t(lang, "unsubscribe-title")) }
            p { (t(lang, &format!("emails-category-{category}"))) }
            form method="post" action={ "/unsubscribe/" (token) "/" (category) } {
                button type="submit" { (t(lang, "unsubscribe-confirm")) }
            }
        },
    )
}

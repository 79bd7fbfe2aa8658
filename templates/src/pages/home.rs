//! The home page: what the programme is, its editions and cities.

use crate::i18n::{t, t_args};
use crate::layout::{PageContext, page};
use crate::pages::explainers::{VideoCard, card as explainer_card};
use maud::{Markup, html};

/// An edition as the home page lists it.
#[derive(Debug, Clone)]
pub struct EditionSummary {
    /// Display name.
    pub name: String,
    /// Dates, already formatted for the reader.
    pub dates: String,
    /// Names of the cities taking part.
    pub cities: Vec<String>,
}

/// The home page; `featured` are the latest reviewed explainer videos.
pub fn home(ctx: &PageContext, editions: &[EditionSummary], featured: &[VideoCard<'_>]) -> Markup {
    let lang = ctx.lang;
    page(
        ctx,
        &t(lang, "home-title"),
        html! {
            h1 { (t(lang, "home-title")) }
            @if let Some(user) = &ctx.user {
                p { strong { (t_args(lang, "home-welcome", &[("name", &user.name)])) } }
            }
            p.lead { (t(lang, "home-lead")) }
            @if ctx.user.is_none() {
                p { a.button href="/signup" { (t(lang, "home-cta-signup")) } }
            }
            h2 { (t(lang, "home-what-title")) }
            div.grid {
                div.card { p { (t(lang, "home-what-projects")) } }
                div.card { p { (t(lang, "home-what-mentors")) } }
                div.card { p { (t(lang, "home-what-meetups")) } }
                div.card { p { (t(lang, "home-what-open")) } }
            }
            @if !featured.is_empty() {
                section.featured {
                    h2 { (t(lang, "home-featured-explainers")) }
                    div.grid.explainers { @for c in featured { (explainer_card(lang, c, true)) } }
                    p { a href="/videos" { (t(lang, "home-all-explainers")) " →" } }
                }
            }
            @if !editions.is_empty() {
                h2 { (t(lang, "home-editions")) }
                @for edition in editions {
                    section.card {
                        h3 { (edition.name) " " span.muted { "(" (edition.dates) ")" } }
                        @if !edition.cities.is_empty() {
                            p { (t(lang, "home-cities")) (t(lang, "colon")) (edition.cities.join(", ")) }
                        }
                    }
                }
            }
        },
    )
}

//! The home page: what the programme is, its editions and cities.

use crate::i18n::{t, t_args};
use crate::layout::{PageContext, page};
use crate::pages::continuity;
use crate::pages::editions::dates_of;
use crate::pages::explainers::{VideoCard, card as explainer_card};
use maud::{Markup, html};
use relais_domain::figures::continuity::EditionContinuity;

/// An edition as the home page lists it.
#[derive(Debug, Clone)]
pub struct EditionSummary {
    /// Names of the cities taking part.
    pub cities: Vec<String>,
    /// The edition and its continuity.
    pub continuity: EditionContinuity,
}

/// The home page; `featured` are the latest reviewed explainer videos.
pub fn home(ctx: &PageContext, editions: &[EditionSummary], featured: &[VideoCard<'_>]) -> Markup {
    let lang = ctx.lang;
    // The headline: the latest edition whose figures have begun.
    let headline = editions
        .iter()
        .map(|e| &e.continuity)
        .find(|c| c.all.projects > 0 && c.all.share(1).is_some());
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
            @if let Some(headline) = headline {
                section.continuity aria-labelledby="continuity" {
                    h2 #continuity { (t(lang, "continuity-home-title")) }
                    p { a href={ "/editions/" (headline.edition.slug) } { (headline.edition.name) } }
                    (continuity::figure(lang, headline))
                    (continuity::definition(lang))
                }
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
                @for summary in editions {
                    @let edition = &summary.continuity.edition;
                    section.card {
                        h3 {
                            a href={ "/editions/" (edition.slug) } { (edition.name) }
                            " " span.muted { "(" (dates_of(lang, edition)) ")" }
                        }
                        @if !summary.cities.is_empty() {
                            p { (t(lang, "home-cities")) (t(lang, "colon")) (summary.cities.join(", ")) }
                        }
                        p { (continuity::reading(lang, &summary.continuity)) }
                    }
                }
            }
        },
    )
}

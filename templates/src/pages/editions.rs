//! An edition's public page: its marathon, its cities, a way into its
//! projects, and its continuity — how many projects are still alive.

use crate::dates;
use crate::i18n::t;
use crate::layout::{PageContext, page};
use crate::pages::continuity;
use maud::{Markup, html};
use relais_domain::Language;
use relais_domain::edition::Edition;
use relais_domain::figures::continuity::EditionContinuity;

/// "8 – 10 mars 2024", or one day.
pub fn dates_of(lang: Language, edition: &Edition) -> String {
    if edition.starts_on == edition.ends_on {
        dates::date(lang, edition.starts_on)
    } else {
        format!(
            "{} – {}",
            dates::date(lang, edition.starts_on),
            dates::date(lang, edition.ends_on)
        )
    }
}

/// What an edition's page shows.
#[derive(Debug, Clone)]
pub struct EditionPage {
    /// The edition.
    pub edition: Edition,
    /// Names of the cities taking part.
    pub cities: Vec<String>,
    /// Its continuity in every city.
    pub continuity: EditionContinuity,
}

/// The edition's page.
pub fn edition_page(ctx: &PageContext, view: &EditionPage) -> Markup {
    let lang = ctx.lang;
    let edition = &view.edition;
    page(
        ctx,
        &edition.name,
        html! {
            h1 { (edition.name) }
            p.lead { (dates_of(lang, edition)) }
            @if !view.cities.is_empty() {
                p { (t(lang, "home-cities")) (t(lang, "colon")) (view.cities.join(", ")) }
            }
            p { a href={ "/projects?edition=" (edition.id) } { (t(lang, "edition-projects")) " →" } }
            section.continuity aria-labelledby="continuity" {
                h2 #continuity { (t(lang, "continuity-title")) }
                (continuity::figure(lang, &view.continuity))
                (continuity::definition(lang))
            }
        },
    )
}

//! The open data page: each edition's data package and its tables, the
//! licence, and the public API with its OpenAPI document.

use crate::i18n::{t, t_args};
use crate::layout::{PageContext, narrow_page};
use maud::{Markup, html};

/// What the open data page shows.
pub struct OpenDataView<'a> {
    /// Editions: (URL name, name), latest first.
    pub editions: &'a [(String, String)],
    /// The licence's full name.
    pub licence_title: &'a str,
    /// Where the licence's text is.
    pub licence_url: &'a str,
}

/// `/open-data`.
pub fn open_data(ctx: &PageContext, view: &OpenDataView) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "open-data-title"),
        html! {
            h1 { (t(lang, "open-data-title")) }
            p { (t(lang, "open-data-intro")) }
            p {
                (t(lang, "open-data-licence")) " "
                a href=(view.licence_url) rel="external license" { (view.licence_title) }
            }
            h2 { (t(lang, "open-data-editions")) }
            @if view.editions.is_empty() {
                p { (t(lang, "open-data-none")) }
            }
            @for (slug, name) in view.editions {
                h3 { (name) }
                ul {
                    li { a href={ "/open-data/" (slug) "/datapackage.json" } type="application/json" { (t(lang, "open-data-package")) } }
                    li { a href={ "/open-data/" (slug) "/projects.csv" } type="text/csv" { (t(lang, "open-data-projects")) } }
                    li { a href={ "/open-data/" (slug) "/milestones.csv" } type="text/csv" { (t(lang, "open-data-milestones")) } }
                    li { a href={ "/open-data/" (slug) "/continuity.csv" } type="text/csv" { (t(lang, "open-data-continuity")) } }
                }
            }
            h2 { (t(lang, "open-data-api-title")) }
            p { (t(lang, "open-data-api-intro")) }
            ul {
                li { a href="/api/openapi.json" type="application/json" { (t(lang, "open-data-api-document")) } }
                li { code { "GET /api/v1/projects?city=paris&stage=prototype&page=1&per_page=20" } }
            }
            p { (t_args(lang, "open-data-api-rules", &[("max", "100")])) }
        },
    )
}

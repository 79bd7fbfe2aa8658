//! The source code page: the AGPL asks a network service to offer its
//! source to everyone who uses it.

use crate::i18n::t;
use crate::layout::{PageContext, narrow_page};
use maud::{Markup, html};

/// What the source page says about this instance.
pub struct SourceView<'a> {
    /// The running version (`CARGO_PKG_VERSION`).
    pub version: &'a str,
    /// Where the operator publishes the code this instance runs, if said.
    pub source_url: Option<&'a str>,
}

/// `/source`: the licence, the version and where to get the code.
pub fn source(ctx: &PageContext, view: &SourceView) -> Markup {
    let lang = ctx.lang;
    narrow_page(
        ctx,
        &t(lang, "source-title"),
        html! {
            h1 { (t(lang, "source-title")) }
            p { (t(lang, "source-licence")) }
            p { (t(lang, "source-version")) " " code { (view.version) } }
            @match view.source_url {
                Some(url) => p { a href=(url) rel="external" { (t(lang, "source-get")) } },
                None => p { (t(lang, "source-ask")) },
            }
            p { a href="https://www.gnu.org/licenses/agpl-3.0.html" rel="external license" { (t(lang, "source-read-licence")) } }
        },
    )
}

//! Error pages, in the reader's language, never showing internals.

use crate::i18n::t;
use crate::layout::{PageContext, narrow_page};
use maud::{Markup, html};

/// The translation keys of the title and text for an HTTP status.
pub fn keys_for(status: u16) -> (&'static str, &'static str) {
    match status {
        400 | 405 | 415 | 422 => ("error-400-title", "error-400-body"),
        401 => ("error-403-title", "error-401-body"),
        403 => ("error-403-title", "error-403-body"),
        404 => ("error-404-title", "error-404-body"),
        413 => ("error-413-title", "error-413-body"),
        429 => ("error-429-title", "error-429-body"),
        _ => ("error-500-title", "error-500-body"),
    }
}

/// The page shown for an error status, optionally with a more precise message.
pub fn error_page(ctx: &PageContext, status: u16, detail_key: Option<&str>) -> Markup {
    let lang = ctx.lang;
    let (title, body) = keys_for(status);
    narrow_page(
        ctx,
        &t(lang, title),
        html! {
            h1 { (t(lang, title)) }
            p { (t(lang, detail_key.unwrap_or(body))) }
            @if status == 401 {
                p { a.button href=(crate::layout::log_in_href(&ctx.path)) { (t(lang, "nav-login")) } }
            }
            p { a href="/" { (t(lang, "error-back-home")) } }
        },
    )
}

//! Relais views: maud pages and emails, shared by `web` and `scheduler`.
//!
//! Views take plain view-model structs and a language and return `Markup`;
//! they never query anything. Text lives in the Fluent files under
//! `locales/`, one per language, so a translator never edits Rust.

pub mod assets;
pub mod bars;
pub mod chart;
pub mod dates;
pub mod email;
mod email_relation;
pub mod feed;
pub mod form;
pub mod i18n;
pub mod ics;
pub mod layout;
pub mod markdown;
pub mod pages;
pub mod subscribe;

pub use i18n::{t, t_args, t_count};
pub use layout::{CsrfToken, PageContext};
pub use maud::{Markup, html};

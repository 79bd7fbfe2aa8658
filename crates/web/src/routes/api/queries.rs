//! The query parameters of each listing, as the OpenAPI document describes
//! them. These types are never filled: `params::Params` reads the query
//! string strictly, allowing exactly the names listed here, so the
//! document and what the handlers accept cannot differ.
#![allow(dead_code)]

use utoipa::IntoParams;

/// A page of a listing.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1 (default 1); a page past the last is a 400.
    #[param(minimum = 1)]
    page: Option<u64>,
    /// Items per page, from 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
}

/// The gallery's filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    /// Only this edition (its URL name, e.g. `2024`).
    edition: Option<String>,
    /// Only this city (its URL name, e.g. `paris`).
    city: Option<String>,
    /// Only this theme: social, environmental, democratic or educational.
    theme: Option<String>,
    /// Only this stage: idea, prototype, demo, pilot, launched, paused or abandoned.
    stage: Option<String>,
    /// Only this licence (SPDX identifier, e.g. `AGPL-3.0-or-later`).
    licence: Option<String>,
    /// `true`: only projects with an open need.
    help: Option<bool>,
    /// Only projects with an open need of this kind (e.g. `developer`, `designer`).
    need: Option<String>,
    /// Words to find in title, pitch, description, city or needs, whatever
    /// their accents (at most 200 characters); title matches first.
    q: Option<String>,
    /// Order: `activity` (most recent first, the default) or `name`.
    sort: Option<String>,
    /// Page number, from 1 (default 1); a page past the last is a 400.
    #[param(minimum = 1)]
    page: Option<u64>,
    /// Items per page, from 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
}

/// Which meetings.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetupQuery {
    /// Only this city (its URL name).
    city: Option<String>,
    /// Only meetings ending after this moment: a date (`2026-11-27`,
    /// midnight UTC) or an RFC 3339 time. Default: now.
    from: Option<String>,
    /// Only meetings starting before this moment (same forms as `from`).
    until: Option<String>,
    /// Page number, from 1 (default 1); a page past the last is a 400.
    #[param(minimum = 1)]
    page: Option<u64>,
    /// Items per page, from 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u64>,
}

//! The authorisation matrix: every route of the site, tried by every kind of
//! person, on the demo programme, with the answer each must get.
//!
//! The people are named relative to one project, *Carte des fontaines* in
//! Paris: its owner and a teammate, a member of another project's team, a
//! member of no team, the mentor assigned to it and one who is not, the
//! coordinators of Paris, of Lyon and of the whole programme, and a visitor.
//! A form is posted with the sender's own CSRF token and no other field, so
//! what answers is the right to act, not the form's content.
//!
//! Whoever acts through a form gets a fresh copy of the same database, so
//! that what one person did never changes what the next one meets; reading,
//! refusals and forms sent back with errors share one copy, since they
//! change nothing. Routes are read from
//! the route files themselves: a route added without a row here fails.

use relais_tests::world::{EVERYONE, Who, World, world};
use relais_tests::{Page, TestApp, TestDb};
use reqwest::StatusCode;
use std::collections::{BTreeSet, HashMap};

/// What a person gets: a status, or a redirection to the log-in page
/// (`L`) or elsewhere (`S`, e.g. after a form that worked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Status(u16),
    LogIn,
    SeeOther,
}

impl Answer {
    fn of(page: &Page) -> Answer {
        if page.status == StatusCode::SEE_OTHER {
            let to = page.location.as_deref().unwrap_or_default();
            if to.starts_with("/login") {
                Answer::LogIn
            } else {
                Answer::SeeOther
            }
        } else {
            Answer::Status(page.status.as_u16())
        }
    }

    fn parse(code: &str) -> Answer {
        match code {
            "L" => Answer::LogIn,
            "S" => Answer::SeeOther,
            n => Answer::Status(n.parse().expect("a status, L or S")),
        }
    }

    /// Whether this answer to a form means it acted: such people get a copy
    /// of the database of their own. A refusal or a form sent back with its
    /// errors changes nothing.
    fn acts(self) -> bool {
        match self {
            Answer::SeeOther => true,
            Answer::Status(s) => (200..300).contains(&s),
            Answer::LogIn => false,
        }
    }

    fn code(self) -> String {
        match self {
            Answer::LogIn => "L".into(),
            Answer::SeeOther => "S".into(),
            Answer::Status(s) => s.to_string(),
        }
    }
}

/// One route as tried: method, the pattern as written in the route file,
/// the concrete path, and the ten answers in the order of [`EVERYONE`].
struct Row {
    index: usize,
    method: &'static str,
    pattern: &'static str,
    path: String,
    fields: Vec<(String, String)>,
    expected: Vec<Answer>,
}

fn rows(ids: &HashMap<&'static str, String>) -> Vec<Row> {
    let fill = |pattern: &str| -> String {
        let mut path = pattern.to_owned();
        for (key, value) in ids {
            path = path.replace(&format!("<{key}>"), value);
        }
        // A link token of the right shape that was never sent: the link's
        // token is the right, and nobody has this one.
        path.replace("<token>", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    };
    MATRIX
        .iter()
        .enumerate()
        .map(
            |(index, (method, pattern, concrete, fields, answers))| Row {
                index,
                method,
                pattern,
                path: fill(concrete),
                fields: url::form_urlencoded::parse(fill(fields).as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
                expected: answers.split_whitespace().map(Answer::parse).collect(),
            },
        )
        .collect()
}

/// Every route: method, pattern as in the route file, the path tried
/// (`<name>` filled from the world), and what each person gets, in the
/// order visitor, member, owner, teammate, other team, mentor, other
/// mentor, city coordinator, other coordinator, programme coordinator.
const MATRIX: &[(&str, &str, &str, &str, &str)] = &[
    (
        "GET",
        "/api/openapi.json",
        "/api/openapi.json",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/open-data",
        "/open-data",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/open-data/{edition}/{file}",
        "/open-data/<edition_slug>/datapackage.json",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/open-data/{edition}/{file}",
        "/open-data/<edition_slug>/projects.csv",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/admin/figures",
        "/admin/figures",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "GET",
        "/admin/figures",
        "/admin/figures?city=<paris>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "GET",
        "/admin/figures/report",
        "/admin/figures/report",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "GET",
        "/admin/figures/report",
        "/admin/figures/report?city=<paris>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "GET",
        "/admin/figures/{file}",
        "/admin/figures/projects.csv",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "GET",
        "/admin/figures/{file}",
        "/admin/figures/projects.csv?city=<paris>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "GET",
        "/api",
        "/api",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/api/{*rest}",
        "/api/v2/projects",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/api/v1/cities",
        "/api/v1/cities",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/cities/{slug}",
        "/api/v1/cities/paris",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/editions",
        "/api/v1/editions",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/editions/{slug}",
        "/api/v1/editions/<edition_slug>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/meetups",
        "/api/v1/meetups",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/meetups/{id}",
        "/api/v1/meetups/<meetup>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/projects",
        "/api/v1/projects",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/projects/{slug}",
        "/api/v1/projects/<slug>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/projects/{slug}",
        "/api/v1/projects/<private_slug>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/api/v1/projects/{slug}/journal",
        "/api/v1/projects/<slug>/journal",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/api/v1/projects/{slug}/journal",
        "/api/v1/projects/<private_slug>/journal",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/editions/{slug}",
        "/editions/<edition_slug>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/",
        "/",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/activate/{token}",
        "/activate/<token>",
        "",
        "410 410 410 410 410 410 410 410 410 410",
    ),
    (
        "POST",
        "/activate/{token}",
        "/activate/<token>",
        "",
        "410 410 410 410 410 410 410 410 410 410",
    ),
    (
        "GET",
        "/admin",
        "/admin",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "GET",
        "/admin/announcements",
        "/admin/announcements",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/announcements",
        "/admin/announcements",
        "city_id=<paris>",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/admin/editions/{id}/stages",
        "/admin/editions/<edition>/stages",
        "",
        "401 403 403 403 403 403 403 403 403 200",
    ),
    (
        "POST",
        "/admin/editions/{id}/stages",
        "/admin/editions/<edition>/stages",
        "",
        "401 403 403 403 403 403 403 403 403 S",
    ),
    (
        "GET",
        "/admin/explainers",
        "/admin/explainers",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "GET",
        "/admin/introductions",
        "/admin/introductions",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/invitations",
        "/admin/invitations",
        "",
        "401 403 403 403 403 403 403 422 422 422",
    ),
    (
        "GET",
        "/admin/meetups",
        "/admin/meetups",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/meetups",
        "/admin/meetups",
        "city_id=<paris>",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/admin/meetups/{id}",
        "/admin/meetups/<series>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/admin/meetups/{id}",
        "/admin/meetups/<series>",
        "",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/admin/meetups/{id}/occurrences",
        "/admin/meetups/<series>/occurrences",
        "",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/admin/mentoring",
        "/admin/mentoring",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/mentoring/assign",
        "/admin/mentoring/assign",
        "city=<paris>&mentor_id=<other_mentor>&project_id=<project_id>",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/admin/mentoring/assignments/{id}/end",
        "/admin/mentoring/assignments/<assignment>/end",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/admin/outbox",
        "/admin/outbox",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/outbox/{id}/retry",
        "/admin/outbox/<email>/retry",
        "",
        "401 403 403 403 403 403 403 S 404 S",
    ),
    (
        "GET",
        "/admin/polls",
        "/admin/polls",
        "",
        "401 403 403 403 403 403 403 200 200 200",
    ),
    (
        "POST",
        "/admin/polls",
        "/admin/polls",
        "city_id=<paris>",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/admin/polls/{id}",
        "/admin/polls/<poll>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/admin/polls/{id}/convert",
        "/admin/polls/<poll>/convert",
        "slot_id=<slot>",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/admin/polls/{id}/convert",
        "/admin/polls/<poll>/convert",
        "slot_id=<slot>&confirmed=yes",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/admin/quiet",
        "/admin/quiet?city=<paris>",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/admin/registration",
        "/admin/registration",
        "registration=open",
        "401 403 403 403 403 403 403 403 403 S",
    ),
    (
        "GET",
        "/calendar/{file}",
        "/calendar/<token>.ics",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/check-in/{token}",
        "/check-in/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/check-in/{token}",
        "/check-in/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/cities/{slug}/meetups.ics",
        "/cities/paris/meetups.ics",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/dashboard",
        "/dashboard",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/favicon.ico",
        "/favicon.ico",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/feed.atom",
        "/feed.atom",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/follow-up/{token}",
        "/follow-up/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/follow-up/{token}",
        "/follow-up/<token>",
        "outcome=yes",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/healthz",
        "/healthz",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/helpers",
        "/helpers",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/introductions/answer/{token}",
        "/introductions/answer/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/introductions/answer/{token}",
        "/introductions/answer/<token>",
        "answer=accept",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/introductions/{id}/accept",
        "/introductions/<introduction>/accept",
        "",
        "401 S 403 403 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/introductions/{id}/decline",
        "/introductions/<introduction>/decline",
        "",
        "401 S 403 403 403 403 403 403 403 403",
    ),
    (
        "GET",
        "/language/{code}",
        "/language/en",
        "",
        "S S S S S S S S S S",
    ),
    (
        "GET",
        "/text/{size}",
        "/text/large",
        "",
        "S S S S S S S S S S",
    ),
    ("GET", "/login", "/login", "", "200 S S S S S S S S S"),
    (
        "POST",
        "/login",
        "/login",
        "",
        "422 422 422 422 422 422 422 422 422 422",
    ),
    ("POST", "/logout", "/logout", "", "S S S S S S S S S S"),
    (
        "GET",
        "/meetups",
        "/meetups",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/meetups/{id}",
        "/meetups/<meetup>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/meetups/{id}/agenda",
        "/meetups/<meetup>/agenda",
        "kind=talk&project_id=<project_id>",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/meetups/{id}/agenda/request",
        "/meetups/<meetup>/agenda/request",
        "project=<slug>",
        "401 403 S S 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/meetups/{id}/agenda/{item}/accept",
        "/meetups/<meetup>/agenda/<agenda>/accept",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/meetups/{id}/agenda/{item}/remove",
        "/meetups/<meetup>/agenda/<agenda>/remove",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/meetups/{id}/attendance",
        "/meetups/<meetup>/attendance",
        "user_id=<teammate>&attended=yes",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/meetups/{id}/cancel",
        "/meetups/<meetup>/cancel",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/meetups/{id}/cancel",
        "/meetups/<meetup>/cancel",
        "",
        "401 403 403 403 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/meetups/{id}/cancel",
        "/meetups/<meetup>/cancel",
        "confirmed=yes",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/meetups/{id}/keep",
        "/meetups/<meetup>/keep",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/meetups/{id}/minutes",
        "/meetups/<meetup>/minutes",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/meetups/{id}/move",
        "/meetups/<meetup>/move",
        "",
        "401 403 403 403 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/meetups/{id}/rsvp",
        "/meetups/<meetup>/rsvp",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/mentor",
        "/mentor",
        "",
        "401 403 403 403 403 200 200 403 403 403",
    ),
    (
        "POST",
        "/mentor",
        "/mentor",
        "",
        "401 403 403 403 403 422 422 403 403 403",
    ),
    (
        "GET",
        "/needs",
        "/needs",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/offer",
        "/offer",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/offer",
        "/offer",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/password/forgot",
        "/password/forgot",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/password/forgot",
        "/password/forgot",
        "",
        "422 422 422 422 422 422 422 422 422 422",
    ),
    (
        "POST",
        "/password/reset",
        "/password/reset",
        "",
        "422 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/password/reset/{token}",
        "/password/reset/<token>",
        "",
        "410 410 410 410 410 410 410 410 410 410",
    ),
    (
        "GET",
        "/polls/{id}/{token}",
        "/polls/<poll>/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/polls/{id}/{token}",
        "/polls/<poll>/<token>",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/profile",
        "/profile",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/profile",
        "/profile",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "POST",
        "/profile/calendar",
        "/profile/calendar",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/profile/calendar/revoke",
        "/profile/calendar/revoke",
        "",
        "401 S S S S S S S S S",
    ),
    (
        "POST",
        "/profile/emails",
        "/profile/emails",
        "",
        "401 S S S S S S S S S",
    ),
    (
        "POST",
        "/profile/password",
        "/profile/password",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/projects",
        "/projects",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/projects",
        "/projects",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/projects/new",
        "/projects/new",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/projects/{slug}",
        "/projects/<slug>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/projects/{slug}",
        "/projects/<private_slug>",
        "",
        "404 404 404 404 404 200 200 404 200 200",
    ),
    (
        "POST",
        "/projects/{slug}",
        "/projects/<slug>",
        "form=milestone",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/archive",
        "/projects/<slug>/archive",
        "",
        "403 403 403 403 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/projects/{slug}/edit",
        "/projects/<slug>/edit",
        "",
        "403 403 200 200 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/projects/{slug}/edit",
        "/projects/<slug>/edit",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/explainers",
        "/projects/<slug>/explainers",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/projects/{slug}/explainers/new",
        "/projects/<slug>/explainers/new",
        "",
        "403 403 200 200 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/projects/{slug}/explainers/{id}/captions",
        "/projects/<slug>/explainers/<explainer>/captions",
        "",
        "400 400 400 400 400 400 400 400 400 400",
    ),
    (
        "POST",
        "/projects/{slug}/explainers/{id}/captions/delete",
        "/projects/<slug>/explainers/<explainer>/captions/delete",
        "",
        "403 403 S S 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/projects/{slug}/explainers/{id}/delete",
        "/projects/<slug>/explainers/<explainer>/delete",
        "",
        "403 403 S S 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/projects/{slug}/explainers/{id}/edit",
        "/projects/<slug>/explainers/<explainer>/edit",
        "",
        "403 403 200 200 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/projects/{slug}/explainers/{id}/edit",
        "/projects/<slug>/explainers/<explainer>/edit",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/projects/{slug}/feed.atom",
        "/projects/<slug>/feed.atom",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/projects/{slug}/milestones",
        "/projects/<slug>/milestones",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/milestones/{id}/delete",
        "/projects/<slug>/milestones/<milestone>/delete",
        "",
        "403 403 S S 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/projects/{slug}/milestones/{id}/edit",
        "/projects/<slug>/milestones/<milestone>/edit",
        "",
        "403 403 200 200 403 403 403 200 403 200",
    ),
    (
        "POST",
        "/projects/{slug}/milestones/{id}/edit",
        "/projects/<slug>/milestones/<milestone>/edit",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/needs",
        "/projects/<slug>/needs",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "GET",
        "/projects/{slug}/needs/{id}",
        "/projects/<slug>/needs/<need>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/projects/{slug}/needs/{id}/ask/{member}",
        "/projects/<slug>/needs/<need>/ask/<helper>",
        "",
        "401 403 422 422 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/needs/{id}/edit",
        "/projects/<slug>/needs/<need>/edit",
        "",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/needs/{id}/help",
        "/projects/<slug>/needs/<need>/help",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "POST",
        "/projects/{slug}/needs/{id}/questions",
        "/projects/<slug>/needs/<need>/questions",
        "",
        "403 403 422 422 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/needs/{id}/state",
        "/projects/<slug>/needs/<need>/state",
        "state=filled",
        "403 403 S S 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/projects/{slug}/questions/{id}",
        "/projects/<slug>/questions/<question>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/projects/{slug}/questions/{id}/answers",
        "/projects/<slug>/questions/<question>/answers",
        "",
        "401 422 422 422 422 422 422 422 422 422",
    ),
    (
        "POST",
        "/projects/{slug}/questions/{id}/helpful/{answer}",
        "/projects/<slug>/questions/<question>/helpful/<answer>",
        "",
        "403 403 S S 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/restore",
        "/projects/<slug>/restore",
        "",
        "403 403 403 403 403 403 403 S 403 S",
    ),
    (
        "POST",
        "/projects/{slug}/review-requests",
        "/projects/<slug>/review-requests",
        "",
        "401 404 422 422 404 403 404 403 404 403",
    ),
    (
        "GET",
        "/projects/{slug}/reviews",
        "/projects/<slug>/reviews",
        "",
        "401 404 200 200 404 200 404 200 404 200",
    ),
    (
        "POST",
        "/projects/{slug}/reviews",
        "/projects/<slug>/reviews",
        "",
        "401 404 403 403 404 422 404 403 404 403",
    ),
    (
        "GET",
        "/projects/{slug}/reviews/new",
        "/projects/<slug>/reviews/new",
        "",
        "401 404 403 403 404 200 404 403 404 403",
    ),
    (
        "POST",
        "/projects/{slug}/reviews/{id}/acknowledge",
        "/projects/<slug>/reviews/<review>/acknowledge",
        "",
        "401 404 S S 404 403 404 403 404 403",
    ),
    (
        "GET",
        "/projects/{slug}/reviews/{id}/edit",
        "/projects/<slug>/reviews/<review>/edit",
        "",
        "401 404 403 403 404 200 404 403 404 403",
    ),
    (
        "POST",
        "/projects/{slug}/reviews/{id}/edit",
        "/projects/<slug>/reviews/<review>/edit",
        "",
        "401 404 403 403 404 422 404 403 404 403",
    ),
    (
        "POST",
        "/projects/{slug}/reviews/{id}/respond",
        "/projects/<slug>/reviews/<review>/respond",
        "",
        "401 404 422 422 404 403 404 403 404 403",
    ),
    (
        "POST",
        "/projects/{slug}/reviews/{id}/steps/{step}/milestone",
        "/projects/<slug>/reviews/<review>/steps/<step>/milestone",
        "",
        "401 404 S S 404 403 404 403 404 403",
    ),
    (
        "POST",
        "/projects/{slug}/stage",
        "/projects/<slug>/stage",
        "stage=launched",
        "403 403 422 422 403 403 403 422 403 422",
    ),
    (
        "POST",
        "/projects/{slug}/team/invite",
        "/projects/<slug>/team/invite",
        "",
        "401 403 422 403 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/team/leave",
        "/projects/<slug>/team/leave",
        "",
        "401 404 422 S 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/projects/{slug}/team/{user_id}/owner",
        "/projects/<slug>/team/<teammate>/owner",
        "",
        "401 403 S 403 403 403 403 403 403 403",
    ),
    (
        "GET",
        "/projects/{slug}/team/{user_id}/remove",
        "/projects/<slug>/team/<teammate>/remove",
        "",
        "401 403 200 200 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/team/{user_id}/remove",
        "/projects/<slug>/team/<teammate>/remove",
        "",
        "401 403 200 200 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/team/{user_id}/remove",
        "/projects/<slug>/team/<teammate>/remove",
        "confirmed=yes",
        "401 403 S S 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/updates",
        "/projects/<slug>/updates",
        "",
        "401 403 422 422 403 403 403 403 403 403",
    ),
    (
        "GET",
        "/projects/{slug}/updates/{id}/edit",
        "/projects/<slug>/updates/<update>/edit",
        "",
        "403 403 200 403 403 403 403 403 403 403",
    ),
    (
        "POST",
        "/projects/{slug}/updates/{id}/edit",
        "/projects/<slug>/updates/<update>/edit",
        "",
        "403 403 422 403 403 403 403 403 403 403",
    ),
    (
        "GET",
        "/relation",
        "/relation",
        "",
        "401 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/signup",
        "/signup",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "POST",
        "/signup",
        "/signup",
        "",
        "422 422 422 422 422 422 422 422 422 422",
    ),
    (
        "GET",
        "/signup/check-inbox",
        "/signup/check-inbox",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/source",
        "/source",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/static/style.css",
        "/static/style.css",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/team-invitations/{token}",
        "/team-invitations/<token>",
        "",
        "410 410 410 410 410 410 410 410 410 410",
    ),
    (
        "POST",
        "/team-invitations/{token}",
        "/team-invitations/<token>",
        "",
        "401 410 410 410 410 410 410 410 410 410",
    ),
    (
        "GET",
        "/unsubscribe/{token}/{category}",
        "/unsubscribe/<token>/digest",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/unsubscribe/{token}/{category}",
        "/unsubscribe/<token>/digest",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "GET",
        "/videos",
        "/videos",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/videos/feed.atom",
        "/videos/feed.atom",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/videos/{id}",
        "/videos/<explainer>",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    (
        "GET",
        "/videos/{id}/captions.vtt",
        "/videos/<explainer>/captions.vtt",
        "",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    (
        "POST",
        "/videos/{id}/review",
        "/videos/<explainer>/review",
        "",
        "401 403 403 403 403 403 403 S 403 S",
    ),
    (
        "GET",
        "/videos/{id}/transcript.txt",
        "/videos/<explainer>/transcript.txt",
        "",
        "200 200 200 200 200 200 200 200 200 200",
    ),
];

/// Routes as the route files declare them: `(METHOD, pattern)`.
fn declared_routes() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/src/routes");
    let route = regex::Regex::new(r#"\.route\(\s*"([^"]+)""#).expect("regex");
    let method = regex::Regex::new(r"\b(get|post|put|patch|delete)\(").expect("regex");
    // Routes documented for OpenAPI name their method and path in the
    // attribute utoipa-axum's `routes!` reads.
    let documented = regex::Regex::new(
        r#"#\[utoipa::path\(\s*(get|post|put|patch|delete)\s*,\s*path\s*=\s*"([^"]+)""#,
    )
    .expect("regex");
    let mut found = BTreeSet::new();
    let mut files = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(dir)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("route files") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let source = std::fs::read_to_string(&path).expect("route file");
        for d in documented.captures_iter(&source) {
            found.insert((d[1].to_uppercase(), d[2].to_owned()));
        }
        let starts: Vec<(usize, String)> = route
            .captures_iter(&source)
            .map(|c| (c.get(0).expect("match").end(), c[1].to_owned()))
            .collect();
        for (i, (at, pattern)) in starts.iter().enumerate() {
            // The methods are chained after the pattern, up to the next
            // route or the end of the router.
            let end = starts
                .get(i + 1)
                .map(|(next, _)| *next)
                .unwrap_or(source.len());
            let rest = &source[*at..end];
            let rest = &rest[..rest.find("\n}").unwrap_or(rest.len())];
            for m in method.captures_iter(rest) {
                found.insert((m[1].to_uppercase(), pattern.clone()));
            }
        }
    }
    found
}

#[test]
fn every_declared_route_has_a_row_and_every_row_a_route() {
    let declared = declared_routes();
    assert!(declared.len() > 50, "routes found: {declared:?}");
    let listed: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _, _, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = declared.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&declared).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "routes without a row in the authorisation matrix: {missing:#?}\nrows for no route: {unknown:#?}"
    );
}

async fn try_as(app: &TestApp, world: &World, who: Who, row: &Row) -> Answer {
    let (client, token) = world.client(app, who);
    let page = match row.method {
        "GET" => client.get(&row.path).await,
        "POST" => {
            let mut fields = vec![("csrf_token", token.as_str())];
            fields.extend(row.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            client.post_raw(&row.path, &fields).await
        }
        other => panic!("no way to try {other}"),
    };
    assert!(
        page.status.as_u16() < 500,
        "{who:?} {} {}: {}\n{}",
        row.method,
        row.path,
        page.status,
        page.body
    );
    Answer::of(&page)
}

#[tokio::test]
async fn every_route_answers_each_person_as_their_rights_say() {
    let world = world().await;
    let record = std::env::var("RELAIS_MATRIX_RECORD").is_ok();
    let mut wrong = Vec::new();
    let mut spent = Vec::new();
    // Reading, refusals and forms sent back share one copy; whoever acts
    // gets a copy of their own.
    let shared = TestApp::spawn_on(world.db.copy().await, world.at).await;
    for row in rows(&world.ids) {
        assert_eq!(row.expected.len(), EVERYONE.len(), "{}", row.pattern);
        let mut got = Vec::new();
        for (who, expected) in EVERYONE.iter().zip(&row.expected) {
            if row.method != "GET" && (record || expected.acts()) {
                let own = TestApp::spawn_on(world.db.copy().await, world.at).await;
                got.push(try_as(&own, &world, *who, &row).await);
                spent.push(own.stop().await);
            } else {
                got.push(try_as(&shared, &world, *who, &row).await);
            }
        }
        if got != row.expected {
            let line = |answers: &[Answer]| {
                answers
                    .iter()
                    .map(|a| a.code())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (_, _, path, fields, _) = MATRIX[row.index];
            wrong.push(format!(
                "    (\"{}\", \"{}\", \"{}\", \"{}\", \"{}\"), // expected {}",
                row.method,
                row.pattern,
                path,
                fields,
                line(&got),
                line(&row.expected)
            ));
        }
    }
    spent.push(shared.stop().await);
    TestDb::drop_all(spent);
    assert!(
        wrong.is_empty(),
        "answers that differ from the matrix (as got):\n{}",
        wrong.join("\n")
    );
}

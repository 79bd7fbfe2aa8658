//! Relais' domain: the programme's entities, value types, use cases and the
//! rules of who may do what. No HTTP, no HTML, no SMTP: callers pass in the
//! database, the clock and the actor, and get back data or a `DomainError`.

pub mod account;
pub mod admin_page;
pub mod agenda;
pub mod announcement;
pub mod api;
pub mod base_url;
pub mod calendar;
pub mod check_in;
pub mod city;
pub mod clock;
pub mod code;
pub mod content_version;
pub mod context;
pub mod csv_cell;
pub mod dashboard;
pub mod date_poll;
pub mod day;
pub mod db;
pub mod digest;
pub mod edition;
pub mod email_address;
pub mod email_message;
pub mod email_preference;
pub mod emailed_token;
pub mod entities;
pub mod error;
pub mod figures;
pub mod figures_page;
pub mod gallery;
pub mod gallery_page;
pub mod home_page;
pub mod job_run;
pub mod journal;
pub mod language;
pub mod licence;
pub mod local_time;
pub mod meeting_page;
pub mod meetup;
pub mod meetup_rule;
pub mod meetups_page;
pub mod mentor;
pub mod mentoring_page;
pub mod milestone;
pub mod notify;
pub mod open_data;
pub mod outbox;
pub mod password;
pub mod polls_page;
pub mod profile_page;
pub mod project;
pub mod project_page;
pub mod rate_limit;
pub mod reminder;
pub mod review;
pub mod role;
pub mod rsvp;
pub mod session;
pub mod settings;
pub mod signup_page;
pub mod skill;
pub mod slug;
pub mod stage;
pub mod team;
pub mod theme;
pub mod time_zone;
pub mod token;
pub mod web_link;
// Explainer videos and the plain-language check (issue 16).
pub mod explainer;
pub mod jargon;
pub mod readability;
pub mod syllable;
pub mod video;
pub mod webvtt;

// relation (issue 12): needs, offers, suggestions, introductions, questions.
pub mod expertise_question;
pub mod expertise_tag;
pub mod help_kind;
pub mod introduction;
pub mod matching;
pub mod need;
pub mod offer;
pub mod relation_email;
pub mod relation_page;
pub mod scale;
pub mod spoken_language;
pub mod suggestion;

pub use context::Context;
pub use error::{DomainError, FieldErrors, Result};
pub use language::Language;
pub use role::{Actor, Role};

/// Re-exported so other crates name one sea-orm version.
pub use sea_orm;

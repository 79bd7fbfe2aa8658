//! sea-orm entities: one module per table. Use cases in the parent modules
//! are the only writers; other crates read through the use cases' read models.

pub mod agenda_item;
pub mod announcement;
pub mod check_in;
pub mod city;
pub mod continuity_month;
pub mod date_poll;
pub mod edition;
pub mod edition_city;
pub mod email_outbox;
pub mod email_preference;
pub mod email_token;
pub mod explainer;
pub mod explainer_caption;
pub mod job_run;
pub mod meetup_occurrence;
pub mod meetup_series;
pub mod mentor_assignment;
pub mod mentor_profile;
pub mod milestone;
pub mod monthly_figure;
pub mod poll_answer;
pub mod poll_invitee;
pub mod poll_slot;
pub mod project;
pub mod project_member;
pub mod project_month;
pub mod project_stage;
pub mod project_update;
pub mod rate_limit;
pub mod review;
pub mod review_request;
pub mod review_step;
pub mod rsvp;
pub mod session;
pub mod setting;
pub mod stage_requirement;
pub mod user;
pub mod user_role;

// relation (issue 12)
pub mod expertise_answer;
pub mod expertise_question;
pub mod introduction;
pub mod introduction_follow_up;
pub mod introduction_link;
pub mod need;
pub mod need_tag;
pub mod offer;
pub mod offer_kind;
pub mod offer_tag;

// content (issue 9)
pub mod unsubscribe_token;

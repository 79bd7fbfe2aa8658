//! Planning the emails that time brings: meeting invitations (three weeks
//! ahead, or at once for a meeting added later) to members who have not
//! answered yet, reminders 7 days and 1 day before to those who answered
//! yes or maybe, one nudge a week before to invited members who have not
//! answered, notices when a meeting moves or
//! is cancelled, and milestone reminders (due within 3 days, then overdue).
//!
//! Planning is safe to run as often as one likes, on several instances at
//! once: each email has an idempotency key naming its occasion, and the
//! outbox keeps one row per key.

use crate::context::Context;
use crate::email_message::{CalendarEntry, EmailMessage};
use crate::entities::{
    city, meetup_occurrence as occurrence, meetup_series as series, project, rsvp, user,
};
use crate::error::Result;
use crate::language::Language;
use crate::milestone::{self, today_in};
use crate::outbox::{self, NewEmail};
use crate::rsvp::Answer;
use crate::skill::Skill;
use crate::time_zone;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// How long before a meeting its invitations go out.
pub const INVITE_AHEAD: Duration = Duration::days(21);
/// Days before a meeting that reminders go out.
pub const REMIND_DAYS: [i64; 2] = [7, 1];
/// Days before a due date that milestone reminders go out.
pub const MILESTONE_AHEAD_DAYS: i64 = 3;

/// One email the planner wants to exist.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Its idempotency key.
    pub key: String,
    /// The recipient's address.
    pub to: String,
    /// The recipient's account.
    pub user_id: i32,
    /// Their language.
    pub language: Language,
    /// What it says.
    pub message: EmailMessage,
}

fn planned(key: String, person: &user::Model, message: EmailMessage) -> Planned {
    Planned {
        key,
        to: person.email.clone(),
        user_id: person.id,
        language: Language::parse(&person.language).unwrap_or_default(),
        message,
    }
}

async fn meetings(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    people: &[user::Model],
) -> Result<Vec<Planned>> {
    let mut out = Vec::new();
    let cities = city::Entity::find().all(db).await?;
    let all_series = series::Entity::find().all(db).await?;
    let soon = occurrence::Entity::find()
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(occurrence::Column::StartsAt.lte(now + INVITE_AHEAD))
        .all(db)
        .await?;
    for o in soon {
        let zone = cities
            .iter()
            .find(|c| c.id == o.city_id)
            .and_then(|c| time_zone::parse(&c.time_zone).ok())
            .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
        let when = o
            .starts_at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let place = if o.place_address.is_empty() {
            o.online_url.clone().unwrap_or_default()
        } else {
            o.place_address.clone()
        };
        let audiences = o
            .series_id
            .and_then(|s| all_series.iter().find(|x| x.id == s))
            .map(|s| Skill::parse_list(&s.audiences))
            .unwrap_or_default();
        let invited: Vec<&user::Model> = people
            .iter()
            .filter(|p| p.city_id == Some(o.city_id))
            .filter(|p| {
                let skills = Skill::parse_list(&p.skills);
                audiences.is_empty()
                    || audiences.len() == Skill::ALL.len()
                    || skills.is_empty()
                    || skills.iter().any(|s| audiences.contains(s))
            })
            .collect();
        let answers = rsvp::Entity::find()
            .filter(rsvp::Column::OccurrenceId.eq(o.id))
            .all(db)
            .await?;
        let cancelled = o.status == crate::meetup::Status::Cancelled.code();
        let left = o.starts_at - now;
        if !cancelled {
            // Invitations and the nudge ask for an answer: whoever gave
            // one (even before the invitation window) is not asked again.
            for p in invited
                .iter()
                .filter(|p| !answers.iter().any(|a| a.user_id == p.id))
            {
                out.push(planned(
                    format!("meetup_invitation:{}:{}", o.id, p.id),
                    p,
                    EmailMessage::MeetupInvitation {
                        title: o.title.clone(),
                        when: when.clone(),
                        place: place.clone(),
                        meetup_id: o.id,
                        event: Some(CalendarEntry {
                            starts_at: o.starts_at,
                            ends_at: o.ends_at,
                            sequence: o.sequence,
                        }),
                    },
                ));
                if left <= Duration::days(7) {
                    out.push(planned(
                        format!("meetup_nudge:{}:{}", o.id, p.id),
                        p,
                        EmailMessage::MeetupNudge {
                            title: o.title.clone(),
                            when: when.clone(),
                            meetup_id: o.id,
                        },
                    ));
                }
            }
            for days in REMIND_DAYS {
                // Each reminder once, in its own window (7 d: until 1 d before).
                let next = REMIND_DAYS.iter().copied().find(|d| *d < days).unwrap_or(0);
                if left > Duration::days(days) || left <= Duration::days(next) {
                    continue;
                }
                for a in answers
                    .iter()
                    .filter(|a| a.answer == Answer::Yes.code() || a.answer == Answer::Maybe.code())
                {
                    if let Some(p) = people.iter().find(|p| p.id == a.user_id) {
                        out.push(planned(
                            format!("meetup_reminder:{days}d:{}:{}", o.id, p.id),
                            p,
                            EmailMessage::MeetupReminder {
                                title: o.title.clone(),
                                when: when.clone(),
                                place: place.clone(),
                                meetup_id: o.id,
                                days: i32::try_from(days).unwrap_or(7),
                            },
                        ));
                    }
                }
            }
        }
        if o.sequence > 0 {
            for a in answers.iter().filter(|a| a.answer != Answer::No.code()) {
                if let Some(p) = people.iter().find(|p| p.id == a.user_id) {
                    out.push(planned(
                        format!("meetup_changed:{}:{}:{}", o.id, o.sequence, p.id),
                        p,
                        EmailMessage::MeetupChanged {
                            title: o.title.clone(),
                            when: when.clone(),
                            cancelled,
                            meetup_id: o.id,
                        },
                    ));
                }
            }
        }
    }
    Ok(out)
}

async fn milestones(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    people: &[user::Model],
) -> Result<Vec<Planned>> {
    let mut out = Vec::new();
    let projects = project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let cities = city::Entity::find().all(db).await?;
    let ids: Vec<i32> = projects.iter().map(|p| p.id).collect();
    let all = milestone::of_projects(db, &ids).await?;
    for p in &projects {
        let zone = cities
            .iter()
            .find(|c| c.id == p.city_id)
            .and_then(|c| time_zone::parse(&c.time_zone).ok())
            .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
        let today = today_in(zone, now);
        let team = crate::project::team(db, p.id).await?;
        for m in all.iter().filter(|m| m.project_id == p.id) {
            let (kind, overdue) = if m.is_late(today) {
                ("overdue", true)
            } else if m.is_due_within(today, MILESTONE_AHEAD_DAYS) {
                ("soon", false)
            } else {
                continue;
            };
            for member in &team {
                if let Some(person) = people.iter().find(|x| x.id == member.user_id) {
                    out.push(planned(
                        format!("milestone_{kind}:{}:{}:{}", m.id, m.due_on, person.id),
                        person,
                        EmailMessage::MilestoneDue {
                            project: p.title.clone(),
                            slug: p.slug.clone(),
                            milestone: m.title.clone(),
                            due_on: m.due_on.to_string(),
                            overdue,
                        },
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Review reminders to mentors, from the cadence rule in `review`: one when
/// a review becomes due, one more when it becomes overdue, per review cycle.
async fn reviews(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    people: &[user::Model],
) -> Result<Vec<Planned>> {
    use crate::entities::{edition, mentor_assignment, review as review_row};
    use crate::review::{DEFAULT_CADENCE_DAYS, DueState, due_state};
    let mut out = Vec::new();
    let assignments = mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .all(db)
        .await?;
    let editions = edition::Entity::find().all(db).await?;
    for a in assignments {
        let Some(p) = project::Entity::find_by_id(a.project_id)
            .one(db)
            .await?
            .filter(|p| p.archived_at.is_none())
        else {
            continue;
        };
        let last = review_row::Entity::find()
            .filter(review_row::Column::ProjectId.eq(p.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.created_at)
            .max();
        let request = crate::review::open_requests(db, &[p.id])
            .await?
            .into_iter()
            .next();
        let cadence = editions
            .iter()
            .find(|e| e.id == p.edition_id)
            .map_or(DEFAULT_CADENCE_DAYS, |e| e.review_cadence_days);
        let since = last.unwrap_or(a.started_at);
        let state = due_state(
            last,
            a.started_at,
            request.as_ref().map(|r| r.created_at),
            Duration::days(i64::from(cadence)),
            now,
        );
        let Some(mentor) = people.iter().find(|u| u.id == a.mentor_id) else {
            continue;
        };
        let overdue = match state {
            DueState::NotDue => continue,
            DueState::Due => false,
            DueState::Overdue => true,
        };
        out.push(planned(
            format!(
                "review_{}:{}:{}:{}",
                state.code(),
                p.id,
                mentor.id,
                since.timestamp()
            ),
            mentor,
            EmailMessage::ReviewDue {
                project: p.title.clone(),
                slug: p.slug.clone(),
                overdue,
                question: request.map(|r| r.question),
            },
        ));
    }
    Ok(out)
}

/// One nudge to the team when a project goes quiet, per quiet spell.
async fn quiet(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    people: &[user::Model],
) -> Result<Vec<Planned>> {
    let mut out = Vec::new();
    for p in project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        if !crate::project::is_quiet(&p, now) {
            continue;
        }
        let since = p.last_public_update_at.unwrap_or(p.created_at);
        for member in crate::project::team(db, p.id).await? {
            if let Some(person) = people.iter().find(|x| x.id == member.user_id) {
                out.push(planned(
                    format!("quiet:{}:{}:{}", p.id, since.timestamp(), person.id),
                    person,
                    EmailMessage::QuietProject {
                        project: p.title.clone(),
                        slug: p.slug.clone(),
                    },
                ));
            }
        }
    }
    Ok(out)
}

/// Everything that should be queued at `now`, including what already is.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Planned>> {
    let people = user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?;
    let mut all = meetings(db, now, &people).await?;
    all.extend(milestones(db, now, &people).await?);
    all.extend(reviews(db, now, &people).await?);
    all.extend(quiet(db, now, &people).await?);
    Ok(all)
}

/// What `plan` would queue at `now` that is not queued yet (the dry run).
pub async fn preview(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Planned>> {
    let mut fresh = Vec::new();
    for p in due(db, now).await? {
        let exists = crate::entities::email_outbox::Entity::find()
            .filter(crate::entities::email_outbox::Column::IdempotencyKey.eq(p.key.clone()))
            .one(db)
            .await?
            .is_some();
        let wanted = match crate::email_preference::Category::of(&p.message) {
            Some(c) => crate::email_preference::wants(db, p.user_id, c).await?,
            None => true,
        };
        if !exists && wanted {
            fresh.push(p);
        }
    }
    Ok(fresh)
}

/// Queues everything due at `now`; returns how many emails were new.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let mut queued = 0;
    for p in due(&ctx.db, now).await? {
        let new = outbox::enqueue(
            &ctx.db,
            NewEmail {
                idempotency_key: p.key,
                to: &p.to,
                user_id: Some(p.user_id),
                language: p.language,
                message: &p.message,
            },
            now,
        )
        .await?;
        if new {
            queued += 1;
        }
    }
    Ok(queued)
}

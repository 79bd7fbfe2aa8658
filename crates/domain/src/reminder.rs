//! Planning the emails that time brings: meeting invitations (three weeks
//! ahead, or at once for a meeting added later) to members who have not
//! answered yet, reminders 7 days and 1 day before to those who answered
//! yes or maybe, one nudge a week before to invited members who have not
//! answered, milestone reminders (due within 3 days, then overdue), review
//! reminders to mentors and a nudge to teams whose project went quiet.
//! Notices of a meeting moved or cancelled are not planned here: the
//! action queues them (`meetup::cancel`, `meetup::reschedule`).
//!
//! Planning is safe to run as often as one likes, on several instances at
//! once: each email has an idempotency key naming its occasion, and the
//! outbox keeps one row per key, so a run cut short and started again
//! queues nothing twice.
//!
//! It has to stay cheap at 100,000 members: members, answers and projects
//! are read a page at a time with grouped queries (never one per member or
//! meeting), and each page is queued with `outbox::enqueue_many`, so the
//! number of statements grows with the pages, not with the emails.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::{CalendarEntry, Day, EmailMessage, Moment};
use crate::entities::{
    city, edition, meetup_occurrence as occurrence, meetup_series as series, mentor_assignment,
    milestone as milestone_row, project, project_member, review as review_row, rsvp, user,
};
use crate::error::Result;
use crate::language::Language;
use crate::milestone::{self, today_in};
use crate::outbox::{self, NewEmail};
use crate::rsvp::Answer;
use crate::skill::Skill;
use crate::time_zone;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// How long before a meeting its invitations go out.
pub const INVITE_AHEAD: Duration = Duration::days(21);
/// Days before a meeting that reminders go out.
pub const REMIND_DAYS: [i64; 2] = [7, 1];
/// Days before a due date that milestone reminders go out.
pub const MILESTONE_AHEAD_DAYS: i64 = 3;
/// Members or answers read per query.
const PAGE: u64 = 2000;
/// Projects read per query (each brings its milestones, team and mentors).
const PROJECT_PAGE: u64 = 500;

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

impl Planned {
    /// The outbox row it asks for.
    pub fn email(&self) -> NewEmail<'_> {
        NewEmail {
            idempotency_key: self.key.clone(),
            to: &self.to,
            user_id: Some(self.user_id),
            language: self.language,
            message: &self.message,
        }
    }
}

/// Where planned emails go, a page at a time.
enum Sink<'a, C> {
    /// Queued; counts the new ones.
    Queue(&'a C, DateTime<Utc>, usize),
    /// Kept when not queued yet and wanted (the dry run).
    Fresh(&'a C, Vec<Planned>),
    /// Kept, all of them.
    Collect(Vec<Planned>),
}

impl<C: ConnectionTrait> Sink<'_, C> {
    /// Takes one page of planned emails.
    async fn take(&mut self, page: Vec<Planned>) -> Result<()> {
        if page.is_empty() {
            return Ok(());
        }
        match self {
            Sink::Queue(db, now, queued) => {
                // No transaction: each statement stands alone (an email is
                // its own row), and on SQLite a transaction that reads
                // before writing fails at once when another writer got in
                // between, instead of waiting its turn.
                let emails: Vec<NewEmail<'_>> = page.iter().map(Planned::email).collect();
                *queued += outbox::enqueue_many(*db, &emails, *now).await?;
            }
            Sink::Fresh(db, fresh) => {
                let emails: Vec<NewEmail<'_>> = page.iter().map(Planned::email).collect();
                let wanted = outbox::would_queue(*db, &emails).await?;
                drop(emails);
                fresh.extend(
                    page.into_iter()
                        .zip(wanted)
                        .filter_map(|(p, w)| w.then_some(p)),
                );
            }
            Sink::Collect(all) => all.extend(page),
        }
        Ok(())
    }
}

fn planned(key: String, person: &user::Model, message: EmailMessage) -> Planned {
    Planned {
        key,
        to: person.email.clone(),
        user_id: person.id,
        language: person.language,
        message,
    }
}

fn zone_of(cities: &HashMap<i32, city::Model>, city_id: i32) -> Tz {
    cities
        .get(&city_id)
        .and_then(|c| time_zone::parse(&c.time_zone).ok())
        .unwrap_or(time_zone::DEFAULT_TIME_ZONE)
}

/// A meeting within the invitation window, with what its emails say.
struct Meeting {
    row: occurrence::Model,
    when: Moment,
    place: String,
    audiences: Vec<Skill>,
    cancelled: bool,
}

impl Meeting {
    /// Whether a member with `skills` is invited: everyone, unless the
    /// series names some audiences and the member's skills miss them all.
    fn invites(&self, skills: &[Skill]) -> bool {
        self.audiences.is_empty()
            || self.audiences.len() == Skill::ALL.len()
            || skills.is_empty()
            || skills.iter().any(|s| self.audiences.contains(s))
    }

    /// The reminder due at `now`, if any: each once, in its own window
    /// (the 7-day one until a day before).
    fn reminder_days(&self, now: DateTime<Utc>) -> Option<i64> {
        let left = self.row.starts_at - now;
        REMIND_DAYS.into_iter().find(|days| {
            let next = REMIND_DAYS.iter().copied().find(|d| d < days).unwrap_or(0);
            left <= Duration::days(*days) && left > Duration::days(next)
        })
    }

    fn invitation(&self, p: &user::Model) -> Planned {
        let o = &self.row;
        planned(
            EmailKind::MeetupInvitation.key(format!("{}:{}", o.id, p.id)),
            p,
            EmailMessage::MeetupInvitation {
                title: o.title.clone(),
                when: self.when.clone(),
                place: self.place.clone(),
                meetup_id: o.id,
                event: Some(CalendarEntry {
                    starts_at: o.starts_at,
                    ends_at: o.ends_at,
                    sequence: o.sequence,
                }),
            },
        )
    }

    fn nudge(&self, p: &user::Model) -> Planned {
        planned(
            EmailKind::MeetupNudge.key(format!("{}:{}", self.row.id, p.id)),
            p,
            EmailMessage::MeetupNudge {
                title: self.row.title.clone(),
                when: self.when.clone(),
                meetup_id: self.row.id,
            },
        )
    }

    fn reminder(&self, p: &user::Model, days: i64) -> Planned {
        planned(
            EmailKind::MeetupReminder.key(format!("{days}d:{}:{}", self.row.id, p.id)),
            p,
            EmailMessage::MeetupReminder {
                title: self.row.title.clone(),
                when: self.when.clone(),
                place: self.place.clone(),
                meetup_id: self.row.id,
                days: i32::try_from(days).unwrap_or(7),
            },
        )
    }
}

/// The meetings starting within the invitation window.
async fn soon(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Meeting>> {
    let rows = occurrence::Entity::find()
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(occurrence::Column::StartsAt.lte(now + INVITE_AHEAD))
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let cities: HashMap<i32, city::Model> = city::Entity::find()
        .filter(city::Column::Id.is_in(rows.iter().map(|o| o.city_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let series: HashMap<i32, series::Model> = series::Entity::find()
        .filter(
            series::Column::Id.is_in(rows.iter().filter_map(|o| o.series_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    rows.into_iter()
        .map(|o| {
            let when = Moment::new(
                o.starts_at,
                zone_of(&cities, o.city_id),
                cities.get(&o.city_id).map_or("", |c| c.name.as_str()),
            );
            let place = if o.place_address.is_empty() {
                o.online_url.clone().unwrap_or_default()
            } else {
                o.place_address.clone()
            };
            let audiences = o
                .series_id
                .and_then(|s| series.get(&s))
                .map(|s| Skill::parse_list(&s.audiences))
                .transpose()?
                .unwrap_or_default();
            let cancelled = o.status == crate::meetup::Status::Cancelled;
            Ok(Meeting {
                row: o,
                when,
                place,
                audiences,
                cancelled,
            })
        })
        .collect()
}

/// Invitations and nudges: the members of the meetings' cities a page at
/// a time, with their answers to these meetings read once per page.
async fn invitations(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    meetings: &[Meeting],
    sink: &mut Sink<'_, impl ConnectionTrait>,
) -> Result<()> {
    let open: Vec<&Meeting> = meetings.iter().filter(|m| !m.cancelled).collect();
    let mut by_city: HashMap<i32, Vec<&Meeting>> = HashMap::new();
    for m in &open {
        by_city.entry(m.row.city_id).or_default().push(m);
    }
    if by_city.is_empty() {
        return Ok(());
    }
    let city_ids: Vec<i32> = by_city.keys().copied().collect();
    let meeting_ids: Vec<i32> = open.iter().map(|m| m.row.id).collect();
    let mut after = 0;
    loop {
        let page = user::Entity::find()
            .filter(user::Column::IsActive.eq(true))
            .filter(user::Column::CityId.is_in(city_ids.clone()))
            .filter(user::Column::Id.gt(after))
            .order_by_asc(user::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        let answered: HashSet<(i32, i32)> = rsvp::Entity::find()
            .select_only()
            .columns([rsvp::Column::OccurrenceId, rsvp::Column::UserId])
            .filter(rsvp::Column::OccurrenceId.is_in(meeting_ids.clone()))
            .filter(rsvp::Column::UserId.is_in(page.iter().map(|p| p.id).collect::<Vec<_>>()))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut out = Vec::new();
        for p in &page {
            let Some(here) = p.city_id.and_then(|c| by_city.get(&c)) else {
                continue;
            };
            let skills = Skill::parse_list(&p.skills)?;
            // Invitations and the nudge ask for an answer: whoever gave
            // one (even before the invitation window) is not asked again.
            for m in here
                .iter()
                .filter(|m| m.invites(&skills) && !answered.contains(&(m.row.id, p.id)))
            {
                out.push(m.invitation(p));
                if m.row.starts_at - now <= Duration::days(7) {
                    out.push(m.nudge(p));
                }
            }
        }
        sink.take(out).await?;
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(())
}

/// Reminders to those who answered yes or maybe: the answers of the
/// meetings concerned, a page at a time.
async fn answers(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    meetings: &[Meeting],
    sink: &mut Sink<'_, impl ConnectionTrait>,
) -> Result<()> {
    let concerned: HashMap<i32, &Meeting> = meetings
        .iter()
        .filter(|m| !m.cancelled && m.reminder_days(now).is_some())
        .map(|m| (m.row.id, m))
        .collect();
    if concerned.is_empty() {
        return Ok(());
    }
    let ids: Vec<i32> = concerned.keys().copied().collect();
    // Keyset over the primary key (occurrence, member).
    let mut after: (i32, i32) = (0, 0);
    loop {
        let page = rsvp::Entity::find()
            .filter(rsvp::Column::OccurrenceId.is_in(ids.clone()))
            .filter(rsvp::Column::Answer.ne(Answer::No))
            .filter(
                Condition::any()
                    .add(rsvp::Column::OccurrenceId.gt(after.0))
                    .add(
                        Condition::all()
                            .add(rsvp::Column::OccurrenceId.eq(after.0))
                            .add(rsvp::Column::UserId.gt(after.1)),
                    ),
            )
            .order_by_asc(rsvp::Column::OccurrenceId)
            .order_by_asc(rsvp::Column::UserId)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = (last.occurrence_id, last.user_id);
        let people: HashMap<i32, user::Model> = user::Entity::find()
            .filter(user::Column::IsActive.eq(true))
            .filter(user::Column::Id.is_in(page.iter().map(|a| a.user_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let mut out = Vec::new();
        for a in &page {
            let (Some(m), Some(p)) = (concerned.get(&a.occurrence_id), people.get(&a.user_id))
            else {
                continue;
            };
            let coming = a.answer == Answer::Yes || a.answer == Answer::Maybe;
            if let Some(days) = m.reminder_days(now).filter(|_| coming && !m.cancelled) {
                out.push(m.reminder(p, days));
            }
        }
        sink.take(out).await?;
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(())
}

/// Milestone, review and quiet-project reminders: live projects a page at
/// a time, each page's milestones, teams, mentors and reviews read with
/// one query each.
async fn projects(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    sink: &mut Sink<'_, impl ConnectionTrait>,
) -> Result<()> {
    use crate::review::{DEFAULT_CADENCE_DAYS, DueState, due_state};
    let cities: HashMap<i32, city::Model> = city::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let cadences: HashMap<i32, i32> = edition::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.review_cadence_days))
        .collect();
    let unfinished = [
        milestone::Status::Planned.code(),
        milestone::Status::InProgress.code(),
    ];
    let mut after = 0;
    loop {
        let page = project::Entity::find()
            .filter(project::Column::ArchivedAt.is_null())
            .filter(project::Column::Id.gt(after))
            .order_by_asc(project::Column::Id)
            .limit(PROJECT_PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        let ids: Vec<i32> = page.iter().map(|p| p.id).collect();
        let milestones = milestone_row::Entity::find()
            .filter(milestone_row::Column::ProjectId.is_in(ids.clone()))
            .filter(milestone_row::Column::Status.is_in(unfinished))
            .all(db)
            .await?;
        let members = project_member::Entity::find()
            .filter(project_member::Column::ProjectId.is_in(ids.clone()))
            .all(db)
            .await?;
        let assignments = mentor_assignment::Entity::find()
            .filter(mentor_assignment::Column::ProjectId.is_in(ids.clone()))
            .filter(mentor_assignment::Column::EndedAt.is_null())
            .all(db)
            .await?;
        let mentored: Vec<i32> = assignments.iter().map(|a| a.project_id).collect();
        let mut last_review: HashMap<i32, DateTime<Utc>> = HashMap::new();
        let reviewed: Vec<(i32, DateTime<Utc>)> = review_row::Entity::find()
            .select_only()
            .columns([review_row::Column::ProjectId, review_row::Column::CreatedAt])
            .filter(review_row::Column::ProjectId.is_in(mentored.clone()))
            .into_tuple()
            .all(db)
            .await?;
        for (project_id, at) in reviewed {
            let latest = last_review.entry(project_id).or_insert(at);
            *latest = (*latest).max(at);
        }
        let mut requests: HashMap<i32, crate::review::Request> = HashMap::new();
        for r in crate::review::open_requests(db, &mentored).await? {
            // Oldest first: the first open request of a project is its own.
            requests.entry(r.project_id).or_insert(r);
        }
        let people: HashMap<i32, user::Model> = user::Entity::find()
            .filter(user::Column::IsActive.eq(true))
            .filter(
                user::Column::Id.is_in(
                    members
                        .iter()
                        .map(|m| m.user_id)
                        .chain(assignments.iter().map(|a| a.mentor_id))
                        .collect::<Vec<_>>(),
                ),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let team = |project_id: i32| {
            members
                .iter()
                .filter(move |m| m.project_id == project_id)
                .filter_map(|m| people.get(&m.user_id))
        };
        let mut out = Vec::new();
        for p in &page {
            let today = today_in(zone_of(&cities, p.city_id), now);
            for m in milestones.iter().filter(|m| m.project_id == p.id) {
                let m = milestone::Milestone::from(m.clone());
                let (kind, overdue) = if m.is_late(today) {
                    ("overdue", true)
                } else if m.is_due_within(today, MILESTONE_AHEAD_DAYS) {
                    ("soon", false)
                } else {
                    continue;
                };
                for person in team(p.id) {
                    out.push(planned(
                        format!("milestone_{kind}:{}:{}:{}", m.id, m.due_on, person.id),
                        person,
                        EmailMessage::MilestoneDue {
                            project: p.title.clone(),
                            slug: p.slug.clone(),
                            milestone: m.title.clone(),
                            due_on: Day::On(m.due_on),
                            overdue,
                        },
                    ));
                }
            }
            // One reminder when a review becomes due, one more when it
            // becomes overdue, per review cycle.
            for a in assignments.iter().filter(|a| a.project_id == p.id) {
                let Some(mentor) = people.get(&a.mentor_id) else {
                    continue;
                };
                let last = last_review.get(&p.id).copied();
                let request = requests.get(&p.id);
                let cadence = cadences
                    .get(&p.edition_id)
                    .copied()
                    .unwrap_or(DEFAULT_CADENCE_DAYS);
                let state = due_state(
                    last,
                    a.started_at,
                    request.map(|r| r.created_at),
                    Duration::days(i64::from(cadence)),
                    now,
                );
                let overdue = match state {
                    DueState::NotDue => continue,
                    DueState::Due => false,
                    DueState::Overdue => true,
                };
                let since = last.unwrap_or(a.started_at);
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
                        question: request.map(|r| r.question.clone()),
                    },
                ));
            }
            // One nudge to the team per quiet spell.
            if crate::project::is_quiet(p, now) {
                let since = p.last_public_update_at.unwrap_or(p.created_at);
                for person in team(p.id) {
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
        sink.take(out).await?;
        if page.len() < usize::try_from(PROJECT_PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(())
}

/// Hands everything that should be queued at `now` (including what already
/// is) to `sink`, a page at a time.
async fn each_due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    sink: &mut Sink<'_, C>,
) -> Result<()> {
    let meetings = soon(db, now).await?;
    invitations(db, now, &meetings, sink).await?;
    answers(db, now, &meetings, sink).await?;
    projects(db, now, sink).await
}

/// Everything that should be queued at `now`, including what already is,
/// in one list (for the benchmark).
pub async fn due<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Vec<Planned>> {
    let mut sink = Sink::Collect(Vec::new());
    each_due(db, now, &mut sink).await?;
    Ok(match sink {
        Sink::Collect(all) => all,
        _ => Vec::new(),
    })
}

/// What `plan` would queue at `now` that is not queued yet (the dry run).
pub async fn preview<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Vec<Planned>> {
    let mut sink = Sink::Fresh(db, Vec::new());
    each_due(db, now, &mut sink).await?;
    Ok(match sink {
        Sink::Fresh(_, fresh) => fresh,
        _ => Vec::new(),
    })
}

/// Queues everything due at `now`; returns how many emails were new.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let mut sink = Sink::Queue(&ctx.db, now, 0);
    each_due(&ctx.db, now, &mut sink).await?;
    Ok(match sink {
        Sink::Queue(_, _, queued) => queued,
        _ => 0,
    })
}

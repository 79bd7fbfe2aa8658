//! The digest: each member, at the frequency they choose (none, daily,
//! weekly — the default — or monthly), receives at 08:00 in their time zone
//! what happened in their city and in the projects they work on: new
//! projects, public journal entries, milestones reached, stages changed,
//! and the next meetup.
//!
//! Each digest covers exactly the window since the previous one: the end of
//! that window is kept per member, and moving it forward is the same
//! guarded update that decides which instance sends the digest, so nothing
//! falls between two digests or appears in both.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::{DigestItem, DigestKind, EmailMessage, Moment, Period};
use crate::entities::{
    city, meetup_occurrence as occurrence, milestone as milestone_row, project, project_member,
    project_stage, project_update, user,
};
use crate::error::{DomainError, Result};
use crate::expertise_question::DigestReader;
use crate::meetup_rule::resolve_local;
use crate::outbox::{self, NewEmail};
use crate::role::Actor;
use crate::stage::Stage;
use crate::time_zone;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::collections::{BTreeSet, HashMap, HashSet};

crate::stored_code! {
    /// How often a member gets the digest.
    #[derive(Default)]
    pub enum Frequency ("digest frequency", "error-choice-invalid") {
        /// Never.
        None = "none",
        /// Every morning.
        Daily = "daily",
        /// Monday mornings.
        #[default]
        Weekly = "weekly",
        /// The first of the month.
        Monthly = "monthly",
    }
}

/// The hour digests go out, in the member's time zone.
pub fn send_time() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
}

/// The local date of the latest digest slot at or before `now`.
fn slot_date(frequency: Frequency, zone: Tz, now: DateTime<Utc>) -> Option<NaiveDate> {
    let local = now.with_timezone(&zone);
    let mut date = local.date_naive();
    if local.time() < send_time() {
        date = date.pred_opt()?;
    }
    match frequency {
        Frequency::None => None,
        Frequency::Daily => Some(date),
        Frequency::Weekly => {
            let back = date.weekday().days_since(Weekday::Mon);
            date.checked_sub_days(Days::new(u64::from(back)))
        }
        Frequency::Monthly => date.with_day(1),
    }
}

/// The latest digest slot at or before `now`, as an instant.
pub fn last_slot(frequency: Frequency, zone: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    slot_date(frequency, zone, now).map(|d| resolve_local(zone, d.and_time(send_time())))
}

/// The slot before `slot` (the window's start for a first digest).
pub fn previous_slot(frequency: Frequency, zone: Tz, slot: DateTime<Utc>) -> DateTime<Utc> {
    let date = slot.with_timezone(&zone).date_naive();
    let before = match frequency {
        Frequency::Daily | Frequency::None => date.checked_sub_days(Days::new(1)),
        Frequency::Weekly => date.checked_sub_days(Days::new(7)),
        Frequency::Monthly => date.checked_sub_months(Months::new(1)),
    };
    before.map_or(slot, |d| resolve_local(zone, d.and_time(send_time())))
}

/// Saves the actor's digest frequency.
pub async fn set_frequency(ctx: &Context, actor: &Actor, frequency: Frequency) -> Result<()> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    user::Entity::update_many()
        .col_expr(user::Column::DigestFrequency, Expr::value(frequency.code()))
        .filter(user::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The actor's digest frequency.
pub async fn frequency(db: &impl ConnectionTrait, actor: &Actor) -> Result<Frequency> {
    let id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|u| u.digest_frequency)
        .unwrap_or_default())
}

/// About how much of an update's Markdown a digest shows.
const UPDATE_CHARS: usize = 600;

/// The opening of some Markdown: whole paragraphs up to `max` characters
/// (the first cut at a word when it alone is longer), then "…" if anything
/// was left out, so that a cut never leaves half a list or an open `**`.
fn opening(markdown: &str, max: usize) -> String {
    let markdown = markdown.trim();
    if markdown.chars().count() <= max {
        return markdown.to_owned();
    }
    let mut kept = String::new();
    for paragraph in markdown.split("\n\n") {
        if kept.chars().count() + paragraph.chars().count() + 2 > max {
            break;
        }
        if !kept.is_empty() {
            kept.push_str("\n\n");
        }
        kept.push_str(paragraph);
    }
    if kept.is_empty() {
        let cut: String = markdown.chars().take(max).collect();
        let cut = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
        return format!("{}…", cut.trim_end());
    }
    format!("{kept}\n\n…")
}

/// Members read per query while planning.
const PAGE: u64 = 500;

/// A member whose digest window has closed: who, in which zone, and the
/// window `[from, slot)` it covers.
struct Due {
    person: user::Model,
    zone: Tz,
    from: DateTime<Utc>,
    slot: DateTime<Utc>,
}

/// What happened in each member's window, for a page of members: the
/// programme's activity over the page's widest window is read once, with
/// one query per kind of news, then sorted out per member.
async fn contents(
    db: &impl ConnectionTrait,
    due: &[Due],
) -> Result<Vec<(Vec<DigestItem>, Option<occurrence::Model>)>> {
    let (Some(from), Some(until)) = (
        due.iter().map(|d| d.from).min(),
        due.iter().map(|d| d.slot).max(),
    ) else {
        return Ok(Vec::new());
    };
    let ids: Vec<i32> = due.iter().map(|d| d.person.id).collect();
    let followed: HashSet<(i32, i32)> = project_member::Entity::find()
        .select_only()
        .columns([
            project_member::Column::UserId,
            project_member::Column::ProjectId,
        ])
        .filter(project_member::Column::UserId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let created = project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .filter(project::Column::CreatedAt.gte(from))
        .filter(project::Column::CreatedAt.lt(until))
        .all(db)
        .await?;
    let stages = project_stage::Entity::find()
        .filter(project_stage::Column::ReachedAt.gte(from))
        .filter(project_stage::Column::ReachedAt.lt(until))
        .filter(project_stage::Column::Stage.ne(Stage::Idea))
        .all(db)
        .await?;
    let done = milestone_row::Entity::find()
        .filter(milestone_row::Column::Status.eq(crate::milestone::Status::Done))
        .filter(milestone_row::Column::UpdatedAt.gte(from))
        .filter(milestone_row::Column::UpdatedAt.lt(until))
        .all(db)
        .await?;
    let updates = project_update::Entity::find()
        .filter(project_update::Column::IsPublic.eq(true))
        .filter(project_update::Column::CreatedAt.gte(from))
        .filter(project_update::Column::CreatedAt.lt(until))
        .order_by_desc(project_update::Column::CreatedAt)
        .all(db)
        .await?;
    // The projects this news is about (only the live ones count).
    let mut about: HashSet<i32> = stages.iter().map(|s| s.project_id).collect();
    about.extend(done.iter().map(|m| m.project_id));
    about.extend(updates.iter().map(|u| u.project_id));
    let mut projects: HashMap<i32, project::Model> = project::Entity::find()
        .filter(project::Column::ArchivedAt.is_null())
        .filter(project::Column::Id.is_in(about.into_iter().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    projects.extend(created.iter().map(|p| (p.id, p.clone())));
    let readers: Vec<DigestReader> = due
        .iter()
        .map(|d| DigestReader {
            user_id: d.person.id,
            from: d.from,
            until: d.slot,
        })
        .collect();
    let questions = crate::expertise_question::digest_items(db, &readers).await?;
    let next_meetups = next_meetups(db, due).await?;
    let mut out = Vec::with_capacity(due.len());
    for (d, questions) in due.iter().zip(questions) {
        let person = &d.person;
        // The member's scope: the projects they work on, and the public
        // ones of their city.
        let sees = |id: i32| {
            projects.get(&id).filter(|p| {
                followed.contains(&(person.id, p.id))
                    || (p.is_public && Some(p.city_id) == person.city_id)
            })
        };
        let within = |at: DateTime<Utc>| at >= d.from && at < d.slot;
        let mut items = Vec::new();
        for p in created
            .iter()
            .filter(|p| within(p.created_at))
            .filter_map(|p| sees(p.id))
        {
            items.push(DigestItem {
                kind: DigestKind::NewProject,
                project: p.title.clone(),
                text: p.pitch.clone(),
                path: format!("/projects/{}", p.slug),
            });
        }
        for (s, p) in stages
            .iter()
            .filter(|s| within(s.reached_at))
            .filter_map(|s| Some((s, sees(s.project_id)?)))
        {
            items.push(DigestItem {
                kind: DigestKind::Stage,
                project: p.title.clone(),
                text: s.stage.code().to_owned(),
                path: format!("/projects/{}", p.slug),
            });
        }
        for (m, p) in done
            .iter()
            .filter(|m| within(m.updated_at))
            .filter_map(|m| Some((m, sees(m.project_id)?)))
        {
            items.push(DigestItem {
                kind: DigestKind::Milestone,
                project: p.title.clone(),
                text: m.title.clone(),
                path: format!("/projects/{}", p.slug),
            });
        }
        for (u, p) in updates
            .iter()
            .filter(|u| within(u.created_at))
            .filter_map(|u| Some((u, sees(u.project_id)?)))
            .take(20)
        {
            items.push(DigestItem {
                kind: DigestKind::Update,
                project: p.title.clone(),
                text: opening(&u.body, UPDATE_CHARS),
                path: format!("/projects/{}#update-{}", p.slug, u.id),
            });
        }
        // Mise en relation: expertise questions that fit the member's offer.
        items.extend(questions);
        let next = person
            .city_id
            .and_then(|c| next_meetups.get(&(d.slot, c)))
            .cloned();
        out.push((items, next));
    }
    Ok(out)
}

/// The first scheduled meeting after each slot of `due`, per city:
/// `(slot, city) -> meeting`. One grouped query per distinct slot (a page
/// has a few: frequencies times zones), then one for the meetings.
async fn next_meetups(
    db: &impl ConnectionTrait,
    due: &[Due],
) -> Result<HashMap<(DateTime<Utc>, i32), occurrence::Model>> {
    let cities: Vec<i32> = due
        .iter()
        .filter_map(|d| d.person.city_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let slots: BTreeSet<DateTime<Utc>> = due.iter().map(|d| d.slot).collect();
    if cities.is_empty() {
        return Ok(HashMap::new());
    }
    let mut first: Vec<(DateTime<Utc>, i32, DateTime<Utc>)> = Vec::new();
    for slot in slots {
        let rows: Vec<(i32, DateTime<Utc>)> = occurrence::Entity::find()
            .select_only()
            .column(occurrence::Column::CityId)
            .column_as(Expr::col(occurrence::Column::StartsAt).min(), "first")
            .filter(occurrence::Column::CityId.is_in(cities.clone()))
            .filter(occurrence::Column::Status.eq(crate::meetup::Status::Scheduled))
            .filter(occurrence::Column::StartsAt.gt(slot))
            .group_by(occurrence::Column::CityId)
            .into_tuple()
            .all(db)
            .await?;
        first.extend(rows.into_iter().map(|(city, at)| (slot, city, at)));
    }
    if first.is_empty() {
        return Ok(HashMap::new());
    }
    let mut which = Condition::any();
    for (city, at) in first
        .iter()
        .map(|(_, city, at)| (*city, *at))
        .collect::<BTreeSet<_>>()
    {
        which = which.add(
            Condition::all()
                .add(occurrence::Column::CityId.eq(city))
                .add(occurrence::Column::StartsAt.eq(at)),
        );
    }
    let meetings = occurrence::Entity::find()
        .filter(which)
        .filter(occurrence::Column::Status.eq(crate::meetup::Status::Scheduled))
        .order_by_asc(occurrence::Column::Id)
        .all(db)
        .await?;
    Ok(first
        .into_iter()
        .filter_map(|(slot, city, at)| {
            let m = meetings
                .iter()
                .find(|m| m.city_id == city && m.starts_at == at)?;
            Some(((slot, city), m.clone()))
        })
        .collect())
}

/// Sends every digest whose slot has come at `now`; returns how many were
/// queued. Safe to run anywhere, any number of times. Members are read a
/// page at a time and each page is sent with a handful of statements.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let cities: HashMap<i32, city::Model> = city::Entity::find()
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut queued = 0;
    let mut after = 0;
    loop {
        let page = user::Entity::find()
            .filter(user::Column::IsActive.eq(true))
            .filter(user::Column::DigestFrequency.ne(Frequency::None))
            .filter(user::Column::Id.gt(after))
            .order_by_asc(user::Column::Id)
            .limit(PAGE)
            .all(&ctx.db)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        let full = page.len() == usize::try_from(PAGE).unwrap_or(usize::MAX);
        let due: Vec<Due> = page
            .into_iter()
            .filter_map(|person| {
                let frequency = person.digest_frequency;
                let zone = person
                    .time_zone
                    .as_deref()
                    .and_then(|z| time_zone::parse(z).ok())
                    .or_else(|| {
                        person
                            .city_id
                            .and_then(|c| cities.get(&c))
                            .and_then(|c| time_zone::parse(&c.time_zone).ok())
                    })
                    .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
                let slot = last_slot(frequency, zone, now)?;
                let from = person
                    .digest_sent_until
                    .unwrap_or_else(|| previous_slot(frequency, zone, slot));
                (from < slot).then_some(Due {
                    person,
                    zone,
                    from,
                    slot,
                })
            })
            .collect();
        queued += send(ctx, &due, &cities, now).await?;
        if !full {
            break;
        }
    }
    Ok(queued)
}

/// Moves the windows of a page of members and queues their digests, in
/// one transaction.
async fn send(
    ctx: &Context,
    due: &[Due],
    cities: &HashMap<i32, city::Model>,
    now: DateTime<Utc>,
) -> Result<usize> {
    if due.is_empty() {
        return Ok(0);
    }
    let contents = contents(&ctx.db, due).await?;
    let txn = ctx.db.begin().await?;
    // Moving a window's end is the guarded update that decides which
    // instance sends it; members sharing a slot move together, and the
    // update returns those this instance moved.
    let mut by_slot: HashMap<DateTime<Utc>, Vec<i32>> = HashMap::new();
    for d in due {
        by_slot.entry(d.slot).or_default().push(d.person.id);
    }
    let mut moved = HashSet::new();
    for (slot, ids) in by_slot {
        let mut update = Query::update();
        update
            .table(user::Entity)
            .value(user::Column::DigestSentUntil, slot)
            .and_where(user::Column::Id.is_in(ids))
            .cond_where(
                Condition::any()
                    .add(user::Column::DigestSentUntil.is_null())
                    .add(user::Column::DigestSentUntil.lt(slot)),
            )
            .returning_col(user::Column::Id);
        for row in txn.query_all(&update).await? {
            moved.insert(row.try_get_by_index::<i32>(0)?);
        }
    }
    let mut messages = Vec::new();
    for (d, (items, next)) in due.iter().zip(contents) {
        if items.is_empty() || !moved.contains(&d.person.id) {
            continue;
        }
        let message = EmailMessage::Digest {
            period: Period::Days {
                from: d.from.with_timezone(&d.zone).date_naive(),
                until: d.slot.with_timezone(&d.zone).date_naive(),
            },
            items,
            // On the meeting's city clock, which may not be the reader's.
            next_meetup: next.map(|o| {
                let city = cities.get(&o.city_id);
                let zone = city
                    .and_then(|c| time_zone::parse(&c.time_zone).ok())
                    .unwrap_or(d.zone);
                let when = Moment::new(o.starts_at, zone, city.map_or("", |c| c.name.as_str()));
                (o.title, when, o.id)
            }),
        };
        messages.push((d, message));
    }
    let emails: Vec<NewEmail<'_>> = messages
        .iter()
        .map(|(d, message)| NewEmail {
            idempotency_key: EmailKind::Digest.key(format!(
                "{}:{}",
                d.person.id,
                d.slot.timestamp()
            )),
            to: &d.person.email,
            user_id: Some(d.person.id),
            language: d.person.language,
            message,
        })
        .collect();
    let queued = outbox::enqueue_many(&txn, &emails, now).await?;
    txn.commit().await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn an_update_is_opened_at_paragraphs_never_inside_markup() {
        let short = "## Titre\n\n**Gras** et [lien](https://x.example).";
        assert_eq!(opening(short, 600), short);
        let long = format!("## Titre\n\n- un\n- deux\n\n{}", "mot ".repeat(200));
        assert_eq!(opening(&long, 100), "## Titre\n\n- un\n- deux\n\n…");
        let one = "**gras** ".repeat(100);
        let cut = opening(&one, 50);
        assert!(cut.ends_with('…') && cut.chars().count() <= 51, "{cut}");
        assert!(!cut.contains("**gras* "), "{cut}");
    }

    #[test]
    fn slots_fall_at_eight_in_the_members_zone() {
        let paris: Tz = "Europe/Paris".parse().expect("tz");
        // Wednesday 7 January 2026, 06:59 UTC = 07:59 in Paris: still Tuesday's daily slot.
        assert_eq!(
            last_slot(Frequency::Daily, paris, utc(2026, 1, 7, 6, 59)),
            Some(utc(2026, 1, 6, 7, 0))
        );
        assert_eq!(
            last_slot(Frequency::Daily, paris, utc(2026, 1, 7, 7, 0)),
            Some(utc(2026, 1, 7, 7, 0))
        );
        assert_eq!(
            last_slot(Frequency::Weekly, paris, utc(2026, 1, 7, 12, 0)),
            Some(utc(2026, 1, 5, 7, 0))
        );
        assert_eq!(
            last_slot(Frequency::Monthly, paris, utc(2026, 1, 7, 12, 0)),
            Some(utc(2026, 1, 1, 7, 0))
        );
        // In summer 08:00 in Paris is 06:00 UTC.
        assert_eq!(
            last_slot(Frequency::Monthly, paris, utc(2026, 7, 3, 12, 0)),
            Some(utc(2026, 7, 1, 6, 0))
        );
        let montreal: Tz = "America/Montreal".parse().expect("tz");
        // 12:00 UTC is 07:00 in Montréal: before eight, so the day before.
        assert_eq!(
            last_slot(Frequency::Daily, montreal, utc(2026, 1, 7, 12, 0)),
            Some(utc(2026, 1, 6, 13, 0))
        );
        assert_eq!(
            last_slot(Frequency::None, paris, utc(2026, 1, 7, 12, 0)),
            None
        );
    }

    #[test]
    fn the_previous_slot_is_one_period_back() {
        let paris: Tz = "Europe/Paris".parse().expect("tz");
        let slot = utc(2026, 4, 1, 6, 0);
        assert_eq!(
            previous_slot(Frequency::Monthly, paris, slot),
            utc(2026, 3, 1, 7, 0),
            "winter time in March"
        );
        assert_eq!(
            previous_slot(Frequency::Weekly, paris, utc(2026, 1, 12, 7, 0)),
            utc(2026, 1, 5, 7, 0)
        );
    }
}

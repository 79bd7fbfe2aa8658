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
use crate::email_message::{DigestItem, EmailMessage};
use crate::entities::{
    city, meetup_occurrence as occurrence, milestone as milestone_row, project, project_stage,
    project_update, user,
};
use crate::error::{DomainError, Result};
use crate::language::Language;
use crate::meetup_rule::resolve_local;
use crate::outbox::{self, NewEmail};
use crate::role::Actor;
use crate::time_zone;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

/// How often a member gets the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    /// Never.
    None,
    /// Every morning.
    Daily,
    /// Monday mornings.
    #[default]
    Weekly,
    /// The first of the month.
    Monthly,
}

impl Frequency {
    /// Every frequency.
    pub const ALL: [Frequency; 4] = [
        Frequency::None,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Frequency::None => "none",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> std::result::Result<Self, &'static str> {
        Frequency::ALL
            .into_iter()
            .find(|f| f.code() == code.trim())
            .ok_or("error-choice-invalid")
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
        .and_then(|u| Frequency::parse(&u.digest_frequency).ok())
        .unwrap_or_default())
}

/// What happened in `[from, until)` for `person`.
async fn content(
    db: &impl ConnectionTrait,
    person: &user::Model,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(Vec<DigestItem>, Option<occurrence::Model>)> {
    let followed: Vec<i32> = crate::team::projects_of(db, person.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut scope = Condition::any().add(project::Column::Id.is_in(followed.clone()));
    if let Some(city_id) = person.city_id {
        scope = scope.add(project::Column::CityId.eq(city_id));
    }
    let projects = project::Entity::find()
        .filter(scope)
        .filter(project::Column::ArchivedAt.is_null())
        .filter(
            Condition::any()
                .add(project::Column::IsPublic.eq(true))
                .add(project::Column::Id.is_in(followed)),
        )
        .all(db)
        .await?;
    let ids: Vec<i32> = projects.iter().map(|p| p.id).collect();
    let title_of = |id: i32| {
        projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| (p.title.clone(), p.slug.clone()))
    };
    let mut items = Vec::new();
    for p in projects
        .iter()
        .filter(|p| p.created_at >= from && p.created_at < until)
    {
        items.push(DigestItem {
            kind: "new_project".into(),
            project: p.title.clone(),
            text: p.pitch.clone(),
            path: format!("/projects/{}", p.slug),
        });
    }
    let stages = project_stage::Entity::find()
        .filter(project_stage::Column::ProjectId.is_in(ids.clone()))
        .filter(project_stage::Column::ReachedAt.gte(from))
        .filter(project_stage::Column::ReachedAt.lt(until))
        .filter(project_stage::Column::Stage.ne("idea"))
        .all(db)
        .await?;
    for s in stages {
        if let Some((title, slug)) = title_of(s.project_id) {
            items.push(DigestItem {
                kind: "stage".into(),
                project: title,
                text: s.stage,
                path: format!("/projects/{slug}"),
            });
        }
    }
    let done = milestone_row::Entity::find()
        .filter(milestone_row::Column::ProjectId.is_in(ids.clone()))
        .filter(milestone_row::Column::Status.eq("done"))
        .filter(milestone_row::Column::UpdatedAt.gte(from))
        .filter(milestone_row::Column::UpdatedAt.lt(until))
        .all(db)
        .await?;
    for m in done {
        if let Some((title, slug)) = title_of(m.project_id) {
            items.push(DigestItem {
                kind: "milestone".into(),
                project: title,
                text: m.title,
                path: format!("/projects/{slug}"),
            });
        }
    }
    let updates = project_update::Entity::find()
        .filter(project_update::Column::ProjectId.is_in(ids))
        .filter(project_update::Column::IsPublic.eq(true))
        .filter(project_update::Column::CreatedAt.gte(from))
        .filter(project_update::Column::CreatedAt.lt(until))
        .order_by_desc(project_update::Column::CreatedAt)
        .limit(20)
        .all(db)
        .await?;
    for u in updates {
        if let Some((title, slug)) = title_of(u.project_id) {
            let text: String = u.body.chars().take(200).collect();
            items.push(DigestItem {
                kind: "update".into(),
                project: title,
                text,
                path: format!("/projects/{slug}#update-{}", u.id),
            });
        }
    }
    // Mise en relation: expertise questions that fit the member's offer.
    items.extend(crate::expertise_question::digest_items(db, person, from, until).await?);
    let next = match person.city_id {
        Some(city_id) => {
            occurrence::Entity::find()
                .filter(occurrence::Column::CityId.eq(city_id))
                .filter(occurrence::Column::Status.eq("scheduled"))
                .filter(occurrence::Column::StartsAt.gt(until))
                .order_by_asc(occurrence::Column::StartsAt)
                .one(db)
                .await?
        }
        None => None,
    };
    Ok((items, next))
}

/// Sends every digest whose slot has come at `now`; returns how many were
/// queued. Safe to run anywhere, any number of times.
pub async fn plan(ctx: &Context, now: DateTime<Utc>) -> Result<usize> {
    let cities = city::Entity::find().all(&ctx.db).await?;
    let people = user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::DigestFrequency.ne(Frequency::None.code()))
        .all(&ctx.db)
        .await?;
    let mut queued = 0;
    for person in people {
        let frequency = Frequency::parse(&person.digest_frequency).unwrap_or_default();
        let zone = person
            .time_zone
            .as_deref()
            .and_then(|z| time_zone::parse(z).ok())
            .or_else(|| {
                person
                    .city_id
                    .and_then(|c| cities.iter().find(|x| x.id == c))
                    .and_then(|c| time_zone::parse(&c.time_zone).ok())
            })
            .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
        let Some(slot) = last_slot(frequency, zone, now) else {
            continue;
        };
        let from = person
            .digest_sent_until
            .unwrap_or_else(|| previous_slot(frequency, zone, slot));
        if from >= slot {
            continue;
        }
        let (items, next) = content(&ctx.db, &person, from, slot).await?;
        let txn = ctx.db.begin().await?;
        let moved = user::Entity::update_many()
            .col_expr(user::Column::DigestSentUntil, Expr::value(slot))
            .filter(user::Column::Id.eq(person.id))
            .filter(
                Condition::any()
                    .add(user::Column::DigestSentUntil.is_null())
                    .add(user::Column::DigestSentUntil.lt(slot)),
            )
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            // Another instance took this window.
            continue;
        }
        if !items.is_empty() {
            let message = EmailMessage::Digest {
                period: format!(
                    "{} – {}",
                    from.with_timezone(&zone).format("%Y-%m-%d"),
                    slot.with_timezone(&zone).format("%Y-%m-%d")
                ),
                items,
                next_meetup: next.map(|o| {
                    (
                        o.title,
                        o.starts_at
                            .with_timezone(&zone)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                        o.id,
                    )
                }),
            };
            let new = outbox::enqueue(
                &txn,
                NewEmail {
                    idempotency_key: format!("digest:{}:{}", person.id, slot.timestamp()),
                    to: &person.email,
                    user_id: Some(person.id),
                    language: Language::parse(&person.language).unwrap_or_default(),
                    message: &message,
                },
                now,
            )
            .await?;
            if new {
                queued += 1;
            }
        }
        txn.commit().await?;
    }
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

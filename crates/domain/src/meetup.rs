//! Meetup series and their occurrences: creating a series from its monthly
//! rule, keeping three months of occurrences generated (idempotently: the
//! (series, rule date) pair is unique), and the exceptions coordinators
//! make — moving, cancelling or adding a single meeting — which the rule
//! never undoes.

use crate::context::Context;
use crate::email_message::{CalendarEntry, EmailKind, EmailMessage};
use crate::entities::{meetup_occurrence as occurrence, meetup_series as series, rsvp};
use crate::error::{DomainError, FieldErrors, Result};
use crate::meetup_rule::{DayOfWeek, MonthlyRule, Ordinal};
use crate::role::Actor;
use crate::skill::Skill;
use crate::{city, notify, time_zone, web_link};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

/// How far ahead occurrences are kept generated.
pub const HORIZON: Duration = Duration::days(92);

crate::stored_code! {
    /// Whether an occurrence takes place.
    pub enum Status ("meetup status", "error-choice-invalid") {
        /// It takes place.
        Scheduled = "scheduled",
        /// It was cancelled.
        Cancelled = "cancelled",
    }
}

/// A meeting as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Its id, in its address.
    pub id: i32,
    /// The series it belongs to, if generated from one.
    pub series_id: Option<i32>,
    /// Its city.
    pub city_id: i32,
    /// Title.
    pub title: String,
    /// Description, Markdown.
    pub description: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// Where, if anywhere.
    pub place_address: String,
    /// Where online, if anywhere.
    pub online_url: Option<String>,
    /// Seats.
    pub capacity: i32,
    /// Whether it takes place.
    pub status: Status,
    /// Added or changed by hand (the rule leaves it alone).
    pub manual: bool,
    /// Minutes, Markdown.
    pub minutes: String,
}

impl From<occurrence::Model> for Occurrence {
    fn from(o: occurrence::Model) -> Self {
        Occurrence {
            status: o.status,
            id: o.id,
            series_id: o.series_id,
            city_id: o.city_id,
            title: o.title,
            description: o.description,
            starts_at: o.starts_at,
            ends_at: o.ends_at,
            place_address: o.place_address,
            online_url: o.online_url,
            capacity: o.capacity,
            manual: o.manual,
            minutes: o.minutes,
        }
    }
}

/// A series as pages show it.
#[derive(Debug, Clone)]
pub struct Series {
    /// The stored row.
    pub row: series::Model,
    /// Its rule, parsed.
    pub rule: MonthlyRule,
    /// Audiences invited.
    pub audiences: Vec<Skill>,
}

fn rule_of(row: &series::Model) -> Result<MonthlyRule> {
    let start = NaiveTime::parse_from_str(&row.start_time, "%H:%M")
        .map_err(|e| DomainError::Internal(format!("stored time: {e}")))?;
    let zone = time_zone::parse(&row.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE);
    MonthlyRule::new(
        row.ordinal,
        row.weekday.weekday(),
        start,
        u32::try_from(row.duration_minutes).unwrap_or(0),
        zone,
    )
    .map_err(|e| DomainError::Internal(format!("stored rule: {e}")))
}

impl TryFrom<series::Model> for Series {
    type Error = DomainError;
    fn try_from(row: series::Model) -> Result<Self> {
        Ok(Series {
            rule: rule_of(&row)?,
            audiences: Skill::parse_list(&row.audiences)?,
            row,
        })
    }
}

/// The series form as submitted.
#[derive(Debug, Clone, Default)]
pub struct SeriesInput {
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Ordinal code.
    pub ordinal: String,
    /// Weekday code.
    pub weekday: String,
    /// Local start time, HH:MM.
    pub start_time: String,
    /// Duration in minutes.
    pub duration_minutes: String,
    /// Address.
    pub place_address: String,
    /// Online link.
    pub online_url: String,
    /// Audience codes (skills); none means all.
    pub audiences: Vec<String>,
    /// Capacity.
    pub capacity: String,
}

struct Checked {
    title: String,
    description: String,
    ordinal: Ordinal,
    weekday: DayOfWeek,
    start: NaiveTime,
    duration: u32,
    place: String,
    online: Option<String>,
    audiences: Vec<Skill>,
    capacity: i32,
}

fn parse_capacity(text: &str) -> std::result::Result<i32, &'static str> {
    match text.trim().parse::<i32>() {
        Ok(n) if (1..=10_000).contains(&n) => Ok(n),
        _ if text.trim().is_empty() => Err("error-required"),
        _ => Err("error-capacity-positive"),
    }
}

fn parse_duration(text: &str) -> std::result::Result<u32, &'static str> {
    match text.trim().parse::<u32>() {
        Ok(n) if n > 0 && n <= crate::meetup_rule::MAX_DURATION_MINUTES => Ok(n),
        _ => Err("error-duration-invalid"),
    }
}

fn check(input: &SeriesInput) -> Result<Checked> {
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        e.add("title", "error-required");
    } else if title.chars().count() > 120 {
        e.add("title", "error-too-long");
    }
    let description = input.description.trim().to_owned();
    if description.chars().count() > 5000 {
        e.add("description", "error-too-long");
    }
    let ordinal = e.checked("ordinal", Ordinal::from_form(&input.ordinal));
    let weekday = e.checked("weekday", DayOfWeek::parse(&input.weekday));
    let start = e.checked("start_time", crate::local_time::parse(&input.start_time));
    let duration = e.checked("duration_minutes", parse_duration(&input.duration_minutes));
    let place = input.place_address.trim().to_owned();
    let online = e
        .check("online_url", web_link::parse_optional(&input.online_url))
        .flatten();
    if place.is_empty() && online.is_none() && !e.iter().any(|(f, _)| f == "online_url") {
        e.add("place_address", "error-place-required");
    }
    let mut audiences = Vec::new();
    for code in &input.audiences {
        if let Some(s) = e.check("audiences", Skill::parse(code)) {
            audiences.push(s);
        }
    }
    if audiences.is_empty() {
        audiences = Skill::ALL.to_vec();
    }
    let capacity = e.checked("capacity", parse_capacity(&input.capacity));
    let (ordinal, weekday, start, duration, capacity) =
        e.finish((ordinal, weekday, start, duration, capacity))?;
    Ok(Checked {
        title,
        description,
        ordinal,
        weekday,
        start,
        duration,
        place,
        online,
        audiences,
        capacity,
    })
}

/// Creates a series for a city and generates its first occurrences;
/// the city's coordinators only.
pub async fn create_series(
    ctx: &Context,
    actor: &Actor,
    city_id: i32,
    input: &SeriesInput,
) -> Result<i32> {
    if !actor.coordinates(Some(city_id)) {
        return Err(DomainError::Forbidden);
    }
    let city = city::get(&ctx.db, city_id).await?;
    let c = check(input)?;
    let now = ctx.now();
    let row = series::ActiveModel {
        city_id: Set(city_id),
        title: Set(c.title),
        description: Set(c.description),
        ordinal: Set(c.ordinal),
        weekday: Set(c.weekday),
        start_time: Set(c.start.format("%H:%M").to_string()),
        duration_minutes: Set(i32::try_from(c.duration).unwrap_or(60)),
        time_zone: Set(city.time_zone.name().to_owned()),
        place_address: Set(c.place),
        online_url: Set(c.online),
        audiences: Set(Skill::join(&c.audiences)),
        capacity: Set(c.capacity),
        active: Set(true),
        created_by: Set(actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    generate(&ctx.db, &Series::try_from(row.clone())?, now).await?;
    Ok(row.id)
}

/// What changing a rule did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regeneration {
    /// Future occurrences without answers that no longer fit and were removed.
    pub removed: usize,
    /// Occurrences created for the new rule.
    pub created: usize,
    /// Future occurrences that no longer fit but have answers: the
    /// coordinator decides whether to keep or cancel each.
    pub to_decide: Vec<i32>,
}

/// Changes a series. Future generated occurrences that the new rule no
/// longer designates are removed when nobody answered them, and left for
/// the coordinator to decide otherwise; nothing recorded is lost.
pub async fn update_series(
    ctx: &Context,
    actor: &Actor,
    series_id: i32,
    input: &SeriesInput,
) -> Result<Regeneration> {
    let existing = series::Entity::find_by_id(series_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(existing.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let c = check(input)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let mut active: series::ActiveModel = existing.into();
    active.title = Set(c.title);
    active.description = Set(c.description);
    active.ordinal = Set(c.ordinal);
    active.weekday = Set(c.weekday);
    active.start_time = Set(c.start.format("%H:%M").to_string());
    active.duration_minutes = Set(i32::try_from(c.duration).unwrap_or(60));
    active.place_address = Set(c.place);
    active.online_url = Set(c.online);
    active.audiences = Set(Skill::join(&c.audiences));
    active.capacity = Set(c.capacity);
    active.updated_at = Set(now);
    let row = active.update(&txn).await?;
    let updated = Series::try_from(row)?;
    let today = crate::milestone::today_in(updated.rule.zone, now);
    let wanted: Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> =
        updated.rule.between(today, today + HORIZON);
    let future = occurrence::Entity::find()
        .filter(occurrence::Column::SeriesId.eq(series_id))
        .filter(occurrence::Column::Manual.eq(false))
        .filter(occurrence::Column::Status.eq(Status::Scheduled))
        .filter(occurrence::Column::StartsAt.gt(now))
        .all(&txn)
        .await?;
    let mut report = Regeneration::default();
    let mut moved = Vec::new();
    for occ in future {
        let fits = wanted.iter().find(|(d, _, _)| Some(*d) == occ.rule_date);
        match fits {
            Some((_, start, end)) => {
                if occ.starts_at != *start || occ.ends_at != *end || occ.title != updated.row.title
                {
                    // Same date, new time or details: a change people must see.
                    let moved_time = occ.starts_at != *start;
                    let sequence = occ.sequence + 1;
                    let mut a: occurrence::ActiveModel = occ.into();
                    a.starts_at = Set(*start);
                    a.ends_at = Set(*end);
                    a.title = Set(updated.row.title.clone());
                    a.description = Set(updated.row.description.clone());
                    a.place_address = Set(updated.row.place_address.clone());
                    a.online_url = Set(updated.row.online_url.clone());
                    a.capacity = Set(updated.row.capacity);
                    a.sequence = Set(sequence);
                    a.updated_at = Set(now);
                    let revised = a.update(&txn).await?;
                    if moved_time {
                        moved.push(revised);
                    }
                }
            }
            None => {
                let answers = rsvp::Entity::find()
                    .filter(rsvp::Column::OccurrenceId.eq(occ.id))
                    .count(&txn)
                    .await?;
                if answers == 0 {
                    occurrence::Entity::delete_by_id(occ.id).exec(&txn).await?;
                    report.removed += 1;
                } else {
                    report.to_decide.push(occ.id);
                }
            }
        }
    }
    tell_of_changes(&txn, &moved, now).await?;
    txn.commit().await?;
    report.created = generate(&ctx.db, &updated, now).await?;
    Ok(report)
}

/// Creates the occurrences `series` designates from today (in its zone) to
/// `HORIZON`; existing ones, cancelled ones included, are left as they are.
pub async fn generate(db: &impl ConnectionTrait, s: &Series, now: DateTime<Utc>) -> Result<usize> {
    if !s.row.active {
        return Ok(0);
    }
    let today = crate::milestone::today_in(s.rule.zone, now);
    let mut created = 0;
    for (date, start, end) in s.rule.between(today, today + HORIZON) {
        let row = occurrence::ActiveModel {
            series_id: Set(Some(s.row.id)),
            city_id: Set(s.row.city_id),
            rule_date: Set(Some(date)),
            title: Set(s.row.title.clone()),
            description: Set(s.row.description.clone()),
            starts_at: Set(start),
            ends_at: Set(end),
            place_address: Set(s.row.place_address.clone()),
            online_url: Set(s.row.online_url.clone()),
            capacity: Set(s.row.capacity),
            status: Set(Status::Scheduled),
            manual: Set(false),
            minutes: Set(String::new()),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let result = occurrence::Entity::insert(row)
            .on_conflict_do_nothing_on([occurrence::Column::SeriesId, occurrence::Column::RuleDate])
            .exec(db)
            .await?;
        if matches!(result, sea_orm::TryInsertResult::Inserted(_)) {
            created += 1;
        }
    }
    Ok(created)
}

/// Generates for every active series; what the scheduled job runs.
pub async fn generate_all(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize> {
    let mut created = 0;
    for row in series::Entity::find()
        .filter(series::Column::Active.eq(true))
        .all(db)
        .await?
    {
        created += generate(db, &Series::try_from(row)?, now).await?;
    }
    Ok(created)
}

/// The series of a city (all cities when `None`), by title.
pub async fn series_list(db: &impl ConnectionTrait, city_id: Option<i32>) -> Result<Vec<Series>> {
    let mut q = series::Entity::find();
    if let Some(c) = city_id {
        q = q.filter(series::Column::CityId.eq(c));
    }
    q.order_by_asc(series::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(Series::try_from)
        .collect()
}

/// One series.
pub async fn series_get(db: &impl ConnectionTrait, id: i32) -> Result<Series> {
    Series::try_from(
        series::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?,
    )
}

/// One occurrence.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<occurrence::Model> {
    occurrence::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Upcoming occurrences (cancelled ones included, marked), soonest first.
pub async fn upcoming(
    db: &impl ConnectionTrait,
    city_id: Option<i32>,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Occurrence>> {
    let mut q = occurrence::Entity::find().filter(occurrence::Column::EndsAt.gt(now));
    if let Some(c) = city_id {
        q = q.filter(occurrence::Column::CityId.eq(c));
    }
    Ok(q.order_by_asc(occurrence::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(Occurrence::from)
        .collect())
}

async fn coordinated(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<occurrence::Model> {
    let occ = get(db, id).await?;
    if !actor.coordinates(Some(occ.city_id)) {
        return Err(DomainError::Forbidden);
    }
    Ok(occ)
}

/// What cancelling an occurrence would do, for the coordinator's
/// confirmation page: the occurrence, and how many people would be told
/// (those who said yes or maybe, or wait for a place). `Forbidden` to
/// anyone who may not cancel it.
pub async fn cancellation(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(occurrence::Model, u64)> {
    let occ = coordinated(db, actor, id).await?;
    let told = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(id))
        .filter(rsvp::Column::Answer.is_in([
            crate::rsvp::Answer::Yes.code(),
            crate::rsvp::Answer::Maybe.code(),
        ]))
        .count(db)
        .await?;
    Ok((occ, told))
}

/// Cancels an occurrence; its answers and agenda stay on record. Those who
/// said yes or maybe, or wait for a place, are told in the same
/// transaction; cancelling a cancelled meeting changes nothing and tells
/// no one again.
pub async fn cancel(ctx: &Context, actor: &Actor, id: i32) -> Result<()> {
    coordinated(&ctx.db, actor, id).await?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    // Guarded by the status, so two cancels at once make one change.
    let done = occurrence::Entity::update_many()
        .col_expr(occurrence::Column::Status, Expr::value(Status::Cancelled))
        .col_expr(
            occurrence::Column::Sequence,
            Expr::col(occurrence::Column::Sequence).add(1),
        )
        .col_expr(occurrence::Column::UpdatedAt, Expr::value(now))
        .filter(occurrence::Column::Id.eq(id))
        .filter(occurrence::Column::Status.eq(Status::Scheduled))
        .exec(&txn)
        .await?;
    if done.rows_affected == 1 {
        let occ = get(&txn, id).await?;
        tell_of_changes(&txn, &[occ], now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Keeps an occurrence the rule no longer designates (after a rule change):
/// it becomes a manual one, left alone by the rule from then on.
pub async fn keep(ctx: &Context, actor: &Actor, id: i32) -> Result<()> {
    coordinated(&ctx.db, actor, id).await?;
    occurrence::Entity::update_many()
        .col_expr(occurrence::Column::Manual, Expr::value(true))
        .filter(occurrence::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Moves an occurrence to another local date and time (same duration).
pub async fn reschedule(
    ctx: &Context,
    actor: &Actor,
    id: i32,
    date: &str,
    time: &str,
) -> Result<()> {
    let occ = coordinated(&ctx.db, actor, id).await?;
    let zone = city::get(&ctx.db, occ.city_id).await?.time_zone;
    let mut e = FieldErrors::default();
    let date = e.checked("date", crate::day::parse(date));
    let time = e.checked("time", crate::local_time::parse(time));
    let (date, time) = e.finish((date, time))?;
    let start =
        crate::local_time::at(zone, date, time).map_err(|k| DomainError::field("time", k))?;
    if start <= ctx.now() {
        return Err(DomainError::field("date", "error-meetup-past"));
    }
    if occ.status == Status::Cancelled {
        return Err(DomainError::field("date", "error-meetup-cancelled"));
    }
    if start == occ.starts_at {
        // Nothing moves, so nobody is told.
        return Ok(());
    }
    let now = ctx.now();
    let length = occ.ends_at - occ.starts_at;
    let txn = ctx.db.begin().await?;
    // Guarded by the revision read, so two moves at once cannot both
    // announce themselves as the same revision.
    let done = occurrence::Entity::update_many()
        .col_expr(occurrence::Column::StartsAt, Expr::value(start))
        .col_expr(occurrence::Column::EndsAt, Expr::value(start + length))
        .col_expr(occurrence::Column::Manual, Expr::value(true))
        .col_expr(occurrence::Column::Sequence, Expr::value(occ.sequence + 1))
        .col_expr(occurrence::Column::UpdatedAt, Expr::value(now))
        .filter(occurrence::Column::Id.eq(id))
        .filter(occurrence::Column::Sequence.eq(occ.sequence))
        .filter(occurrence::Column::Status.eq(Status::Scheduled))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(DomainError::field("date", "error-meetup-changed-meanwhile"));
    }
    let moved = get(&txn, id).await?;
    tell_of_changes(&txn, &[moved], now).await?;
    txn.commit().await?;
    Ok(())
}

/// What a meeting email says about when and where, in the meeting's city.
pub(crate) struct Facts {
    /// When it starts, on the city's clock.
    pub when: crate::email_message::Moment,
    /// Its address, or its online link.
    pub place: String,
    /// The event for the attached calendar file.
    pub event: CalendarEntry,
}

/// The facts of `occ`, or why they cannot be written: a city whose stored
/// zone this build no longer knows would otherwise give a wrong hour.
pub(crate) fn facts(
    occ: &occurrence::Model,
    city: Option<&crate::entities::city::Model>,
) -> std::result::Result<Facts, String> {
    let city = city.ok_or_else(|| format!("meeting {} has no city", occ.id))?;
    let zone = time_zone::parse(&city.time_zone).map_err(|_| {
        format!(
            "the time zone {:?} of {} is unknown, so the meeting's time cannot be written",
            city.time_zone, city.name
        )
    })?;
    Ok(Facts {
        when: crate::email_message::Moment::new(occ.starts_at, zone, &city.name),
        place: if occ.place_address.is_empty() {
            occ.online_url.clone().unwrap_or_default()
        } else {
            occ.place_address.clone()
        },
        event: CalendarEntry {
            starts_at: occ.starts_at,
            ends_at: occ.ends_at,
            sequence: occ.sequence,
        },
    })
}

/// Tells everyone who said yes or maybe, or waits for a place, that these
/// meetings moved or were cancelled (their current state says which).
/// Meetings already begun are left alone: news of them comes too late.
async fn tell_of_changes(
    db: &impl ConnectionTrait,
    changed: &[occurrence::Model],
    now: DateTime<Utc>,
) -> Result<()> {
    let changed: Vec<&occurrence::Model> = changed.iter().filter(|o| o.starts_at > now).collect();
    if changed.is_empty() {
        return Ok(());
    }
    let answers = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.is_in(changed.iter().map(|o| o.id)))
        .filter(rsvp::Column::Answer.is_in([
            crate::rsvp::Answer::Yes.code(),
            crate::rsvp::Answer::Maybe.code(),
        ]))
        .all(db)
        .await?;
    let mut ids: Vec<i32> = answers.iter().map(|a| a.user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let people = notify::recipients(db, &ids).await?;
    let cities = crate::entities::city::Entity::find()
        .filter(crate::entities::city::Column::Id.is_in(changed.iter().map(|o| o.city_id)))
        .all(db)
        .await?;
    for occ in changed {
        let cancelled = occ.status == Status::Cancelled;
        let told: Vec<notify::Recipient> = people
            .iter()
            .filter(|p| {
                answers
                    .iter()
                    .any(|a| a.occurrence_id == occ.id && a.user_id == p.user_id)
            })
            .cloned()
            .collect();
        let facts = facts(occ, cities.iter().find(|c| c.id == occ.city_id));
        notify::each(
            db,
            &told,
            &EmailKind::MeetupChanged.key(format!("{}:{}", occ.id, occ.sequence)),
            now,
            |_| match &facts {
                Ok(f) => Ok(EmailMessage::MeetupChanged {
                    title: occ.title.clone(),
                    when: f.when.clone(),
                    cancelled,
                    meetup_id: occ.id,
                    place: f.place.clone(),
                    event: Some(f.event.clone()),
                }),
                Err(reason) => Err(notify::Unwritable {
                    kind: EmailKind::MeetupChanged,
                    category: Some(crate::email_preference::Category::Meetups),
                    reason: reason.clone(),
                }),
            },
        )
        .await?;
    }
    Ok(())
}

/// Adds a single occurrence to a series, outside its rule.
pub async fn add_single(
    ctx: &Context,
    actor: &Actor,
    series_id: i32,
    date: &str,
    time: &str,
) -> Result<i32> {
    let s = series_get(&ctx.db, series_id).await?;
    if !actor.coordinates(Some(s.row.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let mut e = FieldErrors::default();
    let date = e.checked("date", crate::day::parse(date));
    let time = e.checked("time", crate::local_time::parse(time));
    let (date, time) = e.finish((date, time))?;
    let now = ctx.now();
    let start = crate::local_time::at(s.rule.zone, date, time)
        .map_err(|k| DomainError::field("time", k))?;
    if start <= now {
        return Err(DomainError::field("date", "error-meetup-past"));
    }
    let row = occurrence::ActiveModel {
        series_id: Set(Some(s.row.id)),
        city_id: Set(s.row.city_id),
        rule_date: Set(None),
        title: Set(s.row.title.clone()),
        description: Set(s.row.description.clone()),
        starts_at: Set(start),
        ends_at: Set(start + Duration::minutes(i64::from(s.rule.duration_minutes))),
        place_address: Set(s.row.place_address.clone()),
        online_url: Set(s.row.online_url.clone()),
        capacity: Set(s.row.capacity),
        status: Set(Status::Scheduled),
        manual: Set(true),
        minutes: Set(String::new()),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(row.id)
}

/// Saves the minutes of a meeting (Markdown), readable by members after it.
pub async fn set_minutes(ctx: &Context, actor: &Actor, id: i32, minutes: &str) -> Result<()> {
    coordinated(&ctx.db, actor, id).await?;
    if minutes.chars().count() > 50_000 {
        return Err(DomainError::field("minutes", "error-too-long"));
    }
    occurrence::Entity::update_many()
        .col_expr(occurrence::Column::Minutes, Expr::value(minutes.trim()))
        .col_expr(occurrence::Column::UpdatedAt, Expr::value(ctx.now()))
        .filter(occurrence::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

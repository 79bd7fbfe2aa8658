//! What each project did in each calendar month of its city — check-ins
//! sent and answered, milestones done, public journal entries, and whether
//! it was active — kept in `project_months` by the writes (issue 15), so
//! that the monthly figures of the month under way sum a few index entries
//! per (edition, city) instead of joining the month's ~10,000 rows to their
//! projects on every visit.
//!
//! A row is recomputed from the source tables, never incremented: a
//! journal entry unpublished, a milestone undone or deleted and a check-in
//! answered late give the right figure by construction. `refresh` runs in
//! the transactions that write those rows; `rebuild` after rows were
//! written in bulk (the seeds, test fixtures) or when a project moves to
//! another city or edition.

use super::months::Period;
use crate::check_in::Projects;
use crate::entities::{check_in, city, milestone, project, project_month, project_update};
use crate::error::Result;
use crate::milestone::Status;
use crate::time_zone;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Asterisk;
use sea_orm::sea_query::{
    Alias, CaseStatement, Expr, ExprTrait, LockType, OnConflict, Query, SelectStatement,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};

/// When something a project's months count happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// An instant (a check-in sent or answered, an entry written).
    Instant(DateTime<Utc>),
    /// A day of the city's calendar (a milestone done).
    Day(NaiveDate),
}

/// Rows written per `INSERT` by `rebuild`.
const CHUNK: usize = 1000;

/// A project's edition, city and the city's time zone.
#[derive(Debug, Clone, Copy)]
struct Place {
    edition_id: i32,
    city_id: i32,
    zone: Tz,
}

/// The projects' places. On PostgreSQL their rows are locked first, so
/// that two transactions refreshing one project recompute it one after
/// the other, the second seeing what the first wrote (each statement of
/// READ COMMITTED reads what was committed when it began). `FOR NO KEY
/// UPDATE`, the lock `milestone::refresh_facts` and `project::touch` take
/// by updating the row: it does not wait for the key-share locks of rows
/// being inserted for the project, so it adds no deadlock.
async fn places(
    db: &impl ConnectionTrait,
    which: Projects<'_>,
    lock: bool,
) -> Result<BTreeMap<i32, Place>> {
    let zones: HashMap<i32, Tz> = city::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.id,
                time_zone::parse(&c.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE),
            )
        })
        .collect();
    let mut query = project::Entity::find()
        .select_only()
        .columns([
            project::Column::Id,
            project::Column::EditionId,
            project::Column::CityId,
        ])
        // Locked in one order by every writer: no deadlock between two.
        .order_by_asc(project::Column::Id);
    if let Projects::Some(ids) = which {
        query = query.filter(project::Column::Id.is_in(ids.to_vec()));
    }
    if lock {
        query = query.lock(LockType::NoKeyUpdate);
    }
    let rows: Vec<(i32, i32, i32)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, edition_id, city_id)| {
            let zone = zones
                .get(&city_id)
                .copied()
                .unwrap_or(time_zone::DEFAULT_TIME_ZONE);
            (
                id,
                Place {
                    edition_id,
                    city_id,
                    zone,
                },
            )
        })
        .collect())
}

/// The month of `zone` that `at` falls in.
fn month_of(zone: Tz, at: At) -> Period {
    match at {
        At::Instant(at) => Period::month_at(zone, at),
        At::Day(day) => Period::month_of(zone, day),
    }
}

/// `(SELECT COUNT(*) FROM <table> AS x WHERE x.project_id = p.id AND
/// <at> in [from, until) AND <also>)`.
fn count_of<E: EntityTrait, C: ColumnTrait>(
    table: E,
    project_id: C,
    at: C,
    (from, until): (sea_orm::Value, sea_orm::Value),
    also: Option<Expr>,
) -> Expr {
    let x = Alias::new("x");
    let at = Expr::col((x.clone(), at));
    let mut select = Query::select();
    select
        .expr(Expr::col(Asterisk).count())
        .from_as(table, x.clone())
        .and_where(Expr::col((x, project_id)).equals((Alias::new("p"), project::Column::Id)))
        .and_where(at.clone().gte(from))
        .and_where(at.lt(until));
    if let Some(also) = also {
        select.and_where(also);
    }
    Expr::SubQuery(None, Box::new(select.into()))
}

/// The `SELECT` of `project_ids`' rows for `month` recomputed from the
/// source tables: a few index entries per project.
fn recomputed(project_ids: &[i32], month: &Period) -> SelectStatement {
    let p = Alias::new("p");
    let instants =
        || -> (sea_orm::Value, sea_orm::Value) { (month.starts_at.into(), month.ends_at.into()) };
    let days = (
        month.first_day.into(),
        (month.last_day + chrono::Days::new(1)).into(),
    );
    let x = |c: milestone::Column| Expr::col((Alias::new("x"), c));
    let counts = Query::select()
        .expr_as(Expr::col((p.clone(), project::Column::Id)), "project_id")
        .expr_as(Expr::val(month.first_day), "month")
        .expr_as(
            Expr::col((p.clone(), project::Column::EditionId)),
            "edition_id",
        )
        .expr_as(Expr::col((p.clone(), project::Column::CityId)), "city_id")
        .expr_as(
            count_of(
                check_in::Entity,
                check_in::Column::ProjectId,
                check_in::Column::SentAt,
                instants(),
                None,
            ),
            "check_ins_sent",
        )
        .expr_as(
            count_of(
                check_in::Entity,
                check_in::Column::ProjectId,
                check_in::Column::AnsweredAt,
                instants(),
                None,
            ),
            "check_ins_answered",
        )
        .expr_as(
            count_of(
                milestone::Entity,
                milestone::Column::ProjectId,
                milestone::Column::DoneOn,
                days,
                Some(x(milestone::Column::Status).eq(Status::Done.code())),
            ),
            "milestones_done",
        )
        .expr_as(
            count_of(
                project_update::Entity,
                project_update::Column::ProjectId,
                project_update::Column::CreatedAt,
                instants(),
                Some(Expr::col((Alias::new("x"), project_update::Column::IsPublic)).eq(true)),
            ),
            "public_entries",
        )
        .from_as(project::Entity, p.clone())
        .and_where(Expr::col((p, project::Column::Id)).is_in(project_ids.to_vec()))
        .to_owned();
    let c = Alias::new("c");
    let col = |name: &str| Expr::col((c.clone(), Alias::new(name)));
    let active: Expr = CaseStatement::new()
        .case(
            col("check_ins_answered")
                .add(col("milestones_done"))
                .add(col("public_entries"))
                .gt(0),
            Expr::val(1),
        )
        .finally(Expr::val(0))
        .into();
    let mut select = Query::select();
    for name in [
        "project_id",
        "month",
        "edition_id",
        "city_id",
        "check_ins_sent",
        "check_ins_answered",
        "milestones_done",
        "public_entries",
    ] {
        select.expr(col(name));
    }
    select
        .expr(active)
        .from_subquery(counts, c)
        // SQLite reads `ON` after a `FROM` as a join's unless a `WHERE`
        // comes between: this one keeps `ON CONFLICT` an upsert.
        .and_where(Expr::val(1).eq(1))
        .to_owned()
}

const COLUMNS: [project_month::Column; 9] = [
    project_month::Column::ProjectId,
    project_month::Column::Month,
    project_month::Column::EditionId,
    project_month::Column::CityId,
    project_month::Column::CheckInsSent,
    project_month::Column::CheckInsAnswered,
    project_month::Column::MilestonesDone,
    project_month::Column::PublicEntries,
    project_month::Column::Active,
];

/// Recomputes the rows of `project_ids` for the months (of each project's
/// city) that `at` fall in: one statement per month and time zone, run in
/// the transaction that wrote what they count.
pub async fn refresh(db: &impl ConnectionTrait, project_ids: &[i32], at: &[At]) -> Result<()> {
    if project_ids.is_empty() || at.is_empty() {
        return Ok(());
    }
    let places = places(db, Projects::Some(project_ids), true).await?;
    // The same month in two zones has other bounds: one statement each.
    let mut months: BTreeMap<(NaiveDate, &str), (Period, Vec<i32>)> = BTreeMap::new();
    for (&id, place) in &places {
        for &at in at {
            let month = month_of(place.zone, at);
            months
                .entry((month.first_day, place.zone.name()))
                .or_insert_with(|| (month, Vec::new()))
                .1
                .push(id);
        }
    }
    for (month, ids) in months.values_mut() {
        ids.dedup();
        let mut insert = Query::insert();
        insert
            .into_table(project_month::Entity)
            .columns(COLUMNS)
            .select_from(recomputed(ids, month))
            .map_err(|e| crate::error::DomainError::Internal(e.to_string()))?
            .on_conflict(
                OnConflict::columns([
                    project_month::Column::ProjectId,
                    project_month::Column::Month,
                ])
                .update_columns(COLUMNS[2..].to_vec())
                .to_owned(),
            );
        db.execute(&insert).await?;
    }
    Ok(())
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    sent: i32,
    answered: i32,
    done: i32,
    entries: i32,
}

/// Recomputes every month of `which` projects from the source tables:
/// after check-ins, milestones or entries were written in bulk, or when a
/// project moved to another city (whose calendar may differ) or edition.
pub async fn rebuild(db: &impl ConnectionTrait, which: Projects<'_>) -> Result<()> {
    if matches!(which, Projects::Some([])) {
        return Ok(());
    }
    let places = places(db, which, matches!(which, Projects::Some(_))).await?;
    let ids = |ids: &[i32]| ids.to_vec();
    let mut tallies: BTreeMap<(i32, NaiveDate), Tally> = BTreeMap::new();
    let mut count = |project_id: i32, at: At, what: fn(&mut Tally)| {
        if let Some(place) = places.get(&project_id) {
            let month = month_of(place.zone, at).first_day;
            what(tallies.entry((project_id, month)).or_default());
        }
    };
    let mut check_ins = check_in::Entity::find().select_only().columns([
        check_in::Column::ProjectId,
        check_in::Column::SentAt,
        check_in::Column::AnsweredAt,
    ]);
    let mut milestones = milestone::Entity::find()
        .select_only()
        .columns([milestone::Column::ProjectId, milestone::Column::DoneOn])
        .filter(milestone::Column::Status.eq(Status::Done))
        .filter(milestone::Column::DoneOn.is_not_null());
    let mut entries = project_update::Entity::find()
        .select_only()
        .columns([
            project_update::Column::ProjectId,
            project_update::Column::CreatedAt,
        ])
        .filter(project_update::Column::IsPublic.eq(true));
    if let Projects::Some(some) = which {
        check_ins = check_ins.filter(check_in::Column::ProjectId.is_in(ids(some)));
        milestones = milestones.filter(milestone::Column::ProjectId.is_in(ids(some)));
        entries = entries.filter(project_update::Column::ProjectId.is_in(ids(some)));
    }
    let check_ins: Vec<(i32, DateTime<Utc>, Option<DateTime<Utc>>)> =
        check_ins.into_tuple().all(db).await?;
    for (project_id, sent_at, answered_at) in check_ins {
        count(project_id, At::Instant(sent_at), |t| t.sent += 1);
        if let Some(answered_at) = answered_at {
            count(project_id, At::Instant(answered_at), |t| t.answered += 1);
        }
    }
    let milestones: Vec<(i32, Option<NaiveDate>)> = milestones.into_tuple().all(db).await?;
    for (project_id, done_on) in milestones {
        if let Some(done_on) = done_on {
            count(project_id, At::Day(done_on), |t| t.done += 1);
        }
    }
    let entries: Vec<(i32, DateTime<Utc>)> = entries.into_tuple().all(db).await?;
    for (project_id, created_at) in entries {
        count(project_id, At::Instant(created_at), |t| t.entries += 1);
    }
    let mut delete = project_month::Entity::delete_many();
    if let Projects::Some(some) = which {
        delete = delete.filter(project_month::Column::ProjectId.is_in(ids(some)));
    }
    delete.exec(db).await?;
    let rows: Vec<((i32, NaiveDate), Tally)> = tallies.into_iter().collect();
    for chunk in rows.chunks(CHUNK) {
        let mut insert = Query::insert();
        insert.into_table(project_month::Entity).columns(COLUMNS);
        for &((project_id, month), t) in chunk {
            let Some(place) = places.get(&project_id) else {
                continue;
            };
            insert.values_panic([
                project_id.into(),
                month.into(),
                place.edition_id.into(),
                place.city_id.into(),
                t.sent.into(),
                t.answered.into(),
                t.done.into(),
                t.entries.into(),
                i32::from(t.answered + t.done + t.entries > 0).into(),
            ]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

/// What the kept rows sum to for one (edition, city, month).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sums {
    /// Projects active.
    pub active: u64,
    /// Check-ins sent.
    pub check_ins_sent: u64,
    /// Check-ins answered.
    pub check_ins_answered: u64,
    /// Milestones done.
    pub milestones_done: u64,
}

/// The rows of `months` (first days) for the editions and cities, summed
/// per (edition, city, month): one grouped query read from the index by
/// month and place.
pub(super) async fn sums(
    db: &impl ConnectionTrait,
    edition_ids: &[i32],
    city_ids: &[i32],
    months: &[NaiveDate],
) -> Result<BTreeMap<(i32, i32, NaiveDate), Sums>> {
    if months.is_empty() || edition_ids.is_empty() || city_ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let rows: Vec<(i32, i32, NaiveDate, i64, i64, i64, i64)> = project_month::Entity::find()
        .select_only()
        .column(project_month::Column::EditionId)
        .column(project_month::Column::CityId)
        .column(project_month::Column::Month)
        .column_as(project_month::Column::Active.sum(), "active")
        .column_as(project_month::Column::CheckInsSent.sum(), "sent")
        .column_as(project_month::Column::CheckInsAnswered.sum(), "answered")
        .column_as(project_month::Column::MilestonesDone.sum(), "done")
        .filter(project_month::Column::Month.is_in(months.to_vec()))
        .filter(project_month::Column::EditionId.is_in(edition_ids.to_vec()))
        .filter(project_month::Column::CityId.is_in(city_ids.to_vec()))
        .group_by(project_month::Column::Month)
        .group_by(project_month::Column::EditionId)
        .group_by(project_month::Column::CityId)
        .into_tuple()
        .all(db)
        .await?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(
            |(edition_id, city_id, month, active, sent, answered, done)| {
                (
                    (edition_id, city_id, month),
                    Sums {
                        active: n(active),
                        check_ins_sent: n(sent),
                        check_ins_answered: n(answered),
                        milestones_done: n(done),
                    },
                )
            },
        )
        .collect())
}

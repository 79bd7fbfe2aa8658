//! What each project did in each calendar month of its city (issue 15):
//! check-ins sent and answered, milestones done and public journal entries
//! in that month, and whether any of the last three made it active. The
//! monthly figures of the month under way then sum a few index entries
//! per (edition, city) instead of joining the month's ~10,000 check-ins,
//! answers, entries and milestones to their projects on every visit.
//!
//! Kept by `figures::project_months::refresh` in the transactions that
//! write those rows (recomputed from them, never incremented); filled here
//! from the rows already written. `month` is the first day of the month in
//! the city's time zone, which SQL cannot compute on SQLite: the backfill
//! reads the rows' instants and buckets them here, as
//! `figures::months::Period::month_of` bounds a month (the codes as stored
//! when this migration was written).

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use std::collections::{BTreeMap, HashMap};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProjectMonths {
    Table,
    ProjectId,
    Month,
    EditionId,
    CityId,
    CheckInsSent,
    CheckInsAnswered,
    MilestonesDone,
    PublicEntries,
    Active,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

const BY_PLACE: &str = "ix_project_months_place";

/// Rows inserted per statement (9 values each, under SQLite's limit).
const CHUNK: usize = 1000;

/// The instant `day` begins in `zone` (after a gap at midnight): a copy of
/// `figures::months::start_of_day` as it is today, since a migration must
/// keep backfilling the same way whatever the domain later becomes.
fn start_of_day(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut local = day.and_time(NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(at) = zone.from_local_datetime(&local).earliest() {
            return at.with_timezone(&Utc);
        }
        local += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// The first day of the month of `zone` that `at` falls in.
fn month_of(zone: Tz, at: DateTime<Utc>) -> NaiveDate {
    let local = at.with_timezone(&zone).date_naive();
    let first = local.with_day(1).unwrap_or(local);
    if at < start_of_day(zone, first) {
        first - Months::new(1)
    } else if at >= start_of_day(zone, first + Months::new(1)) {
        first + Months::new(1)
    } else {
        first
    }
}

fn first_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[derive(Default)]
struct Counts {
    sent: i32,
    answered: i32,
    done: i32,
    entries: i32,
}

async fn backfill(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let rows = |sql: &str| db.query_all_raw(Statement::from_string(backend, sql.to_owned()));
    let mut projects: HashMap<i32, (i32, i32, Tz)> = HashMap::new();
    for row in rows(
        "SELECT p.id, p.edition_id, p.city_id, c.time_zone \
         FROM projects AS p JOIN cities AS c ON c.id = p.city_id",
    )
    .await?
    {
        let zone: String = row.try_get("", "time_zone")?;
        projects.insert(
            row.try_get("", "id")?,
            (
                row.try_get("", "edition_id")?,
                row.try_get("", "city_id")?,
                zone.parse().unwrap_or(chrono_tz::Europe::Paris),
            ),
        );
    }
    let mut months: BTreeMap<(i32, NaiveDate), Counts> = BTreeMap::new();
    let mut count =
        |project_id: i32, at: Result<DateTime<Utc>, NaiveDate>, what: fn(&mut Counts)| {
            if let Some(&(_, _, zone)) = projects.get(&project_id) {
                let month = match at {
                    Ok(at) => month_of(zone, at),
                    Err(day) => first_of(day),
                };
                what(months.entry((project_id, month)).or_default());
            }
        };
    for row in rows("SELECT project_id, sent_at, answered_at FROM check_ins").await? {
        let project_id: i32 = row.try_get("", "project_id")?;
        count(project_id, Ok(row.try_get("", "sent_at")?), |c| c.sent += 1);
        if let Some(answered) = row.try_get::<Option<DateTime<Utc>>>("", "answered_at")? {
            count(project_id, Ok(answered), |c| c.answered += 1);
        }
    }
    for row in rows(
        "SELECT project_id, done_on FROM milestones WHERE status = 'done' AND done_on IS NOT NULL",
    )
    .await?
    {
        count(
            row.try_get("", "project_id")?,
            Err(row.try_get("", "done_on")?),
            |c| c.done += 1,
        );
    }
    for row in
        rows("SELECT project_id, created_at FROM project_updates WHERE is_public = TRUE").await?
    {
        count(
            row.try_get("", "project_id")?,
            Ok(row.try_get("", "created_at")?),
            |c| c.entries += 1,
        );
    }
    let all: Vec<_> = months.into_iter().collect();
    for chunk in all.chunks(CHUNK) {
        let mut insert = Query::insert();
        insert.into_table(ProjectMonths::Table).columns([
            ProjectMonths::ProjectId,
            ProjectMonths::Month,
            ProjectMonths::EditionId,
            ProjectMonths::CityId,
            ProjectMonths::CheckInsSent,
            ProjectMonths::CheckInsAnswered,
            ProjectMonths::MilestonesDone,
            ProjectMonths::PublicEntries,
            ProjectMonths::Active,
        ]);
        for ((project_id, month), c) in chunk {
            let (edition_id, city_id, _) = projects[project_id];
            let active = i32::from(c.answered + c.done + c.entries > 0);
            insert.values_panic([
                (*project_id).into(),
                (*month).into(),
                edition_id.into(),
                city_id.into(),
                c.sent.into(),
                c.answered.into(),
                c.done.into(),
                c.entries.into(),
                active.into(),
            ]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let count = |column: ProjectMonths| {
            ColumnDef::new(column)
                .integer()
                .not_null()
                .default(0)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(ProjectMonths::Table)
                    .col(
                        ColumnDef::new(ProjectMonths::ProjectId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProjectMonths::Month).date().not_null())
                    .col(
                        ColumnDef::new(ProjectMonths::EditionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProjectMonths::CityId).integer().not_null())
                    .col(count(ProjectMonths::CheckInsSent))
                    .col(count(ProjectMonths::CheckInsAnswered))
                    .col(count(ProjectMonths::MilestonesDone))
                    .col(count(ProjectMonths::PublicEntries))
                    .col(count(ProjectMonths::Active))
                    .primary_key(
                        Index::create()
                            .col(ProjectMonths::ProjectId)
                            .col(ProjectMonths::Month),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectMonths::Table, ProjectMonths::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The monthly figures read this index alone: a month's rows of the
        // scope's editions and cities, with what they sum.
        manager
            .create_index(
                Index::create()
                    .name(BY_PLACE)
                    .table(ProjectMonths::Table)
                    .col(ProjectMonths::Month)
                    .col(ProjectMonths::EditionId)
                    .col(ProjectMonths::CityId)
                    .col(ProjectMonths::Active)
                    .col(ProjectMonths::CheckInsSent)
                    .col(ProjectMonths::CheckInsAnswered)
                    .col(ProjectMonths::MilestonesDone)
                    .to_owned(),
            )
            .await?;
        backfill(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProjectMonths::Table).to_owned())
            .await
    }
}

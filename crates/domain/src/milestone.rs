//! Milestones: what a team plans, when it is due, whether it is late, and
//! the progress they add up to.
//!
//! "Late" and "today" are judged in the project's city time zone: a
//! milestone due on the 12th in Montréal is not late at 02:00 UTC on the
//! 13th, when it is still the 12th there.

use crate::check_in::Projects;
use crate::context::Context;
use crate::entities::milestone::{self, Column, Entity};
use crate::entities::project as project_entity;
use crate::error::{DomainError, FieldErrors, Result};
use crate::project::{self, Project};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, CaseStatement, Expr, Func, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

crate::stored_code! {
    /// Where a milestone stands.
    pub enum Status ("milestone status", "error-choice-invalid") {
        /// Not started.
        Planned = "planned",
        /// Being worked on.
        InProgress = "in_progress",
        /// Done.
        Done = "done",
        /// Given up; not counted in progress.
        Dropped = "dropped",
    }
}

/// A milestone, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// Its id.
    pub id: i32,
    /// Its project.
    pub project_id: i32,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Due date, in the city's calendar.
    pub due_on: NaiveDate,
    /// Status.
    pub status: Status,
    /// When it was done, in the city's calendar.
    pub done_on: Option<NaiveDate>,
    /// Order on the timeline.
    pub position: i32,
    /// Weight in the progress (default 1).
    pub weight: i32,
}

impl From<milestone::Model> for Milestone {
    fn from(m: milestone::Model) -> Self {
        Milestone {
            id: m.id,
            project_id: m.project_id,
            title: m.title,
            description: m.description,
            due_on: m.due_on,
            status: m.status,
            done_on: m.done_on,
            position: m.position,
            weight: m.weight,
        }
    }
}

impl Milestone {
    /// Late: not done (nor dropped) and its due date has passed on `today`.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        matches!(self.status, Status::Planned | Status::InProgress) && self.due_on < today
    }

    /// Due within `days` days from `today` and not finished.
    pub fn is_due_within(&self, today: NaiveDate, days: i64) -> bool {
        matches!(self.status, Status::Planned | Status::InProgress)
            && self.due_on >= today
            && (self.due_on - today).num_days() <= days
    }
}

/// The calendar date at `now` in `zone`.
pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// The weighted share (0.0 to 1.0) of non-dropped milestones that are done;
/// `None` when there is nothing to count.
pub fn progress(milestones: &[Milestone]) -> Option<f64> {
    let counted = milestones.iter().filter(|m| m.status != Status::Dropped);
    let (done, total) = counted.fold((0i64, 0i64), |(d, t), m| {
        let w = i64::from(m.weight.max(0));
        (if m.status == Status::Done { d + w } else { d }, t + w)
    });
    (total > 0).then(|| done as f64 / total as f64)
}

/// A project's milestones, in timeline order.
pub async fn of_project(db: &impl ConnectionTrait, project_id: i32) -> Result<Vec<Milestone>> {
    Ok(Entity::find()
        .filter(Column::ProjectId.eq(project_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::DueOn)
        .order_by_asc(Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Milestone::from)
        .collect())
}

/// The milestones of many projects, grouped by the caller.
pub async fn of_projects(db: &impl ConnectionTrait, project_ids: &[i32]) -> Result<Vec<Milestone>> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::ProjectId.is_in(project_ids.to_vec()))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .map(Milestone::from)
        .collect())
}

/// The milestone form as submitted.
#[derive(Debug, Clone, Default)]
pub struct MilestoneInput {
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Due date, `YYYY-MM-DD`.
    pub due_on: String,
    /// Status code.
    pub status: String,
    /// Weight, 1 to 100; empty for 1.
    pub weight: String,
    /// Position; empty to put it last.
    pub position: String,
}

struct Valid {
    title: String,
    description: String,
    due_on: NaiveDate,
    status: Status,
    weight: i32,
    position: Option<i32>,
}

fn validate(input: &MilestoneInput, project: &Project) -> Result<Valid> {
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        e.add("title", "error-required");
    } else if title.chars().count() > 120 {
        e.add("title", "error-too-long");
    }
    let description = input.description.trim().to_owned();
    if description.chars().count() > 5_000 {
        e.add("description", "error-too-long");
    }
    let due_on = e.checked(
        "due_on",
        match crate::day::parse(&input.due_on) {
            Ok(d) if d < project.marathon_starts_on => Err("error-due-before-marathon"),
            Ok(d) => Ok(d),
            Err(_) if input.due_on.trim().is_empty() => Err("error-required"),
            Err(key) => Err(key),
        },
    );
    let status = e.checked(
        "status",
        if input.status.trim().is_empty() {
            Ok(Status::Planned)
        } else {
            Status::parse(&input.status)
        },
    );
    let weight = e.checked(
        "weight",
        match input.weight.trim() {
            "" => Ok(1),
            w => w
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=100).contains(n))
                .ok_or("error-weight-invalid"),
        },
    );
    let position = e.checked(
        "position",
        match input.position.trim() {
            "" => Ok(None),
            p => p
                .parse::<i32>()
                .map(Some)
                .map_err(|_| "error-number-invalid"),
        },
    );
    let (due_on, status, weight, position) = e.finish((due_on, status, weight, position))?;
    Ok(Valid {
        title,
        description,
        due_on,
        status,
        weight,
        position,
    })
}

/// Adds a milestone; whoever may edit the project may.
pub async fn create(ctx: &Context, project: &Project, input: &MilestoneInput) -> Result<i32> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    let v = validate(input, project)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let position = match v.position {
        Some(p) => p,
        None => {
            of_project(&txn, project.row.id)
                .await?
                .iter()
                .map(|m| m.position)
                .max()
                .unwrap_or(0)
                + 1
        }
    };
    let done_on = (v.status == Status::Done).then(|| today_in(project.time_zone, now));
    let row = milestone::ActiveModel {
        project_id: Set(project.row.id),
        title: Set(v.title),
        description: Set(v.description),
        due_on: Set(v.due_on),
        status: Set(v.status),
        done_on: Set(done_on),
        position: Set(position),
        weight: Set(v.weight),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    refresh_facts(&txn, Projects::Some(&[project.row.id])).await?;
    refresh_months(&txn, project.row.id, &[done_on]).await?;
    project::touch(&txn, project.row.id, now, false).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Loads one of `project`'s milestones.
pub async fn get(
    db: &impl ConnectionTrait,
    project: &Project,
    milestone_id: i32,
) -> Result<Milestone> {
    Entity::find_by_id(milestone_id)
        .one(db)
        .await?
        .filter(|m| m.project_id == project.row.id)
        .map(Milestone::from)
        .ok_or(DomainError::NotFound)
}

/// Saves a milestone; `done_on` follows the status (today in the city when
/// it becomes done, cleared when it stops being done).
pub async fn update(
    ctx: &Context,
    project: &Project,
    milestone_id: i32,
    input: &MilestoneInput,
) -> Result<()> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    let txn = ctx.db.begin().await?;
    let existing = Entity::find_by_id(milestone_id)
        .one(&txn)
        .await?
        .filter(|m| m.project_id == project.row.id)
        .ok_or(DomainError::NotFound)?;
    let v = validate(input, project)?;
    let now = ctx.now();
    let done_on = match (v.status, existing.done_on) {
        (Status::Done, Some(d)) => Some(d),
        (Status::Done, None) => Some(today_in(project.time_zone, now)),
        _ => None,
    };
    let position = v.position.unwrap_or(existing.position);
    let was_done_on = existing.done_on;
    let mut active: milestone::ActiveModel = existing.into();
    active.title = Set(v.title);
    active.description = Set(v.description);
    active.due_on = Set(v.due_on);
    active.status = Set(v.status);
    active.done_on = Set(done_on);
    active.position = Set(position);
    active.weight = Set(v.weight);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    refresh_facts(&txn, Projects::Some(&[project.row.id])).await?;
    refresh_months(&txn, project.row.id, &[was_done_on, done_on]).await?;
    project::touch(&txn, project.row.id, now, false).await?;
    txn.commit().await?;
    Ok(())
}

/// Marks a milestone done (from a journal entry), on today's date in the city.
pub(crate) async fn complete(
    db: &impl ConnectionTrait,
    project: &Project,
    milestone_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let existing = Entity::find_by_id(milestone_id)
        .one(db)
        .await?
        .filter(|m| m.project_id == project.row.id)
        .ok_or(DomainError::NotFound)?;
    if existing.status == Status::Done {
        return Ok(());
    }
    let done_on = Some(today_in(project.time_zone, now));
    let mut active: milestone::ActiveModel = existing.into();
    active.status = Set(Status::Done);
    active.done_on = Set(done_on);
    active.updated_at = Set(now);
    active.update(db).await?;
    refresh_facts(db, Projects::Some(&[project.row.id])).await?;
    refresh_months(db, project.row.id, &[done_on]).await?;
    Ok(())
}

/// Deletes a milestone; journal entries that named it keep their text.
pub async fn delete(ctx: &Context, project: &Project, milestone_id: i32) -> Result<()> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    let txn = ctx.db.begin().await?;
    let existing = Entity::find_by_id(milestone_id)
        .one(&txn)
        .await?
        .filter(|m| m.project_id == project.row.id)
        .ok_or(DomainError::NotFound)?;
    let result = Entity::delete_many()
        .filter(Column::Id.eq(milestone_id))
        .filter(Column::ProjectId.eq(project.row.id))
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    refresh_facts(&txn, Projects::Some(&[project.row.id])).await?;
    refresh_months(&txn, project.row.id, &[existing.done_on]).await?;
    txn.commit().await?;
    Ok(())
}

/// Recomputes the project's months that the done days (before and after
/// a write) fall in: a milestone done, undone, moved or deleted changes
/// its month's figures.
async fn refresh_months(
    db: &impl ConnectionTrait,
    project_id: i32,
    done_on: &[Option<NaiveDate>],
) -> Result<()> {
    use crate::figures::project_months::{At, refresh};
    let mut days: Vec<At> = done_on.iter().flatten().map(|d| At::Day(*d)).collect();
    days.dedup();
    refresh(db, &[project_id], &days).await
}

/// The statuses of a milestone still to do.
pub const OPEN: [Status; 2] = [Status::Planned, Status::InProgress];

/// Keeps a project's milestones summed up on the project (its columns
/// `open_milestones`, `milestone_weight_done`, `milestone_weight` and
/// `first_open_due_on`, as `progress` and `Milestone::is_late` count
/// them). One statement, run in the transactions that write milestones,
/// so that the coordinators' roll-up reads four columns of the index on
/// live projects instead of summing every milestone on each visit.
pub async fn refresh_facts(db: &impl ConnectionTrait, which: Projects<'_>) -> Result<()> {
    // In this function only: its `max` would shadow `Ord::max` above.
    use sea_orm::sea_query::ExprTrait;
    let own = || -> SelectStatement {
        let m = Alias::new("m");
        Query::select()
            .from_as(Entity, m.clone())
            .and_where(
                Expr::col((m, Column::ProjectId))
                    .equals((project_entity::Entity, project_entity::Column::Id)),
            )
            .to_owned()
    };
    let col = |c: Column| Expr::col((Alias::new("m"), c));
    let open = || col(Column::Status).is_in(OPEN.map(Status::code));
    let weight: Expr = CaseStatement::new()
        .case(col(Column::Weight).gt(0), col(Column::Weight))
        .finally(Expr::val(0))
        .into();
    let weight_sum = || {
        Expr::from(Func::coalesce([
            Func::sum(weight.clone()).into(),
            Expr::val(0),
        ]))
    };
    let scalar = |select: SelectStatement| Expr::SubQuery(None, Box::new(select.into()));
    let mut update = Query::update();
    update
        .table(project_entity::Entity)
        .value(
            project_entity::Column::OpenMilestones,
            scalar(
                own()
                    .expr(Expr::cust("COUNT(*)"))
                    .and_where(open())
                    .to_owned(),
            ),
        )
        .value(
            project_entity::Column::MilestoneWeightDone,
            scalar(
                own()
                    .expr(weight_sum())
                    .and_where(col(Column::Status).eq(Status::Done.code()))
                    .to_owned(),
            ),
        )
        .value(
            project_entity::Column::MilestoneWeight,
            scalar(
                own()
                    .expr(weight_sum())
                    .and_where(col(Column::Status).ne(Status::Dropped.code()))
                    .to_owned(),
            ),
        )
        .value(
            project_entity::Column::FirstOpenDueOn,
            scalar(
                own()
                    .expr(col(Column::DueOn).min())
                    .and_where(open())
                    .to_owned(),
            ),
        );
    match which {
        Projects::Some([]) => return Ok(()),
        Projects::Some(ids) => {
            update.and_where(project_entity::Column::Id.is_in(ids.to_vec()));
        }
        Projects::All => {}
    }
    db.execute(&update).await?;
    Ok(())
}

/// Cumulative count of done milestones by the date each was done.
pub fn done_over_time(milestones: &[Milestone]) -> Vec<(NaiveDate, u32)> {
    let mut dates: Vec<NaiveDate> = milestones
        .iter()
        .filter(|m| m.status == Status::Done)
        .filter_map(|m| m.done_on)
        .collect();
    dates.sort();
    let mut points: Vec<(NaiveDate, u32)> = Vec::new();
    for (i, date) in dates.into_iter().enumerate() {
        let count = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match points.last_mut() {
            Some((d, c)) if *d == date => *c = count,
            _ => points.push((date, count)),
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn m(status: Status, weight: i32, due: &str) -> Milestone {
        Milestone {
            id: 1,
            project_id: 1,
            title: "m".into(),
            description: String::new(),
            due_on: NaiveDate::parse_from_str(due, "%Y-%m-%d").expect("date"),
            status,
            done_on: None,
            position: 0,
            weight,
        }
    }

    #[test]
    fn progress_is_the_weighted_share_of_non_dropped_milestones_done() {
        assert_eq!(progress(&[]), None);
        assert_eq!(progress(&[m(Status::Dropped, 3, "2026-01-01")]), None);
        let ms = [
            m(Status::Done, 3, "2026-01-01"),
            m(Status::Planned, 1, "2026-01-01"),
            m(Status::InProgress, 1, "2026-01-01"),
            m(Status::Dropped, 5, "2026-01-01"),
        ];
        assert_eq!(progress(&ms), Some(0.6));
    }

    #[test]
    fn lateness_is_judged_on_the_citys_calendar_around_midnight() {
        let due = m(Status::Planned, 1, "2026-03-12");
        let paris: Tz = "Europe/Paris".parse().expect("tz");
        let montreal: Tz = "America/Montreal".parse().expect("tz");
        // 23:30 UTC on the 12th is 00:30 on the 13th in Paris: late there.
        let late_evening = Utc
            .with_ymd_and_hms(2026, 3, 12, 23, 30, 0)
            .single()
            .expect("time");
        assert!(due.is_late(today_in(paris, late_evening)));
        // …and 19:30 on the 12th in Montréal: not late yet.
        assert!(!due.is_late(today_in(montreal, late_evening)));
        // 22:59 UTC is 23:59 in Paris: still the 12th, not late.
        let before_midnight = Utc
            .with_ymd_and_hms(2026, 3, 12, 22, 59, 0)
            .single()
            .expect("time");
        assert!(!due.is_late(today_in(paris, before_midnight)));
        let done = m(Status::Done, 1, "2026-03-12");
        assert!(!done.is_late(today_in(paris, late_evening)));
        let dropped = m(Status::Dropped, 1, "2026-03-12");
        assert!(!dropped.is_late(today_in(paris, late_evening)));
    }

    #[test]
    fn done_over_time_is_cumulative_by_day() {
        let mut a = m(Status::Done, 1, "2026-01-01");
        a.done_on = NaiveDate::from_ymd_opt(2026, 2, 1);
        let mut b = a.clone();
        b.done_on = NaiveDate::from_ymd_opt(2026, 2, 1);
        let mut c = a.clone();
        c.done_on = NaiveDate::from_ymd_opt(2026, 3, 5);
        let points = done_over_time(&[c, a, b, m(Status::Planned, 1, "2026-01-01")]);
        assert_eq!(
            points,
            vec![
                (NaiveDate::from_ymd_opt(2026, 2, 1).expect("d"), 2),
                (NaiveDate::from_ymd_opt(2026, 3, 5).expect("d"), 3)
            ]
        );
    }
}

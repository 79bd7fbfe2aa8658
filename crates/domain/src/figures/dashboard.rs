//! The coordinators' dashboard: where the projects of a scope (one city or
//! all the reader's, one edition or all) stand, what happened month by
//! month, and where help is needed — stages, milestones, quiet projects
//! and skipped check-ins, mentor reviews, meetup attendance, needs and
//! introductions, email delivery.
//!
//! Every figure is a grouped query over the whole scope: the number of
//! statements does not depend on the number of projects, and what comes
//! back is a few rows per city, stage or month.

use super::monthly::{self, MonthFigures};
use super::months::{Period, last_months};
use super::scope::Scope;
use super::sql::{bucket, choose, count_if, one_if};
use crate::dashboard;
use crate::entities::{
    edition, meetup_occurrence, mentor_assignment, project, review, review_request, rsvp,
};
use crate::error::Result;
use crate::introduction::{self, IntroductionState, Outcome};
use crate::need;
use crate::outbox;
use crate::review::{DEFAULT_CADENCE_DAYS, OVERDUE_AFTER};
use crate::role::Actor;
use crate::stage::Stage;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, IntoIden, Query, SelectStatement,
};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use std::collections::BTreeMap;

/// Calendar months the dashboard follows, the current one last.
pub const MONTHS_SHOWN: u32 = 6;

pub use crate::dashboard::UPCOMING_DAYS;

/// One city's figures now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CityFigures {
    /// The city.
    pub city_id: i32,
    /// Its name.
    pub name: String,
    /// Live projects.
    pub projects: u64,
    /// Projects without a public entry for 30 days.
    pub quiet: u64,
    /// Projects that left their last two check-ins unanswered.
    pub skipped_check_ins: u64,
    /// Milestones past their due day and not done.
    pub late_milestones: u64,
    /// Milestones due in the next `UPCOMING_DAYS` days.
    pub upcoming_milestones: u64,
    /// Live projects with a mentor.
    pub followed: u64,
    /// Followed projects whose review is overdue.
    pub reviews_overdue: u64,
    /// Open needs.
    pub open_needs: u64,
    /// Introductions asked for.
    pub introductions: u64,
    /// Introductions accepted.
    pub introductions_accepted: u64,
}

/// Answers and presence at the meetups of one month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    /// Meetings held or planned (not cancelled).
    pub meetings: u64,
    /// Places taken: "yes" answers off the waiting list.
    pub answered_yes: u64,
    /// People marked present.
    pub attended: u64,
}

/// Outbox rows by delivery state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Waiting for an attempt.
    pub pending: u64,
    /// Being sent.
    pub sending: u64,
    /// Accepted by the mail server.
    pub sent: u64,
    /// Given up on.
    pub failed: u64,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The first day of each month followed, oldest first.
    pub months: Vec<NaiveDate>,
    /// What happened in each month, all cities of the scope together.
    pub monthly: Vec<MonthFigures>,
    /// Live projects per stage, every stage in order.
    pub stages: Vec<(Stage, u64)>,
    /// Per city of the scope, by name.
    pub cities: Vec<CityFigures>,
    /// Meetup answers and presence per month.
    pub attendance: Vec<Attendance>,
    /// Follow-up answers by outcome (each side answers for itself).
    pub outcomes: Vec<(Outcome, u64)>,
    /// Emails by delivery state.
    pub delivery: Delivery,
}

impl Dashboard {
    /// The cities' figures added up.
    pub fn total(&self) -> CityFigures {
        self.cities
            .iter()
            .fold(CityFigures::default(), |mut sum, c| {
                sum.projects += c.projects;
                sum.quiet += c.quiet;
                sum.skipped_check_ins += c.skipped_check_ins;
                sum.late_milestones += c.late_milestones;
                sum.upcoming_milestones += c.upcoming_milestones;
                sum.followed += c.followed;
                sum.reviews_overdue += c.reviews_overdue;
                sum.open_needs += c.open_needs;
                sum.introductions += c.introductions;
                sum.introductions_accepted += c.introductions_accepted;
                sum
            })
    }
}

/// The dashboard of `scope`, as `actor` (a coordinator of its cities, as
/// `scope::for_coordinator` checked) sees it.
pub async fn of_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Dashboard> {
    let months: Vec<NaiveDate> = last_months(scope.zone, now, MONTHS_SHOWN)
        .iter()
        .map(|p| p.first_day)
        .collect();
    let city_ids = scope.city_ids();
    let edition_id = scope.edition_id();
    let monthly = monthly::of_scope(db, scope, &months, now).await?.total();
    let live = live_in(&city_ids, edition_id);
    let mut cities: BTreeMap<i32, CityFigures> = scope
        .cities
        .iter()
        .map(|c| {
            (
                c.id,
                CityFigures {
                    city_id: c.id,
                    name: c.name.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut stages: Vec<(Stage, u64)> = Stage::ALL.into_iter().map(|s| (s, 0)).collect();
    for rollup in dashboard::of_cities(db, &scope.cities, edition_id, now).await? {
        for ((_, sum), (_, n)) in stages.iter_mut().zip(&rollup.stages) {
            *sum += *n as u64;
        }
        if let Some(c) = cities.get_mut(&rollup.city_id) {
            c.projects = rollup.projects as u64;
            c.quiet = rollup.quiet_total as u64;
            c.skipped_check_ins = rollup.missed_total as u64;
            c.late_milestones = rollup.late_milestones as u64;
            c.upcoming_milestones = rollup.upcoming_milestones as u64;
        }
    }
    for (city_id, followed, overdue) in review_counts(db, live, now).await? {
        if let Some(c) = cities.get_mut(&city_id) {
            c.followed = followed;
            c.reviews_overdue = overdue;
        }
    }
    for (city_id, open) in need::open_counts_by_city(db, edition_id).await? {
        if let Some(c) = cities.get_mut(&city_id) {
            c.open_needs = open;
        }
    }
    let mut outcomes: Vec<(Outcome, u64)> = Outcome::ALL.into_iter().map(|o| (o, 0)).collect();
    for counts in introduction::counts_by_city(db, edition_id).await? {
        let Some(c) = cities.get_mut(&counts.city_id) else {
            continue;
        };
        c.introductions = counts.asked();
        c.introductions_accepted = counts.state(IntroductionState::Accepted);
        for (outcome, sum) in &mut outcomes {
            *sum += counts.outcome(*outcome);
        }
    }
    let attendance = attendance(db, scope, &months).await?;
    let (pending, sending, sent, failed) = outbox::counts(db, actor).await?;
    let mut cities: Vec<CityFigures> = cities.into_values().collect();
    cities.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Dashboard {
        stages,
        months,
        monthly,
        cities,
        attendance,
        outcomes,
        delivery: Delivery {
            pending,
            sending,
            sent,
            failed,
        },
    })
}

fn project_col(column: project::Column) -> Expr {
    Expr::col((project::Entity, column))
}

/// The live projects of `cities`, within one edition if given.
fn live_in(cities: &[i32], edition_id: Option<i32>) -> Condition {
    let mut live = Condition::all()
        .add(project_col(project::Column::CityId).is_in(cities.to_vec()))
        .add(project_col(project::Column::ArchivedAt).is_null());
    if let Some(e) = edition_id {
        live = live.add(project_col(project::Column::EditionId).eq(e));
    }
    live
}

/// A count or a sum of counts (NULL when summed over no row).
/// Rows of `query` as `(city_id, first, second)` counts.
async fn pair_by_city(
    db: &impl ConnectionTrait,
    query: &SelectStatement,
    first: &str,
    second: &str,
) -> Result<Vec<(i32, u64, u64)>> {
    let mut out = Vec::new();
    for row in db.query_all(query).await? {
        out.push((
            row.try_get::<i32>("", "city_id")?,
            n(&row, first)?,
            n(&row, second)?,
        ));
    }
    Ok(out)
}

fn n(row: &sea_orm::QueryResult, column: &str) -> Result<u64> {
    let value: Option<i64> = row.try_get("", column)?;
    Ok(value.and_then(|v| u64::try_from(v).ok()).unwrap_or(0))
}

/// `(SELECT … )` as a value.
fn scalar(select: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(select.into()))
}

/// Per city: live projects followed by a mentor, and those whose review is
/// overdue — as `review::due_state` decides for one project: no review
/// (or none since the mentoring began) for the edition's cadence plus two
/// weeks, or a request left unanswered for two weeks. Read from the live
/// assignments (a few thousand at 10,000 projects), each followed project
/// then found by its key, rather than from every live project.
async fn review_counts(
    db: &impl ConnectionTrait,
    live: Condition,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, u64, u64)>> {
    let followed = Alias::new("followed_projects");
    let followed_col = |name: &str| Expr::col((followed.clone(), Alias::new(name)));
    let a = |c: mentor_assignment::Column| Expr::col((mentor_assignment::Entity, c));
    // Each followed project once, with the start of its earliest live
    // mentoring.
    let live_assignments = Query::select()
        .expr_as(a(mentor_assignment::Column::ProjectId), "project_id")
        .expr_as(a(mentor_assignment::Column::StartedAt).min(), "started_at")
        .from(mentor_assignment::Entity)
        .and_where(a(mentor_assignment::Column::EndedAt).is_null())
        .group_by_col((
            mentor_assignment::Entity,
            mentor_assignment::Column::ProjectId,
        ))
        .to_owned();
    let project_id = followed_col("project_id");
    let r = |c: review::Column| Expr::col((review::Entity, c));
    let last_review = Query::select()
        .expr(r(review::Column::CreatedAt).max())
        .from(review::Entity)
        .and_where(r(review::Column::ProjectId).eq(project_id.clone()))
        .to_owned();
    let q = |c: review_request::Column| Expr::col((review_request::Entity, c));
    let open_request = Query::select()
        .expr(q(review_request::Column::CreatedAt).min())
        .from(review_request::Entity)
        .and_where(q(review_request::Column::ProjectId).eq(project_id))
        .and_where(q(review_request::Column::AnsweredByReviewId).is_null())
        .to_owned();
    // The cadence is the edition's: one cut-off per edition.
    let editions: Vec<(i32, i32)> = edition::Entity::find()
        .select_only()
        .column(edition::Column::Id)
        .column(edition::Column::ReviewCadenceDays)
        .into_tuple()
        .all(db)
        .await?;
    let cutoff = choose(
        editions
            .iter()
            .map(|(id, cadence)| {
                let cadence = chrono::Duration::days(i64::from(Ord::max(*cadence, 1)));
                (
                    Condition::all().add(project_col(project::Column::EditionId).eq(*id)),
                    Expr::val(now - cadence - OVERDUE_AFTER),
                )
            })
            .collect(),
    );
    let default_cutoff =
        now - chrono::Duration::days(i64::from(DEFAULT_CADENCE_DAYS)) - OVERDUE_AFTER;
    let since = Expr::from(Func::coalesce([
        scalar(last_review),
        followed_col("started_at"),
    ]));
    let overdue = Condition::any()
        .add(since.lte(Expr::from(Func::coalesce([
            cutoff,
            Expr::val(default_cutoff),
        ]))))
        .add(scalar(open_request).lte(now - OVERDUE_AFTER));
    let query = Query::select()
        .expr_as(project_col(project::Column::CityId), "city_id")
        .expr_as(Expr::cust("COUNT(*)"), "followed")
        .expr_as(count_if(overdue), "overdue")
        .from_subquery(live_assignments, followed.clone())
        .inner_join(
            project::Entity,
            project_col(project::Column::Id).equals((followed, Alias::new("project_id"))),
        )
        .cond_where(live)
        .group_by_col((project::Entity, project::Column::CityId))
        .to_owned();
    pair_by_city(db, &query, "followed", "overdue").await
}

/// Per month: meetings not cancelled in the scope's cities, places taken
/// and presence, each city on its own calendar.
async fn attendance(
    db: &impl ConnectionTrait,
    scope: &Scope,
    months: &[NaiveDate],
) -> Result<Vec<Attendance>> {
    let mut out = vec![Attendance::default(); months.len()];
    let (Some(&first), Some(&last)) = (months.first(), months.last()) else {
        return Ok(out);
    };
    if scope.cities.is_empty() {
        return Ok(out);
    }
    let o = |c: meetup_occurrence::Column| Expr::col((meetup_occurrence::Entity, c));
    let r = |c: rsvp::Column| Expr::col((rsvp::Entity, c));
    let starts = o(meetup_occurrence::Column::StartsAt);
    let mut earliest = None;
    let mut latest = None;
    let period = choose(
        scope
            .cities
            .iter()
            .map(|city| {
                let mut bounds: Vec<sea_orm::Value> = months
                    .iter()
                    .map(|m| Period::month_of(city.time_zone, *m).starts_at.into())
                    .collect();
                let end = Period::month_of(city.time_zone, last).ends_at;
                let start = Period::month_of(city.time_zone, first).starts_at;
                earliest = Some(earliest.map_or(start, |e: DateTime<Utc>| Ord::min(e, start)));
                latest = Some(latest.map_or(end, |l: DateTime<Utc>| Ord::max(l, end)));
                bounds.push(end.into());
                (
                    Condition::all().add(o(meetup_occurrence::Column::CityId).eq(city.id)),
                    bucket(&starts, &bounds, 0),
                )
            })
            .collect(),
    );
    let (Some(earliest), Some(latest)) = (earliest, latest) else {
        return Ok(out);
    };
    let yes = Condition::all()
        .add(r(rsvp::Column::Answer).eq(crate::rsvp::Answer::Yes.code()))
        .add(r(rsvp::Column::Waitlisted).eq(false));
    let rows = Query::select()
        .expr_as(period, "period")
        .expr_as(o(meetup_occurrence::Column::Id), "meeting")
        .expr_as(one_if(yes), "yes")
        .expr_as(
            one_if(Condition::all().add(r(rsvp::Column::Attended).eq(true))),
            "attended",
        )
        .from(meetup_occurrence::Entity)
        .left_join(
            rsvp::Entity,
            r(rsvp::Column::OccurrenceId)
                .equals((meetup_occurrence::Entity, meetup_occurrence::Column::Id)),
        )
        .and_where(o(meetup_occurrence::Column::CityId).is_in(scope.city_ids()))
        .and_where(o(meetup_occurrence::Column::Status).ne(crate::meetup::Status::Cancelled.code()))
        .and_where(starts.clone().gte(earliest))
        .and_where(starts.lt(latest))
        .to_owned();
    let alias = Alias::new("answers").into_iden();
    let col = |name: &str| Expr::col((alias.clone(), Alias::new(name)));
    let query = Query::select()
        .expr_as(col("period"), "period")
        .expr_as(Func::count_distinct(col("meeting")), "meetings")
        .expr_as(Func::sum(col("yes")), "yes")
        .expr_as(Func::sum(col("attended")), "attended")
        .from_subquery(rows, alias.clone())
        .and_where(col("period").is_not_null())
        .group_by_col((alias, Alias::new("period")))
        .to_owned();
    for row in db.query_all(&query).await? {
        let period: i32 = row.try_get("", "period")?;
        let Some(slot) = usize::try_from(period).ok().and_then(|i| out.get_mut(i)) else {
            continue;
        };
        *slot = Attendance {
            meetings: n(&row, "meetings")?,
            answered_yes: n(&row, "yes")?,
            attended: n(&row, "attended")?,
        };
    }
    Ok(out)
}

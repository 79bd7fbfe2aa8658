//! What the coordinators' exports hold: the projects, milestones, public
//! journal entries, meetups with their attendance, and needs with their
//! introductions, of a scope (as the dashboard filters it). Counts and
//! public facts only: no email or postal address, no name of who answered
//! a meetup, no review, no message of an introduction.
//!
//! Values are machine values (codes, ISO 8601 dates, RFC 3339 instants);
//! the web layer writes them as CSV.

use super::scope::Scope;
use super::sql::count_if;
use crate::edition;
use crate::entities::{
    introduction, meetup_occurrence, milestone, need, project, project_update, rsvp,
};
use crate::error::Result;
use crate::introduction::IntroductionState;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;

/// A table to export: its column names and its rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names (the header row).
    pub columns: &'static [&'static str],
    /// One entry per column in each row.
    pub rows: Vec<Vec<String>>,
}

/// The exports there are, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// `projects.csv`.
    Projects,
    /// `milestones.csv`.
    Milestones,
    /// `journal.csv`: public entries of public projects.
    Journal,
    /// `meetups.csv`: meetups with answer and attendance counts.
    Meetups,
    /// `needs.csv`: needs with their introduction counts.
    Needs,
}

impl Export {
    /// Every export, in the order pages list them.
    pub const ALL: [Export; 5] = [
        Export::Projects,
        Export::Milestones,
        Export::Journal,
        Export::Meetups,
        Export::Needs,
    ];

    /// The file's name without `.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Export::Projects => "projects",
            Export::Milestones => "milestones",
            Export::Journal => "journal",
            Export::Meetups => "meetups",
            Export::Needs => "needs",
        }
    }

    /// The export named `name` (without `.csv`).
    pub fn parse(name: &str) -> Option<Export> {
        Export::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// The table of `export` for `scope`.
pub async fn table(db: &impl ConnectionTrait, scope: &Scope, export: Export) -> Result<Table> {
    match export {
        Export::Projects => projects(db, scope).await,
        Export::Milestones => milestones(db, scope).await,
        Export::Journal => journal(db, scope).await,
        Export::Meetups => meetups(db, scope).await,
        Export::Needs => needs(db, scope).await,
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn day(on: Option<NaiveDate>) -> String {
    on.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The live projects of the scope.
fn live(scope: &Scope) -> Condition {
    let col = |c: project::Column| Expr::col((project::Entity, c));
    let mut cond = Condition::all()
        .add(col(project::Column::CityId).is_in(scope.city_ids()))
        .add(col(project::Column::ArchivedAt).is_null());
    if let Some(e) = scope.edition_id() {
        cond = cond.add(col(project::Column::EditionId).eq(e));
    }
    cond
}

fn city_name(scope: &Scope, id: i32) -> String {
    scope
        .cities
        .iter()
        .find(|c| c.id == id)
        .map_or_else(String::new, |c| c.name.clone())
}

async fn projects(db: &impl ConnectionTrait, scope: &Scope) -> Result<Table> {
    let editions: BTreeMap<i32, String> = edition::list(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.slug))
        .collect();
    let rows = project::Entity::find()
        .filter(live(scope))
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    Ok(Table {
        columns: &[
            "slug",
            "title",
            "pitch",
            "edition",
            "city",
            "stage",
            "licence",
            "public",
            "repository_url",
            "demo_url",
            "created_at",
            "last_public_update_at",
        ],
        rows: rows
            .into_iter()
            .map(|p| {
                vec![
                    p.slug,
                    p.title,
                    p.pitch,
                    editions.get(&p.edition_id).cloned().unwrap_or_default(),
                    city_name(scope, p.city_id),
                    p.stage.code().to_owned(),
                    p.licence,
                    p.is_public.to_string(),
                    p.repository_url.unwrap_or_default(),
                    p.demo_url.unwrap_or_default(),
                    instant(p.created_at),
                    p.last_public_update_at.map(instant).unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

async fn milestones(db: &impl ConnectionTrait, scope: &Scope) -> Result<Table> {
    let rows: Vec<(String, String, NaiveDate, String, Option<NaiveDate>)> =
        milestone::Entity::find()
            .select_only()
            .column(project::Column::Slug)
            .column(milestone::Column::Title)
            .column(milestone::Column::DueOn)
            .column(milestone::Column::Status)
            .column(milestone::Column::DoneOn)
            .join(
                sea_orm::JoinType::InnerJoin,
                milestone::Entity::belongs_to(project::Entity)
                    .from(milestone::Column::ProjectId)
                    .to(project::Column::Id)
                    .into(),
            )
            .filter(live(scope))
            .order_by_asc(milestone::Column::ProjectId)
            .order_by_asc(milestone::Column::Position)
            .order_by_asc(milestone::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
    Ok(Table {
        columns: &["project", "title", "due_on", "status", "done_on"],
        rows: rows
            .into_iter()
            .map(|(slug, title, due, status, done)| {
                vec![slug, title, day(Some(due)), status, day(done)]
            })
            .collect(),
    })
}

async fn journal(db: &impl ConnectionTrait, scope: &Scope) -> Result<Table> {
    let rows: Vec<(String, DateTime<Utc>, String)> = project_update::Entity::find()
        .select_only()
        .column(project::Column::Slug)
        .column(project_update::Column::CreatedAt)
        .column(project_update::Column::Body)
        .join(
            sea_orm::JoinType::InnerJoin,
            project_update::Entity::belongs_to(project::Entity)
                .from(project_update::Column::ProjectId)
                .to(project::Column::Id)
                .into(),
        )
        .filter(live(scope))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project_update::Column::IsPublic.eq(true))
        .order_by_asc(project_update::Column::ProjectId)
        .order_by_asc(project_update::Column::CreatedAt)
        .order_by_asc(project_update::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Table {
        columns: &["project", "published_at", "text"],
        rows: rows
            .into_iter()
            .map(|(slug, at, body)| vec![slug, instant(at), body])
            .collect(),
    })
}

fn count(row: &sea_orm::QueryResult, column: &str) -> Result<String> {
    let n: Option<i64> = row.try_get("", column)?;
    Ok(n.unwrap_or(0).to_string())
}

async fn meetups(db: &impl ConnectionTrait, scope: &Scope) -> Result<Table> {
    let o = |c: meetup_occurrence::Column| Expr::col((meetup_occurrence::Entity, c));
    let r = |c: rsvp::Column| Expr::col((rsvp::Entity, c));
    let answer = |code: &str| r(rsvp::Column::Answer).eq(code.to_owned());
    let yes = crate::rsvp::Answer::Yes.code();
    let query = Query::select()
        .expr_as(o(meetup_occurrence::Column::Id), "id")
        .expr_as(o(meetup_occurrence::Column::CityId), "city_id")
        .expr_as(o(meetup_occurrence::Column::Title), "title")
        .expr_as(o(meetup_occurrence::Column::StartsAt), "starts_at")
        .expr_as(o(meetup_occurrence::Column::Status), "status")
        .expr_as(o(meetup_occurrence::Column::Capacity), "capacity")
        .expr_as(
            count_if(
                Condition::all()
                    .add(answer(yes))
                    .add(r(rsvp::Column::Waitlisted).eq(false)),
            ),
            "yes",
        )
        .expr_as(
            count_if(Condition::all().add(answer(crate::rsvp::Answer::Maybe.code()))),
            "maybe",
        )
        .expr_as(
            count_if(
                Condition::all()
                    .add(answer(yes))
                    .add(r(rsvp::Column::Waitlisted).eq(true)),
            ),
            "waitlisted",
        )
        .expr_as(
            count_if(Condition::all().add(r(rsvp::Column::Attended).eq(true))),
            "attended",
        )
        .from(meetup_occurrence::Entity)
        .left_join(
            rsvp::Entity,
            r(rsvp::Column::OccurrenceId)
                .equals((meetup_occurrence::Entity, meetup_occurrence::Column::Id)),
        )
        .and_where(o(meetup_occurrence::Column::CityId).is_in(scope.city_ids()))
        .group_by_col((meetup_occurrence::Entity, meetup_occurrence::Column::Id))
        .group_by_col((meetup_occurrence::Entity, meetup_occurrence::Column::CityId))
        .group_by_col((meetup_occurrence::Entity, meetup_occurrence::Column::Title))
        .group_by_col((
            meetup_occurrence::Entity,
            meetup_occurrence::Column::StartsAt,
        ))
        .group_by_col((meetup_occurrence::Entity, meetup_occurrence::Column::Status))
        .group_by_col((
            meetup_occurrence::Entity,
            meetup_occurrence::Column::Capacity,
        ))
        .order_by(
            (
                meetup_occurrence::Entity,
                meetup_occurrence::Column::StartsAt,
            ),
            sea_orm::Order::Asc,
        )
        .order_by(
            (meetup_occurrence::Entity, meetup_occurrence::Column::Id),
            sea_orm::Order::Asc,
        )
        .to_owned();
    let mut rows = Vec::new();
    for row in db.query_all(&query).await? {
        let city_id: i32 = row.try_get("", "city_id")?;
        let starts_at: DateTime<Utc> = row.try_get("", "starts_at")?;
        let capacity: i32 = row.try_get("", "capacity")?;
        rows.push(vec![
            row.try_get::<i32>("", "id")?.to_string(),
            city_name(scope, city_id),
            row.try_get("", "title")?,
            instant(starts_at),
            row.try_get("", "status")?,
            capacity.to_string(),
            count(&row, "yes")?,
            count(&row, "maybe")?,
            count(&row, "waitlisted")?,
            count(&row, "attended")?,
        ]);
    }
    Ok(Table {
        columns: &[
            "id",
            "city",
            "title",
            "starts_at",
            "status",
            "capacity",
            "answered_yes",
            "answered_maybe",
            "waitlisted",
            "attended",
        ],
        rows,
    })
}

async fn needs(db: &impl ConnectionTrait, scope: &Scope) -> Result<Table> {
    let n = |c: need::Column| Expr::col((need::Entity, c));
    let i = |c: introduction::Column| Expr::col((introduction::Entity, c));
    let query = Query::select()
        .expr_as(n(need::Column::Id), "id")
        .expr_as(
            Expr::col((project::Entity, project::Column::Slug)),
            "project",
        )
        .expr_as(n(need::Column::Kind), "kind")
        .expr_as(n(need::Column::State), "state")
        .expr_as(n(need::Column::CreatedAt), "created_at")
        .expr_as(i(introduction::Column::Id).count(), "introductions")
        .expr_as(
            count_if(
                Condition::all()
                    .add(i(introduction::Column::State).eq(IntroductionState::Accepted.code())),
            ),
            "accepted",
        )
        .from(need::Entity)
        .inner_join(
            project::Entity,
            Expr::col((project::Entity, project::Column::Id))
                .equals((need::Entity, need::Column::ProjectId)),
        )
        .left_join(
            introduction::Entity,
            i(introduction::Column::NeedId).equals((need::Entity, need::Column::Id)),
        )
        .cond_where(live(scope))
        .group_by_col((need::Entity, need::Column::Id))
        .group_by_col((project::Entity, project::Column::Slug))
        .group_by_col((need::Entity, need::Column::Kind))
        .group_by_col((need::Entity, need::Column::State))
        .group_by_col((need::Entity, need::Column::CreatedAt))
        .order_by((need::Entity, need::Column::Id), sea_orm::Order::Asc)
        .to_owned();
    let mut rows = Vec::new();
    for row in db.query_all(&query).await? {
        let created: DateTime<Utc> = row.try_get("", "created_at")?;
        rows.push(vec![
            row.try_get::<i32>("", "id")?.to_string(),
            row.try_get("", "project")?,
            row.try_get("", "kind")?,
            row.try_get("", "state")?,
            instant(created),
            count(&row, "introductions")?,
            count(&row, "accepted")?,
        ]);
    }
    Ok(Table {
        columns: &[
            "id",
            "project",
            "kind",
            "state",
            "created_at",
            "introductions",
            "introductions_accepted",
        ],
        rows,
    })
}

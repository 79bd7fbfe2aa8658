//! Mentors: their profile (expertise, how many projects they can follow,
//! remote or not) and their assignments to projects, of which the mentor
//! and the team are told in the same transaction.

use crate::context::Context;
use crate::email_message::{EmailKind, EmailMessage};
use crate::entities::{mentor_assignment, mentor_profile, project, user, user_role};
use crate::error::{DomainError, FieldErrors, Result};
use crate::project::Project;
use crate::role::{Actor, Role};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionTrait,
};
use std::collections::HashMap;

crate::stored_code! {
    /// An area a mentor can help with, in the order the profile form shows them.
    pub enum Expertise ("expertise", "error-choice-invalid") {
        /// Service and interface design.
        Design = "design",
        /// Data: open data, analysis.
        Data = "data",
        /// Law.
        Law = "law",
        /// Finding money.
        Funding = "funding",
        /// Selling to public bodies.
        PublicProcurement = "public_procurement",
        /// Running an open-source community.
        OpenSourceGovernance = "open_source_governance",
        /// Telling the project's story.
        Communication = "communication",
        /// Accessibility.
        Accessibility = "accessibility",
        /// Security.
        Security = "security",
    }
}

/// A mentor's areas as their column stores them (codes separated by
/// commas), read once with the row: a code no [`Expertise`] names is a
/// database error rather than an area silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default, sea_orm::DeriveValueType)]
#[sea_orm(value_type = "String")]
pub struct ExpertiseList(pub Vec<Expertise>);

impl std::str::FromStr for ExpertiseList {
    type Err = crate::code::UnknownCode;

    fn from_str(stored: &str) -> std::result::Result<Self, Self::Err> {
        crate::code::parse_list(stored).map(ExpertiseList)
    }
}

impl std::fmt::Display for ExpertiseList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::code::join_list(&self.0))
    }
}

/// How many projects a mentor follows when they have not said.
pub const DEFAULT_CAPACITY: i32 = 3;

/// A mentor's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Their areas, in the order they ticked them.
    pub expertise: Vec<Expertise>,
    /// Projects they can follow at once.
    pub capacity: i32,
    /// Available remotely, beyond their city.
    pub remote: bool,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            expertise: Vec::new(),
            capacity: DEFAULT_CAPACITY,
            remote: false,
        }
    }
}

/// A mentor's profile, or the defaults.
pub async fn profile(db: &impl ConnectionTrait, mentor_id: i32) -> Result<Profile> {
    Ok(mentor_profile::Entity::find_by_id(mentor_id)
        .one(db)
        .await?
        .map(|p| Profile {
            expertise: p.expertise.0,
            capacity: p.capacity,
            remote: p.remote,
        })
        .unwrap_or_default())
}

/// Saves the actor's own mentor profile; mentors only.
pub async fn save_profile(
    ctx: &Context,
    actor: &Actor,
    expertise: &[String],
    capacity: &str,
    remote: bool,
) -> Result<()> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    if !actor.is_mentor() {
        return Err(DomainError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let mut areas: Vec<Expertise> = Vec::new();
    for code in expertise {
        if let Some(area) = errors.check("expertise", Expertise::parse(code))
            && !areas.contains(&area)
        {
            areas.push(area);
        }
    }
    let capacity = errors.checked(
        "capacity",
        capacity
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|c| (0..=30).contains(c))
            .ok_or("error-capacity-invalid"),
    );
    let capacity = errors.finish(capacity)?;
    let row = mentor_profile::ActiveModel {
        user_id: Set(user_id),
        expertise: Set(ExpertiseList(areas)),
        capacity: Set(capacity),
        remote: Set(remote),
        updated_at: Set(ctx.now()),
    };
    mentor_profile::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(mentor_profile::Column::UserId)
                .update_columns([
                    mentor_profile::Column::Expertise,
                    mentor_profile::Column::Capacity,
                    mentor_profile::Column::Remote,
                    mentor_profile::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// A live assignment, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Its id.
    pub id: i32,
    /// The project.
    pub project_id: i32,
    /// The mentor.
    pub mentor_id: i32,
    /// The mentor's name.
    pub mentor_name: String,
    /// Since when.
    pub started_at: DateTime<Utc>,
}

async fn named(
    db: &impl ConnectionTrait,
    rows: Vec<mentor_assignment::Model>,
) -> Result<Vec<Assignment>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.mentor_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Assignment {
            mentor_name: users
                .iter()
                .find(|u| u.id == r.mentor_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            id: r.id,
            project_id: r.project_id,
            mentor_id: r.mentor_id,
            started_at: r.started_at,
        })
        .collect())
}

/// The live assignments of some projects.
pub async fn of_projects(
    db: &impl ConnectionTrait,
    project_ids: &[i32],
) -> Result<Vec<Assignment>> {
    let rows = mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::ProjectId.is_in(project_ids.to_vec()))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .order_by_asc(mentor_assignment::Column::StartedAt)
        .all(db)
        .await?;
    named(db, rows).await
}

/// The live assignments of a mentor.
pub async fn of_mentor(db: &impl ConnectionTrait, mentor_id: i32) -> Result<Vec<Assignment>> {
    let rows = mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::MentorId.eq(mentor_id))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .order_by_asc(mentor_assignment::Column::StartedAt)
        .all(db)
        .await?;
    named(db, rows).await
}

/// The live assignment of `mentor_id` on `project_id`, if any.
pub async fn live(
    db: &impl ConnectionTrait,
    project_id: i32,
    mentor_id: i32,
) -> Result<Option<mentor_assignment::Model>> {
    Ok(mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::ProjectId.eq(project_id))
        .filter(mentor_assignment::Column::MentorId.eq(mentor_id))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

/// Accounts holding a mentor grant for `city_id` (or programme-wide), with
/// their live load: (id, name, assigned, capacity).
pub async fn mentors_for_city(
    db: &impl ConnectionTrait,
    city_id: i32,
) -> Result<Vec<(i32, String, i32, i32)>> {
    // Four queries whatever the number of mentors: grants, profiles,
    // names, live assignments counted.
    let grants: Vec<(i32, Option<i32>)> = user_role::Entity::find()
        .select_only()
        .columns([user_role::Column::UserId, user_role::Column::CityId])
        .filter(user_role::Column::Role.eq(Role::Mentor))
        .into_tuple()
        .all(db)
        .await?;
    let granted: Vec<i32> = grants.iter().map(|(user_id, _)| *user_id).collect();
    let profiles: HashMap<i32, (i32, bool)> = mentor_profile::Entity::find()
        .select_only()
        .columns([
            mentor_profile::Column::UserId,
            mentor_profile::Column::Capacity,
            mentor_profile::Column::Remote,
        ])
        .filter(mentor_profile::Column::UserId.is_in(granted))
        .into_tuple::<(i32, i32, bool)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(user_id, capacity, remote)| (user_id, (capacity, remote)))
        .collect();
    let default = Profile::default();
    let profile_of = |user_id: i32| {
        profiles
            .get(&user_id)
            .copied()
            .unwrap_or((default.capacity, default.remote))
    };
    let mut ids: Vec<i32> = Vec::new();
    for (user_id, city) in grants {
        let here = city.is_none() || city == Some(city_id);
        if (here || profile_of(user_id).1) && !ids.contains(&user_id) {
            ids.push(user_id);
        }
    }
    let loads: HashMap<i32, i64> = mentor_assignment::Entity::find()
        .select_only()
        .column(mentor_assignment::Column::MentorId)
        .column_as(mentor_assignment::Column::Id.count(), "load")
        .filter(mentor_assignment::Column::MentorId.is_in(ids.clone()))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .group_by(mentor_assignment::Column::MentorId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let users: Vec<(i32, String)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::Name])
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::IsActive.eq(true))
        .order_by_asc(user::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(users
        .into_iter()
        .map(|(id, name)| {
            let load = loads.get(&id).copied().unwrap_or(0);
            (
                id,
                name,
                i32::try_from(load).unwrap_or(i32::MAX),
                profile_of(id).0,
            )
        })
        .collect())
}

/// Assigns a mentor to a project: its city's coordinators only, a mentor
/// outside the team, within the mentor's capacity.
pub async fn assign(ctx: &Context, actor: &Actor, project_id: i32, mentor_id: i32) -> Result<i32> {
    let project = project::Entity::find_by_id(project_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(project.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let is_mentor = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(mentor_id))
        .filter(user_role::Column::Role.eq(Role::Mentor))
        .count(&ctx.db)
        .await?
        > 0;
    if !is_mentor {
        return Err(DomainError::field("mentor_id", "error-not-a-mentor"));
    }
    if crate::project::team(&ctx.db, project_id)
        .await?
        .iter()
        .any(|m| m.user_id == mentor_id)
    {
        return Err(DomainError::field("mentor_id", "error-mentor-in-team"));
    }
    let capacity = profile(&ctx.db, mentor_id).await?.capacity;
    let txn = ctx.db.begin().await?;
    let load = mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::MentorId.eq(mentor_id))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .count(&txn)
        .await?;
    if load >= u64::try_from(capacity.max(0)).unwrap_or(0) {
        return Err(DomainError::field("mentor_id", "error-mentor-full"));
    }
    let inserted = mentor_assignment::ActiveModel {
        project_id: Set(project_id),
        mentor_id: Set(mentor_id),
        assigned_by: Set(actor.user_id()),
        started_at: Set(ctx.now()),
        ended_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(DomainError::field("mentor_id", "error-already-assigned"));
        }
        Err(e) => return Err(e.into()),
    };
    tell_of_assignment(&txn, &project, &row, false, ctx.now()).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Tells the mentor and the team that an assignment began (or ended).
async fn tell_of_assignment(
    db: &impl ConnectionTrait,
    project: &project::Model,
    assignment: &mentor_assignment::Model,
    ended: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let mentor = crate::notify::recipients(db, &[assignment.mentor_id]).await?;
    let mentor_name = user::Entity::find_by_id(assignment.mentor_id)
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let team: Vec<i32> = crate::project::team(db, project.id)
        .await?
        .iter()
        .map(|m| m.user_id)
        .collect();
    let team = crate::notify::recipients(db, &team).await?;
    let occasion = if ended {
        EmailKind::MentorUnassigned
    } else {
        EmailKind::MentorAssigned
    }
    .key(assignment.id);
    for (people, to_mentor) in [(&mentor, true), (&team, false)] {
        let message = EmailMessage::MentorChanged {
            project: project.title.clone(),
            slug: project.slug.clone(),
            mentor: mentor_name.clone(),
            ended,
            to_mentor,
        };
        crate::notify::each(db, people, &occasion, now, |_| Ok(message.clone())).await?;
    }
    Ok(())
}

/// Ends an assignment; the reviews written under it stay.
pub async fn end(ctx: &Context, actor: &Actor, assignment_id: i32) -> Result<()> {
    let row = mentor_assignment::Entity::find_by_id(assignment_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let project = project::Entity::find_by_id(row.project_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !actor.coordinates(Some(project.city_id)) {
        return Err(DomainError::Forbidden);
    }
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    // Guarded, so ending an ended assignment tells no one again.
    let done = mentor_assignment::Entity::update_many()
        .col_expr(mentor_assignment::Column::EndedAt, Expr::value(now))
        .filter(mentor_assignment::Column::Id.eq(assignment_id))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 1 {
        tell_of_assignment(&txn, &project, &row, true, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether the actor mentors `project` right now.
pub async fn is_assigned(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project: &Project,
) -> Result<bool> {
    match actor.user_id() {
        Some(id) => Ok(live(db, project.row.id, id).await?.is_some()),
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column value as sea-orm reads it into a model.
    fn read(stored: String) -> Option<ExpertiseList> {
        <ExpertiseList as sea_orm::sea_query::ValueType>::try_from(sea_orm::Value::from(stored))
            .ok()
    }

    #[test]
    fn areas_are_stored_as_their_codes_in_the_order_ticked() {
        let areas = ExpertiseList(vec![Expertise::Law, Expertise::Design]);
        let stored = format!("{},{}", Expertise::Law.code(), Expertise::Design.code());
        assert_eq!(
            sea_orm::Value::from(areas.clone()),
            sea_orm::Value::from(stored.clone())
        );
        assert_eq!(read(stored), Some(areas));
        assert_eq!(read(String::new()), Some(ExpertiseList::default()));
    }

    #[test]
    fn a_stored_area_no_expertise_names_is_an_error_not_dropped() {
        assert_eq!(read(format!("{},astrology", Expertise::Law.code())), None);
    }
}

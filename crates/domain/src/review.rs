//! Mentor reviews: a score from 1 to 5 on four criteria with comments,
//! strengths, recommendations and agreed next steps; the team's
//! acknowledgement and answer; review requests; and the cadence that says
//! when a review is due.
//!
//! Due and overdue, as the dashboards and the reminders use them: a review
//! is due once the edition's cadence (6 weeks by default) has passed since
//! the last review — or since the assignment began, for a first review — or
//! as soon as the team has asked for one; it is overdue two weeks after
//! that.

use crate::context::Context;
use crate::email_message::EmailKind;
use crate::email_message::EmailMessage;
use crate::entities::{
    edition, mentor_assignment, project as project_row, review, review_request, review_step, user,
};
use crate::error::{DomainError, FieldErrors, Result};
use crate::milestone::{self, MilestoneInput, today_in};
use crate::project::Project;
use crate::role::Actor;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// The cadence when an edition does not set one.
pub const DEFAULT_CADENCE_DAYS: i32 = 42;
/// How long an author may still change a review.
pub const EDIT_WINDOW: Duration = Duration::hours(48);
/// How late "due" turns into "overdue".
pub const OVERDUE_AFTER: Duration = Duration::days(14);
/// The due date given to a milestone made from a next step.
pub const STEP_MILESTONE_IN: Duration = Duration::days(28);

/// Whether a project's review is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueState {
    /// Nothing to do yet.
    NotDue,
    /// A review is expected.
    Due,
    /// A review is late.
    Overdue,
}

impl DueState {
    /// The stored or displayed code.
    pub fn code(self) -> &'static str {
        match self {
            DueState::NotDue => "not_due",
            DueState::Due => "due",
            DueState::Overdue => "overdue",
        }
    }
}

/// The due rule: see the module documentation.
pub fn due_state(
    last_review: Option<DateTime<Utc>>,
    followed_since: DateTime<Utc>,
    open_request_since: Option<DateTime<Utc>>,
    cadence: Duration,
    now: DateTime<Utc>,
) -> DueState {
    let by_cadence = {
        let elapsed = now - last_review.unwrap_or(followed_since);
        if elapsed >= cadence + OVERDUE_AFTER {
            DueState::Overdue
        } else if elapsed >= cadence {
            DueState::Due
        } else {
            DueState::NotDue
        }
    };
    let by_request = match open_request_since {
        Some(since) if now - since >= OVERDUE_AFTER => DueState::Overdue,
        Some(_) => DueState::Due,
        None => DueState::NotDue,
    };
    by_cadence.max(by_request)
}

/// What an actor may do with a project's reviews, made only by [`rights`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewRights {
    pub(crate) read: bool,
    pub(crate) write: bool,
    pub(crate) respond: bool,
}

impl ReviewRights {
    /// Read the reviews (never public).
    pub fn read(self) -> bool {
        self.read
    }

    /// Write a review: a mentor assigned now, outside the team.
    pub fn write(self) -> bool {
        self.write
    }

    /// Acknowledge, answer, ask for a review, turn steps into milestones.
    pub fn respond(self) -> bool {
        self.respond
    }
}

/// Who may do what with reviews: the team reads and responds, the
/// project's current mentors read and write, its city's coordinators read.
pub fn rights(actor: &Actor, project: &Project, assigned_mentor: bool) -> ReviewRights {
    let logged_in = actor.user().is_some();
    let team = logged_in && project.membership.is_some();
    let coordinator = actor.coordinates(Some(project.row.city_id));
    let mentor = logged_in && assigned_mentor && actor.is_mentor();
    ReviewRights {
        read: team || mentor || coordinator,
        write: mentor && !team && project.row.archived_at.is_none(),
        respond: team && project.row.archived_at.is_none(),
    }
}

/// One criterion's score and comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// 1 to 5.
    pub value: i16,
    /// Optional comment.
    pub comment: String,
}

/// A next step agreed in a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its id.
    pub id: i32,
    /// What to do.
    pub text: String,
    /// The milestone it became, if the team made one.
    pub milestone_id: Option<i32>,
}

/// A review, ready to show.
#[derive(Debug, Clone)]
pub struct Review {
    /// Its id.
    pub id: i32,
    /// Its author.
    pub mentor_id: Option<i32>,
    /// The author's name.
    pub mentor_name: String,
    /// Impact.
    pub impact: Score,
    /// Progress against milestones.
    pub progress: Score,
    /// Openness: licence, documentation, reusable code.
    pub openness: Score,
    /// Team health.
    pub team_health: Score,
    /// Strengths.
    pub strengths: String,
    /// Recommendations.
    pub recommendations: String,
    /// Agreed next steps.
    pub steps: Vec<Step>,
    /// When written.
    pub created_at: DateTime<Utc>,
    /// When last changed.
    pub edited_at: Option<DateTime<Utc>>,
    /// When the team acknowledged it.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// The team's answer.
    pub response: String,
    /// When the team answered.
    pub responded_at: Option<DateTime<Utc>>,
}

impl Review {
    /// The mean of the four scores.
    pub fn mean(&self) -> f64 {
        f64::from(
            self.impact.value + self.progress.value + self.openness.value + self.team_health.value,
        ) / 4.0
    }

    /// Whether `actor` may still change it at `now`.
    pub fn editable_by(&self, actor: &Actor, now: DateTime<Utc>) -> bool {
        actor.user_id().is_some()
            && actor.user_id() == self.mentor_id
            && now - self.created_at < EDIT_WINDOW
    }
}

/// The review form as submitted.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    /// Impact score, "1".."5".
    pub impact: String,
    /// Impact comment.
    pub impact_comment: String,
    /// Progress score.
    pub progress: String,
    /// Progress comment.
    pub progress_comment: String,
    /// Openness score.
    pub openness: String,
    /// Openness comment.
    pub openness_comment: String,
    /// Team health score.
    pub team_health: String,
    /// Team health comment.
    pub team_health_comment: String,
    /// Strengths.
    pub strengths: String,
    /// Recommendations.
    pub recommendations: String,
    /// Next steps, one per line.
    pub next_steps: String,
}

struct Checked {
    scores: [i16; 4],
    comments: [String; 4],
    strengths: String,
    recommendations: String,
    steps: Vec<String>,
}

fn score(text: &str) -> std::result::Result<i16, &'static str> {
    match text.trim().parse::<i16>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ if text.trim().is_empty() => Err("error-required"),
        _ => Err("error-score-invalid"),
    }
}

fn text(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add(field, "error-too-long");
    }
    value.to_owned()
}

fn check(input: &ReviewInput) -> Result<Checked> {
    let mut e = FieldErrors::default();
    let impact = e.checked("impact", score(&input.impact));
    let progress = e.checked("progress", score(&input.progress));
    let openness = e.checked("openness", score(&input.openness));
    let team_health = e.checked("team_health", score(&input.team_health));
    let comments = [
        text(&mut e, "impact_comment", &input.impact_comment, 2000),
        text(&mut e, "progress_comment", &input.progress_comment, 2000),
        text(&mut e, "openness_comment", &input.openness_comment, 2000),
        text(
            &mut e,
            "team_health_comment",
            &input.team_health_comment,
            2000,
        ),
    ];
    let strengths = text(&mut e, "strengths", &input.strengths, 5000);
    let recommendations = text(&mut e, "recommendations", &input.recommendations, 5000);
    let steps: Vec<String> = input
        .next_steps
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_start_matches(['-', '*', '•']).trim().to_owned())
        .collect();
    if steps.len() > 10 || steps.iter().any(|s| s.chars().count() > 120) {
        e.add("next_steps", "error-steps-invalid");
    }
    let (impact, progress, openness, team_health) =
        e.finish((impact, progress, openness, team_health))?;
    Ok(Checked {
        scores: [impact, progress, openness, team_health],
        comments,
        strengths,
        recommendations,
        steps,
    })
}

async fn insert_steps(
    db: &impl ConnectionTrait,
    review_id: i32,
    steps: &[String],
    first_position: i32,
) -> Result<()> {
    for (i, s) in steps.iter().enumerate() {
        review_step::ActiveModel {
            review_id: Set(review_id),
            position: Set(first_position + i32::try_from(i).unwrap_or(0)),
            text: Set(s.clone()),
            milestone_id: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Writes a review: a mentor assigned to the project now, not in its team.
/// It answers the project's open review requests.
pub async fn write(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    input: &ReviewInput,
) -> Result<i32> {
    let mentor_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let assignment = crate::mentor::live(&ctx.db, project.row.id, mentor_id).await?;
    if !rights(actor, project, assignment.is_some()).write {
        return Err(DomainError::Forbidden);
    }
    let c = check(input)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let [impact, progress, openness, team_health] = c.scores;
    let [
        impact_comment,
        progress_comment,
        openness_comment,
        team_health_comment,
    ] = c.comments;
    let row = review::ActiveModel {
        project_id: Set(project.row.id),
        mentor_id: Set(Some(mentor_id)),
        assignment_id: Set(assignment.map(|a| a.id)),
        impact: Set(impact),
        impact_comment: Set(impact_comment),
        progress: Set(progress),
        progress_comment: Set(progress_comment),
        openness: Set(openness),
        openness_comment: Set(openness_comment),
        team_health: Set(team_health),
        team_health_comment: Set(team_health_comment),
        strengths: Set(c.strengths),
        recommendations: Set(c.recommendations),
        created_at: Set(now),
        edited_at: Set(None),
        acknowledged_at: Set(None),
        response: Set(String::new()),
        responded_at: Set(None),
        responded_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_steps(&txn, row.id, &c.steps, 0).await?;
    review_request::Entity::update_many()
        .col_expr(
            review_request::Column::AnsweredByReviewId,
            Expr::value(row.id),
        )
        .filter(review_request::Column::ProjectId.eq(project.row.id))
        .filter(review_request::Column::AnsweredByReviewId.is_null())
        .exec(&txn)
        .await?;
    let mentor_name = user::Entity::find_by_id(mentor_id)
        .one(&txn)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let team: Vec<i32> = project.team.iter().map(|m| m.user_id).collect();
    let team = crate::notify::recipients(&txn, &team).await?;
    let message = EmailMessage::ReviewPosted {
        project: project.row.title.clone(),
        slug: project.row.slug.clone(),
        mentor: mentor_name,
        strengths: row.strengths.clone(),
        recommendations: row.recommendations.clone(),
    };
    crate::notify::each(
        &txn,
        &team,
        &EmailKind::ReviewPosted.key(row.id),
        now,
        |_| Ok(message.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn own_row(
    db: &impl ConnectionTrait,
    project: &Project,
    review_id: i32,
) -> Result<review::Model> {
    review::Entity::find_by_id(review_id)
        .one(db)
        .await?
        .filter(|r| r.project_id == project.row.id)
        .ok_or(DomainError::NotFound)
}

/// Changes a review: its author, within `EDIT_WINDOW`. Steps already turned
/// into milestones stay; the others are replaced.
pub async fn edit(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    review_id: i32,
    input: &ReviewInput,
) -> Result<()> {
    let row = own_row(&ctx.db, project, review_id).await?;
    let now = ctx.now();
    if actor.user_id().is_none() || actor.user_id() != row.mentor_id {
        return Err(DomainError::Forbidden);
    }
    if now - row.created_at >= EDIT_WINDOW {
        return Err(DomainError::field("impact", "error-review-locked"));
    }
    let c = check(input)?;
    let txn = ctx.db.begin().await?;
    let [impact, progress, openness, team_health] = c.scores;
    let [
        impact_comment,
        progress_comment,
        openness_comment,
        team_health_comment,
    ] = c.comments;
    let mut active: review::ActiveModel = row.into();
    active.impact = Set(impact);
    active.impact_comment = Set(impact_comment);
    active.progress = Set(progress);
    active.progress_comment = Set(progress_comment);
    active.openness = Set(openness);
    active.openness_comment = Set(openness_comment);
    active.team_health = Set(team_health);
    active.team_health_comment = Set(team_health_comment);
    active.strengths = Set(c.strengths);
    active.recommendations = Set(c.recommendations);
    active.edited_at = Set(Some(now));
    active.update(&txn).await?;
    review_step::Entity::delete_many()
        .filter(review_step::Column::ReviewId.eq(review_id))
        .filter(review_step::Column::MilestoneId.is_null())
        .exec(&txn)
        .await?;
    let kept = review_step::Entity::find()
        .filter(review_step::Column::ReviewId.eq(review_id))
        .all(&txn)
        .await?;
    let fresh: Vec<String> = c
        .steps
        .into_iter()
        .filter(|s| !kept.iter().any(|k| &k.text == s))
        .collect();
    let next = kept.iter().map(|k| k.position).max().map_or(0, |p| p + 1);
    insert_steps(&txn, review_id, &fresh, next).await?;
    txn.commit().await?;
    Ok(())
}

/// Marks a review as read by the team.
pub async fn acknowledge(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    review_id: i32,
) -> Result<()> {
    if !rights(actor, project, false).respond {
        return Err(DomainError::Forbidden);
    }
    own_row(&ctx.db, project, review_id).await?;
    review::Entity::update_many()
        .col_expr(review::Column::AcknowledgedAt, Expr::value(ctx.now()))
        .filter(review::Column::Id.eq(review_id))
        .filter(review::Column::AcknowledgedAt.is_null())
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The team's answer to a review (which also acknowledges it).
pub async fn respond(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    review_id: i32,
    answer: &str,
) -> Result<()> {
    if !rights(actor, project, false).respond {
        return Err(DomainError::Forbidden);
    }
    let row = own_row(&ctx.db, project, review_id).await?;
    let answer = answer.trim();
    if answer.is_empty() {
        return Err(DomainError::field("response", "error-required"));
    }
    if answer.chars().count() > 5000 {
        return Err(DomainError::field("response", "error-too-long"));
    }
    let now = ctx.now();
    let mut active: review::ActiveModel = row.clone().into();
    active.response = Set(answer.to_owned());
    active.responded_at = Set(Some(now));
    active.responded_by = Set(actor.user_id());
    active.acknowledged_at = Set(Some(row.acknowledged_at.unwrap_or(now)));
    active.update(&ctx.db).await?;
    Ok(())
}

/// Turns a next step into a planned milestone due in four weeks; returns
/// the milestone's id. Doing it twice gives the same milestone.
pub async fn step_to_milestone(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    review_id: i32,
    step_id: i32,
) -> Result<i32> {
    if !rights(actor, project, false).respond || !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    own_row(&ctx.db, project, review_id).await?;
    let step = review_step::Entity::find_by_id(step_id)
        .one(&ctx.db)
        .await?
        .filter(|s| s.review_id == review_id)
        .ok_or(DomainError::NotFound)?;
    if let Some(existing) = step.milestone_id {
        return Ok(existing);
    }
    let due = today_in(project.time_zone, ctx.now() + STEP_MILESTONE_IN);
    let input = MilestoneInput {
        title: step.text.chars().take(120).collect(),
        description: String::new(),
        due_on: due.to_string(),
        status: milestone::Status::Planned.code().to_owned(),
        weight: String::new(),
        position: String::new(),
    };
    let milestone_id = milestone::create(ctx, project, &input).await?;
    review_step::Entity::update_many()
        .col_expr(review_step::Column::MilestoneId, Expr::value(milestone_id))
        .filter(review_step::Column::Id.eq(step_id))
        .exec(&ctx.db)
        .await?;
    Ok(milestone_id)
}

/// A project's reviews, newest first.
pub async fn of_project(db: &impl ConnectionTrait, project_id: i32) -> Result<Vec<Review>> {
    let rows = review::Entity::find()
        .filter(review::Column::ProjectId.eq(project_id))
        .order_by_desc(review::Column::CreatedAt)
        .order_by_desc(review::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let steps = review_step::Entity::find()
        .filter(review_step::Column::ReviewId.is_in(ids))
        .order_by_asc(review_step::Column::Position)
        .all(db)
        .await?;
    let authors: Vec<i32> = rows.iter().filter_map(|r| r.mentor_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(authors))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Review {
            mentor_name: r
                .mentor_id
                .and_then(|m| users.iter().find(|u| u.id == m))
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            steps: steps
                .iter()
                .filter(|s| s.review_id == r.id)
                .map(|s| Step {
                    id: s.id,
                    text: s.text.clone(),
                    milestone_id: s.milestone_id,
                })
                .collect(),
            id: r.id,
            mentor_id: r.mentor_id,
            impact: Score {
                value: r.impact,
                comment: r.impact_comment,
            },
            progress: Score {
                value: r.progress,
                comment: r.progress_comment,
            },
            openness: Score {
                value: r.openness,
                comment: r.openness_comment,
            },
            team_health: Score {
                value: r.team_health,
                comment: r.team_health_comment,
            },
            strengths: r.strengths,
            recommendations: r.recommendations,
            created_at: r.created_at,
            edited_at: r.edited_at,
            acknowledged_at: r.acknowledged_at,
            response: r.response,
            responded_at: r.responded_at,
        })
        .collect())
}

/// An open review request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Its id.
    pub id: i32,
    /// The project.
    pub project_id: i32,
    /// The question asked.
    pub question: String,
    /// Who asked.
    pub requested_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Open requests of some projects, oldest first.
pub async fn open_requests(db: &impl ConnectionTrait, project_ids: &[i32]) -> Result<Vec<Request>> {
    let rows = review_request::Entity::find()
        .filter(review_request::Column::ProjectId.is_in(project_ids.to_vec()))
        .filter(review_request::Column::AnsweredByReviewId.is_null())
        .order_by_asc(review_request::Column::CreatedAt)
        .all(db)
        .await?;
    let askers: Vec<i32> = rows.iter().filter_map(|r| r.requested_by).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(askers))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Request {
            requested_by: r
                .requested_by
                .and_then(|a| users.iter().find(|u| u.id == a))
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            id: r.id,
            project_id: r.project_id,
            question: r.question,
            created_at: r.created_at,
        })
        .collect())
}

/// The team asks its mentors for a review, with a question.
pub async fn request(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    question: &str,
) -> Result<i32> {
    if !rights(actor, project, false).respond {
        return Err(DomainError::Forbidden);
    }
    let question = question.trim();
    if question.is_empty() {
        return Err(DomainError::field("question", "error-required"));
    }
    if question.chars().count() > 2000 {
        return Err(DomainError::field("question", "error-too-long"));
    }
    if crate::mentor::of_projects(&ctx.db, &[project.row.id])
        .await?
        .is_empty()
    {
        return Err(DomainError::field("question", "error-no-mentor"));
    }
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let row = review_request::ActiveModel {
        project_id: Set(project.row.id),
        requested_by: Set(actor.user_id()),
        question: Set(question.to_owned()),
        created_at: Set(now),
        answered_by_review_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mentors: Vec<i32> = crate::mentor::of_projects(&txn, &[project.row.id])
        .await?
        .iter()
        .map(|a| a.mentor_id)
        .collect();
    let mentors = crate::notify::recipients(&txn, &mentors).await?;
    let message = EmailMessage::ReviewRequested {
        project: project.row.title.clone(),
        slug: project.row.slug.clone(),
        requested_by: actor
            .user_id()
            .and_then(|me| project.team.iter().find(|m| m.user_id == me))
            .map(|m| m.name.clone())
            .unwrap_or_default(),
        question: question.to_owned(),
    };
    crate::notify::each(
        &txn,
        &mentors,
        &EmailKind::ReviewRequested.key(row.id),
        now,
        |_| Ok(message.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A followed project, as the mentor and coordinator dashboards show it.
#[derive(Debug, Clone)]
pub struct Followed {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Its current mentors' names.
    pub mentors: Vec<String>,
    /// When it was last reviewed.
    pub last_review: Option<DateTime<Utc>>,
    /// Whether a review is due.
    pub due: DueState,
    /// Open requests.
    pub requests: Vec<Request>,
    /// Mean score of each review, oldest first.
    pub trend: Vec<(DateTime<Utc>, f64)>,
}

async fn followed(
    db: &impl ConnectionTrait,
    projects: Vec<project_row::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<Followed>> {
    let ids: Vec<i32> = projects.iter().map(|p| p.id).collect();
    let assignments = crate::mentor::of_projects(db, &ids).await?;
    let requests = open_requests(db, &ids).await?;
    let editions = edition::Entity::find().all(db).await?;
    let mut scores = scores_of(db, &ids).await?;
    let mut out = Vec::new();
    for p in projects {
        let reviews = scores.remove(&p.id).unwrap_or_default();
        let mine: Vec<&crate::mentor::Assignment> = assignments
            .iter()
            .filter(|a| a.project_id == p.id)
            .collect();
        let own_requests: Vec<Request> = requests
            .iter()
            .filter(|r| r.project_id == p.id)
            .cloned()
            .collect();
        let cadence = editions
            .iter()
            .find(|e| e.id == p.edition_id)
            .map_or(DEFAULT_CADENCE_DAYS, |e| e.review_cadence_days);
        let last_review = reviews.last().map(|(at, _)| *at);
        let followed_since = mine.iter().map(|a| a.started_at).min();
        let due = match followed_since {
            Some(since) => due_state(
                last_review,
                since,
                own_requests.first().map(|r| r.created_at),
                Duration::days(i64::from(cadence)),
                now,
            ),
            None => DueState::NotDue,
        };
        out.push(Followed {
            slug: p.slug,
            title: p.title,
            mentors: mine.iter().map(|a| a.mentor_name.clone()).collect(),
            last_review,
            due,
            requests: own_requests,
            trend: reviews,
        });
    }
    Ok(out)
}

/// Projects' reviews as (written at, mean of the four scores), oldest
/// first, by project: one query for all of them, in slices that stay
/// within the databases' limits on bound values.
async fn scores_of(
    db: &impl ConnectionTrait,
    project_ids: &[i32],
) -> Result<HashMap<i32, Vec<(DateTime<Utc>, f64)>>> {
    let mut by_project: HashMap<i32, Vec<(DateTime<Utc>, f64)>> = HashMap::new();
    for ids in project_ids.chunks(1000) {
        let rows: Vec<(i32, DateTime<Utc>, i16, i16, i16, i16)> = review::Entity::find()
            .select_only()
            .columns([
                review::Column::ProjectId,
                review::Column::CreatedAt,
                review::Column::Impact,
                review::Column::Progress,
                review::Column::Openness,
                review::Column::TeamHealth,
            ])
            .filter(review::Column::ProjectId.is_in(ids.to_vec()))
            .order_by_asc(review::Column::ProjectId)
            .order_by_asc(review::Column::CreatedAt)
            .into_tuple()
            .all(db)
            .await?;
        for (project, at, impact, progress, openness, team_health) in rows {
            let mean = f64::from(impact + progress + openness + team_health) / 4.0;
            by_project.entry(project).or_default().push((at, mean));
        }
    }
    Ok(by_project)
}

/// The mentor's dashboard: the projects they follow now.
pub async fn mentor_dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<Followed>> {
    let Some(mentor_id) = actor.user_id() else {
        return Err(DomainError::Unauthenticated);
    };
    if !actor.is_mentor() {
        return Err(DomainError::Forbidden);
    }
    let ids: Vec<i32> = crate::mentor::of_mentor(db, mentor_id)
        .await?
        .iter()
        .map(|a| a.project_id)
        .collect();
    let projects = project_row::Entity::find()
        .filter(project_row::Column::Id.is_in(ids))
        .order_by_asc(project_row::Column::Title)
        .all(db)
        .await?;
    followed(db, projects, now).await
}

/// Review coverage of a city: every live project, with its mentors, last
/// review, due state and score trend. Coordinators of the city only.
pub async fn coverage(
    db: &impl ConnectionTrait,
    actor: &Actor,
    city_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Followed>> {
    if !actor.coordinates(Some(city_id)) {
        return Err(DomainError::Forbidden);
    }
    let projects = project_row::Entity::find()
        .filter(project_row::Column::CityId.eq(city_id))
        .filter(project_row::Column::ArchivedAt.is_null())
        .order_by_asc(project_row::Column::Title)
        .all(db)
        .await?;
    followed(db, projects, now).await
}

/// Assignments (ids) of a project that are live, for the end buttons.
pub async fn live_assignments(
    db: &impl ConnectionTrait,
    project_id: i32,
) -> Result<Vec<mentor_assignment::Model>> {
    Ok(mentor_assignment::Entity::find()
        .filter(mentor_assignment::Column::ProjectId.eq(project_id))
        .filter(mentor_assignment::Column::EndedAt.is_null())
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
            .single()
            .expect("time")
            + Duration::days(i64::from(day))
    }

    #[test]
    fn a_review_is_due_after_the_cadence_and_overdue_two_weeks_later() {
        let six_weeks = Duration::days(42);
        assert_eq!(
            due_state(None, at(0), None, six_weeks, at(41)),
            DueState::NotDue
        );
        assert_eq!(
            due_state(None, at(0), None, six_weeks, at(42)),
            DueState::Due
        );
        assert_eq!(
            due_state(None, at(0), None, six_weeks, at(56)),
            DueState::Overdue
        );
        assert_eq!(
            due_state(Some(at(50)), at(0), None, six_weeks, at(60)),
            DueState::NotDue
        );
    }

    #[test]
    fn an_open_request_makes_a_review_due_at_once_and_overdue_after_two_weeks() {
        let six_weeks = Duration::days(42);
        assert_eq!(
            due_state(Some(at(10)), at(0), Some(at(11)), six_weeks, at(12)),
            DueState::Due
        );
        assert_eq!(
            due_state(Some(at(10)), at(0), Some(at(11)), six_weeks, at(25)),
            DueState::Overdue
        );
    }

    fn project(membership: Option<crate::project::TeamRole>, archived: bool) -> Project {
        let now = at(0);
        Project {
            row: crate::entities::project::Model {
                id: 1,
                slug: "p".into(),
                title: "P".into(),
                pitch: String::new(),
                description: String::new(),
                themes: ",social,".into(),
                technical_challenge: String::new(),
                licence: "MIT".into(),
                repository_url: None,
                demo_url: None,
                edition_id: 1,
                city_id: 1,
                stage: crate::stage::Stage::Idea,
                is_public: true,
                looking_for_help: false,
                help_wanted: String::new(),
                archived_at: archived.then_some(now),
                last_activity_at: now,
                last_public_update_at: None,
                check_ins_skipped: false,
                open_milestones: 0,
                milestone_weight_done: 0,
                milestone_weight: 0,
                first_open_due_on: None,
                created_at: now,
                updated_at: now,
            },
            themes: vec![],
            licence: &crate::licence::LICENCES[0],
            stage: crate::stage::Stage::Idea,
            city_name: "Lyon".into(),
            time_zone: chrono_tz::Europe::Paris,
            edition_name: "2018".into(),
            marathon_starts_on: chrono::NaiveDate::from_ymd_opt(2018, 3, 9).expect("date"),
            team: vec![],
            stage_history: vec![],
            membership,
            rights: Default::default(),
            has_explainer: false,
        }
    }

    fn user(grants: Vec<crate::role::Grant>) -> Actor {
        Actor::User(crate::role::UserActor {
            user_id: 9,
            city_id: Some(1),
            grants,
        })
    }

    fn grant(role: crate::role::Role, city_id: Option<i32>) -> Vec<crate::role::Grant> {
        vec![crate::role::Grant { role, city_id }]
    }

    #[test]
    fn reviews_are_read_by_team_mentors_and_coordinators_and_written_by_assigned_mentors_only() {
        use crate::project::TeamRole;
        use crate::role::Role;
        let p = project(None, false);
        let cases: Vec<(&str, Actor, Option<TeamRole>, bool, ReviewRights)> = vec![
            (
                "visitor",
                Actor::Visitor,
                None,
                false,
                ReviewRights::default(),
            ),
            ("member", user(vec![]), None, false, ReviewRights::default()),
            (
                "unassigned mentor",
                user(grant(Role::Mentor, Some(1))),
                None,
                false,
                ReviewRights::default(),
            ),
            (
                "assigned mentor",
                user(grant(Role::Mentor, Some(1))),
                None,
                true,
                ReviewRights {
                    read: true,
                    write: true,
                    respond: false,
                },
            ),
            (
                "team member",
                user(vec![]),
                Some(TeamRole::Member),
                false,
                ReviewRights {
                    read: true,
                    write: false,
                    respond: true,
                },
            ),
            (
                "assigned mentor in the team",
                user(grant(Role::Mentor, Some(1))),
                Some(TeamRole::Owner),
                true,
                ReviewRights {
                    read: true,
                    write: false,
                    respond: true,
                },
            ),
            (
                "city coordinator",
                user(grant(Role::Coordinator, Some(1))),
                None,
                false,
                ReviewRights {
                    read: true,
                    write: false,
                    respond: false,
                },
            ),
            (
                "other city's coordinator",
                user(grant(Role::Coordinator, Some(2))),
                None,
                false,
                ReviewRights::default(),
            ),
            (
                "programme coordinator",
                user(grant(Role::Coordinator, None)),
                None,
                false,
                ReviewRights {
                    read: true,
                    write: false,
                    respond: false,
                },
            ),
        ];
        for (who, actor, membership, assigned, expected) in cases {
            let p = Project {
                membership,
                ..p.clone()
            };
            assert_eq!(rights(&actor, &p, assigned), expected, "{who}");
        }
        let archived = project(Some(TeamRole::Owner), true);
        let r = rights(&user(vec![]), &archived, false);
        assert!(
            r.read && !r.respond,
            "an archived project's reviews are read-only"
        );
    }

    #[test]
    fn scores_must_be_between_one_and_five() {
        assert_eq!(score("3"), Ok(3));
        assert_eq!(score("0"), Err("error-score-invalid"));
        assert_eq!(score("6"), Err("error-score-invalid"));
        assert_eq!(score(""), Err("error-required"));
    }
}

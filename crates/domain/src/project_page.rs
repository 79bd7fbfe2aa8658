//! A project's page, read in one call: the project with the reader's
//! rights, and everything around it that the page shows (milestones,
//! journal, the next stage's checklist, presentations, explainers, needs,
//! questions). The web renders it; it decides nothing.

use crate::context::Context;
use crate::error::{DomainError, Result};
use crate::expertise_question;
use crate::explainer::{self, Listed, ProjectLine};
use crate::journal::{self, Entry};
use crate::milestone::{self, Milestone, today_in};
use crate::need::{self, Need};
use crate::project::{self, Project};
use crate::stage::{Requirement, Stage, missing};
use crate::{Actor, agenda, mentor, review};
use chrono::{DateTime, NaiveDate, Utc};

/// Journal entries shown on the page.
const ENTRIES: u64 = 100;

/// What a project's page shows, for one reader.
#[derive(Debug)]
pub struct ProjectPage {
    /// The project, with the reader's rights.
    pub project: Project,
    /// Its milestones, in order.
    pub milestones: Vec<Milestone>,
    /// Its journal, newest first, as far as the reader may see.
    pub entries: Vec<Entry>,
    /// Today in the project's city.
    pub today: NaiveDate,
    /// Now, for edit windows and the quiet flag.
    pub now: DateTime<Utc>,
    /// Share of milestones done.
    pub progress: Option<f64>,
    /// Cumulative milestones done by date.
    pub done_points: Vec<(NaiveDate, u32)>,
    /// The stage shown next and what it still lacks.
    pub next_stage: Option<(Stage, Vec<Requirement>)>,
    /// Entries the reader may still correct.
    pub editable_entries: Vec<i32>,
    /// The reader's user id.
    pub reader_id: Option<i32>,
    /// Meetings where the project presented: (id, title, local date).
    pub presentations: Vec<(i32, String, NaiveDate)>,
    /// Whether the reader may read the mentors' reviews.
    pub reviews_link: bool,
    /// Its explainer videos, oldest first.
    pub explainers: Vec<Listed>,
    /// Its needs (live ones first).
    pub needs: Vec<Need>,
    /// Its expertise questions, with their helpful answers.
    pub questions: Vec<expertise_question::Listed>,
}

/// The page of the project at `slug` as `actor` sees it (404 if they may
/// not). `asked` is a stage a refused change asked for: its checklist is
/// the one shown, rather than the next stage's.
pub async fn load(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    asked: Option<Stage>,
) -> Result<ProjectPage> {
    let project = project::by_slug(ctx, actor, slug).await?;
    around(ctx, actor, project, asked).await
}

/// The page around a project already read for `actor` (a form posted to
/// it that came back refused).
pub async fn around(
    ctx: &Context,
    actor: &Actor,
    project: Project,
    asked: Option<Stage>,
) -> Result<ProjectPage> {
    let db = &ctx.db;
    let now = ctx.now();
    let milestones = milestone::of_project(db, project.row.id).await?;
    let entries = journal::of_project(db, &project, ENTRIES).await?;
    let asked = asked.filter(|s| *s != project.stage);
    let next_stage = match asked.or(project.stage.next()) {
        Some(next) => {
            let required = project::requirements(db, project.row.edition_id, next).await?;
            Some((next, missing(&required, project.checklist_facts())))
        }
        None => None,
    };
    let assigned = mentor::is_assigned(db, actor, &project).await?;
    let presentations = agenda::presentations(db, project.row.id)
        .await?
        .into_iter()
        .map(|(id, title, at)| (id, title, at.with_timezone(&project.time_zone).date_naive()))
        .collect();
    let explainers = explainers_of(db, &project).await?;
    let needs = need::of_project(db, &project).await?;
    let questions = expertise_question::of_project(db, &project, None).await?;
    Ok(ProjectPage {
        reviews_link: review::rights(actor, &project, assigned).read,
        today: today_in(project.time_zone, now),
        now,
        progress: milestone::progress(&milestones),
        done_points: milestone::done_over_time(&milestones),
        next_stage,
        editable_entries: entries
            .iter()
            .filter(|e| e.editable_by(actor, now))
            .map(|e| e.id)
            .collect(),
        reader_id: actor.user_id(),
        presentations,
        explainers,
        needs,
        questions,
        milestones,
        entries,
        project,
    })
}

/// A project's explainers, each with the project's line as lists show it.
async fn explainers_of(
    db: &impl sea_orm::ConnectionTrait,
    project: &Project,
) -> Result<Vec<Listed>> {
    let line = ProjectLine {
        slug: project.row.slug.clone(),
        title: project.row.title.clone(),
        city_id: project.row.city_id,
        city: project.city_name.clone(),
        edition: project.edition_name.clone(),
        themes: project.themes.clone(),
    };
    Ok(explainer::of_project(db, project.row.id)
        .await?
        .into_iter()
        .map(|explainer| Listed {
            explainer,
            project: line.clone(),
        })
        .collect())
}

/// The project at `slug` for its edit form, with the editions and cities
/// to choose from (`Forbidden` to whoever may not edit it).
pub async fn edit_form(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
) -> Result<(Project, crate::gallery_page::Choices)> {
    let project = editable(ctx, actor, slug).await?;
    let choices = crate::gallery_page::choices(&ctx.db).await?;
    Ok((project, choices))
}

/// The milestone `id` of the project at `slug`, for its edit form
/// (`Forbidden` to whoever may not edit the project).
pub async fn milestone_form(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    id: i32,
) -> Result<(Project, Milestone)> {
    let project = editable(ctx, actor, slug).await?;
    let m = milestone::get(&ctx.db, &project, id).await?;
    Ok((project, m))
}

/// The journal entry `id` of the project at `slug`, for its author to
/// correct while they still may.
pub async fn entry_form(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    id: i32,
) -> Result<(Project, Entry)> {
    let project = project::by_slug(ctx, actor, slug).await?;
    let entry = journal::entry_of_project(&ctx.db, &project, id).await?;
    if !(entry.editable_by(actor, ctx.now()) && project.rights.post_update) {
        return Err(DomainError::Forbidden);
    }
    Ok((project, entry))
}

/// The project at `slug` if `actor` may edit it (`Forbidden` otherwise).
pub async fn editable(ctx: &Context, actor: &Actor, slug: &str) -> Result<Project> {
    let project = project::by_slug(ctx, actor, slug).await?;
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    Ok(project)
}

/// The explainer `id` of the project at `slug`, for its edit form
/// (`Forbidden` to whoever may not edit the project; `None`, an address
/// whose id is not a number, is a page that does not exist).
pub async fn explainer_form(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    id: Option<i32>,
) -> Result<(Project, explainer::Explainer)> {
    let project = editable(ctx, actor, slug).await?;
    let e = explainer::get(&ctx.db, &project, id.ok_or(DomainError::NotFound)?).await?;
    Ok((project, e))
}

/// A project's public journal feed: the project as a visitor sees it (an
/// aggregator reads without a session) and its `limit` newest public entries.
pub async fn feed(ctx: &Context, slug: &str, limit: u64) -> Result<(Project, Vec<Entry>)> {
    let project = project::by_slug(ctx, &Actor::Visitor, slug).await?;
    let entries = journal::of_project(&ctx.db, &project, limit).await?;
    Ok((project, entries))
}

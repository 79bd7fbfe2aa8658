//! The mentoring pages, each read in one call: a project's reviews (never
//! public: to anyone who may not read them the page does not exist), the
//! mentor's dashboard, and the coordinators' coverage of a city.

use crate::context::Context;
use crate::error::{DomainError, Result};
use crate::mentor::{self, Profile};
use crate::project::{self, Project};
use crate::review::{self, Followed, Request, Review, ReviewRights};
use crate::{Actor, city, gallery};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// A project whose reviews `actor` may read, with their rights on them:
/// `Unauthenticated` for a visitor, `NotFound` for a member who may not.
pub async fn project(ctx: &Context, actor: &Actor, slug: &str) -> Result<(Project, ReviewRights)> {
    let project = project::by_slug(ctx, actor, slug).await?;
    let assigned = mentor::is_assigned(&ctx.db, actor, &project).await?;
    let rights = review::rights(actor, &project, assigned);
    if !rights.read {
        // Reviews are never public; to others the page does not exist.
        return Err(if actor.user_id().is_none() {
            DomainError::Unauthenticated
        } else {
            DomainError::NotFound
        });
    }
    Ok((project, rights))
}

/// A project's reviews page.
#[derive(Debug)]
pub struct ReviewsPage {
    /// The project.
    pub project: Project,
    /// The reader's rights on its reviews.
    pub rights: ReviewRights,
    /// Its reviews.
    pub reviews: Vec<Review>,
    /// Its open review requests.
    pub requests: Vec<Request>,
    /// Its mentors' names.
    pub mentors: Vec<String>,
    /// Reviews the reader may still edit.
    pub editable: Vec<i32>,
}

/// The reviews page of the project at `slug`, as `actor` sees it.
pub async fn reviews(ctx: &Context, actor: &Actor, slug: &str) -> Result<ReviewsPage> {
    let (project, rights) = project(ctx, actor, slug).await?;
    reviews_of(ctx, actor, project, rights).await
}

/// The reviews page of a project already read (a form posted to it that
/// came back refused).
pub async fn reviews_of(
    ctx: &Context,
    actor: &Actor,
    project: Project,
    rights: ReviewRights,
) -> Result<ReviewsPage> {
    let db = &ctx.db;
    let reviews = review::of_project(db, project.row.id).await?;
    let requests = review::open_requests(db, &[project.row.id]).await?;
    let mentors = mentor::of_projects(db, &[project.row.id]).await?;
    let now = ctx.now();
    Ok(ReviewsPage {
        rights,
        mentors: mentors.into_iter().map(|m| m.mentor_name).collect(),
        editable: reviews
            .iter()
            .filter(|r| r.editable_by(actor, now))
            .map(|r| r.id)
            .collect(),
        reviews,
        requests,
        project,
    })
}

/// The review `id` of the project at `slug`, for its author to edit
/// (`Forbidden` once it may no longer be).
pub async fn review_to_edit(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    id: i32,
) -> Result<(Project, Review)> {
    let (project, _) = project(ctx, actor, slug).await?;
    let r = review::of_project(&ctx.db, project.row.id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(DomainError::NotFound)?;
    if !r.editable_by(actor, ctx.now()) {
        return Err(DomainError::Forbidden);
    }
    Ok((project, r))
}

/// The mentor's dashboard: the projects they follow and their profile.
pub struct MentorPage {
    /// Projects followed, with what is due.
    pub followed: Vec<Followed>,
    /// Their mentoring profile.
    pub profile: Profile,
}

/// The dashboard of the mentor `actor` is, at `now`.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<MentorPage> {
    let followed = review::mentor_dashboard(db, actor, now).await?;
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    Ok(MentorPage {
        followed,
        profile: mentor::profile(db, user_id).await?,
    })
}

/// The coordinators' view of mentoring in one city.
pub struct CoveragePage {
    /// Cities the reader coordinates: (id, name).
    pub cities: Vec<(i32, String)>,
    /// The city shown.
    pub city_id: i32,
    /// Its projects followed, with what is due.
    pub followed: Vec<Followed>,
    /// Its live projects: (id, title).
    pub projects: Vec<(i32, String)>,
    /// Its mentors: (id, name, projects followed, capacity).
    pub mentors: Vec<(i32, String, i32, i32)>,
    /// Current assignments: (id, project title, mentor's name).
    pub assignments: Vec<(i32, String, String)>,
}

/// Mentoring in `city` (as typed; the reader's first city when it names
/// none of theirs) as the coordinator `actor` sees it, at `now`.
pub async fn coverage(
    db: &impl ConnectionTrait,
    actor: &Actor,
    city: Option<&str>,
    now: DateTime<Utc>,
) -> Result<CoveragePage> {
    let cities: Vec<city::City> = city::list(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    let chosen = city
        .and_then(|c| c.parse::<i32>().ok())
        .and_then(|id| cities.iter().find(|c| c.id == id))
        .or(cities.first())
        .ok_or(DomainError::Forbidden)?;
    let followed = review::coverage(db, actor, chosen.id, now).await?;
    let projects = gallery::live_in_city(db, chosen.id).await?;
    let ids: Vec<i32> = projects.iter().map(|(id, _)| *id).collect();
    let assignments = mentor::of_projects(db, &ids).await?;
    Ok(CoveragePage {
        city_id: chosen.id,
        followed,
        mentors: mentor::mentors_for_city(db, chosen.id).await?,
        assignments: assignments
            .iter()
            .map(|a| {
                let title = projects
                    .iter()
                    .find(|(id, _)| *id == a.project_id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (a.id, title, a.mentor_name.clone())
            })
            .collect(),
        projects,
        cities: cities.into_iter().map(|c| (c.id, c.name)).collect(),
    })
}

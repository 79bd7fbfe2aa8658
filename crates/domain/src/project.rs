//! Projects: creating and editing them, their stage, archiving, and who may
//! do what with a project.
//!
//! Rights are computed once per request by `rights`, a pure function of the
//! actor, the project and the actor's place in its team, so that handlers,
//! views and tests all ask the same question the same way.

use crate::context::Context;
use crate::entities::{
    city, edition, edition_city, project, project_member, project_stage, stage_requirement, user,
};
use crate::error::{DomainError, FieldErrors, Result};
use crate::licence::Licence;
use crate::role::Actor;
use crate::slug::{self, Slug};
use crate::stage::{ChecklistFacts, Requirement, Stage};
use crate::theme::Theme;
use crate::{time_zone, web_link};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, SqlErr, TransactionTrait,
};

/// A project with no public update for this long is "quiet".
pub const QUIET_AFTER: Duration = Duration::days(30);

crate::stored_code! {
    /// A person's place in a project's team.
    pub enum TeamRole ("team role", "error-choice-invalid") {
        /// Manages the team; a project always has at least one.
        Owner = "owner",
        /// Works on the project.
        Member = "member",
    }
}

/// What an actor may do with one project: made only by [`rights`], so
/// that no caller outside the domain can grant itself a right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProjectRights {
    pub(crate) view: bool,
    pub(crate) edit: bool,
    pub(crate) manage_team: bool,
    pub(crate) post_update: bool,
    pub(crate) archive: bool,
    pub(crate) see_private: bool,
}

impl ProjectRights {
    /// See the project page.
    pub fn view(self) -> bool {
        self.view
    }

    /// Edit the project, its stage and its milestones.
    pub fn edit(self) -> bool {
        self.edit
    }

    /// Invite, remove, hand over ownership.
    pub fn manage_team(self) -> bool {
        self.manage_team
    }

    /// Write in the journal.
    pub fn post_update(self) -> bool {
        self.post_update
    }

    /// Archive or restore.
    pub fn archive(self) -> bool {
        self.archive
    }

    /// See team-only updates and the "quiet" flag.
    pub fn see_private(self) -> bool {
        self.see_private
    }
}

/// The facts about a project that rights depend on.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// The project's city.
    pub city_id: i32,
    /// Shown to everyone.
    pub is_public: bool,
    /// Archived by a coordinator.
    pub archived: bool,
}

/// Who may do what with a project: team members work on it (owners also
/// manage the team), its city's coordinators edit, archive and restore it,
/// mentors read it even when it is not public, everyone else reads it when
/// it is public. Archived projects are seen by their team and coordinators only.
pub fn rights(actor: &Actor, project: Visibility, membership: Option<TeamRole>) -> ProjectRights {
    let team = membership.is_some() && actor.user().is_some();
    let coordinator = actor.coordinates(Some(project.city_id));
    let mentor = actor.is_mentor();
    let view = team || coordinator || (!project.archived && (project.is_public || mentor));
    ProjectRights {
        view,
        edit: (team && !project.archived) || coordinator,
        manage_team: membership == Some(TeamRole::Owner) && team && !project.archived,
        post_update: team && !project.archived,
        archive: coordinator,
        see_private: team || coordinator,
    }
}

/// A project as its page shows it.
#[derive(Debug, Clone)]
pub struct Project {
    /// The stored row.
    pub row: project::Model,
    /// Parsed themes.
    pub themes: Vec<Theme>,
    /// Parsed licence.
    pub licence: &'static Licence,
    /// Parsed stage.
    pub stage: Stage,
    /// The city's name.
    pub city_name: String,
    /// The city's time zone: lateness is judged there.
    pub time_zone: Tz,
    /// The edition's name.
    pub edition_name: String,
    /// First day of the marathon: no milestone is due before it.
    pub marathon_starts_on: NaiveDate,
    /// The team, owners first.
    pub team: Vec<TeamMember>,
    /// When each stage was reached, oldest first.
    pub stage_history: Vec<(Stage, DateTime<Utc>)>,
    /// The actor's place in the team.
    pub membership: Option<TeamRole>,
    /// What the actor may do: read with [`Project::rights`], set only here,
    /// so a project found for one actor cannot be handed the rights of another.
    pub(crate) rights: ProjectRights,
    /// It has an explainer with a video and its transcript.
    pub has_explainer: bool,
}

/// A team member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    /// Their account.
    pub user_id: i32,
    /// Their name.
    pub name: String,
    /// Owner or member.
    pub role: TeamRole,
}

impl Project {
    /// What the actor it was found for may do with it.
    pub fn rights(&self) -> ProjectRights {
        self.rights
    }

    /// The project's visibility facts.
    pub fn visibility(&self) -> Visibility {
        visibility(&self.row)
    }

    /// True when no public update came for `QUIET_AFTER`.
    pub fn is_quiet(&self, now: DateTime<Utc>) -> bool {
        is_quiet(&self.row, now)
    }

    /// What the checklist sees in this project.
    pub fn checklist_facts(&self) -> ChecklistFacts {
        facts(&self.row, self.has_explainer)
    }
}

fn visibility(row: &project::Model) -> Visibility {
    Visibility {
        city_id: row.city_id,
        is_public: row.is_public,
        archived: row.archived_at.is_some(),
    }
}

fn facts(row: &project::Model, has_explainer: bool) -> ChecklistFacts {
    ChecklistFacts {
        has_demo: row.demo_url.is_some(),
        has_repository: row.repository_url.is_some(),
        has_licence: Licence::parse(&row.licence).is_ok(),
        has_explainer,
    }
}

/// True when a live project has had no public update for `QUIET_AFTER`.
pub fn is_quiet(row: &project::Model, now: DateTime<Utc>) -> bool {
    let since = row.last_public_update_at.unwrap_or(row.created_at);
    let live = row.archived_at.is_none() && row.stage != Stage::Abandoned;
    live && now - since >= QUIET_AFTER
}

/// The actor's place in a project's team.
pub async fn membership(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project_id: i32,
) -> Result<Option<TeamRole>> {
    let Some(user_id) = actor.user_id() else {
        return Ok(None);
    };
    Ok(project_member::Entity::find_by_id((project_id, user_id))
        .one(db)
        .await?
        .map(|m| m.role))
}

/// The team of a project, owners first, then by name.
pub async fn team(db: &impl ConnectionTrait, project_id: i32) -> Result<Vec<TeamMember>> {
    let members = project_member::Entity::find()
        .filter(project_member::Column::ProjectId.eq(project_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let mut team: Vec<TeamMember> = members
        .into_iter()
        .filter_map(|m| {
            let name = users.iter().find(|u| u.id == m.user_id)?.name.clone();
            Some(TeamMember {
                user_id: m.user_id,
                name,
                role: m.role,
            })
        })
        .collect();
    team.sort_by(|a, b| {
        (a.role != TeamRole::Owner, &a.name).cmp(&(b.role != TeamRole::Owner, &b.name))
    });
    Ok(team)
}

/// Loads a project row with the actor's rights, or `NotFound` when the
/// actor may not see it (a hidden project does not admit it exists).
pub async fn load_row(
    db: &impl ConnectionTrait,
    actor: &Actor,
    project_id: i32,
) -> Result<(project::Model, ProjectRights)> {
    let row = project::Entity::find_by_id(project_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let membership = membership(db, actor, row.id).await?;
    let rights = rights(actor, visibility(&row), membership);
    if !rights.view {
        return Err(DomainError::NotFound);
    }
    Ok((row, rights))
}

/// A project by slug, as the actor may see it.
pub async fn by_slug(ctx: &Context, actor: &Actor, slug: &str) -> Result<Project> {
    let row = project::Entity::find()
        .filter(project::Column::Slug.eq(slug))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    assemble(&ctx.db, actor, row).await
}

async fn assemble(
    db: &impl ConnectionTrait,
    actor: &Actor,
    row: project::Model,
) -> Result<Project> {
    let membership = membership(db, actor, row.id).await?;
    let rights = rights(actor, visibility(&row), membership);
    if !rights.view {
        return Err(DomainError::NotFound);
    }
    let city = city::Entity::find_by_id(row.city_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let edition = edition::Entity::find_by_id(row.edition_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let stage_history = project_stage::Entity::find()
        .filter(project_stage::Column::ProjectId.eq(row.id))
        .order_by_asc(project_stage::Column::ReachedAt)
        .order_by_asc(project_stage::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.stage, s.reached_at))
        .collect();
    Ok(Project {
        themes: Theme::parse_list(&row.themes)?,
        licence: Licence::parse(&row.licence).map_err(|_| {
            DomainError::Internal(format!(
                "project {} has a licence this version does not know: {:?}",
                row.id, row.licence
            ))
        })?,
        stage: row.stage,
        city_name: city.name,
        time_zone: time_zone::parse(&city.time_zone).unwrap_or(time_zone::DEFAULT_TIME_ZONE),
        edition_name: edition.name,
        marathon_starts_on: edition.starts_on,
        team: team(db, row.id).await?,
        has_explainer: crate::explainer::project_has_complete(db, row.id).await?,
        stage_history,
        membership,
        rights,
        row,
    })
}

/// The project form as submitted.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    /// Title.
    pub title: String,
    /// URL name; empty to derive it from the title.
    pub slug: String,
    /// One-line pitch.
    pub pitch: String,
    /// Markdown description.
    pub description: String,
    /// Theme codes ticked.
    pub themes: Vec<String>,
    /// The technical challenge.
    pub technical_challenge: String,
    /// SPDX identifier.
    pub licence: String,
    /// Repository link.
    pub repository_url: String,
    /// Demo link.
    pub demo_url: String,
    /// Edition id.
    pub edition_id: String,
    /// City id.
    pub city_id: String,
    /// Shown to everyone.
    pub is_public: bool,
}

struct Validated {
    title: String,
    slug: Slug,
    pitch: String,
    description: String,
    themes: Vec<Theme>,
    technical_challenge: String,
    licence: &'static Licence,
    repository_url: Option<String>,
    demo_url: Option<String>,
    edition_id: i32,
    city_id: i32,
}

fn bounded(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    max: usize,
    required: bool,
) -> String {
    let text = text.trim();
    if required && text.is_empty() {
        errors.add(field, "error-required");
    } else if text.chars().count() > max {
        errors.add(field, "error-too-long");
    }
    text.to_owned()
}

async fn validate(db: &impl ConnectionTrait, input: &ProjectInput) -> Result<Validated> {
    let mut e = FieldErrors::default();
    let title = bounded(&mut e, "title", &input.title, 120, true);
    let slug_text = if input.slug.trim().is_empty() {
        slug::from_title(&title)
    } else {
        input.slug.trim().to_owned()
    };
    let slug = e.checked("slug", slug::parse(&slug_text));
    let pitch = bounded(&mut e, "pitch", &input.pitch, 200, true);
    let description = bounded(&mut e, "description", &input.description, 20_000, false);
    let mut themes = Vec::new();
    for code in &input.themes {
        if let Some(t) = e.check("themes", Theme::parse(code)) {
            themes.push(t);
        }
    }
    if themes.is_empty() {
        e.add("themes", "error-theme-required");
    }
    let technical_challenge = bounded(
        &mut e,
        "technical_challenge",
        &input.technical_challenge,
        5_000,
        false,
    );
    let licence = e.checked("licence", Licence::parse(&input.licence));
    let repository_url = e
        .check(
            "repository_url",
            web_link::parse_optional(&input.repository_url),
        )
        .flatten();
    let demo_url = e
        .check("demo_url", web_link::parse_optional(&input.demo_url))
        .flatten();
    let edition_id = input.edition_id.trim().parse::<i32>().ok();
    let edition_ok = match edition_id {
        Some(id) => edition::Entity::find_by_id(id).one(db).await?.is_some(),
        None => false,
    };
    let city_id = input.city_id.trim().parse::<i32>().ok();
    let city = match (city_id, edition_id) {
        (None, _) => Err("error-city-invalid"),
        (Some(c), Some(ed))
            if edition_ok
                && edition_city::Entity::find_by_id((ed, c))
                    .one(db)
                    .await?
                    .is_none() =>
        {
            Err("error-city-not-in-edition")
        }
        (Some(c), _) => Ok(c),
    };
    let edition_id = e.checked(
        "edition_id",
        edition_id
            .filter(|_| edition_ok)
            .ok_or("error-edition-invalid"),
    );
    let city_id = e.checked("city_id", city);
    let (slug, licence, edition_id, city_id) = e.finish((slug, licence, edition_id, city_id))?;
    Ok(Validated {
        title,
        slug,
        pitch,
        description,
        themes,
        technical_challenge,
        licence,
        repository_url,
        demo_url,
        edition_id,
        city_id,
    })
}

fn slug_conflict(e: sea_orm::DbErr) -> DomainError {
    if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        DomainError::field("slug", "error-slug-taken")
    } else {
        e.into()
    }
}

/// Creates a project; its creator becomes its owner. Any member may.
pub async fn create(ctx: &Context, actor: &Actor, input: &ProjectInput) -> Result<Slug> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let v = validate(&ctx.db, input).await?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let row = project::ActiveModel {
        slug: Set(v.slug.to_string()),
        title: Set(v.title),
        pitch: Set(v.pitch),
        description: Set(v.description),
        themes: Set(Theme::join(&v.themes)),
        technical_challenge: Set(v.technical_challenge),
        licence: Set(v.licence.spdx.to_owned()),
        repository_url: Set(v.repository_url),
        demo_url: Set(v.demo_url),
        edition_id: Set(v.edition_id),
        city_id: Set(v.city_id),
        stage: Set(Stage::Idea),
        is_public: Set(input.is_public),
        // Needs replaced these two columns (see `need`); they stay unused.
        looking_for_help: Set(false),
        help_wanted: Set(String::new()),
        archived_at: Set(None),
        last_activity_at: Set(now),
        last_public_update_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_conflict)?;
    project_stage::ActiveModel {
        project_id: Set(row.id),
        stage: Set(Stage::Idea),
        reached_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    project_member::ActiveModel {
        project_id: Set(row.id),
        user_id: Set(user_id),
        role: Set(TeamRole::Owner),
        joined_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(v.slug)
}

/// Saves the project form; the team and the city's coordinators may.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    project_id: i32,
    input: &ProjectInput,
) -> Result<Slug> {
    let (row, rights) = load_row(&ctx.db, actor, project_id).await?;
    if !rights.edit {
        return Err(DomainError::Forbidden);
    }
    let v = validate(&ctx.db, input).await?;
    let now = ctx.now();
    let moved = row.edition_id != v.edition_id || row.city_id != v.city_id;
    let mut active: project::ActiveModel = row.into();
    active.slug = Set(v.slug.to_string());
    active.title = Set(v.title);
    active.pitch = Set(v.pitch);
    active.description = Set(v.description);
    active.themes = Set(Theme::join(&v.themes));
    active.technical_challenge = Set(v.technical_challenge);
    active.licence = Set(v.licence.spdx.to_owned());
    active.repository_url = Set(v.repository_url);
    active.demo_url = Set(v.demo_url);
    active.edition_id = Set(v.edition_id);
    active.city_id = Set(v.city_id);
    active.is_public = Set(input.is_public);
    active.last_activity_at = Set(now);
    active.updated_at = Set(now);
    let txn = ctx.db.begin().await?;
    active.update(&txn).await.map_err(slug_conflict)?;
    if moved {
        // Its months count for its new place, in its new city's calendar.
        crate::figures::project_months::rebuild(
            &txn,
            crate::check_in::Projects::Some(&[project_id]),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(v.slug)
}

/// What `stage` requires in `edition_id`: the edition's adjustment if it
/// made one, the defaults otherwise.
pub async fn requirements(
    db: &impl ConnectionTrait,
    edition_id: i32,
    stage: Stage,
) -> Result<Vec<Requirement>> {
    let rows = stage_requirement::Entity::find()
        .filter(stage_requirement::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(stage.default_requirements().to_vec());
    }
    rows.iter()
        .filter(|r| r.stage == stage.code())
        .map(|r| Ok(Requirement::parse(&r.requirement)?))
        .collect()
}

/// The marker row that says "this edition's checklists were adjusted",
/// so that adjusting every stage to nothing is not mistaken for defaults.
const ADJUSTED_MARKER: &str = "*";

/// Replaces an edition's stage checklists; programme coordinators only.
pub async fn set_requirements(
    ctx: &Context,
    actor: &Actor,
    edition_id: i32,
    checklists: &[(Stage, Vec<Requirement>)],
) -> Result<()> {
    if !actor.may_manage_editions() {
        return Err(DomainError::Forbidden);
    }
    let txn = ctx.db.begin().await?;
    stage_requirement::Entity::delete_many()
        .filter(stage_requirement::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await?;
    let mut rows = vec![stage_requirement::ActiveModel {
        edition_id: Set(edition_id),
        stage: Set(ADJUSTED_MARKER.to_owned()),
        requirement: Set(ADJUSTED_MARKER.to_owned()),
    }];
    for (stage, required) in checklists {
        for r in required {
            rows.push(stage_requirement::ActiveModel {
                edition_id: Set(edition_id),
                stage: Set(stage.code().to_owned()),
                requirement: Set(r.code().to_owned()),
            });
        }
    }
    stage_requirement::Entity::insert_many(rows)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a project to `stage` if it meets the stage's checklist (pausing
/// and abandoning are always possible).
pub async fn set_stage(ctx: &Context, actor: &Actor, project_id: i32, stage: Stage) -> Result<()> {
    let (row, rights) = load_row(&ctx.db, actor, project_id).await?;
    if !rights.edit {
        return Err(DomainError::Forbidden);
    }
    if row.stage == stage {
        return Ok(());
    }
    let required = requirements(&ctx.db, row.edition_id, stage).await?;
    let has_explainer = crate::explainer::project_has_complete(&ctx.db, row.id).await?;
    if !crate::stage::missing(&required, facts(&row, has_explainer)).is_empty() {
        return Err(DomainError::field("stage", "error-stage-requirements"));
    }
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    project::Entity::update_many()
        .col_expr(project::Column::Stage, Expr::value(stage))
        .col_expr(project::Column::LastActivityAt, Expr::value(now))
        .col_expr(project::Column::UpdatedAt, Expr::value(now))
        .filter(project::Column::Id.eq(project_id))
        .exec(&txn)
        .await?;
    project_stage::ActiveModel {
        project_id: Set(project_id),
        stage: Set(stage),
        reached_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Archives (`true`) or restores (`false`) a project; coordinators of its city only.
pub async fn set_archived(
    ctx: &Context,
    actor: &Actor,
    project_id: i32,
    archived: bool,
) -> Result<()> {
    let (_, rights) = load_row(&ctx.db, actor, project_id).await?;
    if !rights.archive {
        return Err(DomainError::Forbidden);
    }
    let at = archived.then(|| ctx.now());
    project::Entity::update_many()
        .col_expr(project::Column::ArchivedAt, Expr::value(at))
        .filter(project::Column::Id.eq(project_id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Notes activity on a project (a journal entry, a milestone change).
pub(crate) async fn touch(
    db: &impl ConnectionTrait,
    project_id: i32,
    now: DateTime<Utc>,
    public: bool,
) -> Result<()> {
    let mut update =
        project::Entity::update_many().col_expr(project::Column::LastActivityAt, Expr::value(now));
    if public {
        update = update.col_expr(project::Column::LastPublicUpdateAt, Expr::value(now));
    }
    update
        .filter(project::Column::Id.eq(project_id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{Grant, Role, UserActor};

    const LYON: i32 = 1;
    const DAKAR: i32 = 2;

    fn user(grants: Vec<Grant>) -> Actor {
        Actor::User(UserActor {
            user_id: 7,
            city_id: Some(LYON),
            grants,
        })
    }
    fn grant(role: Role, city_id: Option<i32>) -> Vec<Grant> {
        vec![Grant { role, city_id }]
    }
    fn project(is_public: bool, archived: bool) -> Visibility {
        Visibility {
            city_id: LYON,
            is_public,
            archived,
        }
    }

    #[test]
    fn a_public_project_is_read_by_all_and_changed_by_its_team_and_coordinators() {
        let p = project(true, false);
        let cases: Vec<(&str, Actor, Option<TeamRole>, ProjectRights)> = vec![
            (
                "visitor",
                Actor::Visitor,
                None,
                ProjectRights {
                    view: true,
                    ..Default::default()
                },
            ),
            (
                "member",
                user(vec![]),
                None,
                ProjectRights {
                    view: true,
                    ..Default::default()
                },
            ),
            (
                "mentor",
                user(grant(Role::Mentor, Some(LYON))),
                None,
                ProjectRights {
                    view: true,
                    ..Default::default()
                },
            ),
            (
                "team member",
                user(vec![]),
                Some(TeamRole::Member),
                ProjectRights {
                    view: true,
                    edit: true,
                    post_update: true,
                    see_private: true,
                    ..Default::default()
                },
            ),
            (
                "owner",
                user(vec![]),
                Some(TeamRole::Owner),
                ProjectRights {
                    view: true,
                    edit: true,
                    manage_team: true,
                    post_update: true,
                    see_private: true,
                    archive: false,
                },
            ),
            (
                "city coordinator",
                user(grant(Role::Coordinator, Some(LYON))),
                None,
                ProjectRights {
                    view: true,
                    edit: true,
                    archive: true,
                    see_private: true,
                    ..Default::default()
                },
            ),
            (
                "other city's coordinator",
                user(grant(Role::Coordinator, Some(DAKAR))),
                None,
                ProjectRights {
                    view: true,
                    ..Default::default()
                },
            ),
            (
                "programme coordinator",
                user(grant(Role::Coordinator, None)),
                None,
                ProjectRights {
                    view: true,
                    edit: true,
                    archive: true,
                    see_private: true,
                    ..Default::default()
                },
            ),
        ];
        for (who, actor, membership, expected) in cases {
            assert_eq!(rights(&actor, p, membership), expected, "{who}");
        }
    }

    #[test]
    fn a_private_project_is_hidden_from_visitors_and_members_but_not_mentors() {
        let p = project(false, false);
        assert!(!rights(&Actor::Visitor, p, None).view);
        assert!(!rights(&user(vec![]), p, None).view);
        assert!(rights(&user(grant(Role::Mentor, Some(DAKAR))), p, None).view);
        assert!(!rights(&user(grant(Role::Coordinator, Some(DAKAR))), p, None).view);
        assert!(rights(&user(vec![]), p, Some(TeamRole::Member)).view);
    }

    #[test]
    fn an_archived_project_is_frozen_for_its_team_and_hidden_from_others() {
        let p = project(true, true);
        assert!(!rights(&Actor::Visitor, p, None).view);
        assert!(!rights(&user(grant(Role::Mentor, Some(LYON))), p, None).view);
        let owner = rights(&user(vec![]), p, Some(TeamRole::Owner));
        assert!(owner.view && !owner.edit && !owner.post_update && !owner.manage_team);
        let coordinator = rights(&user(grant(Role::Coordinator, Some(LYON))), p, None);
        assert!(coordinator.view && coordinator.archive && coordinator.edit);
    }

    #[test]
    fn a_visitor_holding_a_membership_row_gets_nothing_extra() {
        // Membership is looked up from the actor; a visitor has none, but
        // the rule must not trust a stray value either.
        let r = rights(
            &Actor::Visitor,
            project(false, false),
            Some(TeamRole::Owner),
        );
        assert_eq!(r, ProjectRights::default());
    }
}

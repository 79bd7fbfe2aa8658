//! Explainer videos, "la technologie expliquée à ma grand-mère": a project's
//! short videos for a general audience, each with a plain-language
//! transcript (required: the page must read without the video), captions,
//! and a coordinator's review that features it on the home page.
//!
//! The team and the city's coordinators write them; visitors find them in
//! the public library, by edition, city and theme. A transcript may come
//! before its video (a team checks its script before filming): such an
//! explainer shows on the project page, and joins the library once it has
//! a video.

use crate::context::Context;
use crate::entities::{city, edition, explainer, explainer_caption, project};
use crate::error::{DomainError, FieldErrors, Result};
use crate::project::{Project, ProjectRights};
use crate::readability::{self, Analysis, Score};
use crate::role::Actor;
use crate::stage::Stage;
use crate::theme::Theme;
use crate::webvtt::Captions;
use crate::{Language, web_link};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, TransactionTrait,
};
use sea_orm::{JoinType, sea_query::Query};

/// Explainers per library page.
pub const PAGE_SIZE: u64 = 24;
/// The longest transcript kept, in characters.
pub const MAX_TRANSCRIPT: usize = 20_000;
/// The longest video: explainers are short.
const MAX_LENGTH_SECONDS: u32 = 3 * 3600;

/// How long a video lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoLength(u32);

impl VideoLength {
    /// Parses "3:45", "1:02:03" or "4" (minutes); empty is `None`.
    pub fn parse(text: &str) -> std::result::Result<Option<VideoLength>, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let parts: Option<Vec<u32>> = text.split(':').map(|p| p.trim().parse().ok()).collect();
        let seconds = match parts.as_deref() {
            Some([m]) => m.checked_mul(60),
            Some([m, s]) if *s < 60 => m.checked_mul(60).and_then(|m| m.checked_add(*s)),
            Some([h, m, s]) if *m < 60 && *s < 60 => Some(h * 3600 + m * 60 + s),
            _ => None,
        };
        match seconds {
            Some(s) if s > 0 && s <= MAX_LENGTH_SECONDS => Ok(Some(VideoLength(s))),
            _ => Err("error-length-invalid"),
        }
    }

    /// The length in seconds.
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// Whole minutes and the seconds left.
    pub fn minutes_and_seconds(self) -> (u32, u32) {
        (self.0 / 60, self.0 % 60)
    }

    /// "3:45", as the form shows it back.
    pub fn to_form(self) -> String {
        let (m, s) = self.minutes_and_seconds();
        format!("{m}:{s:02}")
    }

    fn from_stored(seconds: Option<i32>) -> Result<Option<VideoLength>> {
        seconds
            .map(|s| {
                u32::try_from(s)
                    .map(VideoLength)
                    .map_err(|_| DomainError::Internal(format!("stored video length {s}")))
            })
            .transpose()
    }
}

/// An explainer as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explainer {
    /// Its id.
    pub id: i32,
    /// Its project.
    pub project_id: i32,
    /// Its title.
    pub title: String,
    /// Where the video is, once there is one.
    pub video_url: Option<String>,
    /// The language spoken (and of the transcript).
    pub language: Language,
    /// How long the video lasts, if the team said.
    pub length: Option<VideoLength>,
    /// The plain-language transcript (Markdown).
    pub transcript: String,
    /// Captions the video's host provides.
    pub captions_url: Option<String>,
    /// WebVTT captions were uploaded.
    pub has_captions: bool,
    /// When a coordinator reviewed it.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Explainer {
    fn from_row(row: explainer::Model, has_captions: bool) -> Result<Explainer> {
        Ok(Explainer {
            length: VideoLength::from_stored(row.duration_seconds)?,
            id: row.id,
            project_id: row.project_id,
            title: row.title,
            video_url: row.video_url,
            language: row.language,
            transcript: row.transcript,
            captions_url: row.captions_url,
            has_captions,
            reviewed_at: row.reviewed_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }

    /// The plain-language check of its transcript.
    pub fn analysis(&self) -> Analysis {
        readability::analyse(&self.transcript, self.language)
    }

    /// Its transcript's readability score.
    pub fn score(&self) -> Score {
        self.analysis().score
    }
}

/// What an actor may do with a project's explainers, made only by
/// [`rights`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExplainerRights {
    pub(crate) edit: bool,
    pub(crate) review: bool,
}

impl ExplainerRights {
    /// Add, change, caption and remove them: whoever edits the project.
    pub fn edit(self) -> bool {
        self.edit
    }

    /// Mark them reviewed: the project's city's coordinators.
    pub fn review(self) -> bool {
        self.review
    }
}

/// Who may do what with the explainers of a project in `city_id`.
pub fn rights(actor: &Actor, project: ProjectRights, city_id: i32) -> ExplainerRights {
    ExplainerRights {
        edit: project.edit,
        review: project.view && actor.coordinates(Some(city_id)),
    }
}

/// The explainer form as submitted.
#[derive(Debug, Clone, Default)]
pub struct ExplainerInput {
    /// Title.
    pub title: String,
    /// Video link (optional until the video is online).
    pub video_url: String,
    /// Language code.
    pub language: String,
    /// Length, "m:ss".
    pub length: String,
    /// Plain-language transcript.
    pub transcript: String,
    /// Link to captions the host provides.
    pub captions_url: String,
}

struct Validated {
    title: String,
    video_url: Option<String>,
    language: Language,
    length: Option<VideoLength>,
    transcript: String,
    captions_url: Option<String>,
}

fn validate(input: &ExplainerInput) -> Result<Validated> {
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        e.add("title", "error-required");
    } else if title.chars().count() > 120 {
        e.add("title", "error-too-long");
    }
    let video_url = e
        .check("video_url", web_link::parse_optional(&input.video_url))
        .flatten();
    let language = e.checked("language", Language::parse(&input.language));
    let length = e
        .check("length", VideoLength::parse(&input.length))
        .flatten();
    let transcript = input.transcript.trim().to_owned();
    if transcript.is_empty() {
        // The page must read without the video.
        e.add("transcript", "error-transcript-required");
    } else if transcript.chars().count() > MAX_TRANSCRIPT {
        e.add("transcript", "error-transcript-too-long");
    }
    let captions_url = e
        .check(
            "captions_url",
            web_link::parse_optional(&input.captions_url),
        )
        .flatten();
    let language = e.finish(language)?;
    Ok(Validated {
        title,
        video_url,
        language,
        length,
        transcript,
        captions_url,
    })
}

fn length_column(length: Option<VideoLength>) -> Result<Option<i32>> {
    length
        .map(|l| {
            i32::try_from(l.seconds()).map_err(|_| DomainError::Internal("video length".into()))
        })
        .transpose()
}

fn require_edit(project: &Project) -> Result<()> {
    if project.rights.edit {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// Adds an explainer to `project`; returns its id.
pub async fn create(ctx: &Context, project: &Project, input: &ExplainerInput) -> Result<i32> {
    require_edit(project)?;
    let v = validate(input)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let row = explainer::ActiveModel {
        project_id: Set(project.row.id),
        title: Set(v.title),
        video_url: Set(v.video_url),
        language: Set(v.language),
        duration_seconds: Set(length_column(v.length)?),
        transcript: Set(v.transcript),
        captions_url: Set(v.captions_url),
        reviewed_at: Set(None),
        reviewed_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::project::touch(&txn, project.row.id, now, false).await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn own_row(
    db: &impl ConnectionTrait,
    project: &Project,
    id: i32,
) -> Result<explainer::Model> {
    explainer::Entity::find_by_id(id)
        .filter(explainer::Column::ProjectId.eq(project.row.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// One of `project`'s explainers.
pub async fn get(db: &impl ConnectionTrait, project: &Project, id: i32) -> Result<Explainer> {
    let row = own_row(db, project, id).await?;
    let has_captions = explainer_caption::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some();
    Explainer::from_row(row, has_captions)
}

/// Saves the explainer form. A new video or transcript needs a new review:
/// what the coordinator read is no longer what is shown.
pub async fn update(
    ctx: &Context,
    project: &Project,
    id: i32,
    input: &ExplainerInput,
) -> Result<()> {
    require_edit(project)?;
    let row = own_row(&ctx.db, project, id).await?;
    let v = validate(input)?;
    let now = ctx.now();
    let changed = row.video_url != v.video_url || row.transcript != v.transcript;
    let mut active: explainer::ActiveModel = row.into();
    if changed {
        active.reviewed_at = Set(None);
        active.reviewed_by = Set(None);
    }
    active.title = Set(v.title);
    active.video_url = Set(v.video_url);
    active.language = Set(v.language);
    active.duration_seconds = Set(length_column(v.length)?);
    active.transcript = Set(v.transcript);
    active.captions_url = Set(v.captions_url);
    active.updated_at = Set(now);
    let txn = ctx.db.begin().await?;
    active.update(&txn).await?;
    crate::project::touch(&txn, project.row.id, now, false).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes an explainer and its captions.
pub async fn delete(ctx: &Context, project: &Project, id: i32) -> Result<()> {
    require_edit(project)?;
    own_row(&ctx.db, project, id).await?;
    explainer::Entity::delete_by_id(id).exec(&ctx.db).await?;
    Ok(())
}

/// Keeps checked captions for an explainer, replacing any before.
pub async fn set_captions(
    ctx: &Context,
    project: &Project,
    id: i32,
    captions: &Captions,
) -> Result<()> {
    require_edit(project)?;
    own_row(&ctx.db, project, id).await?;
    let now = ctx.now();
    let cues = i32::try_from(captions.cues())
        .map_err(|_| DomainError::Internal("too many cues".into()))?;
    let txn = ctx.db.begin().await?;
    explainer_caption::Entity::delete_by_id(id)
        .exec(&txn)
        .await?;
    explainer_caption::ActiveModel {
        explainer_id: Set(id),
        vtt: Set(captions.text().to_owned()),
        cues: Set(cues),
        uploaded_at: Set(now),
    }
    .insert(&txn)
    .await?;
    explainer::Entity::update_many()
        .col_expr(explainer::Column::UpdatedAt, Expr::value(now))
        .filter(explainer::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes an explainer's uploaded captions.
pub async fn remove_captions(ctx: &Context, project: &Project, id: i32) -> Result<()> {
    require_edit(project)?;
    own_row(&ctx.db, project, id).await?;
    explainer_caption::Entity::delete_by_id(id)
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// The project's explainers, oldest first.
pub async fn of_project(db: &impl ConnectionTrait, project_id: i32) -> Result<Vec<Explainer>> {
    let rows = explainer::Entity::find()
        .filter(explainer::Column::ProjectId.eq(project_id))
        .order_by_asc(explainer::Column::Id)
        .all(db)
        .await?;
    with_captions_flag(db, rows).await
}

/// Whether the project has a complete explainer (a video and its transcript).
pub async fn project_has_complete(db: &impl ConnectionTrait, project_id: i32) -> Result<bool> {
    Ok(explainer::Entity::find()
        .filter(explainer::Column::ProjectId.eq(project_id))
        .filter(explainer::Column::VideoUrl.is_not_null())
        .filter(explainer::Column::Transcript.ne(""))
        .count(db)
        .await?
        > 0)
}

async fn with_captions_flag(
    db: &impl ConnectionTrait,
    rows: Vec<explainer::Model>,
) -> Result<Vec<Explainer>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let captioned: Vec<i32> = explainer_caption::Entity::find()
        .select_only()
        .column(explainer_caption::Column::ExplainerId)
        .filter(explainer_caption::Column::ExplainerId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let has = captioned.contains(&r.id);
            Explainer::from_row(r, has)
        })
        .collect()
}

/// An explainer's project, as lists and the explainer's page show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectLine {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Its city's id.
    pub city_id: i32,
    /// Its city's name.
    pub city: String,
    /// Its edition's name.
    pub edition: String,
    /// Its themes.
    pub themes: Vec<Theme>,
}

/// An explainer with its project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The explainer.
    pub explainer: Explainer,
    /// Its project.
    pub project: ProjectLine,
}

async fn with_projects(
    db: &impl ConnectionTrait,
    rows: Vec<explainer::Model>,
) -> Result<Vec<Listed>> {
    let project_ids: Vec<i32> = rows.iter().map(|r| r.project_id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(db)
        .await?;
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(projects.iter().map(|p| p.city_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let editions = edition::Entity::find()
        .filter(
            edition::Column::Id.is_in(projects.iter().map(|p| p.edition_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let explainers = with_captions_flag(db, rows).await?;
    explainers
        .into_iter()
        .map(|explainer| {
            let p = projects
                .iter()
                .find(|p| p.id == explainer.project_id)
                .ok_or(DomainError::Internal("explainer without project".into()))?;
            let name = |found: Option<String>| {
                found.ok_or(DomainError::Internal(
                    "project without city or edition".into(),
                ))
            };
            let project = ProjectLine {
                slug: p.slug.clone(),
                title: p.title.clone(),
                city_id: p.city_id,
                city: name(
                    cities
                        .iter()
                        .find(|c| c.id == p.city_id)
                        .map(|c| c.name.clone()),
                )?,
                edition: name(
                    editions
                        .iter()
                        .find(|e| e.id == p.edition_id)
                        .map(|e| e.name.clone()),
                )?,
                themes: Theme::parse_list(&p.themes)?,
            };
            Ok(Listed { explainer, project })
        })
        .collect()
}

/// An explainer's page: the explainer, its project, and the reader's rights.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The explainer with its project.
    pub listed: Listed,
    /// What the reader may do.
    pub rights: ExplainerRights,
}

/// The explainer `id`, as `actor` may see it (`NotFound` when its project
/// is hidden from them).
pub async fn show(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<Shown> {
    let row = explainer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (project, project_rights) = crate::project::load_row(db, actor, row.project_id).await?;
    let rights = rights(actor, project_rights, project.city_id);
    let listed = with_projects(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)?;
    Ok(Shown { listed, rights })
}

/// The WebVTT captions of explainer `id`, if the actor may see it.
pub async fn captions(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<String> {
    let row = explainer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    crate::project::load_row(db, actor, row.project_id).await?;
    Ok(explainer_caption::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?
        .vtt)
}

/// What the library's visitor asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryFilter {
    /// Only this edition.
    pub edition_id: Option<i32>,
    /// Only this city.
    pub city_id: Option<i32>,
    /// Only this theme.
    pub theme: Option<Theme>,
    /// Page number, from 1.
    pub page: u64,
}

/// One page of the library.
#[derive(Debug, Clone)]
pub struct LibraryPage {
    /// The explainers on this page, newest first.
    pub items: Vec<Listed>,
    /// Matching explainers in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

/// Explainers everyone may watch: with a video, of a public, live project.
fn public() -> sea_orm::Select<explainer::Entity> {
    explainer::Entity::find()
        .join(JoinType::InnerJoin, explainer::Relation::Project.def())
        .filter(explainer::Column::VideoUrl.is_not_null())
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null())
}

/// The public library, filtered and paginated.
pub async fn library(db: &impl ConnectionTrait, filter: &LibraryFilter) -> Result<LibraryPage> {
    let mut c = Condition::all();
    if let Some(e) = filter.edition_id {
        c = c.add(project::Column::EditionId.eq(e));
    }
    if let Some(city) = filter.city_id {
        c = c.add(project::Column::CityId.eq(city));
    }
    if let Some(t) = filter.theme {
        c = c.add(project::Column::Themes.contains(format!(",{},", t.code())));
    }
    let paginator = public()
        .filter(c)
        .order_by_desc(explainer::Column::CreatedAt)
        .order_by_desc(explainer::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    let page = Ord::min(Ord::max(filter.page, 1), pages);
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(LibraryPage {
        items: with_projects(db, rows).await?,
        total: counts.number_of_items,
        page,
        pages,
    })
}

/// The newest public explainers, for the feed.
pub async fn newest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Listed>> {
    let rows = public()
        .order_by_desc(explainer::Column::CreatedAt)
        .order_by_desc(explainer::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    with_projects(db, rows).await
}

/// The latest reviewed public explainers, for the home page.
pub async fn featured(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Listed>> {
    let rows = public()
        .filter(explainer::Column::ReviewedAt.is_not_null())
        .order_by_desc(explainer::Column::ReviewedAt)
        .order_by_desc(explainer::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    with_projects(db, rows).await
}

/// Marks an explainer reviewed (`true`) or not; its city's coordinators only.
pub async fn set_reviewed(ctx: &Context, actor: &Actor, id: i32, reviewed: bool) -> Result<()> {
    let shown = show(&ctx.db, actor, id).await?;
    if !shown.rights.review {
        return Err(DomainError::Forbidden);
    }
    let (at, by) = if reviewed {
        (Some(ctx.now()), actor.user_id())
    } else {
        (None, None)
    };
    explainer::Entity::update_many()
        .col_expr(explainer::Column::ReviewedAt, Expr::value(at))
        .col_expr(explainer::Column::ReviewedBy, Expr::value(by))
        .filter(explainer::Column::Id.eq(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// How many rows each list of the coordinators' page shows at most.
pub const COVERAGE_LIMIT: u64 = 100;

/// The coordinators' view: projects still without an explainer, and the
/// explainers to review, in the cities the actor coordinates.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Live projects with no explainer: (slug, title, city).
    pub without: Vec<(String, String, String)>,
    /// How many there are in all.
    pub without_total: u64,
    /// Explainers not reviewed yet, oldest first.
    pub to_review: Vec<Listed>,
    /// How many there are in all.
    pub to_review_total: u64,
    /// The latest reviewed explainers.
    pub reviewed: Vec<Listed>,
}

/// The coverage of the cities `actor` coordinates.
pub async fn coverage(db: &impl ConnectionTrait, actor: &Actor) -> Result<Coverage> {
    if !actor.is_any_coordinator() {
        return Err(DomainError::Forbidden);
    }
    let cities: Vec<city::Model> = city::Entity::find()
        .order_by_asc(city::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .collect();
    let city_ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let with_explainer = Query::select()
        .column(explainer::Column::ProjectId)
        .from(explainer::Entity)
        .to_owned();
    // Abandoned projects need no explainer any more.
    let without_query = project::Entity::find()
        .filter(project::Column::CityId.is_in(city_ids.clone()))
        .filter(project::Column::ArchivedAt.is_null())
        .filter(project::Column::Stage.ne(Stage::Abandoned))
        .filter(project::Column::Id.not_in_subquery(with_explainer));
    let without_total = without_query.clone().count(db).await?;
    let without = without_query
        .order_by_asc(project::Column::Title)
        .limit(COVERAGE_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let city = cities
                .iter()
                .find(|c| c.id == p.city_id)
                .map(|c| c.name.clone())
                .ok_or(DomainError::Internal(
                    "project outside the listed cities".into(),
                ))?;
            Ok((p.slug, p.title, city))
        })
        .collect::<Result<_>>()?;
    let in_cities = || {
        explainer::Entity::find()
            .join(JoinType::InnerJoin, explainer::Relation::Project.def())
            .filter(project::Column::CityId.is_in(city_ids.clone()))
            .filter(project::Column::ArchivedAt.is_null())
    };
    let pending = in_cities().filter(explainer::Column::ReviewedAt.is_null());
    let to_review_total = pending.clone().count(db).await?;
    let to_review = pending
        .order_by_asc(explainer::Column::UpdatedAt)
        .order_by_asc(explainer::Column::Id)
        .limit(COVERAGE_LIMIT)
        .all(db)
        .await?;
    let reviewed = in_cities()
        .filter(explainer::Column::ReviewedAt.is_not_null())
        .order_by_desc(explainer::Column::ReviewedAt)
        .order_by_desc(explainer::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    Ok(Coverage {
        without,
        without_total,
        to_review: with_projects(db, to_review).await?,
        to_review_total,
        reviewed: with_projects(db, reviewed).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{Grant, Role, UserActor};

    #[test]
    fn lengths_are_read_as_people_write_them() {
        let seconds = |t: &str| VideoLength::parse(t).map(|l| l.map(VideoLength::seconds));
        assert_eq!(seconds(""), Ok(None));
        assert_eq!(seconds("3:45"), Ok(Some(225)));
        assert_eq!(seconds(" 4 "), Ok(Some(240)));
        assert_eq!(seconds("1:02:03"), Ok(Some(3723)));
        for bad in ["3:75", "0", "-1", "trois minutes", "4:00:00", "1:2:3:4"] {
            assert_eq!(seconds(bad), Err("error-length-invalid"), "{bad}");
        }
        assert_eq!(VideoLength(225).to_form(), "3:45");
    }

    #[test]
    fn editors_of_the_project_edit_and_its_city_coordinators_review() {
        let lyon = 1;
        let coordinator = |city: Option<i32>| {
            Actor::User(UserActor {
                user_id: 2,
                city_id: None,
                grants: vec![Grant {
                    role: Role::Coordinator,
                    city_id: city,
                }],
            })
        };
        let seen = ProjectRights {
            view: true,
            ..Default::default()
        };
        let edited = ProjectRights {
            view: true,
            edit: true,
            ..Default::default()
        };
        assert_eq!(
            rights(&Actor::Visitor, seen, lyon),
            ExplainerRights::default()
        );
        assert_eq!(
            rights(&coordinator(None), edited, lyon),
            ExplainerRights {
                edit: true,
                review: true
            }
        );
        assert_eq!(
            rights(&coordinator(Some(lyon)), edited, lyon),
            ExplainerRights {
                edit: true,
                review: true
            }
        );
        assert_eq!(
            rights(&coordinator(Some(9)), seen, lyon),
            ExplainerRights::default()
        );
        let team = Actor::User(UserActor {
            user_id: 3,
            city_id: Some(lyon),
            grants: vec![],
        });
        assert_eq!(
            rights(&team, edited, lyon),
            ExplainerRights {
                edit: true,
                review: false
            }
        );
    }
}

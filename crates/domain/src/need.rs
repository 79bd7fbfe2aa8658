//! Needs: what a project looks for. Each need has a kind of help, a few
//! expertise tags, a short description, a place (the project's city, or
//! remote) and a state: open, in discussion (an introduction was accepted),
//! filled or withdrawn. The team and the city's coordinators manage them;
//! everyone who may see the project sees its open needs.
//!
//! Closing a need (filled or withdrawn) closes the introduction requests
//! still waiting on it, in the same transaction, with a polite email to the
//! member each concerned: nobody waits for an answer that will not come.

use crate::context::Context;
use crate::entities::{city, need, need_tag, project};
use crate::error::{DomainError, FieldErrors, Result};
use crate::expertise_tag::{self, Tag};
use crate::help_kind::HelpKind;
use crate::project::Project;
use crate::role::Actor;
use crate::spoken_language;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, FromQueryResult, PaginatorTrait, QueryOrder, QuerySelect,
    TransactionTrait,
};

crate::stored_code! {
    /// Where a need stands, in display order.
    pub enum NeedState ("need state", "error-choice-invalid") {
        /// Looking for someone.
        Open = "open",
        /// An introduction was accepted; the team is talking with someone.
        InDiscussion = "in_discussion",
        /// Found.
        Filled = "filled",
        /// No longer needed.
        Withdrawn = "withdrawn",
    }
}

impl NeedState {
    /// Still looking: introductions may be asked for.
    pub fn is_live(self) -> bool {
        matches!(self, NeedState::Open | NeedState::InDiscussion)
    }
}

/// Longest description, in characters (the old "looking for help" text
/// was bounded the same way, so migrated needs fit).
pub const DESCRIPTION_MAX: usize = 1000;

/// A need, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// Its id.
    pub id: i32,
    /// Its project.
    pub project_id: i32,
    /// The kind of help.
    pub kind: HelpKind,
    /// Expertise tags.
    pub tags: Vec<Tag>,
    /// What it is about, in plain text.
    pub description: String,
    /// Can be done remotely (otherwise in the project's city).
    pub remote: bool,
    /// Languages the team works in (ISO codes).
    pub languages: Vec<String>,
    /// Where it stands.
    pub state: NeedState,
    /// When it was published.
    pub created_at: DateTime<Utc>,
}

fn assemble(row: need::Model, tags: &[need_tag::Model]) -> Need {
    let mut own: Vec<Tag> = tags
        .iter()
        .filter(|t| t.need_id == row.id)
        .map(|t| Tag::stored(t.tag.clone()))
        .collect();
    own.sort();
    Need {
        id: row.id,
        project_id: row.project_id,
        kind: row.kind,
        tags: own,
        description: row.description,
        remote: row.remote,
        languages: spoken_language::stored(&row.languages),
        state: row.state,
        created_at: row.created_at,
    }
}

/// Needs of the given rows, with their tags (one query for all tags).
pub(crate) async fn with_tags(
    db: &impl ConnectionTrait,
    rows: Vec<need::Model>,
) -> Result<Vec<Need>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let tags = if ids.is_empty() {
        Vec::new()
    } else {
        need_tag::Entity::find()
            .filter(need_tag::Column::NeedId.is_in(ids))
            .all(db)
            .await?
    };
    Ok(rows.into_iter().map(|r| assemble(r, &tags)).collect())
}

/// The need form as submitted.
#[derive(Debug, Clone, Default)]
pub struct NeedInput {
    /// Kind code.
    pub kind: String,
    /// Tags, comma-separated.
    pub tags: String,
    /// Description.
    pub description: String,
    /// Remote is fine.
    pub remote: bool,
    /// Language codes ticked.
    pub languages: Vec<String>,
}

/// A need form that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNeed {
    /// The kind of help.
    pub kind: HelpKind,
    /// Normalised tags.
    pub tags: Vec<Tag>,
    /// Trimmed description.
    pub description: String,
    /// Remote is fine.
    pub remote: bool,
    /// Language codes, at least one.
    pub languages: Vec<String>,
}

/// Checks a need form, field by field.
pub fn validate(input: &NeedInput) -> Result<ValidNeed> {
    let mut e = FieldErrors::default();
    let kind = e.checked("kind", HelpKind::parse(&input.kind));
    let tags = e
        .check("tags", expertise_tag::parse_list(&input.tags))
        .unwrap_or_default();
    let description = input.description.trim().to_owned();
    if description.is_empty() {
        e.add("description", "error-required");
    } else if description.chars().count() > DESCRIPTION_MAX {
        e.add("description", "error-too-long");
    }
    let languages = e
        .check("languages", spoken_language::parse_list(&input.languages))
        .unwrap_or_default();
    if languages.is_empty() {
        e.add("languages", "error-language-required");
    }
    let kind = e.finish(kind)?;
    Ok(ValidNeed {
        kind,
        tags,
        description,
        remote: input.remote,
        languages,
    })
}

async fn write_tags(db: &impl ConnectionTrait, need_id: i32, tags: &[Tag]) -> Result<()> {
    need_tag::Entity::delete_many()
        .filter(need_tag::Column::NeedId.eq(need_id))
        .exec(db)
        .await?;
    if !tags.is_empty() {
        need_tag::Entity::insert_many(tags.iter().map(|t| need_tag::ActiveModel {
            need_id: Set(need_id),
            tag: Set(t.as_str().to_owned()),
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// Publishes a need; the project's team and its city's coordinators may.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    project: &Project,
    input: &NeedInput,
) -> Result<i32> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    let v = validate(input)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    let row = need::ActiveModel {
        project_id: Set(project.row.id),
        kind: Set(v.kind),
        description: Set(v.description),
        remote: Set(v.remote),
        languages: Set(v.languages.join(",")),
        state: Set(NeedState::Open),
        created_by: Set(actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_tags(&txn, row.id, &v.tags).await?;
    crate::project::touch(&txn, project.row.id, now, false).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A need of `project`, or `NotFound`.
pub async fn get(db: &impl ConnectionTrait, project: &Project, need_id: i32) -> Result<Need> {
    let row = need::Entity::find_by_id(need_id)
        .filter(need::Column::ProjectId.eq(project.row.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if row.state == NeedState::Withdrawn && !project.rights.see_private {
        return Err(DomainError::NotFound);
    }
    with_tags(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// Saves the need form; the team and the city's coordinators may.
pub async fn update(
    ctx: &Context,
    project: &Project,
    need_id: i32,
    input: &NeedInput,
) -> Result<()> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    get(&ctx.db, project, need_id).await?;
    let v = validate(input)?;
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    need::Entity::update_many()
        .col_expr(need::Column::Kind, Expr::value(v.kind))
        .col_expr(need::Column::Description, Expr::value(v.description))
        .col_expr(need::Column::Remote, Expr::value(v.remote))
        .col_expr(need::Column::Languages, Expr::value(v.languages.join(",")))
        .col_expr(need::Column::UpdatedAt, Expr::value(now))
        .filter(need::Column::Id.eq(need_id))
        .exec(&txn)
        .await?;
    write_tags(&txn, need_id, &v.tags).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a need to `state`. Filling or withdrawing it closes the requests
/// still waiting on it, with a polite email to each member concerned.
pub async fn set_state(
    ctx: &Context,
    project: &Project,
    need_id: i32,
    state: NeedState,
) -> Result<()> {
    if !project.rights.edit {
        return Err(DomainError::Forbidden);
    }
    let current = get(&ctx.db, project, need_id).await?;
    if current.state == state {
        return Ok(());
    }
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    need::Entity::update_many()
        .col_expr(need::Column::State, Expr::value(state))
        .col_expr(need::Column::UpdatedAt, Expr::value(now))
        .filter(need::Column::Id.eq(need_id))
        .exec(&txn)
        .await?;
    if !state.is_live() {
        crate::introduction::close_pending(&txn, project, &current, state, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A project's needs, live ones first then newest first. Withdrawn needs
/// only for those who see the project's private side.
pub async fn of_project(db: &impl ConnectionTrait, project: &Project) -> Result<Vec<Need>> {
    let mut query = need::Entity::find().filter(need::Column::ProjectId.eq(project.row.id));
    if !project.rights.see_private {
        query = query.filter(need::Column::State.ne(NeedState::Withdrawn));
    }
    let rows = query
        .order_by_desc(need::Column::CreatedAt)
        .order_by_desc(need::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let mut needs = with_tags(db, rows).await?;
    needs.sort_by_key(|n| !n.state.is_live());
    Ok(needs)
}

/// The open needs of `project_ids`, with their tags, newest first: two
/// queries however many projects.
pub(crate) async fn open_of_projects(
    db: &impl ConnectionTrait,
    project_ids: &[i32],
) -> Result<Vec<Need>> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = need::Entity::find()
        .filter(need::Column::ProjectId.is_in(project_ids.to_vec()))
        .filter(need::Column::State.eq(NeedState::Open))
        .order_by_desc(need::Column::CreatedAt)
        .order_by_desc(need::Column::Id)
        .all(db)
        .await?;
    with_tags(db, rows).await
}

/// Adds the need a monthly check-in named, as an open need of kind
/// "other" that the team can then refine; the text is kept as written.
pub(crate) async fn add_from_check_in(
    db: &impl ConnectionTrait,
    project_id: i32,
    text: &str,
    now: DateTime<Utc>,
) -> Result<i32> {
    let row = need::ActiveModel {
        project_id: Set(project_id),
        kind: Set(HelpKind::Other),
        description: Set(text.trim().chars().take(DESCRIPTION_MAX).collect()),
        remote: Set(false),
        languages: Set("fr".to_owned()),
        state: Set(NeedState::Open),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Open needs per public-page page.
pub const PAGE_SIZE: u64 = 30;

/// What the public list of open needs is filtered by.
#[derive(Debug, Clone, Default)]
pub struct OpenFilter {
    /// Only this city (remote needs of other cities are listed apart).
    pub city_id: Option<i32>,
    /// Only this kind.
    pub kind: Option<HelpKind>,
    /// Page number, from 1.
    pub page: u64,
}

/// An open need with what its card shows of its project.
#[derive(Debug, Clone)]
pub struct OpenNeed {
    /// The need.
    pub need: Need,
    /// The project's URL name.
    pub project_slug: String,
    /// The project's title.
    pub project_title: String,
    /// The project's city.
    pub city_id: i32,
    /// The city's name.
    pub city_name: String,
}

/// One page of open needs.
#[derive(Debug, Clone)]
pub struct OpenPage {
    /// The needs on this page, by city name then newest first.
    pub needs: Vec<OpenNeed>,
    /// Matching needs in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

/// Ids of the public, live projects (optionally of one city), as a subquery.
pub(crate) fn visible_projects(city_id: Option<i32>) -> sea_orm::sea_query::SelectStatement {
    let mut q = Query::select();
    q.column(project::Column::Id)
        .from(project::Entity)
        .and_where(Expr::col(project::Column::IsPublic).eq(true))
        .and_where(Expr::col(project::Column::ArchivedAt).is_null());
    if let Some(c) = city_id {
        q.and_where(Expr::col(project::Column::CityId).eq(c));
    }
    q.to_owned()
}

/// The public list of open needs ("On cherche…"): needs of public, live
/// projects, filtered by city and kind, newest first, paginated.
pub async fn open_list(db: &impl ConnectionTrait, filter: &OpenFilter) -> Result<OpenPage> {
    let mut query = need::Entity::find()
        .filter(need::Column::State.eq(NeedState::Open))
        .filter(need::Column::ProjectId.in_subquery(visible_projects(filter.city_id)));
    if let Some(kind) = filter.kind {
        query = query.filter(need::Column::Kind.eq(kind));
    }
    let paginator = query
        .order_by_desc(need::Column::CreatedAt)
        .order_by_desc(need::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    let page = Ord::min(Ord::max(filter.page, 1), pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let needs = with_tags(db, rows).await?;
    let project_ids: Vec<i32> = needs.iter().map(|n| n.project_id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(db)
        .await?;
    let city_ids: Vec<i32> = projects.iter().map(|p| p.city_id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(city_ids))
        .all(db)
        .await?;
    let mut out: Vec<OpenNeed> = needs
        .into_iter()
        .filter_map(|need| {
            let p = projects.iter().find(|p| p.id == need.project_id)?;
            let c = cities.iter().find(|c| c.id == p.city_id)?;
            Some(OpenNeed {
                project_slug: p.slug.clone(),
                project_title: p.title.clone(),
                city_id: c.id,
                city_name: c.name.clone(),
                need,
            })
        })
        .collect();
    // Stable: within a city, the newest first as fetched.
    out.sort_by(|a, b| a.city_name.cmp(&b.city_name));
    Ok(OpenPage {
        needs: out,
        total: counts.number_of_items,
        page,
        pages,
    })
}

/// Ids of projects with an open need (of `kind`, if given), as a subquery
/// for the gallery's filter.
pub fn open_needs_of_kind(kind: Option<HelpKind>) -> sea_orm::sea_query::SelectStatement {
    let mut q = Query::select();
    q.column(need::Column::ProjectId)
        .from(need::Entity)
        .and_where(Expr::col(need::Column::State).eq(NeedState::Open.code()));
    if let Some(k) = kind {
        q.and_where(Expr::col(need::Column::Kind).eq(k.code()));
    }
    q.to_owned()
}

/// The kinds of the open needs of `project_ids`: (project id, kind), for
/// gallery cards.
pub async fn open_kinds(
    db: &impl ConnectionTrait,
    project_ids: &[i32],
) -> Result<Vec<(i32, HelpKind)>> {
    let mut pairs: Vec<(i32, HelpKind)> = need::Entity::find()
        .filter(need::Column::ProjectId.is_in(project_ids.to_vec()))
        .filter(need::Column::State.eq(NeedState::Open))
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.project_id, n.kind))
        .collect();
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}

#[derive(Debug, FromQueryResult)]
struct CityCount {
    city_id: i32,
    n: i64,
}

/// Open needs of live projects per city, optionally for one edition:
/// (city id, count), for the programme's figures.
pub async fn open_counts_by_city(
    db: &impl ConnectionTrait,
    edition_id: Option<i32>,
) -> Result<Vec<(i32, u64)>> {
    let mut q = Query::select();
    q.expr_as(
        Expr::col((project::Entity, project::Column::CityId)),
        "city_id",
    )
    .expr_as(Expr::cust("COUNT(*)"), "n")
    .from(need::Entity)
    .inner_join(
        project::Entity,
        Expr::col((project::Entity, project::Column::Id))
            .equals((need::Entity, need::Column::ProjectId)),
    )
    .and_where(Expr::col((need::Entity, need::Column::State)).eq(NeedState::Open.code()))
    .and_where(Expr::col((project::Entity, project::Column::ArchivedAt)).is_null())
    .group_by_col((project::Entity, project::Column::CityId))
    .order_by(
        (project::Entity, project::Column::CityId),
        sea_orm::sea_query::Order::Asc,
    );
    if let Some(e) = edition_id {
        q.and_where(Expr::col((project::Entity, project::Column::EditionId)).eq(e));
    }
    let rows = CityCount::find_by_statement(db.get_database_backend().build(&q))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.city_id, u64::try_from(r.n).unwrap_or(0)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NeedInput {
        NeedInput {
            kind: HelpKind::Designer.code().into(),
            tags: "Accessibilité, UX".into(),
            description: "  Revoir le parcours d'inscription.  ".into(),
            remote: false,
            languages: vec!["fr".into()],
        }
    }

    #[test]
    fn a_valid_need_is_normalised() {
        let v = validate(&input()).expect("valid");
        assert_eq!(v.kind, HelpKind::Designer);
        assert_eq!(
            v.tags,
            vec![
                Tag::stored("accessibilité".into()),
                Tag::stored("ux".into())
            ]
        );
        assert_eq!(v.description, "Revoir le parcours d'inscription.");
    }

    #[test]
    fn bad_needs_are_refused_field_by_field() {
        let bad = NeedInput {
            kind: "wizard".into(),
            tags: "x".repeat(40),
            description: " ".into(),
            remote: true,
            languages: vec![],
        };
        let Err(DomainError::Invalid(e)) = validate(&bad) else {
            panic!("should be refused");
        };
        assert_eq!(e.get("kind"), Some("error-help-kind-invalid"));
        assert_eq!(e.get("tags"), Some("error-tag-too-long"));
        assert_eq!(e.get("description"), Some("error-required"));
        assert_eq!(e.get("languages"), Some("error-language-required"));
        let long = NeedInput {
            description: "é".repeat(DESCRIPTION_MAX + 1),
            ..input()
        };
        assert!(validate(&long).is_err());
    }

    #[test]
    fn only_open_and_in_discussion_needs_are_live() {
        assert!(NeedState::Open.is_live() && NeedState::InDiscussion.is_live());
        assert!(!NeedState::Filled.is_live() && !NeedState::Withdrawn.is_live());
        for s in NeedState::ALL {
            assert_eq!(NeedState::parse(s.code()), Ok(s));
        }
    }
}

//! The mise en relation's pages, each read in one call: the open needs and
//! the helpers (with the cities to filter by), the offer form, the
//! member's hub, a need's page, an expertise question's thread, the
//! emailed answer link, and the coordinators' volumes.

use crate::Actor;
use crate::city::{self, City};
use crate::context::Context;
use crate::error::{DomainError, Result};
use crate::expertise_question::{self, Thread};
use crate::expertise_tag::{self, Tag};
use crate::introduction::{self, CityCounts, IntroductionState, Loaded};
use crate::need::{self, Need, OpenFilter, OpenPage};
use crate::offer::{self, Offer, PublicPage};
use crate::project::{self, Project};
use crate::suggestion::{self, MemberSuggestion, NeedSuggestion};
use sea_orm::ConnectionTrait;

/// Suggestions shown on a page.
const SUGGESTIONS: usize = 20;

/// Tags suggested in the forms.
const TAGS_IN_USE: u64 = 30;

/// Open needs matching `filter`, and the cities to filter by.
pub async fn open_needs(
    db: &impl ConnectionTrait,
    filter: &OpenFilter,
) -> Result<(OpenPage, Vec<City>)> {
    let results = need::open_list(db, filter).await?;
    Ok((results, city::list(db).await?))
}

/// Page `page` of the public helpers (in `city_id` only, if given), and
/// the cities to filter by.
pub async fn helpers(
    db: &impl ConnectionTrait,
    city_id: Option<i32>,
    page: u64,
) -> Result<(PublicPage, Vec<City>)> {
    let results = offer::public_list(db, city_id, page).await?;
    Ok((results, city::list(db).await?))
}

/// What the offer form suggests: tags in use and the cities.
pub async fn offer_choices(db: &impl ConnectionTrait) -> Result<(Vec<Tag>, Vec<City>)> {
    let tags = expertise_tag::in_use(db, TAGS_IN_USE).await?;
    Ok((tags, city::list(db).await?))
}

/// The offer form: the member's offer if they made one, and its choices.
pub struct OfferPage {
    /// The member's offer.
    pub offer: Option<Offer>,
    /// Tags in use.
    pub tags: Vec<Tag>,
    /// Every city.
    pub cities: Vec<City>,
}

/// The offer form of the member `user_id`.
pub async fn offer_form(db: &impl ConnectionTrait, user_id: i32) -> Result<OfferPage> {
    let offer = offer::of(db, user_id).await?;
    let (tags, cities) = offer_choices(db).await?;
    Ok(OfferPage {
        offer,
        tags,
        cities,
    })
}

/// The member's hub.
pub struct Hub {
    /// Whether the member offered help.
    pub has_offer: bool,
    /// Needs they might help with.
    pub suggestions: Vec<NeedSuggestion>,
    /// Their introductions.
    pub introductions: Vec<introduction::Listed>,
}

/// The hub of the member `actor` is.
pub async fn hub(ctx: &Context, actor: &Actor) -> Result<Hub> {
    let me = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let has_offer = offer::of(&ctx.db, me).await?.is_some();
    let suggestions = suggestion::for_member(&ctx.db, me, SUGGESTIONS).await?;
    let introductions = introduction::of_reader(ctx, actor).await?;
    Ok(Hub {
        has_offer,
        suggestions,
        introductions,
    })
}

/// A need's page.
#[derive(Debug)]
pub struct NeedPage {
    /// Its project, with the reader's rights.
    pub project: Project,
    /// The need.
    pub need: Need,
    /// Members who might help, for its team while it is live.
    pub suggestions: Vec<MemberSuggestion>,
    /// Questions asked about it.
    pub questions: Vec<expertise_question::Listed>,
    /// Where the reader's own request about it stands.
    pub reader_request: Option<IntroductionState>,
}

/// The need `id` of the project at `slug`, as `actor` sees it.
pub async fn need(ctx: &Context, actor: &Actor, slug: &str, id: i32) -> Result<NeedPage> {
    let project = project::by_slug(ctx, actor, slug).await?;
    need_of(ctx, actor, project, id).await
}

/// The need `id` of a project already read (a form posted to it that came
/// back refused).
pub async fn need_of(ctx: &Context, actor: &Actor, project: Project, id: i32) -> Result<NeedPage> {
    let db = &ctx.db;
    let n = need::get(db, &project, id).await?;
    let suggestions = if project.rights.edit && n.state.is_live() {
        suggestion::for_need(db, &project, &n, ctx.now(), SUGGESTIONS).await?
    } else {
        Vec::new()
    };
    let questions = expertise_question::of_project(db, &project, Some(n.id)).await?;
    let reader_request = match actor.user_id() {
        Some(me) => introduction::state_for(db, n.id, me).await?,
        None => None,
    };
    Ok(NeedPage {
        project,
        need: n,
        suggestions,
        questions,
        reader_request,
    })
}

/// The question `id` of the project at `slug` and its answers, as `actor`
/// sees them.
pub async fn question(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    id: i32,
) -> Result<(Project, Thread)> {
    let project = project::by_slug(ctx, actor, slug).await?;
    let thread = expertise_question::thread(&ctx.db, actor, &project, id).await?;
    Ok((project, thread))
}

/// The introduction an emailed link holds, and who asked.
pub async fn answer_link(db: &impl ConnectionTrait, token: &str) -> Result<(Loaded, String)> {
    let (l, _) = introduction::by_link(db, token).await?;
    let asker = introduction::name_of(db, l.row.asked_by).await?;
    Ok((l, asker))
}

/// Introductions by city for the coordinator `actor` (in `edition_id`
/// only, if given): (city's name, counts, open needs), their cities only.
pub async fn volumes(
    db: &impl ConnectionTrait,
    actor: &Actor,
    edition_id: Option<i32>,
) -> Result<Vec<(String, CityCounts, u64)>> {
    let counts = introduction::volumes(db, actor, edition_id).await?;
    let open = need::open_counts_by_city(db, edition_id).await?;
    let cities = city::list(db).await?;
    Ok(cities
        .into_iter()
        .filter(|c| actor.coordinates(Some(c.id)))
        .map(|c| {
            let counted = counts
                .iter()
                .find(|x| x.city_id == c.id)
                .cloned()
                .unwrap_or_default();
            let open_needs = open
                .iter()
                .find(|(id, _)| *id == c.id)
                .map_or(0, |(_, n)| *n);
            (c.name, counted, open_needs)
        })
        .collect())
}

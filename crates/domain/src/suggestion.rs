//! Suggestions, both ways: open needs that fit a member's offer, and
//! contactable members that fit a need — each with its reasons, ranked by
//! `matching` (own city first, then score).
//!
//! With tens of thousands of members and needs, scoring everyone would be
//! slow and pointless. Candidates are chosen first in SQL, through indexes,
//! in a few bounded queries — those sharing the most tags, those of the
//! same kind in the same city, and (where remote work fits) those of the
//! same kind anywhere, most recent first — and only that bounded set is
//! read and scored in Rust. A pair outside every candidate query could not
//! score anyway: relevance needs the kind or a tag in common.

use crate::entities::{
    city, introduction as intro, need, need_tag, offer, offer_kind, offer_tag, project,
    project_member, user,
};
use crate::error::Result;
use crate::help_kind::HelpKind;
use crate::introduction::{self, IntroductionState};
use crate::matching::{self, Fit, NeedFacts, OfferFacts};
use crate::need::{Need, NeedState};
use crate::offer::Offer;
use crate::project::Project;
use crate::theme::Theme;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult};

/// Candidates read per candidate query.
pub const CANDIDATES_PER_QUERY: u64 = 200;

#[derive(Debug, FromQueryResult)]
struct Id {
    id: i32,
}

async fn ids(db: &impl ConnectionTrait, query: &SelectStatement) -> Result<Vec<i32>> {
    Ok(
        Id::find_by_statement(db.get_database_backend().build(query))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect(),
    )
}

fn merge(lists: Vec<Vec<i32>>) -> Vec<i32> {
    let mut all: Vec<i32> = lists.into_iter().flatten().collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// An open need suggested to a member.
#[derive(Debug, Clone)]
pub struct NeedSuggestion {
    /// The need.
    pub need: Need,
    /// The project's URL name.
    pub project_slug: String,
    /// The project's title.
    pub project_title: String,
    /// The project's city.
    pub city_name: String,
    /// How and why it fits.
    pub fit: Fit,
}

/// Open needs that fit the member's offer, best first, at most `limit`.
/// Needs of the member's own projects and needs they were already
/// introduced about (or declined for) are left out.
pub async fn for_member(
    db: &impl ConnectionTrait,
    member_id: i32,
    limit: usize,
) -> Result<Vec<NeedSuggestion>> {
    let Some(offer) = crate::offer::of(db, member_id).await? else {
        return Ok(Vec::new());
    };
    let kinds: Vec<String> = offer.kinds.iter().map(|k| k.code().to_owned()).collect();
    let tags: Vec<String> = offer.tags.iter().map(|t| t.as_str().to_owned()).collect();
    let open = NeedState::Open.code();
    let mut lists = Vec::new();
    if !tags.is_empty() {
        let by_tags = Query::select()
            .expr_as(
                Expr::col((need_tag::Entity, need_tag::Column::NeedId)),
                "id",
            )
            .from(need_tag::Entity)
            .inner_join(
                need::Entity,
                Expr::col((need::Entity, need::Column::Id))
                    .equals((need_tag::Entity, need_tag::Column::NeedId)),
            )
            .and_where(Expr::col((need_tag::Entity, need_tag::Column::Tag)).is_in(tags.clone()))
            .and_where(Expr::col((need::Entity, need::Column::State)).eq(open))
            .group_by_col((need_tag::Entity, need_tag::Column::NeedId))
            .order_by_expr(Expr::cust("COUNT(*)"), Order::Desc)
            .order_by((need_tag::Entity, need_tag::Column::NeedId), Order::Desc)
            .limit(CANDIDATES_PER_QUERY)
            .to_owned();
        lists.push(ids(db, &by_tags).await?);
    }
    if !kinds.is_empty() {
        let of_kind = |extra: &dyn Fn(&mut SelectStatement)| {
            let mut q = Query::select();
            q.expr_as(Expr::col(need::Column::Id), "id")
                .from(need::Entity)
                .and_where(Expr::col(need::Column::State).eq(open))
                .and_where(Expr::col(need::Column::Kind).is_in(kinds.clone()))
                .order_by(need::Column::CreatedAt, Order::Desc)
                .limit(CANDIDATES_PER_QUERY);
            extra(&mut q);
            q
        };
        if let Some(c) = offer.city_id {
            let local = of_kind(&|q| {
                q.and_where(
                    Expr::col(need::Column::ProjectId)
                        .in_subquery(crate::need::visible_projects(Some(c))),
                );
            });
            lists.push(ids(db, &local).await?);
        }
        if offer.remote {
            let remote = of_kind(&|q| {
                q.and_where(Expr::col(need::Column::Remote).eq(true));
            });
            lists.push(ids(db, &remote).await?);
        }
    }
    let candidates = merge(lists);
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    // Fetched by primary key; the projects' visibility is checked below,
    // on the few projects concerned (a subquery over every visible project
    // here makes SQLite walk all of them).
    let rows = need::Entity::find()
        .filter(need::Column::Id.is_in(candidates.clone()))
        .filter(need::Column::State.eq(NeedState::Open))
        .all(db)
        .await?;
    let own: Vec<i32> = project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(member_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.project_id)
        .collect();
    let asked: Vec<i32> = intro::Entity::find()
        .filter(intro::Column::MemberId.eq(member_id))
        .filter(intro::Column::NeedId.is_in(candidates))
        .filter(intro::Column::State.is_in([
            IntroductionState::Pending,
            IntroductionState::Accepted,
            IntroductionState::Declined,
        ]))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.need_id)
        .collect();
    let rows: Vec<need::Model> = rows
        .into_iter()
        .filter(|n| !own.contains(&n.project_id) && !asked.contains(&n.id))
        .collect();
    let needs = crate::need::with_tags(db, rows).await?;
    let project_ids: Vec<i32> = needs.iter().map(|n| n.project_id).collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .filter(project::Column::IsPublic.eq(true))
        .filter(project::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let city_ids: Vec<i32> = projects.iter().map(|p| p.city_id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(city_ids))
        .all(db)
        .await?;
    let facts = offer_facts(&offer);
    let mut out: Vec<NeedSuggestion> = Vec::new();
    for need in needs {
        let Some(p) = projects.iter().find(|p| p.id == need.project_id) else {
            continue;
        };
        let themes = Theme::parse_list(&p.themes)?;
        let Some(fit) = matching::fit(&facts, &need_facts(&need, &themes, p.city_id)) else {
            continue;
        };
        out.push(NeedSuggestion {
            project_slug: p.slug.clone(),
            project_title: p.title.clone(),
            city_name: cities
                .iter()
                .find(|c| c.id == p.city_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            need,
            fit,
        });
    }
    out.sort_by(|a, b| {
        matching::rank(&a.fit, &b.fit)
            .then_with(|| b.need.created_at.cmp(&a.need.created_at))
            .then_with(|| b.need.id.cmp(&a.need.id))
    });
    out.truncate(limit);
    Ok(out)
}

fn offer_facts(offer: &Offer) -> OfferFacts<'_> {
    OfferFacts {
        kinds: &offer.kinds,
        tags: &offer.tags,
        themes: &offer.themes,
        languages: &offer.languages,
        city_id: offer.city_id,
        remote: offer.remote,
    }
}

fn need_facts<'a>(need: &'a Need, themes: &'a [Theme], city_id: i32) -> NeedFacts<'a> {
    NeedFacts {
        kind: need.kind,
        tags: &need.tags,
        themes,
        languages: &need.languages,
        city_id,
        remote: need.remote,
    }
}

/// A contactable member suggested for a need. No address: the team asks,
/// and the address comes only if the member accepts.
#[derive(Debug, Clone)]
pub struct MemberSuggestion {
    /// The member's account.
    pub user_id: i32,
    /// Their name.
    pub name: String,
    /// Their city's name, if any.
    pub city_name: Option<String>,
    /// What they wrote they can bring.
    pub description: String,
    /// Kinds of help they offer.
    pub kinds: Vec<HelpKind>,
    /// How and why they fit.
    pub fit: Fit,
}

/// Contactable members who fit a need, best first, at most `limit`: not
/// the project's team, not members already asked or who declined, not
/// members who have had their monthly share of requests.
pub async fn for_need(
    db: &impl ConnectionTrait,
    project: &Project,
    need: &Need,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<MemberSuggestion>> {
    let city_id = project.row.city_id;
    // Where a candidate must be: in the project's city, or wherever
    // remote help is fine (for a remote need), or either.
    #[derive(Clone, Copy)]
    enum Place {
        Local,
        Remote,
        Either,
    }
    let place = |q: &mut SelectStatement, place: Place| {
        let local = Expr::col((offer::Entity, offer::Column::CityId)).eq(city_id);
        let remote = Expr::col((offer::Entity, offer::Column::Remote)).eq(true);
        q.and_where(Expr::col((offer::Entity, offer::Column::Contactable)).eq(true));
        match place {
            Place::Local => q.and_where(local),
            Place::Remote => q.and_where(remote),
            Place::Either => q.and_where(local.or(remote)),
        };
    };
    let mut lists = Vec::new();
    let tags: Vec<String> = need.tags.iter().map(|t| t.as_str().to_owned()).collect();
    if !tags.is_empty() {
        let mut by_tags = Query::select();
        by_tags
            .expr_as(
                Expr::col((offer_tag::Entity, offer_tag::Column::UserId)),
                "id",
            )
            .from(offer_tag::Entity)
            .inner_join(
                offer::Entity,
                Expr::col((offer::Entity, offer::Column::UserId))
                    .equals((offer_tag::Entity, offer_tag::Column::UserId)),
            )
            .and_where(Expr::col((offer_tag::Entity, offer_tag::Column::Tag)).is_in(tags))
            .group_by_col((offer_tag::Entity, offer_tag::Column::UserId))
            .order_by_expr(Expr::cust("COUNT(*)"), Order::Desc)
            .order_by((offer_tag::Entity, offer_tag::Column::UserId), Order::Desc)
            .limit(CANDIDATES_PER_QUERY);
        place(
            &mut by_tags,
            if need.remote {
                Place::Either
            } else {
                Place::Local
            },
        );
        lists.push(ids(db, &by_tags).await?);
    }
    let of_kind = |at: Place| {
        let mut q = Query::select();
        q.expr_as(
            Expr::col((offer_kind::Entity, offer_kind::Column::UserId)),
            "id",
        )
        .from(offer_kind::Entity)
        .inner_join(
            offer::Entity,
            Expr::col((offer::Entity, offer::Column::UserId))
                .equals((offer_kind::Entity, offer_kind::Column::UserId)),
        )
        .and_where(Expr::col((offer_kind::Entity, offer_kind::Column::Kind)).eq(need.kind.code()))
        .order_by((offer::Entity, offer::Column::UpdatedAt), Order::Desc)
        .limit(CANDIDATES_PER_QUERY);
        place(&mut q, at);
        q
    };
    lists.push(ids(db, &of_kind(Place::Local)).await?);
    if need.remote {
        lists.push(ids(db, &of_kind(Place::Remote)).await?);
    }
    let team: Vec<i32> = project.team.iter().map(|m| m.user_id).collect();
    let asked: Vec<i32> = intro::Entity::find()
        .filter(intro::Column::NeedId.eq(need.id))
        .filter(intro::Column::State.is_in([
            IntroductionState::Pending,
            IntroductionState::Accepted,
            IntroductionState::Declined,
        ]))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.member_id)
        .collect();
    let candidates: Vec<i32> = merge(lists)
        .into_iter()
        .filter(|id| !team.contains(id) && !asked.contains(id))
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let offers = crate::offer::load_many(db, &candidates).await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(candidates.clone()))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?;
    let load = introduction::monthly_load(db, &candidates, now).await?;
    let city_ids: Vec<i32> = offers.iter().filter_map(|o| o.city_id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(city_ids))
        .all(db)
        .await?;
    let facts = need_facts(need, &project.themes, city_id);
    let mut out: Vec<(MemberSuggestion, DateTime<Utc>)> = offers
        .iter()
        .filter(|o| o.contactable)
        .filter(|o| {
            let limit = u64::try_from(o.introductions_per_month).unwrap_or(0);
            load.get(&o.user_id).copied().unwrap_or(0) < limit
        })
        .filter_map(|o| {
            let person = people.iter().find(|p| p.id == o.user_id)?;
            let fit = matching::fit(&offer_facts(o), &facts)?;
            Some((
                MemberSuggestion {
                    user_id: o.user_id,
                    name: person.name.clone(),
                    city_name: o
                        .city_id
                        .and_then(|c| cities.iter().find(|x| x.id == c))
                        .map(|c| c.name.clone()),
                    description: o.description.clone(),
                    kinds: o.kinds.clone(),
                    fit,
                },
                o.updated_at,
            ))
        })
        .collect();
    out.sort_by(|(a, a_at), (b, b_at)| {
        matching::rank(&a.fit, &b.fit)
            .then_with(|| b_at.cmp(a_at))
            .then_with(|| a.user_id.cmp(&b.user_id))
    });
    Ok(out.into_iter().take(limit).map(|(s, _)| s).collect())
}

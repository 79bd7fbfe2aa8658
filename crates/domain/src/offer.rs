//! Offers: what a member can bring — kinds of help, expertise tags, themes
//! they care about, languages, a city and whether remote is fine — and how
//! many introductions a month they accept. Teams only find a member in
//! their suggestions once the member opts in to be contactable, and only
//! a member who also chooses "public" appears on the public list of
//! helpers. Their address is never shown: it travels only in the email
//! that follows an introduction both sides accepted.

use crate::context::Context;
use crate::entities::{city, offer, offer_kind, offer_tag, user};
use crate::error::{DomainError, FieldErrors, Result};
use crate::expertise_tag::{self, Tag};
use crate::help_kind::HelpKind;
use crate::role::Actor;
use crate::spoken_language;
use crate::theme::Theme;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, PaginatorTrait, QueryOrder, TransactionTrait};

/// Introductions a month a new offer accepts.
pub const DEFAULT_INTRODUCTIONS_PER_MONTH: i32 = 2;
/// The most introductions a month one can accept.
pub const MAX_INTRODUCTIONS_PER_MONTH: i32 = 20;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 500;

/// A member's offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The member.
    pub user_id: i32,
    /// Kinds of help.
    pub kinds: Vec<HelpKind>,
    /// Expertise tags.
    pub tags: Vec<Tag>,
    /// Themes they care about.
    pub themes: Vec<Theme>,
    /// Languages they speak (ISO codes).
    pub languages: Vec<String>,
    /// Where they can meet in person.
    pub city_id: Option<i32>,
    /// Remote help is fine.
    pub remote: bool,
    /// What they can bring, in their words.
    pub description: String,
    /// Introductions a month they accept.
    pub introductions_per_month: i32,
    /// Teams may find and ask them.
    pub contactable: bool,
    /// Anyone may see the offer (never the address).
    pub is_public: bool,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

/// Offers of `user_ids`, with kinds and tags (three queries in all).
pub(crate) async fn load_many(db: &impl ConnectionTrait, user_ids: &[i32]) -> Result<Vec<Offer>> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = offer::Entity::find()
        .filter(offer::Column::UserId.is_in(user_ids.to_vec()))
        .all(db)
        .await?;
    let kinds = offer_kind::Entity::find()
        .filter(offer_kind::Column::UserId.is_in(user_ids.to_vec()))
        .all(db)
        .await?;
    let tags = offer_tag::Entity::find()
        .filter(offer_tag::Column::UserId.is_in(user_ids.to_vec()))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let mut own_kinds: Vec<HelpKind> = kinds
                .iter()
                .filter(|k| k.user_id == r.user_id)
                .map(|k| k.kind)
                .collect();
            own_kinds.sort();
            let mut own_tags: Vec<Tag> = tags
                .iter()
                .filter(|t| t.user_id == r.user_id)
                .map(|t| Tag::stored(t.tag.clone()))
                .collect();
            own_tags.sort();
            Ok(Offer {
                user_id: r.user_id,
                kinds: own_kinds,
                tags: own_tags,
                themes: Theme::parse_list(&r.themes)?,
                languages: spoken_language::stored(&r.languages),
                city_id: r.city_id,
                remote: r.remote,
                description: r.description,
                introductions_per_month: r.introductions_per_month,
                contactable: r.contactable,
                is_public: r.is_public,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

/// The offer of `user_id`, if they made one.
pub async fn of(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Offer>> {
    Ok(load_many(db, &[user_id]).await?.pop())
}

/// The offer form as submitted.
#[derive(Debug, Clone, Default)]
pub struct OfferInput {
    /// Kind codes ticked.
    pub kinds: Vec<String>,
    /// Tags, comma-separated.
    pub tags: String,
    /// Theme codes ticked.
    pub themes: Vec<String>,
    /// Language codes ticked.
    pub languages: Vec<String>,
    /// City id, or "" for none.
    pub city_id: String,
    /// Remote is fine.
    pub remote: bool,
    /// What they can bring.
    pub description: String,
    /// Introductions a month, as typed.
    pub introductions_per_month: String,
    /// Teams may contact them.
    pub contactable: bool,
    /// Show the offer publicly.
    pub is_public: bool,
}

/// An offer form that passed validation (the city is checked apart, since
/// that needs the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOffer {
    /// At least one kind.
    pub kinds: Vec<HelpKind>,
    /// Normalised tags.
    pub tags: Vec<Tag>,
    /// Themes.
    pub themes: Vec<Theme>,
    /// At least one language.
    pub languages: Vec<String>,
    /// City id as typed, not yet checked.
    pub city_id: Option<i32>,
    /// Remote is fine.
    pub remote: bool,
    /// Trimmed description.
    pub description: String,
    /// 0 to `MAX_INTRODUCTIONS_PER_MONTH`.
    pub introductions_per_month: i32,
}

/// Checks an offer form, field by field.
pub fn validate(input: &OfferInput) -> Result<ValidOffer> {
    let mut e = FieldErrors::default();
    let mut kinds = Vec::new();
    for code in &input.kinds {
        if let Some(k) = e.check("kinds", HelpKind::parse(code))
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    if input.kinds.is_empty() {
        e.add("kinds", "error-help-kind-required");
    }
    kinds.sort();
    let tags = e
        .check("tags", expertise_tag::parse_list(&input.tags))
        .unwrap_or_default();
    let mut themes = Vec::new();
    for code in &input.themes {
        if let Some(t) = e.check("themes", Theme::parse(code)) {
            themes.push(t);
        }
    }
    let languages = e
        .check("languages", spoken_language::parse_list(&input.languages))
        .unwrap_or_default();
    if languages.is_empty() {
        e.add("languages", "error-language-required");
    }
    let city_id = match input.city_id.trim() {
        "" => None,
        typed => e.check(
            "city_id",
            typed.parse::<i32>().map_err(|_| "error-city-invalid"),
        ),
    };
    let description = input.description.trim().to_owned();
    if description.chars().count() > DESCRIPTION_MAX {
        e.add("description", "error-too-long");
    }
    let introductions_per_month = e
        .check(
            "introductions_per_month",
            input
                .introductions_per_month
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=MAX_INTRODUCTIONS_PER_MONTH).contains(n))
                .ok_or("error-introductions-per-month"),
        )
        .unwrap_or_default();
    e.into_result()?;
    Ok(ValidOffer {
        kinds,
        tags,
        themes: Theme::parse_list(&Theme::join(&themes))?,
        languages,
        city_id,
        remote: input.remote,
        description,
        introductions_per_month,
    })
}

/// Saves the actor's own offer (creating it the first time).
pub async fn save(ctx: &Context, actor: &Actor, input: &OfferInput) -> Result<()> {
    let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let v = validate(input)?;
    if let Some(c) = v.city_id
        && city::Entity::find_by_id(c).one(&ctx.db).await?.is_none()
    {
        return Err(DomainError::field("city_id", "error-city-invalid"));
    }
    let now = ctx.now();
    let txn = ctx.db.begin().await?;
    offer::Entity::insert(offer::ActiveModel {
        user_id: Set(user_id),
        description: Set(v.description),
        city_id: Set(v.city_id),
        remote: Set(v.remote),
        languages: Set(v.languages.join(",")),
        themes: Set(Theme::join(&v.themes)),
        introductions_per_month: Set(v.introductions_per_month),
        contactable: Set(input.contactable),
        is_public: Set(input.is_public),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(offer::Column::UserId)
            .update_columns([
                offer::Column::Description,
                offer::Column::CityId,
                offer::Column::Remote,
                offer::Column::Languages,
                offer::Column::Themes,
                offer::Column::IntroductionsPerMonth,
                offer::Column::Contactable,
                offer::Column::IsPublic,
                offer::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    offer_kind::Entity::delete_many()
        .filter(offer_kind::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    offer_kind::Entity::insert_many(v.kinds.iter().map(|k| offer_kind::ActiveModel {
        user_id: Set(user_id),
        kind: Set(*k),
    }))
    .exec(&txn)
    .await?;
    offer_tag::Entity::delete_many()
        .filter(offer_tag::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    if !v.tags.is_empty() {
        offer_tag::Entity::insert_many(v.tags.iter().map(|t| offer_tag::ActiveModel {
            user_id: Set(user_id),
            tag: Set(t.as_str().to_owned()),
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Offers per page of the public list.
pub const PAGE_SIZE: u64 = 30;

/// A public offer, as the list of helpers shows it: no address, ever.
#[derive(Debug, Clone)]
pub struct PublicOffer {
    /// The offer.
    pub offer: Offer,
    /// The member's name.
    pub name: String,
    /// Their city's name, if any.
    pub city_name: Option<String>,
}

/// One page of public offers.
#[derive(Debug, Clone)]
pub struct PublicPage {
    /// Offers on this page, most recently updated first.
    pub offers: Vec<PublicOffer>,
    /// This page, from 1.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

/// Offers their members chose to show, optionally of one city.
pub async fn public_list(
    db: &impl ConnectionTrait,
    city_id: Option<i32>,
    page: u64,
) -> Result<PublicPage> {
    let mut query = offer::Entity::find().filter(offer::Column::IsPublic.eq(true));
    if let Some(c) = city_id {
        query = query.filter(offer::Column::CityId.eq(c));
    }
    let paginator = query
        .order_by_desc(offer::Column::UpdatedAt)
        .order_by_asc(offer::Column::UserId)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    let page = Ord::min(Ord::max(page, 1), pages);
    let ids: Vec<i32> = paginator
        .fetch_page(page - 1)
        .await?
        .into_iter()
        .map(|o| o.user_id)
        .collect();
    let offers = load_many(db, &ids).await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?;
    let city_ids: Vec<i32> = offers.iter().filter_map(|o| o.city_id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(city_ids))
        .all(db)
        .await?;
    let mut out: Vec<PublicOffer> = offers
        .into_iter()
        .filter_map(|offer| {
            let person = people.iter().find(|p| p.id == offer.user_id)?;
            Some(PublicOffer {
                name: person.name.clone(),
                city_name: offer
                    .city_id
                    .and_then(|c| cities.iter().find(|x| x.id == c))
                    .map(|c| c.name.clone()),
                offer,
            })
        })
        .collect();
    out.sort_by_key(|o| ids.iter().position(|id| *id == o.offer.user_id));
    Ok(PublicPage {
        offers: out,
        page,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OfferInput {
        OfferInput {
            kinds: vec![HelpKind::Designer.code().into(); 2],
            tags: "UX, accessibilité".into(),
            themes: vec!["environmental".into()],
            languages: vec!["fr".into(), "en".into()],
            city_id: "3".into(),
            remote: true,
            description: "Je dessine des parcours simples.".into(),
            introductions_per_month: "2".into(),
            contactable: true,
            is_public: false,
        }
    }

    #[test]
    fn a_valid_offer_is_normalised() {
        let v = validate(&input()).expect("valid");
        assert_eq!(v.kinds, vec![HelpKind::Designer]);
        assert_eq!(v.tags.len(), 2);
        assert_eq!(v.themes, vec![Theme::Environmental]);
        assert_eq!(v.city_id, Some(3));
        assert_eq!(v.introductions_per_month, 2);
    }

    #[test]
    fn bad_offers_are_refused_field_by_field() {
        let bad = OfferInput {
            kinds: vec![],
            languages: vec!["xx".into()],
            introductions_per_month: "50".into(),
            city_id: "lyon".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            ..input()
        };
        let Err(DomainError::Invalid(e)) = validate(&bad) else {
            panic!("should be refused");
        };
        assert_eq!(e.get("kinds"), Some("error-help-kind-required"));
        assert_eq!(e.get("languages"), Some("error-choice-invalid"));
        assert_eq!(
            e.get("introductions_per_month"),
            Some("error-introductions-per-month")
        );
        assert_eq!(e.get("city_id"), Some("error-city-invalid"));
        assert_eq!(e.get("description"), Some("error-too-long"));
    }
}

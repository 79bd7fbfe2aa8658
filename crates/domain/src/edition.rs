//! Editions: a marathon weekend and the months of accompaniment after it.

use crate::context::Context;
use crate::entities::edition;
use crate::error::{DomainError, FieldErrors, Result};
use crate::role::Actor;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, SqlErr,
};

/// An edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its id.
    pub id: i32,
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// First day of the marathon.
    pub starts_on: NaiveDate,
    /// Last day of the marathon.
    pub ends_on: NaiveDate,
}

impl From<edition::Model> for Edition {
    fn from(m: edition::Model) -> Self {
        Edition {
            id: m.id,
            slug: m.slug,
            name: m.name,
            starts_on: m.starts_on,
            ends_on: m.ends_on,
        }
    }
}

/// Every edition, latest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Edition>> {
    Ok(edition::Entity::find()
        .order_by_desc(edition::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(Edition::from)
        .collect())
}

/// An edition by its URL name.
pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Edition> {
    edition::Entity::find()
        .filter(edition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(Edition::from)
        .ok_or(DomainError::NotFound)
}

/// Creates an edition; programme coordinators only.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    slug: &str,
    name: &str,
    starts_on: &str,
    ends_on: &str,
) -> Result<Edition> {
    if !actor.may_manage_editions() {
        return Err(DomainError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let slug = errors.checked("slug", crate::slug::parse(slug));
    let parse_date = crate::day::parse;
    let starts = errors.checked("starts_on", parse_date(starts_on));
    let ends = errors.checked("ends_on", parse_date(ends_on));
    if name.trim().is_empty() {
        errors.add("name", "error-required");
    }
    if let (Some(s), Some(e)) = (starts.get(), ends.get())
        && e < s
    {
        errors.add("ends_on", "error-end-before-start");
    }
    let (slug, starts_on, ends_on) = errors.finish((slug, starts, ends))?;
    let inserted = edition::ActiveModel {
        slug: Set(slug.into()),
        name: Set(name.trim().to_owned()),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        created_at: Set(ctx.now()),
        review_cadence_days: Set(crate::review::DEFAULT_CADENCE_DAYS),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await;
    match inserted {
        Ok(m) => Ok(m.into()),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(DomainError::field("slug", "error-slug-taken"))
        }
        Err(e) => Err(e.into()),
    }
}

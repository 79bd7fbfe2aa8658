//! Expertise tags: free words ("accessibilité", "python", "rgpd") that
//! needs and offers carry, so that a designer who knows accessibility meets
//! the project that needs exactly that. Typed freely, they are normalised
//! once here — trimmed, lower-cased, inner spaces collapsed, deduplicated,
//! bounded in length and count — so the rest of the code compares plain
//! strings that are always in the same form.

use crate::entities::{need, need_tag, offer, offer_tag};
use crate::error::Result;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, UnionType};
use sea_orm::{ConnectionTrait, FromQueryResult};

/// Longest tag, in characters.
pub const MAX_LENGTH: usize = 32;
/// Most tags on one need or offer.
pub const MAX_COUNT: usize = 8;

/// One normalised tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(String);

impl Tag {
    /// Normalises one typed tag; `Ok(None)` for an empty one.
    pub fn parse(typed: &str) -> std::result::Result<Option<Tag>, &'static str> {
        let words: Vec<String> = typed.split_whitespace().map(str::to_lowercase).collect();
        let text = words.join(" ");
        let text = text.trim_start_matches('#').trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > MAX_LENGTH {
            return Err("error-tag-too-long");
        }
        let allowed = |c: char| c.is_alphanumeric() || " -+#./'’".contains(c);
        if !text.chars().all(allowed) {
            return Err("error-tag-invalid");
        }
        Ok(Some(Tag(text.to_owned())))
    }

    /// A tag read back from the database, already normalised.
    pub fn stored(text: String) -> Tag {
        Tag(text)
    }

    /// The tag's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a comma-separated list as typed in a form: each tag normalised,
/// duplicates dropped (first one kept), at most `MAX_COUNT`.
pub fn parse_list(typed: &str) -> std::result::Result<Vec<Tag>, &'static str> {
    let mut tags: Vec<Tag> = Vec::new();
    for piece in typed.split([',', ';', '\n']) {
        if let Some(tag) = Tag::parse(piece)?
            && !tags.contains(&tag)
        {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_COUNT {
        return Err("error-too-many-tags");
    }
    Ok(tags)
}

/// The list as a form shows it again: "a, b, c".
pub fn join(tags: &[Tag]) -> String {
    tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, FromQueryResult)]
struct Used {
    tag: String,
}

/// The most used tags, for the suggestions of the need and offer forms:
/// tags of open needs and of contactable offers together, most used first,
/// at most `limit`.
pub async fn in_use(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Tag>> {
    let mut of_needs = Query::select()
        .column((need_tag::Entity, need_tag::Column::Tag))
        .from(need_tag::Entity)
        .inner_join(
            need::Entity,
            Expr::col((need::Entity, need::Column::Id))
                .equals((need_tag::Entity, need_tag::Column::NeedId)),
        )
        .and_where(
            Expr::col((need::Entity, need::Column::State)).eq(crate::need::NeedState::Open.code()),
        )
        .to_owned();
    let of_offers = Query::select()
        .column((offer_tag::Entity, offer_tag::Column::Tag))
        .from(offer_tag::Entity)
        .inner_join(
            offer::Entity,
            Expr::col((offer::Entity, offer::Column::UserId))
                .equals((offer_tag::Entity, offer_tag::Column::UserId)),
        )
        .and_where(Expr::col((offer::Entity, offer::Column::Contactable)).eq(true))
        .to_owned();
    let all = of_needs.union(UnionType::All, of_offers).to_owned();
    let query = Query::select()
        .column(Alias::new("tag"))
        .from_subquery(all, Alias::new("t"))
        .group_by_col(Alias::new("tag"))
        .order_by_expr(Expr::cust("COUNT(*)"), Order::Desc)
        .order_by(Alias::new("tag"), Order::Asc)
        .limit(limit)
        .to_owned();
    let rows = Used::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|u| Tag(u.tag)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tags: &[Tag]) -> Vec<&str> {
        tags.iter().map(Tag::as_str).collect()
    }

    #[test]
    fn tags_are_trimmed_lower_cased_collapsed_and_deduplicated() {
        let tags = parse_list("  Accessibilité , PYTHON,python, #RGPD,  données   ouvertes ,,")
            .expect("valid");
        assert_eq!(
            texts(&tags),
            vec!["accessibilité", "python", "rgpd", "données ouvertes"]
        );
    }

    #[test]
    fn tags_are_bounded_in_length_count_and_characters() {
        assert_eq!(
            parse_list(&"a".repeat(MAX_LENGTH + 1)),
            Err("error-tag-too-long")
        );
        assert!(
            parse_list(&"é".repeat(MAX_LENGTH)).is_ok(),
            "characters, not bytes"
        );
        let nine = (1..=9)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_list(&nine), Err("error-too-many-tags"));
        let nine_with_repeats = format!("{nine},t1,T2");
        assert_eq!(parse_list(&nine_with_repeats), Err("error-too-many-tags"));
        assert_eq!(parse_list("<script>"), Err("error-tag-invalid"));
        assert_eq!(
            parse_list("c++, c#, node.js, ux/ui").map(|t| t.len()),
            Ok(4)
        );
        assert_eq!(parse_list(""), Ok(vec![]));
    }
}

//! The public gallery: public, live projects, filtered, searched, sorted
//! and paginated.

use crate::entities::{city, project};
use crate::error::Result;
use crate::licence::Licence;
use crate::milestone;
use crate::stage::Stage;
use crate::theme::Theme;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

/// Projects per gallery page.
pub const PAGE_SIZE: u64 = 24;

/// How the gallery is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recent activity first.
    #[default]
    Activity,
    /// Alphabetical by title.
    Name,
}

/// What the visitor asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this edition.
    pub edition_id: Option<i32>,
    /// Only this city.
    pub city_id: Option<i32>,
    /// Only this theme.
    pub theme: Option<Theme>,
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this licence.
    pub licence: Option<&'static Licence>,
    /// Only projects with open needs.
    pub looking_for_help: bool,
    /// Only projects with an open need of this kind.
    pub need_kind: Option<crate::help_kind::HelpKind>,
    /// Words to find in title, pitch, description, city name or needs,
    /// whatever their accents and case; title matches come first.
    pub text: String,
    /// Order.
    pub sort: Sort,
    /// Page number, from 1.
    pub page: u64,
}

/// A project as a gallery card shows it.
#[derive(Debug, Clone)]
pub struct Card {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One-line pitch.
    pub pitch: String,
    /// City name.
    pub city: String,
    /// Stage.
    pub stage: Stage,
    /// Licence identifier.
    pub licence: String,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Share of milestones done, if any.
    pub progress: Option<f64>,
    /// Kinds of help its open needs ask for.
    pub needs: Vec<crate::help_kind::HelpKind>,
    /// Last activity.
    pub last_activity_at: DateTime<Utc>,
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Page {
    /// The cards on this page.
    pub cards: Vec<Card>,
    /// Matching projects in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

/// The words of a search, as the index sees them: runs of letters and
/// digits, at most eight. Anything else (punctuation, quotes, operators of
/// either database's query language) only separates words, so nothing a
/// visitor types can break the query.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// A search as SQL: which projects match every word (each as the start of a
/// word, ignoring accents and case, in title, pitch, description, city name
/// or live needs), and which match every word in their title alone, to rank
/// them first.
struct TextSearch {
    matches: Expr,
    in_title: Expr,
}

impl TextSearch {
    /// `None` when nothing was typed; a search of only punctuation matches
    /// nothing.
    fn new(text: &str, backend: DbBackend) -> Option<TextSearch> {
        if text.trim().is_empty() {
            return None;
        }
        let words = words(text);
        if words.is_empty() {
            return Some(TextSearch {
                matches: Expr::cust("1 = 0"),
                in_title: Expr::cust("1 = 0"),
            });
        }
        Some(match backend {
            DbBackend::Postgres => {
                let query = |weight: &str| {
                    words
                        .iter()
                        .map(|w| format!("{w}:*{weight}"))
                        .collect::<Vec<_>>()
                        .join(" & ")
                };
                let sql = "\"projects\".\"id\" IN (SELECT project_id FROM project_search \
                           WHERE document @@ to_tsquery('simple', unaccent($1)))";
                TextSearch {
                    matches: Expr::cust_with_values(sql, [query("")]),
                    in_title: Expr::cust_with_values(sql, [query("A")]),
                }
            }
            _ => {
                let all = words
                    .iter()
                    .map(|w| format!("\"{w}\"*"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let sql = "\"projects\".\"id\" IN (SELECT rowid FROM project_search \
                           WHERE project_search MATCH ?)";
                TextSearch {
                    matches: Expr::cust_with_values(sql, [all.clone()]),
                    in_title: Expr::cust_with_values(sql, [format!("{{title}} : ({all})")]),
                }
            }
        })
    }
}

fn condition(filter: &Filter, search: Option<&TextSearch>) -> Condition {
    let mut c = Condition::all()
        .add(project::Column::IsPublic.eq(true))
        .add(project::Column::ArchivedAt.is_null());
    if let Some(e) = filter.edition_id {
        c = c.add(project::Column::EditionId.eq(e));
    }
    if let Some(city) = filter.city_id {
        c = c.add(project::Column::CityId.eq(city));
    }
    if let Some(t) = filter.theme {
        c = c.add(project::Column::Themes.contains(format!(",{},", t.code())));
    }
    if let Some(s) = filter.stage {
        c = c.add(project::Column::Stage.eq(s));
    }
    if let Some(l) = filter.licence {
        c = c.add(project::Column::Licence.eq(l.spdx));
    }
    if filter.looking_for_help || filter.need_kind.is_some() {
        c = c.add(
            project::Column::Id.in_subquery(crate::need::open_needs_of_kind(filter.need_kind)),
        );
    }
    if let Some(search) = search {
        c = c.add(search.matches.clone());
    }
    c
}

/// The projects `filter` selects, in its order (the page aside): the
/// gallery's query, which the open API lists too.
pub(crate) fn select(filter: &Filter, backend: DbBackend) -> Select<project::Entity> {
    let search = TextSearch::new(&filter.text, backend);
    let mut query = project::Entity::find().filter(condition(filter, search.as_ref()));
    if let Some(search) = &search {
        query = query.order_by(search.in_title.clone(), Order::Desc);
    }
    match filter.sort {
        Sort::Activity => query
            .order_by_desc(project::Column::LastActivityAt)
            .order_by_desc(project::Column::Id),
        Sort::Name => query
            .order_by_asc(project::Column::Title)
            .order_by_asc(project::Column::Id),
    }
}

/// Runs the gallery query.
pub async fn search(db: &impl ConnectionTrait, filter: &Filter) -> Result<Page> {
    let paginator = select(filter, db.get_database_backend()).paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    let page = Ord::min(Ord::max(filter.page, 1), pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let milestones = milestone::of_projects(db, &ids).await?;
    let needs = crate::need::open_kinds(db, &ids).await?;
    let city_ids: Vec<i32> = rows.iter().map(|p| p.city_id).collect();
    let cities = city::Entity::find()
        .filter(city::Column::Id.is_in(city_ids))
        .all(db)
        .await?;
    let cards = rows
        .into_iter()
        .map(|p| {
            let own: Vec<milestone::Milestone> = milestones
                .iter()
                .filter(|m| m.project_id == p.id)
                .cloned()
                .collect();
            Ok(Card {
                city: cities
                    .iter()
                    .find(|c| c.id == p.city_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                stage: p.stage,
                themes: Theme::parse_list(&p.themes)?,
                progress: milestone::progress(&own),
                slug: p.slug,
                title: p.title,
                pitch: p.pitch,
                licence: p.licence,
                needs: needs
                    .iter()
                    .filter(|(id, _)| *id == p.id)
                    .map(|(_, k)| *k)
                    .collect(),
                last_activity_at: p.last_activity_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Page {
        cards,
        total: counts.number_of_items,
        page,
        pages,
    })
}

/// Every live project of a city, public or not: (id, title), by title. For
/// coordinators' forms, not for the public gallery.
pub async fn live_in_city(db: &impl ConnectionTrait, city_id: i32) -> Result<Vec<(i32, String)>> {
    // Only the two columns, which the index of a city's live projects by
    // title holds: PostgreSQL reads that index alone, in its order.
    Ok(project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::Title)
        .filter(project::Column::CityId.eq(city_id))
        .filter(project::Column::ArchivedAt.is_null())
        .order_by_asc(project::Column::Title)
        .into_tuple()
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_keeps_letters_and_digits_and_drops_query_syntax() {
        assert_eq!(
            words("  Vélo-école, l'ÉTÉ 2026!"),
            ["Vélo", "école", "l", "ÉTÉ", "2026"]
        );
        assert!(words("\"* : & | ! ( ) NEAR").iter().all(|w| *w == "NEAR"));
        assert_eq!(words("a b c d e f g h i j").len(), 8);
    }

    #[test]
    fn nothing_typed_is_no_search_and_punctuation_finds_nothing() {
        assert!(TextSearch::new("   ", DbBackend::Sqlite).is_none());
        assert!(TextSearch::new("?!", DbBackend::Postgres).is_some());
    }
}

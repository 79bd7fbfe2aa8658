//! Pages of a listing: page and per-page numbers checked once, and a page
//! past the end refused rather than answered empty, so that a client
//! walking pages learns it went too far.

use crate::error::{DomainError, Result};
use sea_orm::{ConnectionTrait, PaginatorTrait, SelectorTrait};
use serde::Serialize;
use utoipa::ToSchema;

/// Items per page when the client does not say.
pub const DEFAULT_PER_PAGE: u64 = 20;

/// Most items a page may hold.
pub const MAX_PER_PAGE: u64 = 100;

/// Which page of a listing, with how many items a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page: u64,
    per_page: u64,
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl Paging {
    /// Page `page` (from 1) of `per_page` items (1 to [`MAX_PER_PAGE`]).
    pub fn new(page: u64, per_page: u64) -> Result<Paging> {
        if page == 0 {
            return Err(DomainError::field("page", "error-page-invalid"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(DomainError::field("per_page", "error-per-page-invalid"));
        }
        Ok(Paging { page, per_page })
    }

    /// The page number, from 1.
    pub fn page(self) -> u64 {
        self.page
    }

    /// Items per page.
    pub fn per_page(self) -> u64 {
        self.per_page
    }
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Listing<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// This page, from 1.
    pub page: u64,
    /// Items per page.
    pub per_page: u64,
    /// Matching items in all.
    pub total: u64,
    /// Number of pages (at least 1, an empty first page included).
    pub pages: u64,
}

impl<T> Listing<T> {
    /// The same page holding other items, in the same order.
    pub fn map<U>(self, items: Vec<U>) -> Listing<U> {
        Listing {
            items,
            page: self.page,
            per_page: self.per_page,
            total: self.total,
            pages: self.pages,
        }
    }
}

/// The rows of `select` on `paging`'s page, after counting them all: two
/// statements. A page past the last is refused (`page` field).
pub(crate) async fn fetch<'db, C, S>(
    db: &'db C,
    select: S,
    paging: Paging,
) -> Result<Listing<<S::Selector as SelectorTrait>::Item>>
where
    C: ConnectionTrait,
    S: PaginatorTrait<'db, C>,
{
    let paginator = select.paginate(db, paging.per_page);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    if paging.page > pages {
        return Err(DomainError::field("page", "error-page-past-end"));
    }
    let items = paginator.fetch_page(paging.page - 1).await?;
    Ok(Listing {
        items,
        page: paging.page,
        per_page: paging.per_page,
        total: counts.number_of_items,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_start_at_one_and_hold_at_most_the_maximum() {
        assert!(Paging::new(0, 10).is_err());
        assert!(Paging::new(1, 0).is_err());
        assert!(Paging::new(1, MAX_PER_PAGE + 1).is_err());
        let paging = Paging::new(3, MAX_PER_PAGE).expect("valid");
        assert_eq!((paging.page(), paging.per_page()), (3, MAX_PER_PAGE));
    }
}

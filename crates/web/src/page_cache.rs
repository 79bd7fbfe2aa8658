//! Rendered public pages kept for visitors (issue 13).
//!
//! Only a visitor's GET (no session, no flash) is answered from here, and
//! only a response that is the same for every visitor is kept: a 200 page
//! or feed that set no cookie, made no CSRF token, set no `Cache-Control`
//! of its own, and is not addressed by a secret or a member's own path.
//! Pages are keyed by path, query, language and text size, and tagged with the
//! content version (`relais_domain::content_version`) they were made under.
//! That version is read from the database at most once a second; triggers
//! raise it on every write to a table public pages read (migration 185),
//! whoever writes. After a state-changing request of its own, an instance
//! reads it again at once: it shows a change it made at once, and one made
//! elsewhere (another instance, a scheduled job, the command line) within
//! about a second. Kept pages also
//! carry an `ETag`, and a matching `If-None-Match` gets `304 Not Modified`.
//!
//! A missing page is made by one request at a time: the others asking for
//! it meanwhile wait and then look again, so that a busy page which expires
//! (or which a write made stale) is rendered once, not by every request in
//! flight at that moment.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use relais_domain::Language;
use relais_domain::sea_orm::DatabaseConnection;
use relais_templates::layout::TextSize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{OwnedRwLockWriteGuard, RwLock};

/// How long the content version read is trusted.
pub const VERSION_CHECK: Duration = Duration::seconds(1);

/// Longest a page is kept even if nothing is written: dates on pages
/// ("in three days") move with the clock.
pub const MAX_AGE: Duration = Duration::seconds(60);

/// Pages kept at most; beyond, the cache starts again empty.
const MAX_ENTRIES: usize = 2_000;

/// Largest page kept.
const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Paths never kept: a member's own pages, and pages addressed by a secret.
const PRIVATE: [&str; 13] = [
    "/calendar/",
    "/activate",
    "/polls/",
    "/team-invitations/",
    "/check-in/",
    "/password",
    "/follow-up/",
    "/unsubscribe/",
    "/profile",
    "/dashboard",
    "/admin",
    "/mentor",
    "/relation",
];

/// Content types kept: pages and feeds.
const KEPT_TYPES: [&str; 4] = [
    "text/html",
    "application/atom+xml",
    "application/rss+xml",
    "text/calendar",
];

/// What a visitor's page is found by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    path: String,
    lang: Language,
    text_size: TextSize,
}

impl Key {
    /// The key of `path` (with its query) in `lang` and `text_size`, or
    /// `None` for a path never kept.
    pub fn new(path: &str, lang: Language, text_size: TextSize) -> Option<Key> {
        (!PRIVATE.iter().any(|p| path.starts_with(p))).then(|| Key {
            path: path.to_owned(),
            lang,
            text_size,
        })
    }
}

struct Entry {
    version: i64,
    stored_at: DateTime<Utc>,
    content_type: HeaderValue,
    etag: HeaderValue,
    body: Bytes,
}

#[derive(Default)]
struct Known {
    version: i64,
    checked_at: Option<DateTime<Utc>>,
}

/// The pages one instance keeps.
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<Key, Arc<Entry>>>,
    known: Mutex<Known>,
    /// The pages being made now, each held by the request making it.
    making: Mutex<HashMap<Key, Arc<RwLock<()>>>>,
}

/// What a request that found no kept page does.
pub enum Turn<'a> {
    /// It makes the page; the others asking for it wait until this ends.
    Make(Making<'a>),
    /// Another request was making the page and has finished (kept it or
    /// not): look again, and make it if it is still missing.
    Waited,
}

/// A page being made by one request; dropping it lets the others look.
pub struct Making<'a> {
    cache: &'a PageCache,
    key: Key,
    lock: Arc<RwLock<()>>,
    // Dropped after `drop` has removed the entry: waiters then wake.
    _held: OwnedRwLockWriteGuard<()>,
}

impl Drop for Making<'_> {
    fn drop(&mut self) {
        let mut making = self
            .cache
            .making
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if making
            .get(&self.key)
            .is_some_and(|lock| Arc::ptr_eq(lock, &self.lock))
        {
            making.remove(&self.key);
        }
    }
}

impl PageCache {
    /// The content version, read from the database if the last read is
    /// more than [`VERSION_CHECK`] old at `now`.
    pub async fn version(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> relais_domain::Result<i64> {
        {
            let known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(at) = known.checked_at
                && now - at < VERSION_CHECK
                && now >= at
            {
                return Ok(known.version);
            }
        }
        let version = relais_domain::content_version::current(db).await?;
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if version != known.version {
            self.entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
        *known = Known {
            version,
            checked_at: Some(now),
        };
        Ok(version)
    }

    /// Records that this instance changed something: the database's
    /// triggers raised the version, which the next visitor's request reads
    /// at once rather than up to a second later.
    pub fn changed(&self) {
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .checked_at = None;
    }

    /// The kept page for `key`, made under `version` and not too old at
    /// `now`, answered as `request_headers` ask (304 if the ETag matches).
    pub fn answer(
        &self,
        key: &Key,
        version: i64,
        now: DateTime<Utc>,
        request_headers: &HeaderMap,
    ) -> Option<Response> {
        let entry = self
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()?;
        if entry.version != version || now - entry.stored_at >= MAX_AGE || now < entry.stored_at {
            return None;
        }
        Some(respond(
            &entry.content_type,
            &entry.etag,
            entry.body.clone(),
            request_headers,
        ))
    }

    /// Whether this request makes the page for `key` (no one else is), or
    /// has waited for the request that was making it.
    pub async fn turn(&self, key: &Key) -> Turn<'_> {
        let other = {
            let mut making = self.making.lock().unwrap_or_else(PoisonError::into_inner);
            match making.get(key) {
                Some(lock) => lock.clone(),
                None => {
                    let lock = Arc::new(RwLock::new(()));
                    // A lock made here and shared with no one yet is free.
                    let Ok(held) = lock.clone().try_write_owned() else {
                        return Turn::Waited;
                    };
                    making.insert(key.clone(), lock.clone());
                    return Turn::Make(Making {
                        cache: self,
                        key: key.clone(),
                        lock,
                        _held: held,
                    });
                }
            }
        };
        // A read is granted once the maker's write guard is dropped.
        drop(other.read().await);
        Turn::Waited
    }

    /// Keeps `response` (already known to be the same for every visitor)
    /// if it is a page or feed, and answers with it as `request_headers`
    /// ask; other responses pass unchanged.
    pub async fn keep(
        &self,
        key: Key,
        version: i64,
        now: DateTime<Utc>,
        response: Response,
        request_headers: &HeaderMap,
    ) -> Response {
        let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
        let kept_type = content_type
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| KEPT_TYPES.iter().any(|t| v.starts_with(t)));
        if response.status() != StatusCode::OK
            || !kept_type
            || response.headers().contains_key(header::SET_COOKIE)
        {
            return response;
        }
        let Some(content_type) = content_type else {
            return response;
        };
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(body) => body,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        if body.len() > MAX_BYTES {
            return Response::from_parts(parts, Body::from(body));
        }
        let etag = etag(&body);
        {
            let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                key,
                Arc::new(Entry {
                    version,
                    stored_at: now,
                    content_type: content_type.clone(),
                    etag: etag.clone(),
                    body: body.clone(),
                }),
            );
        }
        let mut response = respond(&content_type, &etag, body, request_headers);
        // Headers the handler set beyond these (none today) are kept.
        for (name, value) in &parts.headers {
            if !response.headers().contains_key(name) {
                response.headers_mut().insert(name.clone(), value.clone());
            }
        }
        response
    }
}

/// A strong validator from the body's bytes.
pub(crate) fn etag(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    HeaderValue::from_str(&format!("\"{}\"", hex::encode(&digest[..12])))
        .unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Whether the request's `If-None-Match` names `etag` (or `*`): the client
/// has this body already.
pub(crate) fn etag_matches(request_headers: &HeaderMap, etag: &HeaderValue) -> bool {
    request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == etag.to_str().unwrap_or("")
        })
}

/// The page, or `304 Not Modified` when the browser has it already. Shared
/// caches must revalidate, and the page differs by language.
fn respond(
    content_type: &HeaderValue,
    etag: &HeaderValue,
    body: Bytes,
    request_headers: &HeaderMap,
) -> Response {
    let mut response = if etag_matches(request_headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(body));
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, content_type.clone());
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag.clone());
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_pages_and_secret_addresses_have_no_key() {
        for path in [
            "/dashboard",
            "/admin/outbox",
            "/calendar/abc.ics",
            "/polls/3/secret",
            "/profile",
        ] {
            assert_eq!(
                Key::new(path, Language::Fr, TextSize::Normal),
                None,
                "{path}"
            );
        }
        assert!(Key::new("/projects?page=2", Language::Fr, TextSize::Normal).is_some());
        assert_ne!(
            Key::new("/", Language::Fr, TextSize::Normal),
            Key::new("/", Language::En, TextSize::Normal),
            "one page per language"
        );
        assert_ne!(
            Key::new("/", Language::Fr, TextSize::Normal),
            Key::new("/", Language::Fr, TextSize::Large),
            "one page per text size"
        );
    }

    #[tokio::test]
    async fn one_request_makes_a_missing_page_while_the_others_wait() {
        let cache = PageCache::default();
        let key = Key::new("/projects", Language::Fr, TextSize::Normal).expect("a kept path");
        let Turn::Make(making) = cache.turn(&key).await else {
            panic!("the first request to miss makes the page");
        };
        let other = Key::new("/meetups", Language::Fr, TextSize::Normal).expect("a kept path");
        assert!(
            matches!(cache.turn(&other).await, Turn::Make(_)),
            "another page is made at the same time"
        );
        let waiting = cache.turn(&key);
        tokio::pin!(waiting);
        let wait = std::time::Duration::from_millis(50);
        assert!(
            tokio::time::timeout(wait, &mut waiting).await.is_err(),
            "a second request waits while the first makes the page"
        );
        drop(making);
        assert!(matches!(waiting.await, Turn::Waited), "then it looks again");
        assert!(
            matches!(cache.turn(&key).await, Turn::Make(_)),
            "a page still missing is made again"
        );
    }

    #[test]
    fn a_matching_etag_gets_not_modified() {
        let tag = etag(b"page");
        let mut headers = HeaderMap::new();
        let full = respond(
            &HeaderValue::from_static("text/html"),
            &tag,
            Bytes::from_static(b"page"),
            &headers,
        );
        assert_eq!(full.status(), StatusCode::OK);
        headers.insert(header::IF_NONE_MATCH, tag.clone());
        let again = respond(
            &HeaderValue::from_static("text/html"),
            &tag,
            Bytes::from_static(b"page"),
            &headers,
        );
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_ne!(etag(b"page"), etag(b"other page"));
    }
}

//! The request envelope: who is asking, in which language, with which CSRF
//! token; the CSRF check itself; and error pages rendered for every 4xx and
//! 5xx that a handler, an extractor or the router produced.

use crate::cookies::{self, Name};
use crate::csrf;
use crate::error::{ErrorDetail, WebError};
use crate::fields::Fields;
use crate::page_cache::{self, PageCache};
use crate::{AppState, MAX_BODY_BYTES, MAX_UPLOAD_BYTES};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Multipart, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use relais_domain::session::LiveSession;
use relais_domain::{Actor, Language, session, token};
use relais_templates::layout::{Flash, NavUser, TextSize};
use relais_templates::{CsrfToken, PageContext};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

/// What handlers know about the request beyond its path and body.
#[derive(Clone)]
pub struct RequestContext {
    /// The language to answer in.
    pub lang: Language,
    /// The logged-in session, if any.
    pub session: Option<LiveSession>,
    /// The CSRF token for forms on this page, made when first rendered.
    pub csrf_token: CsrfToken,
    /// The message left by the previous request.
    pub flash: Option<Flash>,
    /// Path and query, for coming back after log-in or a language switch.
    pub path: String,
    /// The client's address, for per-address limits.
    pub client: String,
    /// The browser's `User-Agent`, kept with sessions.
    pub user_agent: Option<String>,
    /// The text size the reader chose.
    pub text_size: TextSize,
}

impl RequestContext {
    /// Who is acting.
    pub fn actor(&self) -> Actor {
        self.session
            .as_ref()
            .map_or(Actor::Visitor, |s| s.account.actor())
    }

    /// What the layout needs.
    pub fn page(&self) -> PageContext {
        PageContext {
            lang: self.lang,
            csrf_token: self.csrf_token.clone(),
            user: self.session.as_ref().map(|s| NavUser {
                name: s.account.name.clone(),
                is_coordinator: s.account.actor().is_any_coordinator(),
                is_mentor: s.account.actor().is_mentor(),
            }),
            flash: self.flash.clone(),
            path: self.path.clone(),
            feeds: Vec::new(),
            text_size: self.text_size,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| {
                WebError::Domain(relais_domain::DomainError::Internal(
                    "no request context".into(),
                ))
            })
    }
}

fn is_flash_key(value: &str) -> bool {
    value.len() <= 64 && value.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// What the envelope works with: the application's state and this
/// instance's kept pages.
#[derive(Clone)]
pub struct Envelope {
    /// The application's state.
    pub app: AppState,
    /// Public pages kept for visitors.
    pub cache: Arc<PageCache>,
}

/// The middleware that wraps every route.
pub async fn envelope(
    State(Envelope { app: state, cache }): State<Envelope>,
    request: Request,
    next: Next,
) -> Response {
    let config = state.config.clone();
    let (mut parts, body) = request.into_parts();
    let headers = &parts.headers;

    let session_token = cookies::read(headers, &config, Name::Session);
    let session = match &session_token {
        Some(t) => match session::resolve(&state.ctx, t).await {
            Ok(s) => s,
            Err(e) => return WebError::from(e).into_response(),
        },
        None => None,
    };
    let anon_cookie = cookies::read(headers, &config, Name::Anonymous);
    let binding = match (&session, &session_token, anon_cookie) {
        (Some(_), Some(t), _) => Some(t.clone()),
        (_, _, Some(a)) => Some(a),
        _ => None,
    };
    // A visitor without a cookie gets one only if a form on the page asks
    // for a token: pages without forms mint nothing and set no cookie.
    let new_visitor = binding.is_none();
    let new_anon: Arc<OnceLock<String>> = Arc::default();
    let csrf_token = {
        let secret = state.secret.clone();
        let new_anon = new_anon.clone();
        CsrfToken::lazy(move || {
            let bound_to = binding
                .as_deref()
                .unwrap_or_else(|| new_anon.get_or_init(token::generate));
            csrf::token_for(&secret, bound_to)
        })
    };
    let lang = cookies::read(headers, &config, Name::Language)
        .and_then(|c| Language::parse(&c).ok())
        .or_else(|| session.as_ref().map(|s| s.account.language))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();
    let flash_cookie = cookies::read(headers, &config, Name::Flash).filter(|f| is_flash_key(f));
    let flash = flash_cookie.as_ref().map(|key| Flash {
        is_error: key.starts_with("error-"),
        key: key.clone(),
    });
    let client = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(
            || "unknown".to_owned(),
            |c| config.trusted_proxies.client(c.0.ip(), headers).to_string(),
        );
    let context = RequestContext {
        lang,
        csrf_token,
        session,
        flash,
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
        client,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        text_size: cookies::read(headers, &config, Name::TextSize)
            .and_then(|c| TextSize::parse(&c))
            .unwrap_or_default(),
    };

    // State-changing requests: check origin and token before any handler.
    let body = if csrf::needs_check(&parts.method) && !csrf::exempt(parts.uri.path()) {
        match checked_body(&parts, body, &config, &context, new_visitor).await {
            Ok(body) => body,
            Err(e) => {
                return finish(
                    &state,
                    &context,
                    e.into_response(),
                    &new_anon,
                    &flash_cookie,
                );
            }
        }
    } else {
        body
    };

    // A visitor's GET: the kept page if there is one.
    let kept = match page_cache::Key::new(&context.path, context.lang, context.text_size) {
        Some(key)
            if config.page_cache
                && parts.method == Method::GET
                && context.session.is_none()
                && flash_cookie.is_none() =>
        {
            let now = state.ctx.now();
            match cache.version(&state.ctx.db, now).await {
                Ok(version) => Some((key, version, now)),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the content version");
                    None
                }
            }
        }
        _ => None,
    };
    if let Some((key, version, now)) = &kept
        && let Some(page) = cache.answer(key, *version, *now, &parts.headers)
    {
        return page;
    }
    // Held until the page is kept: requests for it meanwhile wait, then
    // answer with it rather than each making it again.
    let _making = match &kept {
        Some((key, version, _)) => match cache.turn(key).await {
            page_cache::Turn::Make(making) => Some(making),
            page_cache::Turn::Waited => {
                if let Some(page) = cache.answer(key, *version, state.ctx.now(), &parts.headers) {
                    return page;
                }
                None
            }
        },
        None => None,
    };
    let request_headers = kept.as_ref().map(|_| parts.headers.clone());
    let changes = csrf::needs_check(&parts.method);
    parts.extensions.insert(context.clone());
    let response = next.run(Request::from_parts(parts, body)).await;
    let own_cache_control = response.headers().contains_key(header::CACHE_CONTROL);
    let response = finish(&state, &context, response, &new_anon, &flash_cookie);
    if changes && config.page_cache {
        cache.changed();
        return response;
    }
    match (kept, request_headers) {
        (Some((key, version, now)), Some(headers))
            if !own_cache_control && !context.csrf_token.is_made() =>
        {
            cache.keep(key, version, now, response, &headers).await
        }
        _ => response,
    }
}

/// Buffers a state-changing request's body and checks its origin and CSRF
/// token; a visitor without a cookie yet cannot have a valid token.
async fn checked_body(
    parts: &Parts,
    body: Body,
    config: &crate::WebConfig,
    context: &RequestContext,
    new_visitor: bool,
) -> Result<Body, WebError> {
    if csrf::is_cross_site(&parts.headers, config) {
        return Err(WebError::Csrf);
    }
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("multipart/form-data"))
        .map(str::to_owned);
    let limit = if multipart.is_some() {
        MAX_UPLOAD_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| WebError::Status(StatusCode::PAYLOAD_TOO_LARGE))?;
    let given = match multipart {
        Some(content_type) => multipart_token(&content_type, bytes.clone()).await,
        None => Fields::parse(&bytes).get("csrf_token").to_owned(),
    };
    if new_visitor || !csrf::tokens_match(context.csrf_token.get(), &given) {
        return Err(WebError::Csrf);
    }
    Ok(Body::from(bytes))
}

/// The `csrf_token` field of a multipart body (upload forms put it first),
/// or "" when there is none or the body does not parse.
async fn multipart_token(content_type: &str, bytes: axum::body::Bytes) -> String {
    let Ok(request) = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
    else {
        return String::new();
    };
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
        return String::new();
    };
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("csrf_token") {
            return field.text().await.unwrap_or_default();
        }
    }
    String::new()
}

/// Renders error pages, sets the visitor cookie if a form on the page made
/// a token bound to a new one, and clears a flash that has now been shown.
fn finish(
    state: &AppState,
    context: &RequestContext,
    mut response: Response,
    new_anon: &OnceLock<String>,
    flash_cookie: &Option<String>,
) -> Response {
    let status = response.status();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if (status.is_client_error() || status.is_server_error()) && !is_html {
        let detail = response.extensions().get::<ErrorDetail>().and_then(|d| d.0);
        let page =
            relais_templates::pages::error::error_page(&context.page(), status.as_u16(), detail);
        let mut rendered = (status, page).into_response();
        for (name, value) in response.headers() {
            if name == header::SET_COOKIE || name == header::RETRY_AFTER {
                rendered.headers_mut().append(name.clone(), value.clone());
            }
        }
        response = rendered;
    }
    let config = &state.config;
    let headers = response.headers_mut();
    if let Some(anon) = new_anon.get() {
        headers.append(
            header::SET_COOKIE,
            cookies::set(config, Name::Anonymous, anon, None),
        );
    }
    let flash_name = Name::Flash.full(config);
    let sets_flash = headers.get_all(header::SET_COOKIE).iter().any(|v| {
        v.to_str()
            .is_ok_and(|s| s.starts_with(&format!("{flash_name}=")))
    });
    let shown = status.is_success();
    if flash_cookie.is_some() && !sets_flash && shown {
        headers.append(header::SET_COOKIE, cookies::removal(config, Name::Flash));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

//! Who may reach a handler at all: a logged-in member, or a coordinator.
//!
//! Handlers that need one take it as an argument instead of checking the
//! session themselves; the refusal (401 for a visitor, 403 for a member
//! who coordinates nothing) is decided here, once. Both read the
//! `RequestContext` the envelope built for the request: nothing is
//! resolved a second time.

use crate::error::WebError;
use crate::request_context::RequestContext;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use relais_domain::session::LiveSession;
use relais_domain::{Actor, DomainError};

/// A logged-in member and their session.
#[derive(Clone)]
pub struct Member(pub LiveSession);

impl Member {
    /// The member behind `rc`, or a 401 for a visitor.
    pub fn of(rc: &RequestContext) -> Result<Member, WebError> {
        rc.session
            .clone()
            .map(Member)
            .ok_or(WebError::Domain(DomainError::Unauthenticated))
    }

    /// The member as the domain knows them.
    pub fn actor(&self) -> Actor {
        self.0.account.actor()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Member {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let rc = RequestContext::from_request_parts(parts, state).await?;
        Member::of(&rc)
    }
}

/// A member who coordinates a city or the whole programme, as an actor.
/// Which city they may act on is still the domain's to decide.
#[derive(Clone)]
pub struct Coordinator(pub Actor);

impl Coordinator {
    /// The coordinator behind `rc`: 401 for a visitor, 403 for a member
    /// who coordinates nothing.
    pub fn of(rc: &RequestContext) -> Result<Coordinator, WebError> {
        let actor = Member::of(rc)?.actor();
        if actor.is_any_coordinator() {
            Ok(Coordinator(actor))
        } else {
            Err(DomainError::Forbidden.into())
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Coordinator {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let rc = RequestContext::from_request_parts(parts, state).await?;
        Coordinator::of(&rc)
    }
}

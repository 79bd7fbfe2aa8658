//! The one place where failures become responses.
//!
//! A handler's error becomes a bare status plus an `ErrorDetail` extension;
//! the request envelope then renders the error page in the reader's
//! language with their navigation. 5xx causes are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use relais_domain::DomainError;

/// Why a request failed, at the HTTP level.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A domain refusal or failure.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// A request we cannot read.
    #[error("bad request")]
    BadRequest,
    /// Missing or wrong CSRF token, or a cross-site origin.
    #[error("CSRF check failed")]
    Csrf,
    /// Nothing here.
    #[error("not found")]
    NotFound,
    /// A status decided elsewhere (body too large, unsupported media type).
    #[error("status {0}")]
    Status(StatusCode),
}

/// The message key to show on the error page instead of the default.
#[derive(Debug, Clone, Copy)]
pub struct ErrorDetail(pub Option<&'static str>);

impl WebError {
    fn status_and_detail(&self) -> (StatusCode, Option<&'static str>) {
        match self {
            WebError::Domain(e) => match e {
                DomainError::NotFound => (StatusCode::NOT_FOUND, None),
                DomainError::Forbidden => (StatusCode::FORBIDDEN, None),
                DomainError::Unauthenticated => (StatusCode::UNAUTHORIZED, None),
                DomainError::Invalid(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errors.iter().next().map(|(_, key)| key),
                ),
                DomainError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, None),
                DomainError::Database(_) | DomainError::Internal(_) => {
                    (StatusCode::INTERNAL_SERVER_ERROR, None)
                }
            },
            WebError::BadRequest => (StatusCode::BAD_REQUEST, None),
            WebError::Csrf => (StatusCode::FORBIDDEN, Some("error-csrf")),
            WebError::NotFound => (StatusCode::NOT_FOUND, None),
            WebError::Status(s) => (*s, None),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, detail) = self.status_and_detail();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorDetail(detail));
        response
    }
}

/// For a form that failed: the status and field messages to re-render it
/// with, or the error to pass on when it is not about the input.
/// `RateLimited` is shown by `field`, so the form and its input stay.
pub fn form_rejection(
    error: DomainError,
    field: &'static str,
) -> Result<(StatusCode, relais_domain::FieldErrors), WebError> {
    match error {
        DomainError::Invalid(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, errors)),
        DomainError::RateLimited => {
            let mut errors = relais_domain::FieldErrors::default();
            errors.add(field, "error-rate-limited");
            Ok((StatusCode::TOO_MANY_REQUESTS, errors))
        }
        other => Err(other.into()),
    }
}

/// Result alias for handlers.
pub type WebResult<T> = Result<T, WebError>;

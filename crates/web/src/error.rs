//! The one place where failures become responses.
//!
//! A handler's error becomes a bare status plus an `ErrorDetail` extension;
//! the request envelope then renders the error page in the reader's
//! language with their navigation. 5xx causes are logged, never shown.
//! The open API (`/api`) answers the same errors as JSON instead, through
//! [`ApiError`], in one shape: `{"error": {"code": "...", "message": "..."}}`.

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
    /// A query-string parameter we do not know or cannot read (400).
    #[error("{message}")]
    Query {
        /// Machine-readable reason: `unknown_parameter` or `invalid_parameter`.
        code: &'static str,
        /// What is wrong, for the client's developer.
        message: String,
    },
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
            WebError::Query { .. } => (StatusCode::BAD_REQUEST, None),
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

/// A failure of the open API, answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

/// What a domain message key means to an API client.
fn api_message(key: &str) -> &str {
    match key {
        "error-page-invalid" => "must be a whole number from 1",
        "error-per-page-invalid" => "must be a whole number from 1 to the maximum",
        "error-page-past-end" => "is past the last page",
        other => other,
    }
}

impl ApiError {
    /// Status, code and message of the JSON answer.
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match &self.0 {
            WebError::Query { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            // Invalid input to a read is a bad request, not a form to fix.
            WebError::Domain(DomainError::Invalid(errors)) => {
                let message = errors
                    .iter()
                    .map(|(field, key)| format!("{field} {}", api_message(key)))
                    .collect::<Vec<_>>()
                    .join("; ");
                (StatusCode::BAD_REQUEST, "invalid_parameter", message)
            }
            other => {
                let (status, _) = other.status_and_detail();
                let code = error_code(status);
                (status, code, message_of(status))
            }
        }
    }
}

/// The code of an error answered with `status` and nothing more specific.
pub fn error_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_ACCEPTABLE => "not_acceptable",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// A plain message for a status: the reason phrase, never the cause.
fn message_of(status: StatusCode) -> String {
    status.canonical_reason().unwrap_or("Error").to_owned()
}

/// The JSON body of every API failure.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorContent,
}

/// What went wrong, for programs and for their developers.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorContent {
    /// Stable machine-readable reason: `invalid_parameter`,
    /// `unknown_parameter`, `not_found`, `method_not_allowed`, `internal`…
    pub code: String,
    /// What is wrong, in English, naming the parameter at fault.
    pub message: String,
}

/// The JSON error body every API failure has.
pub fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = ErrorBody {
        error: ErrorContent {
            code: code.to_owned(),
            message: message.to_owned(),
        },
    };
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        if status.is_server_error() {
            tracing::error!(error = %self.0, "API request failed");
        }
        json_error(status, code, &message)
    }
}

/// Result alias for handlers.
pub type WebResult<T> = Result<T, WebError>;

//! [`ApiError`]: a failed request as an HTTP status and a message, shown as JSON by the API and
//! as a page by the web pages.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use raad_query::QueryError;
use serde::Serialize;

use crate::params::ParamError;

/// Why a request failed, with the status it is answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The 1-based column of a mistake in the query text.
    pub column: Option<usize>,
    /// The records an ambiguous id may mean, as `Council/id`.
    pub candidates: Vec<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            column: None,
            candidates: Vec::new(),
        }
    }

    /// A path no route serves.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "no such page or endpoint")
    }

    /// A blocking task that did not finish (it panicked, or the runtime is stopping).
    pub fn task_failed(error: tokio::task::JoinError) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the search stopped: {error}"),
        )
    }
}

impl From<QueryError> for ApiError {
    fn from(error: QueryError) -> ApiError {
        let status = match &error {
            QueryError::Syntax { .. } | QueryError::UnknownField { .. } => StatusCode::BAD_REQUEST,
            QueryError::NotFound { .. } => StatusCode::NOT_FOUND,
            QueryError::Ambiguous { .. } => StatusCode::CONFLICT,
            // The server runs, but the index cannot be read until it is rebuilt.
            QueryError::IndexDamaged { .. }
            | QueryError::DamagedRecord { .. }
            | QueryError::IndexMeta(_)
            | QueryError::IncompatibleSchema { .. }
            | QueryError::NoIndex { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = match &error {
            // The column travels apart; the message says only what is wrong.
            QueryError::Syntax { message, .. } => message.clone(),
            QueryError::UnknownField { name, valid, .. } => format!(
                "unknown field `{name}`; valid fields are: {}",
                valid.join(", ")
            ),
            other => other.to_string(),
        };
        let candidates = match &error {
            QueryError::Ambiguous { candidates, .. } => candidates.clone(),
            _ => Vec::new(),
        };
        ApiError {
            status,
            message,
            column: error.column(),
            candidates,
        }
    }
}

impl From<ParamError> for ApiError {
    fn from(error: ParamError) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, error.to_string())
    }
}

/// An error as the API answers it: `{"error":{"message":…,"column":…}}`.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorDetail {
    /// What is wrong and, where it helps, how to write it instead.
    message: String,
    /// The 1-based column (in characters) of a mistake in the query text.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    /// An id that several councils have: each of its records as `Council/id`, which picks
    /// it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<String>,
}

impl IntoResponse for ApiError {
    /// `{"error":{"message":…,"column":…}}` with the status.
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                message: self.message,
                column: self.column,
                candidates: self.candidates,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

//! One error type for every language. It is a flat error on purpose: each
//! language gets an exception class per kind whose message is the whole,
//! human-readable text (`LanceError.TableNotFound: Table 'x' was not found`)
//! instead of a record of fields.

use std::fmt;

#[derive(Debug, uniffi::Error)]
#[uniffi(flat_error)]
pub enum LanceError {
    /// The named table does not exist, or was dropped.
    TableNotFound(String),
    /// A table with that name already exists.
    TableAlreadyExists(String),
    /// An argument was wrong: a bad vector dimension, a bad name, bad data.
    InvalidInput(String),
    /// Data does not match the table's schema.
    SchemaMismatch(String),
    /// A filter or SQL expression could not be parsed or names an unknown column.
    InvalidFilter(String),
    /// The storage failed: a file, a directory, an object store (unreachable,
    /// refused credentials, missing bucket, timed out).
    Io(String),
    /// Another writer committed a change this one conflicts with, and LanceDB's
    /// own retries did not resolve it: nothing was written; retry the operation.
    CommitConflict(String),
    /// The operation is not supported for this table or database.
    NotSupported(String),
    /// The connection or table was closed by the caller.
    Closed(String),
    /// A bug in unilance or LanceDB, including a Rust panic.
    Internal(String),
}

impl fmt::Display for LanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            Self::TableNotFound(m)
            | Self::TableAlreadyExists(m)
            | Self::InvalidInput(m)
            | Self::SchemaMismatch(m)
            | Self::InvalidFilter(m)
            | Self::Io(m)
            | Self::CommitConflict(m)
            | Self::NotSupported(m)
            | Self::Closed(m)
            | Self::Internal(m) => m,
        };
        f.write_str(message)
    }
}

impl std::error::Error for LanceError {}

pub type Result<T, E = LanceError> = std::result::Result<T, E>;

/// A filter that plans but fails on the data (`price < text`: each text is
/// cast to a number, row by row) fails inside the scan, where only the
/// message tells it apart from a bug.
fn is_filter_failure(message: &str) -> bool {
    message.contains("Error applying filter expression")
}

impl From<lancedb::Error> for LanceError {
    fn from(error: lancedb::Error) -> Self {
        use lancedb::Error as E;
        if let Some(message) = crate::storage::object_store_failure(&error) {
            return Self::Io(message);
        }
        let message = error.to_string();
        if is_filter_failure(&message) {
            return Self::InvalidFilter(format!("the filter cannot be applied to the data: {message}"));
        }
        match error {
            E::TableNotFound { .. } => Self::TableNotFound(message),
            E::TableAlreadyExists { .. } => Self::TableAlreadyExists(message),
            E::InvalidTableName { .. } | E::InvalidInput { .. } | E::ColumnNotFound { .. } => {
                Self::InvalidInput(message)
            }
            E::InvalidExpression { .. } => Self::InvalidFilter(message),
            E::Schema { .. } => Self::SchemaMismatch(message),
            E::ObjectStore { .. } | E::CreateDir { .. } => Self::Io(message),
            E::NotSupported { .. } => Self::NotSupported(message),
            E::Lance { source } => source.into(),
            E::Arrow { .. } => Self::InvalidInput(message),
            _ => Self::Internal(message),
        }
    }
}

impl From<lance_core::Error> for LanceError {
    fn from(error: lance_core::Error) -> Self {
        use lance_core::Error as E;
        if let Some(message) = crate::storage::object_store_failure(&error) {
            return Self::Io(message);
        }
        let message = error.to_string();
        if is_filter_failure(&message) {
            return Self::InvalidFilter(format!("the filter cannot be applied to the data: {message}"));
        }
        match error {
            E::InvalidInput { .. } | E::Arrow { .. } => Self::InvalidInput(message),
            E::DatasetAlreadyExists { .. } => Self::TableAlreadyExists(message),
            E::SchemaMismatch { .. } | E::Schema { .. } => Self::SchemaMismatch(message),
            E::DatasetNotFound { .. } | E::NotFound { .. } => Self::TableNotFound(message),
            E::IO { .. } | E::CorruptFile { .. } | E::Timeout { .. } => Self::Io(message),
            E::CommitConflict { .. }
            | E::RetryableCommitConflict { .. }
            | E::IncompatibleTransaction { .. }
            | E::TooMuchWriteContention { .. } => Self::CommitConflict(message),
            E::NotSupported { .. } => Self::NotSupported(message),
            _ => Self::Internal(message),
        }
    }
}

impl From<arrow_schema::ArrowError> for LanceError {
    fn from(error: arrow_schema::ArrowError) -> Self {
        Self::InvalidInput(error.to_string())
    }
}

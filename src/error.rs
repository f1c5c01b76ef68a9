//! One error type for every language. It is a flat error on purpose: each
//! language gets an exception class per kind whose message is the whole,
//! human-readable text (`LanceError.TableNotFound: Table 'x' was not found`)
//! instead of a record of fields.
//!
//! Lance's errors end with the `std::panic::Location` they were made at: the build machine's
//! path of a dependency's source file (`/root/.cargo/registry/src/.../sql.rs:123:45`). That
//! says nothing to a user and leaks the build machine, so every message is shown without them
//! (`scrub_source_locations`), whichever variant and whoever built it.

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
        f.write_str(&scrub_source_locations(message))
    }
}

/// `message` without the Rust source locations in it (`path/to/file.rs:12:5`), together with
/// the `", "`, `" "`, `" at "` or `"location: "` that introduced each. Everything else is kept as is.
pub(crate) fn scrub_source_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some((start, end)) = next_location(rest) {
        let mut before = &rest[..start];
        for label in ["location: ", " at "] {
            before = before.strip_suffix(label).unwrap_or(before);
        }
        before = before.trim_end_matches([' ', ',']);
        out.push_str(before);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The byte range of the first `<path>.rs:<line>:<column>` in `text`, the path being
/// everything back to an ASCII space, a comma, a quote or a bracket (all one byte long).
fn next_location(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = text[from..].find(".rs:") {
        let dot = from + found;
        let after = &text[dot + 4..];
        let line = after.bytes().take_while(u8::is_ascii_digit).count();
        let column = after[line..].strip_prefix(':').map_or(0, |c| c.bytes().take_while(u8::is_ascii_digit).count());
        if line > 0 && column > 0 {
            let is_boundary = |c: char| c.is_ascii_whitespace() || matches!(c, ',' | '(' | '"' | '\'' | '[');
            let start = text[..dot].rfind(is_boundary).map_or(0, |i| i + 1);
            return Some((start, dot + 4 + line + 1 + column));
        }
        from = dot + 4;
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_locations_are_scrubbed_from_every_message() {
        let lance = "Invalid user input: Error during planning: column 'nope' not found, \
             /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/lance-datafusion-14.0.2/src/sql.rs:103:21";
        let error = LanceError::InvalidFilter(format!("invalid filter 'nope = 1': {lance}"));
        assert_eq!(
            error.to_string(),
            "invalid filter 'nope = 1': Invalid user input: Error during planning: column 'nope' not found"
        );
        // Nested errors carry one location each; a `location:` label goes with its location.
        let nested = LanceError::Internal(
            "Wrapped error: Not found: x, /a/b/c.rs:1:2, location: src/io.rs:33:7 (retry)".into(),
        );
        assert_eq!(nested.to_string(), "Wrapped error: Not found: x (retry)");
        assert_eq!(LanceError::Internal("panicked at src/a.rs:1:2: boom".into()).to_string(), "panicked: boom");
        // A multi-byte space is no boundary (and no panic): the whole word goes.
        assert_eq!(LanceError::Internal("bad\u{a0}é/x.rs:1:2 end".into()).to_string(), " end");
        assert_eq!(
            LanceError::Io("Append with different schema: a, location: /root/x/y.rs:9:1".into()).to_string(),
            "Append with different schema: a"
        );
    }

    #[test]
    fn text_that_only_looks_like_a_location_is_kept() {
        for kept in ["table 'docs.rs' was not found", "file a.rs:12 is bad", "ratio 3.rs:x:1", "no location", "é.rs"] {
            assert_eq!(LanceError::InvalidInput(kept.into()).to_string(), kept);
        }
    }
}

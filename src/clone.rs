//! `Connection.clone_table`: a new table that starts as a version of another
//! (a shallow clone: it shares the source's data files and has a manifest and
//! history of its own, so both tables then change independently).
//!
//! LanceDB reports a source version or tag that does not exist as a generic
//! "not found" (which would read as `TableNotFound`, as if the source table
//! were missing) or an internal "ref not found"; after such a failure this
//! module opens the source (through the connection, so with its storage
//! options) to say what is missing instead: `InvalidInput` naming the version
//! or tag and the ones that exist, or `TableNotFound` naming the source URI
//! when there is no table there. Nothing is created.

use std::sync::Arc;

use crate::connection::Connection;
use crate::error::{LanceError, Result};
use crate::runtime::write;
use crate::table::Table;
use crate::uri::resolve_uri;
use crate::versions::{version_arg, version_list};

/// The source of a failed clone, looked at to explain the failure.
async fn explain_clone_failure(
    conn: &lancedb::Connection,
    source_uri: &str,
    source_version: Option<u64>,
    source_tag: Option<&str>,
    error: lancedb::Error,
) -> LanceError {
    let error = LanceError::from(error);
    if matches!(error, LanceError::TableAlreadyExists(_) | LanceError::NotSupported(_) | LanceError::Io(_)) {
        return error;
    }
    let source = match conn.open_table("clone_source").location(source_uri).execute().await {
        Ok(source) => source,
        Err(open_error) => {
            return match (LanceError::from(open_error), &error) {
                (LanceError::TableNotFound(_), LanceError::TableNotFound(_)) => {
                    LanceError::TableNotFound(format!("cannot clone '{source_uri}': there is no table there"))
                }
                _ => error,
            }
        }
    };
    if let Some(wanted) = source_version {
        if let Ok(versions) = source.list_versions().await {
            if !versions.iter().any(|v| v.version == wanted) {
                return LanceError::InvalidInput(format!(
                    "cannot clone version {wanted} of '{source_uri}': it does not exist (versions: {})",
                    version_list(&versions)
                ));
            }
        }
    }
    if let Some(tag) = source_tag {
        if let Ok(tags) = source.tags().await {
            if let Ok(tags) = tags.list().await {
                if !tags.contains_key(tag) {
                    let mut names: Vec<&str> = tags.keys().map(String::as_str).collect();
                    names.sort_unstable();
                    return LanceError::InvalidInput(format!(
                        "cannot clone tag '{tag}' of '{source_uri}': it does not exist (tags: {})",
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ));
                }
            }
        }
    }
    error
}

#[uniffi::export]
impl Connection {
    /// Creates table `target_table_name` as a shallow clone of the table at
    /// `source_uri` (a table's `uri()`, in this database or another): at
    /// `source_version`, or the version `source_tag` names, or (neither) the
    /// latest. The clone shares the source's data files; writes to either
    /// table do not show in the other. `is_shallow = false` (a deep copy) is
    /// not supported by LanceDB 0.41: `NotSupported`.
    #[uniffi::method(default(source_version = None, source_tag = None, is_shallow = true))]
    pub async fn clone_table(
        &self,
        target_table_name: String,
        source_uri: String,
        source_version: Option<i64>,
        source_tag: Option<String>,
        is_shallow: bool,
    ) -> Result<Arc<Table>> {
        let conn = self.open()?;
        if source_version.is_some() && source_tag.is_some() {
            return Err(LanceError::InvalidInput(
                "clone_table takes either source_version or source_tag, not both".into(),
            ));
        }
        let source_version = source_version.map(|v| version_arg("source_version", v)).transpose()?;
        let source_uri = resolve_uri(&source_uri)?;
        let inner = write(&[&self.state().writes], async move {
            let mut builder = conn.clone_table(target_table_name, source_uri.clone()).is_shallow(is_shallow);
            if let Some(v) = source_version {
                builder = builder.source_version(v);
            }
            if let Some(tag) = &source_tag {
                builder = builder.source_tag(tag.clone());
            }
            match builder.execute().await {
                Ok(table) => Ok(table),
                Err(e) => Err(explain_clone_failure(&conn, &source_uri, source_version, source_tag.as_deref(), e).await),
            }
        })
        .await?;
        Ok(Table::new(inner, self.state().clone()))
    }
}

//! What a database URI given to `connect` means.
//!
//! LanceDB's Rust `connect("")` opens the file-system root, so a missing
//! setting in a user's configuration wrote tables at `/`. The official Python
//! SDK (lancedb 0.40) makes every local path absolute first: `""` becomes the
//! current directory, `~/db` the home directory's `db`, `db` the current
//! directory's `db`. unilance resolves local paths the same way, except that
//! it refuses an empty (or blank) URI: a database in whatever directory the
//! process happens to run in is never what was meant.

use std::path::PathBuf;

use crate::error::{LanceError, Result};

/// The URI LanceDB is given for the URI a user passed to `connect`.
pub(crate) fn resolve_uri(uri: &str) -> Result<String> {
    if uri.trim().is_empty() {
        return Err(LanceError::InvalidInput(
            "the database URI is empty: pass a directory, 'memory://' or an object-store URI such as 's3://bucket/path'"
                .into(),
        ));
    }
    if uri.contains("://") {
        return Ok(uri.to_string());
    }
    let path = match uri.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            let home = std::env::var_os("HOME").ok_or_else(|| {
                LanceError::InvalidInput(format!("cannot resolve '{uri}': HOME is not set"))
            })?;
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(uri),
    };
    let absolute = if path.is_absolute() {
        path
    } else {
        std::env::current_dir()
            .map_err(|e| LanceError::InvalidInput(format!("cannot resolve the relative path '{uri}': {e}")))?
            .join(path)
    };
    Ok(absolute.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn empty_uris_are_refused_and_local_paths_made_absolute() {
        for empty in ["", "  ", "\t\n"] {
            let err = resolve_uri(empty).unwrap_err();
            assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("URI is empty")), "{err:?}");
        }
        assert_eq!(resolve_uri("memory://").unwrap(), "memory://");
        assert_eq!(resolve_uri("s3://bucket/db").unwrap(), "s3://bucket/db");
        assert_eq!(resolve_uri("/tmp/db").unwrap(), "/tmp/db");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(resolve_uri("db").unwrap(), cwd.join("db").to_string_lossy());
        let home = std::env::var("HOME").unwrap();
        assert_eq!(resolve_uri("~/db").unwrap(), Path::new(&home).join("db").to_string_lossy());
        assert_eq!(resolve_uri("~user").unwrap(), cwd.join("~user").to_string_lossy());
    }
}

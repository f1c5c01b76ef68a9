//! Versions and tags: every write makes a new version of a table; a table
//! can read an older one (`checkout`), make an older one the latest again
//! (`restore`), and name versions (`tags()`).
//!
//! LanceDB reports a version or tag that does not exist as a generic
//! "not found" (which would read as `TableNotFound`); these methods check
//! what is missing instead and fail with `InvalidInput` naming it and the
//! ones that exist, leaving the table as it was.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use crate::error::{LanceError, Result};
use crate::runtime::{heavy, light, write};
use crate::table::{version, Table};

/// One version of a table, as `list_versions` gives it.
#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct VersionInfo {
    pub version: i64,
    /// When the version was committed.
    pub timestamp: SystemTime,
    pub metadata: HashMap<String, String>,
}

/// What a tag points at.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct TagInfo {
    pub version: i64,
    pub manifest_size: i64,
}

/// The version argument `what` as LanceDB's `u64`, or `InvalidInput` naming it.
pub(crate) fn version_arg(what: &str, value: i64) -> Result<u64> {
    u64::try_from(value).map_err(|_| LanceError::InvalidInput(format!("{what} must not be negative (got {value})")))
}

/// The version numbers of `versions`, ascending, as "1, 2, 3" (for messages
/// that list what exists).
pub(crate) fn version_list(versions: &[lancedb::table::Version]) -> String {
    let mut numbers: Vec<u64> = versions.iter().map(|v| v.version).collect();
    numbers.sort_unstable();
    numbers.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

/// After a failed checkout of `wanted`: `InvalidInput` if the version does
/// not exist, else LanceDB's own error.
async fn explain_missing_version(table: &lancedb::Table, wanted: u64, error: lancedb::Error) -> LanceError {
    // A checked-out table lists the versions of the whole table all the same.
    match table.list_versions().await {
        Ok(versions) if !versions.iter().any(|v| v.version == wanted) => LanceError::InvalidInput(format!(
            "version {wanted} of table '{}' does not exist (versions: {})",
            table.name(),
            version_list(&versions)
        )),
        _ => error.into(),
    }
}

/// Checks `table` out at `version` (`open_table(name, version)` too).
pub(crate) async fn checkout(table: &lancedb::Table, version: i64) -> Result<()> {
    checkout_version(table, version_arg("version", version)?).await
}

async fn checkout_version(table: &lancedb::Table, wanted: u64) -> Result<()> {
    match table.checkout(wanted).await {
        Ok(()) => Ok(()),
        Err(e) => Err(explain_missing_version(table, wanted, e).await),
    }
}

/// After a failed lookup of `tag`: `InvalidInput` if no such tag exists.
async fn explain_missing_tag(table: &lancedb::Table, tag: &str, error: lancedb::Error) -> LanceError {
    match tag_names(table).await {
        Ok(names) if !names.iter().any(|n| n == tag) => no_such_tag(table, tag, names),
        _ => error.into(),
    }
}

async fn tag_names(table: &lancedb::Table) -> Result<Vec<String>> {
    let mut names: Vec<String> = table.tags().await?.list().await?.into_keys().collect();
    names.sort();
    Ok(names)
}

fn no_such_tag(table: &lancedb::Table, tag: &str, names: Vec<String>) -> LanceError {
    LanceError::InvalidInput(format!(
        "tag '{tag}' of table '{}' does not exist (tags: {})",
        table.name(),
        if names.is_empty() { "none".to_string() } else { names.join(", ") }
    ))
}

#[uniffi::export]
impl Table {
    /// The version this table reads: the latest, or the one checked out.
    pub async fn version(&self) -> Result<i64> {
        let table = self.handle()?;
        light(async move { version(table.version().await?) }).await
    }

    /// Every version of the table, oldest first.
    pub async fn list_versions(&self) -> Result<Vec<VersionInfo>> {
        let table = self.handle()?;
        heavy(async move {
            let mut versions = table.list_versions().await?;
            versions.sort_by_key(|v| v.version);
            versions
                .into_iter()
                .map(|v| -> Result<VersionInfo> {
                    Ok(VersionInfo {
                        version: version(v.version)?,
                        timestamp: SystemTime::from(v.timestamp),
                        metadata: v.metadata.into_iter().collect(),
                    })
                })
                .collect()
        })
        .await
    }

    /// Reads a past version from now on (writes fail until
    /// `checkout_latest`). Other `Table` objects are not affected.
    pub async fn checkout(&self, version: i64) -> Result<()> {
        version_arg("version", version)?;
        let table = self.handle()?;
        heavy(async move { checkout(&table, version).await }).await
    }

    /// Reads the version `tag` points at, as `checkout` does.
    pub async fn checkout_tag(&self, tag: String) -> Result<()> {
        let table = self.handle()?;
        heavy(async move {
            match table.checkout_tag(&tag).await {
                Ok(()) => Ok(()),
                Err(e) => Err(explain_missing_tag(&table, &tag, e).await),
            }
        })
        .await
    }

    /// Goes back to the latest version (and to writing).
    pub async fn checkout_latest(&self) -> Result<()> {
        let table = self.handle()?;
        heavy(async move { Ok(table.checkout_latest().await?) }).await
    }

    /// Makes `version` (or, if `None`, the checked-out version) the latest
    /// version again, as a new version; later versions stay in the history.
    #[uniffi::method(default(version = None))]
    pub async fn restore(&self, version: Option<i64>) -> Result<()> {
        let version = version.map(|v| version_arg("version", v)).transpose()?;
        let table = self.handle()?;
        write(&self.writes(), async move {
            if let Some(v) = version {
                checkout_version(&table, v).await?;
            }
            match table.restore().await {
                Err(lancedb::Error::InvalidInput { .. }) if version.is_none() => Err(LanceError::InvalidInput(
                    "restore() without a version needs a checked-out version: call checkout(version) first, \
                     or pass the version"
                        .into(),
                )),
                result => Ok(result?),
            }
        })
        .await
    }

    /// The table's tags: names for versions, kept until deleted.
    pub fn tags(self: Arc<Self>) -> Arc<Tags> {
        Arc::new(Tags { table: self })
    }
}

/// A table's tags (`table.tags()`), as the official SDK's `AsyncTags`.
#[derive(uniffi::Object)]
pub struct Tags {
    table: Arc<Table>,
}

#[uniffi::export]
impl Tags {
    /// Every tag, by name.
    pub async fn list(&self) -> Result<HashMap<String, TagInfo>> {
        let table = self.table.handle()?;
        heavy(async move {
            let tags = table.tags().await?.list().await?;
            tags.into_iter()
                .map(|(name, t)| -> Result<(String, TagInfo)> {
                    let info = TagInfo { version: version(t.version)?, manifest_size: t.manifest_size as i64 };
                    Ok((name, info))
                })
                .collect()
        })
        .await
    }

    /// The version `tag` points at.
    pub async fn get_version(&self, tag: String) -> Result<i64> {
        let table = self.table.handle()?;
        heavy(async move {
            let found = table.tags().await?.get_version(&tag).await;
            match found {
                Ok(v) => version(v),
                Err(e) => Err(explain_missing_tag(&table, &tag, e).await),
            }
        })
        .await
    }

    /// Names `version` `tag`; fails if the tag exists or the version does not.
    pub async fn create(&self, tag: String, version: i64) -> Result<()> {
        self.set(tag, version, false).await
    }

    /// Points the existing `tag` at `version`.
    pub async fn update(&self, tag: String, version: i64) -> Result<()> {
        self.set(tag, version, true).await
    }

    pub async fn delete(&self, tag: String) -> Result<()> {
        let table = self.table.handle()?;
        write(&self.table.writes(), async move {
            let deleted = table.tags().await?.delete(&tag).await;
            match deleted {
                Ok(()) => Ok(()),
                Err(e) => Err(explain_missing_tag(&table, &tag, e).await),
            }
        })
        .await
    }
}

impl Tags {
    async fn set(&self, tag: String, version: i64, existing: bool) -> Result<()> {
        let wanted = version_arg("version", version)?;
        if tag.trim().is_empty() {
            return Err(LanceError::InvalidInput("a tag name must not be empty".into()));
        }
        let table = self.table.handle()?;
        write(&self.table.writes(), async move {
            let names = tag_names(&table).await?;
            let exists = names.contains(&tag);
            if exists && !existing {
                return Err(LanceError::InvalidInput(format!(
                    "tag '{tag}' of table '{}' already exists (use update to move it)",
                    table.name()
                )));
            }
            if !exists && existing {
                return Err(no_such_tag(&table, &tag, names));
            }
            let versions = table.list_versions().await?;
            if !versions.iter().any(|v| v.version == wanted) {
                return Err(LanceError::InvalidInput(format!(
                    "cannot tag version {wanted} of table '{}': it does not exist (versions: {})",
                    table.name(),
                    version_list(&versions)
                )));
            }
            let mut tags = table.tags().await?;
            if existing {
                tags.update(&tag, wanted).await?;
            } else {
                tags.create(&tag, wanted).await?;
            }
            Ok(())
        })
        .await
    }
}

//! Branches: isolated, writable lines of a table's history, forked from
//! `main` or another branch at its latest or a given version; writes on a
//! branch do not show on `main` (`table.branches()`, as the official SDK's
//! `AsyncTable.branches`, and `current_branch()`).
//!
//! Lance reports a branch or version that does not exist as "not found"
//! (which would read as `TableNotFound`) or an internal "clone operation"
//! error for a name already taken; these methods check names and versions
//! first and fail with `InvalidInput` naming what is wrong and what exists,
//! leaving the table as it was.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{LanceError, Result};
use crate::runtime::{heavy, write};
use crate::table::{version, Table};
use crate::versions::{version_arg, version_list};

/// The root branch's name; `None` means it too.
const MAIN: &str = "main";

/// One branch, as `Branches.list` gives it.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct BranchInfo {
    /// The branch it was forked from (`None`: main).
    pub parent_branch: Option<String>,
    /// The version of the parent it was forked at.
    pub parent_version: i64,
    pub manifest_size: i64,
    pub metadata: HashMap<String, String>,
}

/// A table's branches (`table.branches()`).
#[derive(uniffi::Object)]
pub struct Branches {
    table: Arc<Table>,
}

/// Lance's own errors about a branch name or ref are the caller's input.
fn ref_error(error: lancedb::Error) -> LanceError {
    let message = error.to_string();
    match LanceError::from(error) {
        LanceError::Internal(_) if message.contains("Ref is invalid") || message.contains("invalid characters") => {
            LanceError::InvalidInput(message)
        }
        other => other,
    }
}

async fn branch_names(table: &lancedb::Table) -> Result<Vec<String>> {
    let mut names: Vec<String> = table.list_branches().await?.into_keys().collect();
    names.sort();
    Ok(names)
}

fn no_such_branch(table: &lancedb::Table, name: &str, names: &[String]) -> LanceError {
    let mut all = vec![MAIN.to_string()];
    all.extend(names.iter().cloned());
    LanceError::InvalidInput(format!(
        "branch '{name}' of table '{}' does not exist (branches: {})",
        table.name(),
        all.join(", ")
    ))
}

/// `InvalidInput` unless `wanted` is a version of branch `branch` (`None`: main).
async fn check_version(table: &lancedb::Table, branch: Option<&str>, wanted: u64) -> Result<()> {
    let versions = match branch {
        None => table.list_versions().await?,
        Some(name) => table.checkout_branch(name, None).await.map_err(ref_error)?.list_versions().await?,
    };
    if versions.iter().any(|v| v.version == wanted) {
        return Ok(());
    }
    Err(LanceError::InvalidInput(format!(
        "version {wanted} of branch '{}' of table '{}' does not exist (versions: {})",
        branch.unwrap_or(MAIN),
        table.name(),
        version_list(&versions)
    )))
}

impl Branches {
    fn scoped(&self, inner: lancedb::Table) -> Arc<Table> {
        Table::new(inner, self.table.connection_state())
    }
}

#[uniffi::export]
impl Table {
    /// The table's branches: list, create, check out, delete.
    pub fn branches(self: Arc<Self>) -> Arc<Branches> {
        Arc::new(Branches { table: self })
    }

    /// The branch this table object reads and writes, or `None` for main.
    pub fn current_branch(&self) -> Result<Option<String>> {
        Ok(self.handle()?.current_branch())
    }
}

#[uniffi::export]
impl Branches {
    /// Every branch but main, by name.
    pub async fn list(&self) -> Result<HashMap<String, BranchInfo>> {
        let table = self.table.handle()?;
        heavy(async move {
            let branches = table.list_branches().await?;
            branches
                .into_iter()
                .map(|(name, b)| -> Result<(String, BranchInfo)> {
                    let info = BranchInfo {
                        parent_branch: b.parent_branch,
                        parent_version: version(b.parent_version)?,
                        manifest_size: i64::try_from(b.manifest_size).unwrap_or(i64::MAX),
                        metadata: b.metadata,
                    };
                    Ok((name, info))
                })
                .collect()
        })
        .await
    }

    /// Creates branch `name` from branch `from_ref` (`None` or `"main"`:
    /// main) at `from_version` (`None`: its latest), and returns a table
    /// object that reads and writes the new branch.
    #[uniffi::method(default(from_ref = None, from_version = None))]
    pub async fn create(&self, name: String, from_ref: Option<String>, from_version: Option<i64>) -> Result<Arc<Table>> {
        let from_version = from_version.map(|v| version_arg("from_version", v)).transpose()?;
        if name.trim().is_empty() {
            return Err(LanceError::InvalidInput("a branch name must not be empty".into()));
        }
        let from_ref = from_ref.filter(|r| r != MAIN);
        let table = self.table.handle()?;
        let inner = write(&self.table.writes(), async move {
            let names = branch_names(&table).await?;
            if name == MAIN || names.contains(&name) {
                return Err(LanceError::InvalidInput(format!(
                    "branch '{name}' of table '{}' already exists",
                    table.name()
                )));
            }
            if let Some(parent) = &from_ref {
                if !names.contains(parent) {
                    return Err(no_such_branch(&table, parent, &names));
                }
            }
            if let Some(v) = from_version {
                check_version(&table, from_ref.as_deref(), v).await?;
            }
            let from: lancedb::table::Ref = (from_ref.as_deref(), from_version).into();
            table.create_branch(&name, from).await.map_err(ref_error)
        })
        .await?;
        Ok(self.scoped(inner))
    }

    /// A table object on branch `name`: at its latest version (writable),
    /// or at `version` (read-only, as `checkout`).
    #[uniffi::method(default(version = None))]
    pub async fn checkout(&self, name: String, version: Option<i64>) -> Result<Arc<Table>> {
        let wanted = version.map(|v| version_arg("version", v)).transpose()?;
        let table = self.table.handle()?;
        let inner = heavy(async move {
            let branch = if name == MAIN { None } else { Some(name.as_str()) };
            if let Some(name) = branch {
                let names = branch_names(&table).await?;
                if !names.iter().any(|n| n == name) {
                    return Err(no_such_branch(&table, name, &names));
                }
            }
            if let Some(v) = wanted {
                check_version(&table, branch, v).await?;
            }
            table.checkout_branch(&name, wanted).await.map_err(ref_error)
        })
        .await?;
        Ok(self.scoped(inner))
    }

    /// Deletes branch `name` and its versions.
    pub async fn delete(&self, name: String) -> Result<()> {
        let table = self.table.handle()?;
        write(&self.table.writes(), async move {
            let names = branch_names(&table).await?;
            if !names.contains(&name) {
                return Err(no_such_branch(&table, &name, &names));
            }
            table.delete_branch(&name).await.map_err(ref_error)
        })
        .await
    }
}

//! Maintenance: every write adds files and a version, so a table that gets
//! many small writes needs `optimize` (compaction, pruning of old versions,
//! index update), and users need `stats` to see when. Tables written by old
//! LanceDB versions name their manifests the V1 way: `migrate_manifest_paths_v2`.
//!
//! The statistics records mirror the official SDK's (`OptimizeStats` with
//! `compaction` and `prune`, `TableStatistics` with `fragment_stats`), with
//! every count as `i64`.

use std::time::Duration;

use lancedb::table::{CompactionOptions, OptimizeAction, OptimizeOptions};

use crate::error::{LanceError, Result};
use crate::runtime::{heavy, light, write};
use crate::table::Table;

/// What compaction did.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct CompactionStats {
    pub fragments_removed: i64,
    pub fragments_added: i64,
    pub files_removed: i64,
    pub files_added: i64,
}

/// What pruning old versions removed.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct RemovalStats {
    pub bytes_removed: i64,
    pub old_versions_removed: i64,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct OptimizeStats {
    pub compaction: CompactionStats,
    pub prune: RemovalStats,
}

/// Rows per fragment.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct FragmentSummaryStats {
    pub min: i64,
    pub max: i64,
    pub mean: i64,
    pub p25: i64,
    pub p50: i64,
    pub p75: i64,
    pub p99: i64,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct FragmentStatistics {
    pub num_fragments: i64,
    /// Fragments small enough that `optimize` would merge them.
    pub num_small_fragments: i64,
    pub lengths: FragmentSummaryStats,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct TableStatistics {
    /// Bytes of data and index files (from the manifest).
    pub total_bytes: i64,
    pub num_rows: i64,
    pub num_indices: i64,
    pub fragment_stats: FragmentStatistics,
}

/// The Lance dataset behind a table (every table of a local or object-store database).
fn native(table: &lancedb::Table) -> Result<&lancedb::table::NativeTable> {
    table
        .as_native()
        .ok_or_else(|| LanceError::NotSupported("manifest paths are managed by the server for this table".into()))
}

fn count(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// The official SDK's default: versions older than a week are pruned.
const DEFAULT_KEEP: Duration = Duration::from_secs(7 * 24 * 3600);

fn keep(older_than: Option<Duration>) -> Result<lancedb::table::Duration> {
    let older_than = older_than.unwrap_or(DEFAULT_KEEP);
    lancedb::table::Duration::from_std(older_than)
        .map_err(|_| LanceError::InvalidInput(format!("cleanup_older_than is too large ({older_than:?})")))
}

fn removal(stats: Option<lancedb::table::OptimizeStats>) -> RemovalStats {
    let prune = stats.and_then(|s| s.prune);
    RemovalStats {
        bytes_removed: prune.as_ref().map_or(0, |p| count(p.bytes_removed)),
        old_versions_removed: prune.as_ref().map_or(0, |p| count(p.old_versions)),
    }
}

#[uniffi::export]
impl Table {
    /// Compacts small files into larger ones, prunes versions older than
    /// `cleanup_older_than` (default 7 days; zero keeps only the latest), and
    /// adds new rows to existing indices. `delete_unverified`: also delete
    /// files of unfinished writes younger than 7 days — only when no other
    /// process writes to the table.
    #[uniffi::method(default(cleanup_older_than = None, delete_unverified = false))]
    pub async fn optimize(&self, cleanup_older_than: Option<Duration>, delete_unverified: bool) -> Result<OptimizeStats> {
        let older_than = keep(cleanup_older_than)?;
        let table = self.handle()?;
        write(&self.writes(), async move {
            let compaction = table
                .optimize(OptimizeAction::Compact { options: CompactionOptions::default(), remap_options: None })
                .await?
                .compaction
                .unwrap_or_default();
            let prune = table
                .optimize(OptimizeAction::Prune {
                    older_than: Some(older_than),
                    delete_unverified: Some(delete_unverified),
                    error_if_tagged_old_versions: None,
                })
                .await?;
            table.optimize(OptimizeAction::Index(OptimizeOptions::default())).await?;
            Ok(OptimizeStats {
                compaction: CompactionStats {
                    fragments_removed: count(compaction.fragments_removed),
                    fragments_added: count(compaction.fragments_added),
                    files_removed: count(compaction.files_removed),
                    files_added: count(compaction.files_added),
                },
                prune: removal(Some(prune)),
            })
        })
        .await
    }

    /// Only the pruning step of `optimize`: removes versions older than
    /// `older_than` (default 7 days); the latest version is always kept.
    #[uniffi::method(default(older_than = None, delete_unverified = false))]
    pub async fn cleanup_old_versions(&self, older_than: Option<Duration>, delete_unverified: bool) -> Result<RemovalStats> {
        let older_than = keep(older_than)?;
        let table = self.handle()?;
        write(&self.writes(), async move {
            let action = OptimizeAction::Prune {
                older_than: Some(older_than),
                delete_unverified: Some(delete_unverified),
                error_if_tagged_old_versions: None,
            };
            Ok(removal(Some(table.optimize(action).await?)))
        })
        .await
    }

    /// Rows, bytes, indices and fragment sizes.
    pub async fn stats(&self) -> Result<TableStatistics> {
        let table = self.handle()?;
        heavy(async move {
            let s = table.stats().await?;
            let l = &s.fragment_stats.lengths;
            Ok(TableStatistics {
                total_bytes: count(s.total_bytes),
                num_rows: count(s.num_rows),
                num_indices: count(s.num_indices),
                fragment_stats: FragmentStatistics {
                    num_fragments: count(s.fragment_stats.num_fragments),
                    num_small_fragments: count(s.fragment_stats.num_small_fragments),
                    lengths: FragmentSummaryStats {
                        min: count(l.min),
                        max: count(l.max),
                        mean: count(l.mean),
                        p25: count(l.p25),
                        p50: count(l.p50),
                        p75: count(l.p75),
                        p99: count(l.p99),
                    },
                },
            })
        })
        .await
    }

    /// Whether the table names its manifests the V2 way (what LanceDB
    /// writes for new tables), which opens faster on object stores when a
    /// table has many versions.
    pub async fn uses_v2_manifest_paths(&self) -> Result<bool> {
        let table = self.handle()?;
        light(async move { Ok(native(&table)?.uses_v2_manifest_paths().await?) }).await
    }

    /// Renames the table's V1 manifests to V2 paths (see
    /// `uses_v2_manifest_paths`); running it again changes nothing. No other
    /// process may use the table meanwhile.
    pub async fn migrate_manifest_paths_v2(&self) -> Result<()> {
        let table = self.handle()?;
        write(&self.writes(), async move { Ok(native(&table)?.migrate_manifest_paths_v2().await?) }).await
    }

    /// Where the table's files are (a directory path or object-store URI).
    pub async fn uri(&self) -> Result<String> {
        let table = self.handle()?;
        light(async move { Ok(table.uri().await?) }).await
    }
}

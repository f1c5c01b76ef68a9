//! unilance: LanceDB for C#, Python and Kotlin through UniFFI.
//!
//! Every exported operation is async. See `runtime` for where work runs.

mod admission;
mod blobs;
mod branches;
mod cdata;
mod clone;
mod connection;
mod data;
mod debug;
mod error;
mod filter;
mod fit;
mod fts;
mod hybrid;
mod index;
mod ipc;
mod limits;
mod maintenance;
mod merge;
mod query;
mod rename;
mod runtime;
mod schema_evolution;
mod storage;
mod table;
mod update;
mod uri;
mod versions;

pub use blobs::{BlobFile, BlobRange};
pub use branches::{BranchInfo, Branches};
pub use connection::{connect, Connection, CreateMode, ListTablesResponse};
pub use debug::{debug_call, debug_live_objects, LiveObjects};
pub use data::{Batch, Column, ColumnValues, DataType, Field, Schema, TimeUnit, VectorElement};
pub use error::LanceError;
pub use fts::{FtsQuery, FtsToken, Operator};
pub use hybrid::{Normalize, Reranker};
pub use index::{DocumentGranularity, IndexConfig, IndexInfo, IndexStatistics};
pub use maintenance::{
    CompactionStats, FragmentStatistics, FragmentSummaryStats, OptimizeStats, RemovalStats, TableStatistics,
};
pub use query::{BatchStream, ColumnExpression, ColumnOrdering, DistanceType, Query};
pub use merge::{MergeInsertBuilder, MergeResult};
pub use update::{ScalarValue, UpdateResult};
pub use versions::{TagInfo, Tags, VersionInfo};
pub use schema_evolution::{
    AddColumnsResult, AlterColumnsResult, ColumnAlteration, DropColumnsResult, FieldMetadataUpdate,
    UpdateMetadataResult,
};
pub use ipc::{IpcAppend, IpcCreate};
pub use table::{AddMode, AddResult, DeleteResult, Table};

uniffi::setup_scaffolding!();

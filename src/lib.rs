//! unilance: LanceDB for C#, Python and Kotlin through UniFFI.
//!
//! Every exported operation is async. See `runtime` for where work runs.

mod cdata;
mod connection;
mod data;
mod debug;
mod error;
mod filter;
mod index;
mod ipc;
mod query;
mod runtime;
mod table;

pub use connection::{connect, Connection, CreateMode};
pub use debug::{debug_call, debug_live_objects, LiveObjects};
pub use data::{Batch, Column, ColumnValues, DataType, Field, Schema, TimeUnit};
pub use error::LanceError;
pub use index::{IndexConfig, IndexInfo};
pub use query::{BatchStream, DistanceType, Query};
pub use table::{AddMode, AddResult, DeleteResult, Table, UpdateResult};

uniffi::setup_scaffolding!();

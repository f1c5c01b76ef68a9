//! `connect` and the `Connection` object: the database's table namespace.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::admission::Admission;
use crate::data::{self, Batch, Schema};
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::runtime::{heavy, light, write, Writes};
use crate::table::Table;
use crate::uri::resolve_uri;
use crate::{cdata, ipc};

#[derive(uniffi::Record, Clone, Debug, Default)]
pub struct ConnectOptions {
    /// Object-store settings passed to Lance (credentials, endpoints, ...).
    pub storage_options: HashMap<String, String>,
    /// How stale a table's view may get before a read checks for newer
    /// versions written by other processes. `None`: never check (fastest);
    /// zero: check on every read.
    pub read_consistency_interval: Option<Duration>,
}

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreateMode {
    /// Fail with `TableAlreadyExists` if the table exists.
    Create,
    /// Replace an existing table.
    Overwrite,
    /// Open the existing table and ignore the data.
    ExistOk,
}

/// Opens (or creates) the database at `uri`: a local directory, `memory://`,
/// or an object-store URI.
#[uniffi::export]
pub async fn connect(uri: String, options: ConnectOptions) -> Result<Arc<Connection>> {
    let uri = resolve_uri(&uri)?;
    heavy(async move {
        let mut builder = lancedb::connect(&uri);
        for (key, value) in options.storage_options {
            builder = builder.storage_option(key, value);
        }
        if let Some(interval) = options.read_consistency_interval {
            builder = builder.read_consistency_interval(interval);
        }
        let inner = builder.execute().await?;
        Ok(Arc::new(Connection {
            uri,
            inner,
            state: Arc::new(ConnectionState::default()),
            _live: Live::new(&debug::CONNECTIONS),
        }))
    })
    .await
}

/// Tracks drops so a `Table` object whose table was dropped through this
/// connection fails with `TableNotFound` instead of reading stale metadata.
#[derive(Default)]
pub(crate) struct ConnectionState {
    closed: AtomicBool,
    pub(crate) writes: Arc<Writes>,
    pub(crate) reads: Admission,
    drops_all: AtomicU64,
    drops: Mutex<HashMap<String, u64>>,
}

/// What a table saw of the drop counters when it was opened.
#[derive(Clone, Copy)]
pub(crate) struct DropEpoch {
    all: u64,
    own: u64,
}

impl ConnectionState {
    pub(crate) fn epoch(&self, name: &str) -> DropEpoch {
        DropEpoch {
            all: self.drops_all.load(Ordering::Acquire),
            own: self.drops.lock().unwrap().get(name).copied().unwrap_or(0),
        }
    }

    pub(crate) fn check_not_dropped(&self, name: &str, seen: DropEpoch) -> Result<()> {
        let now = self.epoch(name);
        if now.all != seen.all || now.own != seen.own {
            return Err(LanceError::TableNotFound(format!("Table '{name}' was dropped")));
        }
        Ok(())
    }

    fn record_drop(&self, name: &str) {
        *self.drops.lock().unwrap().entry(name.to_string()).or_default() += 1;
    }
}

#[derive(uniffi::Object)]
pub struct Connection {
    uri: String,
    inner: lancedb::Connection,
    state: Arc<ConnectionState>,
    _live: Live,
}

impl Connection {
    fn open(&self) -> Result<lancedb::Connection> {
        if self.state.closed.load(Ordering::Acquire) {
            return Err(LanceError::Closed(format!("the connection to '{}' is closed", self.uri)));
        }
        Ok(self.inner.clone())
    }

    fn table(&self, inner: lancedb::Table) -> Arc<Table> {
        Table::new(inner, self.state.clone())
    }

    async fn create_from(
        &self,
        name: String,
        mode: CreateMode,
        schema: &arrow_schema::Schema,
        data: impl lancedb::data::scannable::Scannable + 'static,
    ) -> Result<Arc<Table>> {
        let conn = self.open()?;
        // LanceDB would create a table with no columns, which nothing can
        // ever be added to or read from.
        if schema.fields().is_empty() {
            return Err(LanceError::InvalidInput(format!(
                "cannot create table '{name}' without columns: the data or schema has none"
            )));
        }
        let mode = match mode {
            CreateMode::Create => lancedb::database::CreateTableMode::Create,
            CreateMode::Overwrite => lancedb::database::CreateTableMode::Overwrite,
            CreateMode::ExistOk => lancedb::database::CreateTableMode::exist_ok(|r| r),
        };
        let builder = conn.create_table(name, data).mode(mode);
        let inner = write(&[&self.state.writes], async move { Ok(builder.execute().await?) }).await?;
        Ok(self.table(inner))
    }
}

#[uniffi::export]
impl Connection {
    pub fn uri(&self) -> String {
        self.uri.clone()
    }

    /// Table names in ascending order.
    pub async fn table_names(&self) -> Result<Vec<String>> {
        let conn = self.open()?;
        light(async move { Ok(conn.table_names().execute().await?) }).await
    }

    pub async fn create_table(&self, name: String, data: Batch, mode: CreateMode) -> Result<Arc<Table>> {
        let batch = data.to_arrow()?;
        self.create_from(name, mode, &batch.schema(), batch).await
    }

    /// Creates a table from an Arrow C `ArrowArrayStream` at `stream_address`
    /// (taken over by this call).
    pub async fn create_table_arrow(
        &self,
        name: String,
        stream_address: u64,
        mode: CreateMode,
    ) -> Result<Arc<Table>> {
        let (schema, batches) = cdata::import_stream(stream_address)?;
        self.create_from(name, mode, &schema.clone(), data::reader(schema, batches)).await
    }

    /// Creates a table from Arrow IPC stream bytes.
    pub async fn create_table_ipc(&self, name: String, data: Vec<u8>, mode: CreateMode) -> Result<Arc<Table>> {
        let (schema, batches) = ipc::read_stream(&data)?;
        self.create_from(name, mode, &schema.clone(), data::reader(schema, batches)).await
    }

    pub async fn create_empty_table(&self, name: String, schema: Schema, mode: CreateMode) -> Result<Arc<Table>> {
        let schema = schema.to_arrow();
        self.create_from(name, mode, &schema.clone(), arrow_array::RecordBatch::new_empty(schema)).await
    }

    /// Creates an empty table from an Arrow C `ArrowSchema` (taken over).
    pub async fn create_empty_table_arrow(
        &self,
        name: String,
        schema_address: u64,
        mode: CreateMode,
    ) -> Result<Arc<Table>> {
        let schema = cdata::import_schema(schema_address)?;
        self.create_from(name, mode, &schema.clone(), arrow_array::RecordBatch::new_empty(schema)).await
    }

    pub async fn open_table(&self, name: String) -> Result<Arc<Table>> {
        let conn = self.open()?;
        let inner = heavy(async move { Ok(conn.open_table(name).execute().await?) }).await?;
        Ok(self.table(inner))
    }

    pub async fn drop_table(&self, name: String) -> Result<()> {
        let conn = self.open()?;
        let state = self.state.clone();
        // Recorded by the write itself: it happens even if the caller stops waiting.
        write(&[&self.state.writes], async move {
            conn.drop_table(&name, &[]).await?;
            state.record_drop(&name);
            Ok(())
        })
        .await
    }

    pub async fn drop_all_tables(&self) -> Result<()> {
        let conn = self.open()?;
        let state = self.state.clone();
        write(&[&self.state.writes], async move {
            conn.drop_all_tables(&[]).await?;
            state.drops_all.fetch_add(1, Ordering::AcqRel);
            Ok(())
        })
        .await
    }

    // Not `close`: UniFFI's Kotlin objects already have `close()` (AutoCloseable,
    // which frees the handle), and the two would clash.
    /// Closes the connection: later calls on it fail with `Closed`. Returns
    /// once every write made through it or its tables has ended, including
    /// writes whose callers cancelled. Tables already opened stay usable until
    /// they are closed themselves.
    pub fn close_connection(&self) {
        self.state.closed.store(true, Ordering::Release);
        self.state.writes.wait_idle();
    }

    pub fn is_closed(&self) -> bool {
        self.state.closed.load(Ordering::Acquire)
    }

    /// How many heavy reads (scans, searches, filtered counts) of this
    /// connection and its tables run at once; later ones wait their turn in
    /// arrival order. Defaults to two per core.
    pub fn max_concurrent_reads(&self) -> u32 {
        self.state.reads.limit() as u32
    }

    /// Sets [`Self::max_concurrent_reads`] (at least 1) for reads that start
    /// from now on.
    pub fn set_max_concurrent_reads(&self, limit: u32) -> Result<()> {
        self.state.reads.set_limit(limit)
    }
}


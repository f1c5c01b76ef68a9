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

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreateMode {
    /// Fail with `TableAlreadyExists` if the table exists.
    Create,
    /// Replace an existing table.
    Overwrite,
    /// Open the existing table and ignore the data.
    ExistOk,
}

/// One page of table names (`list_tables`); `page_token` continues the
/// listing, `None` on the last page.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct ListTablesResponse {
    pub tables: Vec<String>,
    pub page_token: Option<String>,
}

/// Opens (or creates) the database at `uri`: a local directory, `memory://`,
/// or an object-store URI.
///
/// `storage_options`: object-store settings passed to Lance (credentials,
/// `endpoint`, `region`, `allow_http`, `timeout`, `client_max_retries`, ...;
/// see `storage.rs` for the bounded timeout and retry defaults unilance adds
/// for object-store URIs). `read_consistency_interval`: how stale a table's
/// view may get before a read checks for versions written by other
/// processes; `None` never checks (fastest), zero checks on every read.
/// `max_concurrent_reads`: how many heavy reads of this connection run at
/// once (see [`Connection::max_concurrent_reads`]); `None`: two per core.
#[uniffi::export(default(read_consistency_interval = None, max_concurrent_reads = None, storage_options))]
pub async fn connect(
    uri: String,
    storage_options: HashMap<String, String>,
    read_consistency_interval: Option<Duration>,
    max_concurrent_reads: Option<i32>,
) -> Result<Arc<Connection>> {
    let uri = resolve_uri(&uri)?;
    let state = ConnectionState::default();
    if let Some(limit) = max_concurrent_reads {
        state.reads.set_limit(non_negative("max_concurrent_reads", limit)?)?;
    }
    heavy(async move {
        let mut builder = lancedb::connect(&uri);
        builder = builder.storage_options(crate::storage::with_bounded_defaults(&uri, storage_options));
        if let Some(interval) = read_consistency_interval {
            builder = builder.read_consistency_interval(interval);
        }
        let inner = builder.execute().await?;
        Ok(Arc::new(Connection {
            uri,
            inner,
            state: Arc::new(state),
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

    pub(crate) fn record_drop(&self, name: &str) {
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
    pub(crate) fn open(&self) -> Result<lancedb::Connection> {
        if self.state.closed.load(Ordering::Acquire) {
            return Err(LanceError::Closed(format!("the connection to '{}' is closed", self.uri)));
        }
        Ok(self.inner.clone())
    }

    pub(crate) fn state(&self) -> &Arc<ConnectionState> {
        &self.state
    }

    fn table(&self, inner: lancedb::Table) -> Arc<Table> {
        Table::new(inner, self.state.clone())
    }

    pub(crate) async fn create_from(
        &self,
        name: String,
        mode: Option<CreateMode>,
        schema: &arrow_schema::Schema,
        data: impl lancedb::data::scannable::Scannable + 'static,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let conn = self.open()?;
        // LanceDB would create a table with no columns, which nothing can
        // ever be added to or read from.
        if schema.fields().is_empty() {
            return Err(LanceError::InvalidInput(format!(
                "cannot create table '{name}' without columns: the data or schema has none"
            )));
        }
        let mode = match mode.unwrap_or(CreateMode::Create) {
            CreateMode::Create => lancedb::database::CreateTableMode::Create,
            CreateMode::Overwrite => lancedb::database::CreateTableMode::Overwrite,
            CreateMode::ExistOk => lancedb::database::CreateTableMode::exist_ok(|r| r),
        };
        let mut builder = conn.create_table(name, data).mode(mode);
        // Only when given: any table-level options make Lance open a store of the table's own,
        // which for `memory://` is a different, empty one.
        if !storage_options.is_empty() {
            builder = builder.storage_options(storage_options);
        }
        let inner = write(&[&self.state.writes], async move { Ok(builder.execute().await?) }).await?;
        Ok(self.table(inner))
    }
}

#[uniffi::export]
impl Connection {
    pub fn uri(&self) -> String {
        self.uri.clone()
    }

    /// Table names in ascending order: those after `start_after`, at most `limit`.
    #[uniffi::method(default(start_after = None, limit = None))]
    pub async fn table_names(&self, start_after: Option<String>, limit: Option<i32>) -> Result<Vec<String>> {
        let conn = self.open()?;
        let limit = limit.map(|n| non_negative("limit", n)).transpose()?;
        light(async move {
            let mut request = conn.table_names();
            if let Some(name) = start_after {
                request = request.start_after(name);
            }
            if let Some(limit) = limit {
                request = request.limit(limit as u32);
            }
            Ok(request.execute().await?)
        })
        .await
    }

    /// One page of the database's table names, as the official SDK's
    /// `list_tables`: at most `limit` names (`None`: all of them) after the
    /// page `page_token` (from the previous response) ends. The response's
    /// `page_token` is `None` on the last page.
    #[uniffi::method(default(page_token = None, limit = None))]
    pub async fn list_tables(&self, page_token: Option<String>, limit: Option<i32>) -> Result<ListTablesResponse> {
        let conn = self.open()?;
        let limit = limit.map(|n| non_negative("limit", n)).transpose()?;
        light(async move {
            // LanceDB's listing refuses a page of zero: an empty page ends nothing.
            if limit == Some(0) {
                return Ok(ListTablesResponse { tables: Vec::new(), page_token: None });
            }
            let mut options = lancedb::listing::ListingOptions::default();
            if let Some(token) = page_token {
                options = options.page_token(token);
            }
            if let Some(limit) = limit {
                options = options.page_limit(limit);
            }
            let mut listing = conn.list_tables(&[], options);
            if limit.is_none() {
                let tables = futures::TryStreamExt::try_collect(listing).await?;
                return Ok(ListTablesResponse { tables, page_token: None });
            }
            let page = listing.next_page().await?;
            Ok(match page {
                Some(page) => ListTablesResponse {
                    tables: page.items,
                    page_token: page.page_token.filter(|t| !t.is_empty()),
                },
                None => ListTablesResponse { tables: Vec::new(), page_token: None },
            })
        })
        .await
    }

    /// Creates a table from a `Batch`. `mode`: `Create` (the default) fails if
    /// the table exists, `Overwrite` replaces it, `ExistOk` opens it.
    /// `storage_options` (every `create_*` and `open_table`): object-store
    /// settings for this table, over the connection's.
    #[uniffi::method(default(mode = None, storage_options))]
    pub async fn create_table(
        &self,
        name: String,
        data: Batch,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let batch = data.to_arrow()?;
        self.create_from(name, mode, &batch.schema(), batch, storage_options).await
    }

    /// Creates a table from an Arrow C `ArrowArrayStream` at `stream_address`
    /// (taken over by this call).
    #[uniffi::method(default(mode = None, storage_options))]
    pub async fn create_table_arrow(
        &self,
        name: String,
        stream_address: i64,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let (schema, reader) = cdata::import_stream(stream_address)?;
        self.create_from(name, mode, &schema, reader, storage_options).await
    }

    /// Creates a table from Arrow IPC stream bytes.
    #[uniffi::method(default(mode = None, storage_options))]
    pub async fn create_table_ipc(
        &self,
        name: String,
        data: Vec<u8>,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let (schema, batches) = ipc::read_stream(&data)?;
        self.create_from(name, mode, &schema.clone(), data::reader(schema, batches), storage_options).await
    }

    #[uniffi::method(default(mode = None, storage_options))]
    pub async fn create_empty_table(
        &self,
        name: String,
        schema: Schema,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let schema = schema.to_arrow()?;
        let empty = arrow_array::RecordBatch::new_empty(schema.clone());
        self.create_from(name, mode, &schema, empty, storage_options).await
    }

    /// Creates an empty table from an Arrow C `ArrowSchema` (taken over).
    #[uniffi::method(default(mode = None, storage_options))]
    pub async fn create_empty_table_arrow(
        &self,
        name: String,
        schema_address: i64,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let schema = cdata::import_schema(schema_address)?;
        let empty = arrow_array::RecordBatch::new_empty(schema.clone());
        self.create_from(name, mode, &schema, empty, storage_options).await
    }

    /// Opens the table; with `version`, checked out at that version (read-only
    /// until `checkout_latest`). `storage_options`: object-store settings for
    /// this table, over the connection's.
    #[uniffi::method(default(version = None, storage_options))]
    pub async fn open_table(
        &self,
        name: String,
        version: Option<i64>,
        storage_options: HashMap<String, String>,
    ) -> Result<Arc<Table>> {
        let conn = self.open()?;
        let inner = heavy(async move {
            let mut builder = conn.open_table(name);
            if !storage_options.is_empty() {
                builder = builder.storage_options(storage_options);
            }
            let table = builder.execute().await?;
            if let Some(v) = version {
                crate::versions::checkout(&table, v).await?;
            }
            Ok(table)
        })
        .await?;
        Ok(self.table(inner))
    }

    /// Drops the table; `ignore_missing` makes a missing table no error.
    #[uniffi::method(default(ignore_missing = false))]
    pub async fn drop_table(&self, name: String, ignore_missing: bool) -> Result<()> {
        let conn = self.open()?;
        let state = self.state.clone();
        // Recorded by the write itself: it happens even if the caller stops waiting.
        write(&[&self.state.writes], async move {
            match conn.drop_table(&name, &[]).await {
                Err(lancedb::Error::TableNotFound { .. }) if ignore_missing => return Ok(()),
                result => result?,
            }
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

    /// Closes the connection: later calls on it fail with `Closed`. Completes
    /// once every write made through it or its tables has ended, including
    /// writes whose callers cancelled; no thread is blocked meanwhile. Tables
    /// already opened stay usable until they are closed themselves. Closing
    /// twice is harmless.
    pub async fn close(&self) {
        self.state.closed.store(true, Ordering::Release);
        self.state.writes.idle().await;
    }

    pub fn is_closed(&self) -> bool {
        self.state.closed.load(Ordering::Acquire)
    }

    /// How many heavy reads (scans, searches, filtered counts) of this
    /// connection and its tables run at once; later ones wait their turn in
    /// arrival order. Defaults to two per core.
    pub fn max_concurrent_reads(&self) -> i32 {
        i32::try_from(self.state.reads.limit()).unwrap_or(i32::MAX)
    }

    /// Sets [`Self::max_concurrent_reads`] (at least 1) for reads that start
    /// from now on.
    pub fn set_max_concurrent_reads(&self, limit: i32) -> Result<()> {
        self.state.reads.set_limit(non_negative("max_concurrent_reads", limit)?)
    }
}

/// A count or size argument as `u32`, or `InvalidInput` naming it.
pub(crate) fn non_negative(what: &str, value: i32) -> Result<u32> {
    u32::try_from(value)
        .map_err(|_| LanceError::InvalidInput(format!("{what} must not be negative (got {value})")))
}

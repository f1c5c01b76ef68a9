//! The `Table` object: rows in, rows out, versions.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use futures::FutureExt;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;

use crate::{cdata, ipc};
use crate::connection::{ConnectionState, DropEpoch};
use crate::data::{self, Batch, Schema};
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::filter::validate_filter;
use crate::fit::check_values_fit;
use crate::index::{IndexConfig, IndexInfo};
use crate::query::Query;
use crate::runtime::{heavy, heavy_read, light, write, Writes};

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddMode {
    Append,
    /// Replace every row; the table keeps its name and history.
    Overwrite,
}

/// What `add` did: the table's version after the write.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct AddResult {
    pub version: i64,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct DeleteResult {
    pub rows_deleted: i64,
    pub version: i64,
}

#[derive(uniffi::Object)]
pub struct Table {
    name: String,
    inner: RwLock<Option<lancedb::Table>>,
    connection: Arc<ConnectionState>,
    epoch: DropEpoch,
    /// The table's directory when it is on local disk: LanceDB holds nothing
    /// open there, so a drop through another connection or process shows
    /// only as the directory going away.
    local_dir: Option<PathBuf>,
    writes: Arc<Writes>,
    _live: Live,
}

impl Table {
    pub(crate) fn new(inner: lancedb::Table, connection: Arc<ConnectionState>) -> Arc<Self> {
        let name = inner.name().to_string();
        let epoch = connection.epoch(&name);
        // A native table's `uri()` is ready at once: no I/O.
        let uri = inner.uri().now_or_never().and_then(|uri| uri.ok());
        Arc::new(Self {
            name,
            inner: RwLock::new(Some(inner)),
            connection,
            epoch,
            local_dir: uri.as_deref().and_then(local_path),
            writes: Arc::default(),
            _live: Live::new(&debug::TABLES),
        })
    }

    /// The live LanceDB table, or the error a user must see instead.
    pub(crate) fn handle(&self) -> Result<lancedb::Table> {
        let inner = self.inner.read().unwrap().clone().ok_or_else(|| {
            LanceError::Closed(format!("Table '{}' is closed", self.name))
        })?;
        self.connection.check_not_dropped(&self.name, self.epoch)?;
        // One stat (~1 µs): every call, so no read answers from a dropped
        // table's cached manifest and no write re-creates it. (A drop racing
        // with a call already past this check is not caught.)
        if let Some(dir) = &self.local_dir {
            if !dir.join("_versions").is_dir() {
                return Err(LanceError::TableNotFound(format!("Table '{}' was dropped", self.name)));
            }
        }
        Ok(inner)
    }

    /// The read admission of the table's connection.
    pub(crate) fn connection_state(&self) -> Arc<ConnectionState> {
        self.connection.clone()
    }

    /// This table's and its connection's: closing either waits for the write.
    pub(crate) fn writes(&self) -> [&Arc<Writes>; 2] {
        [&self.writes, &self.connection.writes]
    }

    /// Rows already in memory (`add`, `add_ipc`): each value is checked to
    /// fit the table's column type first (`fit`).
    async fn add_batches(&self, schema: SchemaRef, batches: Vec<RecordBatch>, mode: Option<AddMode>) -> Result<AddResult> {
        let data = data::reader(schema.clone(), batches.clone());
        self.add_scannable(data, schema, batches, mode).await
    }

    /// `check`: the rows to check with `fit` before writing; a stream
    /// (`add_arrow`) is written while read and not checked here (Python
    /// checks before it exports: `_pyarrow._conform`).
    pub(crate) async fn add_scannable(
        &self,
        data: impl lancedb::data::scannable::Scannable + 'static,
        schema: SchemaRef,
        check: Vec<RecordBatch>,
        mode: Option<AddMode>,
    ) -> Result<AddResult> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            let table_schema = table.schema().await?;
            check_schema_compatible(&table_schema, &schema)?;
            check_values_fit(&table_schema, &check)?;
            let mode = match mode.unwrap_or(AddMode::Append) {
                AddMode::Append => lancedb::table::AddDataMode::Append,
                AddMode::Overwrite => lancedb::table::AddDataMode::Overwrite,
            };
            Ok(AddResult { version: version(table.add(data).mode(mode).execute().await?.version)? })
        })
        .await
    }
}

/// The local directory a table URI names, if it names one.
fn local_path(uri: &str) -> Option<PathBuf> {
    let path = uri.strip_prefix("file://").unwrap_or(uri);
    path.starts_with('/').then(|| PathBuf::from(path))
}

/// LanceDB reports a mismatched append deep inside the writer, sometimes as a
/// cast error; checking names and types first gives the caller a message that
/// names the columns and leaves the table untouched.
pub(crate) fn check_schema_compatible(table: &arrow_schema::Schema, data: &arrow_schema::Schema) -> Result<()> {
    for field in data.fields() {
        match table.field_with_name(field.name()) {
            Err(_) => {
                return Err(LanceError::SchemaMismatch(format!(
                    "column '{}' is not in the table (columns: {})",
                    field.name(),
                    column_list(table)
                )))
            }
            Ok(existing) if !types_compatible(existing.data_type(), field.data_type()) => {
                return Err(LanceError::SchemaMismatch(format!(
                    "column '{}' is {} in the table but {} in the data",
                    field.name(),
                    existing.data_type(),
                    field.data_type()
                )))
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

fn types_compatible(table: &arrow_schema::DataType, data: &arrow_schema::DataType) -> bool {
    use arrow_schema::DataType as T;
    // Same family is enough: LanceDB casts Int32 into Int64, Utf8 into LargeUtf8.
    let family = |t: &T| match t {
        t if t.is_integer() => Some(0),
        t if t.is_floating() => Some(1),
        T::Utf8 | T::LargeUtf8 | T::Utf8View => Some(2),
        T::Binary | T::LargeBinary | T::BinaryView => Some(3),
        _ => None,
    };
    match (table, data) {
        (T::FixedSizeList(a, n), T::FixedSizeList(b, m)) => {
            n == m && types_compatible(a.data_type(), b.data_type())
        }
        (a, b) => a == b || family(a).is_some() && family(a) == family(b),
    }
}

/// LanceDB's versions are `u64`; every language gets them as a signed 64-bit number.
pub(crate) fn version(v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| LanceError::Internal(format!("version {v} does not fit in 64 signed bits")))
}

pub(crate) fn column_list(schema: &arrow_schema::Schema) -> String {
    schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>().join(", ")
}

/// `InvalidInput` naming the first path that is not a column ("cannot
/// {what} unknown column 'x' (columns: ...)"); nested paths are checked by
/// their top-level column, Lance checks the rest.
pub(crate) fn check_columns_exist<'a>(
    schema: &arrow_schema::Schema,
    what: &str,
    paths: impl IntoIterator<Item = &'a String>,
) -> Result<()> {
    for path in paths {
        let top = path.split('.').next().unwrap_or(path);
        if schema.field_with_name(top).is_err() {
            return Err(LanceError::InvalidInput(format!(
                "cannot {what} unknown column '{path}' (columns: {})",
                column_list(schema)
            )));
        }
    }
    Ok(())
}

#[uniffi::export]
impl Table {
    pub fn name(&self) -> String {
        self.name.clone()
    }

    pub async fn schema(&self) -> Result<Schema> {
        let table = self.handle()?;
        light(async move { Schema::from_arrow(table.schema().await?.as_ref()) }).await
    }

    /// Writes the table's schema into the caller's Arrow C `ArrowSchema`.
    pub async fn schema_arrow(&self, schema_address: i64) -> Result<()> {
        let table = self.handle()?;
        let schema = light(async move { Ok(table.schema().await?) }).await?;
        cdata::export_schema(schema_address, &schema)
    }

    /// Counts rows, or the rows matching an SQL `filter`.
    #[uniffi::method(default(filter = None))]
    pub async fn count_rows(&self, filter: Option<String>) -> Result<i64> {
        let table = self.handle()?;
        match filter {
            // Answered from the manifest LanceDB already holds: no hop needed.
            None => light(async move { Ok(table.count_rows(None).await? as i64) }).await,
            Some(filter) => {
                heavy_read(&self.connection.reads, async move {
                    validate_filter(&table.schema().await?, &filter)?;
                    Ok(table.count_rows(Some(filter)).await? as i64)
                })
                .await
            }
        }
    }

    /// Adds rows (`mode`: `Append`, the default, or `Overwrite`).
    #[uniffi::method(default(mode = None))]
    pub async fn add(&self, data: Batch, mode: Option<AddMode>) -> Result<AddResult> {
        let batch = data.to_arrow()?;
        self.add_batches(batch.schema(), vec![batch], mode).await
    }

    /// Adds rows from an Arrow C `ArrowArrayStream` (taken over), read while
    /// writing: the stream need not fit in memory.
    #[uniffi::method(default(mode = None))]
    pub async fn add_arrow(&self, stream_address: i64, mode: Option<AddMode>) -> Result<AddResult> {
        let (schema, reader) = cdata::import_stream(stream_address)?;
        self.add_scannable(reader, schema, Vec::new(), mode).await
    }

    /// Adds rows from Arrow IPC stream bytes.
    #[uniffi::method(default(mode = None))]
    pub async fn add_ipc(&self, data: Vec<u8>, mode: Option<AddMode>) -> Result<AddResult> {
        let (schema, batches) = ipc::read_stream(&data)?;
        self.add_batches(schema, batches, mode).await
    }

    /// Deletes the rows matching the SQL `predicate`.
    pub async fn delete(&self, predicate: String) -> Result<DeleteResult> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            validate_filter(&table.schema().await?, &predicate)?;
            let result = table.delete(predicate.as_str()).await?;
            Ok(DeleteResult { rows_deleted: result.num_deleted_rows as i64, version: version(result.version)? })
        })
        .await
    }

    /// A plain scan; refine it with the query's methods.
    pub fn query(self: Arc<Self>) -> Arc<Query> {
        Query::new(self)
    }

    /// The rows at these 0-based positions, as a query (`select`, `with_row_id`, ... apply).
    pub fn take_offsets(self: Arc<Self>, offsets: Vec<i64>) -> Result<Arc<Query>> {
        Query::take_offsets(self, offsets)
    }

    /// The rows with these `_rowid`s (see `with_row_id`), as a query.
    pub fn take_row_ids(self: Arc<Self>, row_ids: Vec<i64>) -> Result<Arc<Query>> {
        Query::take_row_ids(self, row_ids)
    }

    /// A nearest-neighbour search for `vector`.
    pub fn vector_search(self: Arc<Self>, vector: Vec<f32>) -> Arc<Query> {
        Query::new(self).nearest_to(vector)
    }

    /// Builds an index on `column`; `config` defaults to `Auto` (IVF_PQ for
    /// vectors, BTree for scalars). `replace`: rebuild an existing index.
    /// `name`: the index's name (default `{column}_idx`). `wait_timeout`: on
    /// databases that build indexes in the background, wait this long for it.
    #[uniffi::method(default(config = None, replace = true, name = None, wait_timeout = None))]
    pub async fn create_index(
        &self,
        column: String,
        config: Option<IndexConfig>,
        replace: bool,
        name: Option<String>,
        wait_timeout: Option<std::time::Duration>,
    ) -> Result<()> {
        let config = config.unwrap_or(IndexConfig::Auto);
        let index = lancedb::index::Index::try_from(config.clone())?;
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            let field = schema.field_with_name(&column).map_err(|_| {
                LanceError::InvalidInput(format!(
                    "cannot index unknown column '{column}' (columns: {})",
                    column_list(&schema)
                ))
            })?;
            crate::index::check_column_type(&config, field)?;
            config.validate(field, table.count_rows(None).await?)?;
            let mut builder = table.create_index(&[column], index).replace(replace);
            if let Some(name) = name {
                builder = builder.name(name);
            }
            if let Some(timeout) = wait_timeout {
                builder = builder.wait_timeout(timeout);
            }
            Ok(builder.execute().await?)
        })
        .await
    }

    pub async fn list_indices(&self) -> Result<Vec<IndexInfo>> {
        let table = self.handle()?;
        heavy(async move { Ok(table.list_indices().await?.into_iter().map(IndexInfo::from).collect()) }).await
    }

    /// Releases the table; later calls (and queries made from it) fail with
    /// `Closed`. Completes once every write made through it has ended,
    /// including writes whose callers cancelled; no thread is blocked
    /// meanwhile. Closing twice is harmless.
    pub async fn close(&self) {
        self.inner.write().unwrap().take();
        self.writes.idle().await;
    }

    pub fn is_closed(&self) -> bool {
        self.inner.read().unwrap().is_none()
    }
}

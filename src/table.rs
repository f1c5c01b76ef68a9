//! The `Table` object: rows in, rows out, versions.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use arrow_schema::SchemaRef;

use crate::{cdata, ipc};
use crate::connection::{ConnectionState, DropEpoch};
use crate::data::{self, Batch, Schema};
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::filter::validate_filter;
use crate::index::{IndexConfig, IndexInfo};
use crate::query::Query;
use crate::runtime::{heavy, light, write, Writes};

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
pub struct UpdateResult {
    pub rows_updated: i64,
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
    writes: Arc<Writes>,
    _live: Live,
}

impl Table {
    pub(crate) fn new(inner: lancedb::Table, connection: Arc<ConnectionState>) -> Arc<Self> {
        let name = inner.name().to_string();
        let epoch = connection.epoch(&name);
        Arc::new(Self {
            name,
            inner: RwLock::new(Some(inner)),
            connection,
            epoch,
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
        Ok(inner)
    }

    /// This table's and its connection's: closing either waits for the write.
    fn writes(&self) -> [&Arc<Writes>; 2] {
        [&self.writes, &self.connection.writes]
    }

    async fn add_scannable(
        &self,
        data: impl lancedb::data::scannable::Scannable + 'static,
        schema: SchemaRef,
        mode: Option<AddMode>,
    ) -> Result<AddResult> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            check_schema_compatible(table.schema().await?.as_ref(), &schema)?;
            let mode = match mode.unwrap_or(AddMode::Append) {
                AddMode::Append => lancedb::table::AddDataMode::Append,
                AddMode::Overwrite => lancedb::table::AddDataMode::Overwrite,
            };
            Ok(AddResult { version: version(table.add(data).mode(mode).execute().await?.version)? })
        })
        .await
    }
}

/// LanceDB reports a mismatched append deep inside the writer, sometimes as a
/// cast error; checking names and types first gives the caller a message that
/// names the columns and leaves the table untouched.
fn check_schema_compatible(table: &arrow_schema::Schema, data: &arrow_schema::Schema) -> Result<()> {
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
fn version(v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| LanceError::Internal(format!("version {v} does not fit in 64 signed bits")))
}

pub(crate) fn column_list(schema: &arrow_schema::Schema) -> String {
    schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>().join(", ")
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
                heavy(async move {
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
        let schema = batch.schema();
        self.add_scannable(batch, schema, mode).await
    }

    /// Adds rows from an Arrow C `ArrowArrayStream` (taken over).
    #[uniffi::method(default(mode = None))]
    pub async fn add_arrow(&self, stream_address: i64, mode: Option<AddMode>) -> Result<AddResult> {
        let (schema, batches) = cdata::import_stream(stream_address)?;
        self.add_scannable(data::reader(schema.clone(), batches), schema, mode).await
    }

    /// Adds rows from Arrow IPC stream bytes.
    #[uniffi::method(default(mode = None))]
    pub async fn add_ipc(&self, data: Vec<u8>, mode: Option<AddMode>) -> Result<AddResult> {
        let (schema, batches) = ipc::read_stream(&data)?;
        self.add_scannable(data::reader(schema.clone(), batches), schema, mode).await
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

    /// Sets each column in `updates` to its SQL expression, on the rows
    /// matching `filter` (all rows if `None`).
    #[uniffi::method(default(filter = None))]
    pub async fn update(&self, updates: HashMap<String, String>, filter: Option<String>) -> Result<UpdateResult> {
        if updates.is_empty() {
            return Err(LanceError::InvalidInput("update needs at least one column".into()));
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            let mut builder = table.update();
            if let Some(filter) = filter {
                validate_filter(&schema, &filter)?;
                builder = builder.only_if(filter);
            }
            // Sorted so the same call always builds the same plan.
            let mut updates: Vec<_> = updates.into_iter().collect();
            updates.sort();
            for (column, expression) in updates {
                if schema.field_with_name(&column).is_err() {
                    return Err(LanceError::InvalidInput(format!(
                        "cannot update unknown column '{column}' (columns: {})",
                        column_list(&schema)
                    )));
                }
                builder = builder.column(column, expression);
            }
            let result = builder.execute().await?;
            Ok(UpdateResult { rows_updated: result.rows_updated as i64, version: version(result.version)? })
        })
        .await
    }

    pub async fn version(&self) -> Result<i64> {
        let table = self.handle()?;
        light(async move { version(table.version().await?) }).await
    }

    /// Loads a past version for reading; `checkout_latest` goes back to writing.
    pub async fn checkout(&self, version: i64) -> Result<()> {
        let version = u64::try_from(version)
            .map_err(|_| LanceError::InvalidInput(format!("version must not be negative (got {version})")))?;
        let table = self.handle()?;
        heavy(async move { Ok(table.checkout(version).await?) }).await
    }

    pub async fn checkout_latest(&self) -> Result<()> {
        let table = self.handle()?;
        heavy(async move { Ok(table.checkout_latest().await?) }).await
    }

    /// A plain scan; refine it with the query's methods.
    pub fn query(self: Arc<Self>) -> Arc<Query> {
        Query::new(self)
    }

    /// A nearest-neighbour search for `vector`.
    pub fn vector_search(self: Arc<Self>, vector: Vec<f32>) -> Arc<Query> {
        Query::new(self).nearest_to(vector)
    }

    /// Builds an index on `column`; `config` defaults to `Auto` (IVF_PQ for
    /// vectors, BTree for scalars). `replace`: rebuild an existing index.
    #[uniffi::method(default(config = None, replace = true))]
    pub async fn create_index(&self, column: String, config: Option<IndexConfig>, replace: bool) -> Result<()> {
        let index = lancedb::index::Index::try_from(config.unwrap_or(IndexConfig::Auto))?;
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            if schema.field_with_name(&column).is_err() {
                return Err(LanceError::InvalidInput(format!(
                    "cannot index unknown column '{column}' (columns: {})",
                    column_list(&schema)
                )));
            }
            Ok(table.create_index(&[column], index).replace(replace).execute().await?)
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

//! Queries: a plain scan or a vector search, built step by step. Each builder
//! method returns a new `Query`, so a query can be shared and reused safely.

use std::sync::Arc;

use arrow_schema::{DataType as ArrowType, SchemaRef};
use futures::TryStreamExt;
use lancedb::arrow::SendableRecordBatchStream;
use lancedb::query::{ExecutableQuery, QueryBase, Select};
use tokio::sync::Mutex;

use crate::data::{self, Batch};
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::filter::validate_filter;
use crate::runtime::heavy;
use crate::connection::non_negative;
use crate::table::{column_list, Table};
use crate::{cdata, ipc};

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceType {
    L2,
    Cosine,
    Dot,
    Hamming,
}

impl From<DistanceType> for lancedb::DistanceType {
    fn from(d: DistanceType) -> Self {
        match d {
            DistanceType::L2 => Self::L2,
            DistanceType::Cosine => Self::Cosine,
            DistanceType::Dot => Self::Dot,
            DistanceType::Hamming => Self::Hamming,
        }
    }
}

#[derive(Clone, Default)]
struct Spec {
    filter: Option<String>,
    select: Option<Vec<String>>,
    limit: Option<i32>,
    offset: Option<i32>,
    vector: Option<Vec<f32>>,
    column: Option<String>,
    distance_type: Option<DistanceType>,
    nprobes: Option<i32>,
    refine_factor: Option<i32>,
    with_row_id: bool,
    postfilter: bool,
    bypass_vector_index: bool,
}

#[derive(uniffi::Object)]
pub struct Query {
    table: Arc<Table>,
    spec: Spec,
    _live: Live,
}

impl Query {
    pub(crate) fn new(table: Arc<Table>) -> Arc<Self> {
        Arc::new(Self {
            table,
            spec: Spec::default(),
            _live: Live::new(&debug::QUERIES),
        })
    }

    fn with(&self, change: impl FnOnce(&mut Spec)) -> Arc<Self> {
        let mut spec = self.spec.clone();
        change(&mut spec);
        Arc::new(Self {
            table: self.table.clone(),
            spec,
            _live: Live::new(&debug::QUERIES),
        })
    }

    /// Starts the query on the runtime; returns the output stream.
    async fn start(&self) -> Result<SendableRecordBatchStream> {
        let table = self.table.handle()?;
        heavy(open_stream(table, self.spec.clone())).await
    }

    /// Plans and runs the query in one task on the runtime: one thread hop
    /// per query, not one to start it and another to drain it.
    async fn collect(&self) -> Result<(arrow_schema::SchemaRef, Vec<arrow_array::RecordBatch>)> {
        let table = self.table.handle()?;
        let spec = self.spec.clone();
        heavy(async move {
            let stream = open_stream(table, spec).await?;
            let schema = stream.schema();
            let batches: Vec<_> = stream.try_collect().await?;
            Ok((schema, batches))
        })
        .await
    }
}

async fn open_stream(table: lancedb::Table, spec: Spec) -> Result<SendableRecordBatchStream> {
    let schema = table.schema().await?;
    spec.validate(&schema)?;
    let mut query = table.query();
    if let Some(filter) = &spec.filter {
        query = query.only_if(filter);
    }
    if let Some(columns) = &spec.select {
        query = query.select(Select::columns(columns));
    }
    if let Some(limit) = spec.limit {
        query = query.limit(non_negative("limit", limit)? as usize);
    }
    if let Some(offset) = spec.offset {
        query = query.offset(non_negative("offset", offset)? as usize);
    }
    if spec.with_row_id {
        query = query.with_row_id();
    }
    let Some(vector) = spec.vector else {
        return Ok(query.execute().await?);
    };
    let mut search = query.nearest_to(vector)?;
    if let Some(column) = &spec.column {
        search = search.column(column);
    }
    if let Some(distance) = spec.distance_type {
        search = search.distance_type(distance.into());
    }
    if let Some(nprobes) = spec.nprobes {
        search = search.nprobes(non_negative("nprobes", nprobes)? as usize)?;
    }
    if let Some(factor) = spec.refine_factor {
        search = search.refine_factor(non_negative("refine_factor", factor)?);
    }
    if spec.postfilter {
        search = search.postfilter();
    }
    if spec.bypass_vector_index {
        search = search.bypass_vector_index();
    }
    Ok(search.execute().await?)
}

impl Spec {
    /// Catches the common mistakes with messages that name them, before any I/O.
    fn validate(&self, schema: &SchemaRef) -> Result<()> {
        if let Some(filter) = &self.filter {
            validate_filter(schema, filter)?;
        }
        for column in self.select.iter().flatten() {
            if schema.field_with_name(column).is_err() {
                return Err(LanceError::InvalidInput(format!(
                    "cannot select unknown column '{column}' (columns: {})",
                    column_list(schema)
                )));
            }
        }
        if let Some(vector) = &self.vector {
            let vector_columns: Vec<_> = schema
                .fields()
                .iter()
                .filter(|f| matches!(f.data_type(), ArrowType::FixedSizeList(..)))
                .collect();
            let target = match &self.column {
                Some(name) => Some(schema.field_with_name(name).map_err(|_| {
                    LanceError::InvalidInput(format!(
                        "cannot search unknown vector column '{name}' (columns: {})",
                        column_list(schema)
                    ))
                })?),
                None if vector_columns.len() == 1 => Some(vector_columns[0].as_ref()),
                None => None,
            };
            if let Some(field) = target {
                match field.data_type() {
                    ArrowType::FixedSizeList(_, dim) if *dim as usize != vector.len() => {
                        return Err(LanceError::InvalidInput(format!(
                            "the query vector has dimension {} but column '{}' holds vectors of dimension {dim}",
                            vector.len(),
                            field.name()
                        )))
                    }
                    ArrowType::FixedSizeList(..) => {}
                    other => {
                        return Err(LanceError::InvalidInput(format!(
                            "column '{}' is {other}, not a vector column",
                            field.name()
                        )))
                    }
                }
            }
        }
        Ok(())
    }
}

#[uniffi::export]
impl Query {
    /// Keeps only rows matching the SQL `filter` (`x > 10 AND label = 'a'`).
    pub fn filter(&self, filter: String) -> Arc<Self> {
        self.with(|s| s.filter = Some(filter))
    }

    pub fn select(&self, columns: Vec<String>) -> Arc<Self> {
        self.with(|s| s.select = Some(columns))
    }

    /// At most `limit` rows (a vector search returns 10 unless told).
    pub fn limit(&self, limit: i32) -> Arc<Self> {
        self.with(|s| s.limit = Some(limit))
    }

    pub fn offset(&self, offset: i32) -> Arc<Self> {
        self.with(|s| s.offset = Some(offset))
    }

    /// Turns the query into a nearest-neighbour search; results get `_distance`.
    pub fn nearest_to(&self, vector: Vec<f32>) -> Arc<Self> {
        self.with(|s| s.vector = Some(vector))
    }

    /// The vector column to search (needed when the table has several).
    pub fn column(&self, column: String) -> Arc<Self> {
        self.with(|s| s.column = Some(column))
    }

    pub fn distance_type(&self, distance_type: DistanceType) -> Arc<Self> {
        self.with(|s| s.distance_type = Some(distance_type))
    }

    pub fn nprobes(&self, nprobes: i32) -> Arc<Self> {
        self.with(|s| s.nprobes = Some(nprobes))
    }

    pub fn refine_factor(&self, refine_factor: i32) -> Arc<Self> {
        self.with(|s| s.refine_factor = Some(refine_factor))
    }

    /// Adds the `_rowid` column.
    pub fn with_row_id(&self) -> Arc<Self> {
        self.with(|s| s.with_row_id = true)
    }

    /// Applies the filter after the search instead of before it.
    pub fn postfilter(&self) -> Arc<Self> {
        self.with(|s| s.postfilter = true)
    }

    /// Searches exhaustively even if the column has an index.
    pub fn bypass_vector_index(&self) -> Arc<Self> {
        self.with(|s| s.bypass_vector_index = true)
    }

    /// Runs the query and returns every row in one batch.
    pub async fn to_batch(&self) -> Result<Batch> {
        let (schema, batches) = self.collect().await?;
        data::concat(schema, &batches)
    }

    /// Runs the query and writes the rows into the caller's Arrow C `ArrowArrayStream`.
    pub async fn to_arrow(&self, stream_address: i64) -> Result<()> {
        let (schema, batches) = self.collect().await?;
        cdata::export_stream(stream_address, schema, batches)
    }

    /// Runs the query and returns the rows as Arrow IPC stream bytes.
    pub async fn to_ipc(&self) -> Result<Vec<u8>> {
        let (schema, batches) = self.collect().await?;
        ipc::write_stream(&schema, &batches)
    }

    /// Runs the query and returns a stream of batches, read one at a time.
    pub async fn execute(&self) -> Result<Arc<BatchStream>> {
        let stream = self.start().await?;
        Ok(Arc::new(BatchStream {
            stream: Arc::new(Mutex::new(Some(stream))),
            _live: Live::new(&debug::STREAMS),
        }))
    }
}

/// Query output, read batch by batch (`async for`, `Flow`, `IAsyncEnumerable`).
#[derive(uniffi::Object)]
pub struct BatchStream {
    stream: Arc<Mutex<Option<SendableRecordBatchStream>>>,
    _live: Live,
}

impl BatchStream {
    async fn next_arrow_batch(&self) -> Result<Option<arrow_array::RecordBatch>> {
        let stream = self.stream.clone();
        heavy(async move {
            let mut guard = stream.lock().await;
            let Some(inner) = guard.as_mut() else {
                return Ok(None);
            };
            let next = inner.try_next().await?;
            if next.is_none() {
                *guard = None;
            }
            Ok(next)
        })
        .await
    }
}

#[uniffi::export]
impl BatchStream {
    /// The next batch, or `None` at the end.
    pub async fn next(&self) -> Result<Option<Batch>> {
        match self.next_arrow_batch().await? {
            Some(batch) => Ok(Some(Batch::from_arrow(&batch)?)),
            None => Ok(None),
        }
    }

    /// Writes the next batch into the caller's `ArrowArray`/`ArrowSchema`;
    /// returns false at the end.
    pub async fn next_arrow(&self, array_address: i64, schema_address: i64) -> Result<bool> {
        match self.next_arrow_batch().await? {
            Some(batch) => cdata::export_batch(array_address, schema_address, batch).map(|_| true),
            None => Ok(false),
        }
    }

    /// Stops reading and frees the query's resources.
    pub async fn close_stream(&self) {
        self.stream.lock().await.take();
    }
}

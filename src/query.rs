//! Queries: a plain scan, a vector search, a full-text search or both at once
//! (hybrid), built step by step. Each builder method returns a new `Query`, so
//! a query can be shared and reused safely. Every kind runs through the same
//! `build` and is read the same ways (one batch, Arrow, IPC, a stream), and
//! explained the same way (`explain_plan`, `analyze_plan`, `output_schema`).

use std::sync::Arc;
use std::time::Duration;

use arrow_schema::{DataType as ArrowType, SchemaRef};
use futures::TryStreamExt;
use lancedb::arrow::SendableRecordBatchStream;
use lancedb::query::{ColumnOrdering as LanceOrdering, ExecutableQuery, QueryBase, QueryExecutionOptions, Select};
use tokio::sync::Mutex;

use crate::data::{self, Batch};
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::filter::validate_filter;
use crate::fts::{FtsQuery, TextSearch};
use crate::hybrid::{Fusion, Normalize, Reranker};
use crate::runtime::heavy_read;
use crate::connection::{non_negative, ConnectionState};
use crate::table::{column_list, Table};
use crate::{cdata, ipc};

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceType {
    L2,
    Cosine,
    Dot,
    Hamming,
}

impl DistanceType {
    /// `None` for a kind newer than this crate knows.
    pub(crate) fn from_lance(d: lancedb::DistanceType) -> Option<Self> {
        match d {
            lancedb::DistanceType::L2 => Some(Self::L2),
            lancedb::DistanceType::Cosine => Some(Self::Cosine),
            lancedb::DistanceType::Dot => Some(Self::Dot),
            lancedb::DistanceType::Hamming => Some(Self::Hamming),
            _ => None,
        }
    }
}

/// One sort key of `order_by` (the official SDK's `ColumnOrdering`).
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct ColumnOrdering {
    pub column_name: String,
    #[uniffi(default = true)]
    pub ascending: bool,
    #[uniffi(default = false)]
    pub nulls_first: bool,
}

/// A computed output column of `select_expressions`: `expression` is SQL over
/// the table's columns (`price * 2`, `lower(name)`).
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct ColumnExpression {
    pub name: String,
    pub expression: String,
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
    select_expressions: Option<Vec<ColumnExpression>>,
    text: Option<TextSearch>,
    extra_vectors: Vec<Vec<f32>>,
    ef: Option<i32>,
    minimum_nprobes: Option<i32>,
    maximum_nprobes: Option<i32>,
    distance_range: Option<(Option<f32>, Option<f32>)>,
    fast_search: bool,
    order_by: Option<Vec<ColumnOrdering>>,
    timeout: Option<Duration>,
    reranker: Option<Reranker>,
    normalize: Option<Normalize>,
    take: Option<Take>,
    limit: Option<i32>,
    offset: Option<i32>,
    vector: Option<Vec<f32>>,
    column: Option<String>,
    distance_type: Option<DistanceType>,
    nprobes: Option<i32>,
    refine_factor: Option<i32>,
    with_row_id: bool,
    with_row_address: bool,
    postfilter: bool,
    bypass_vector_index: bool,
}

/// Rows picked by position (`take_offsets`) or by `_rowid` (`take_row_ids`).
#[derive(Clone, Debug)]
enum Take {
    Offsets(Vec<u64>),
    RowIds(Vec<u64>),
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

    fn take(table: Arc<Table>, what: &str, positions: Vec<i64>, take: fn(Vec<u64>) -> Take) -> Result<Arc<Self>> {
        let positions = positions
            .into_iter()
            .map(|p| u64::try_from(p).map_err(|_| LanceError::InvalidInput(format!("{what} must not be negative (got {p})"))))
            .collect::<Result<Vec<_>>>()?;
        let query = Self::new(table);
        Ok(query.with(|s| s.take = Some(take(positions))))
    }

    /// The rows at these positions in the table (0-based); refine with `select`, `with_row_id`.
    pub(crate) fn take_offsets(table: Arc<Table>, offsets: Vec<i64>) -> Result<Arc<Self>> {
        Self::take(table, "offsets", offsets, Take::Offsets)
    }

    /// The rows with these `_rowid`s.
    pub(crate) fn take_row_ids(table: Arc<Table>, row_ids: Vec<i64>) -> Result<Arc<Self>> {
        Self::take(table, "row ids", row_ids, Take::RowIds)
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
        heavy_read(&self.table.connection_state().reads, open_stream(table, self.spec.clone())).await
    }

    /// Plans and runs the query in one task on the runtime: one thread hop
    /// per query, not one to start it and another to drain it.
    async fn collect(&self) -> Result<(arrow_schema::SchemaRef, Vec<arrow_array::RecordBatch>)> {
        collect(&self.table, self.spec.clone()).await
    }

    /// Builds the LanceDB query on the runtime and hands it to `work`.
    async fn with_built<T, F, Fut>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(Built, QueryExecutionOptions) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<T>> + Send,
    {
        let table = self.table.handle()?;
        let spec = self.spec.clone();
        heavy_read(&self.table.connection_state().reads, async move {
            let options = spec.options();
            work(build(table, spec).await?, options).await
        })
        .await
    }
}

/// Runs the query `spec` describes on `table` and collects its output.
async fn collect(table: &Table, spec: Spec) -> Result<(arrow_schema::SchemaRef, Vec<arrow_array::RecordBatch>)> {
    let handle = table.handle()?;
    heavy_read(&table.connection_state().reads, async move {
        let stream = open_stream(handle, spec).await?;
        let schema = stream.schema();
        let batches: Vec<_> = stream.try_collect().await?;
        Ok((schema, batches))
    })
    .await
}

#[uniffi::export]
impl Table {
    /// The first `n` rows of the table (the official SDK's `head`: a scan
    /// with a limit).
    #[uniffi::method(default(n = 5))]
    pub async fn head(&self, n: i32) -> Result<Batch> {
        non_negative("n", n)?;
        let (schema, batches) = collect(self, Spec { limit: Some(n), ..Spec::default() }).await?;
        data::concat(schema, &batches)
    }
}

/// A LanceDB query ready to run: a scan or full-text search, or a vector (or hybrid) search.
enum Built {
    Plain(lancedb::query::Query),
    Vector(lancedb::query::VectorQuery),
    Take(lancedb::query::TakeQuery),
}

impl Built {
    async fn execute(&self, options: QueryExecutionOptions) -> Result<SendableRecordBatchStream> {
        Ok(match self {
            Built::Plain(q) => q.execute_with_options(options).await?,
            Built::Vector(q) => q.execute_with_options(options).await?,
            Built::Take(q) => q.execute_with_options(options).await?,
        })
    }

    async fn explain_plan(&self, verbose: bool) -> Result<String> {
        Ok(match self {
            Built::Plain(q) => q.explain_plan(verbose).await?,
            Built::Vector(q) => q.explain_plan(verbose).await?,
            Built::Take(q) => q.explain_plan(verbose).await?,
        })
    }

    async fn analyze_plan(&self, options: QueryExecutionOptions) -> Result<String> {
        Ok(match self {
            Built::Plain(q) => q.analyze_plan_with_options(options).await?,
            Built::Vector(q) => q.analyze_plan_with_options(options).await?,
            Built::Take(q) => q.analyze_plan_with_options(options).await?,
        })
    }

    async fn output_schema(&self) -> Result<SchemaRef> {
        Ok(match self {
            Built::Plain(q) => q.output_schema().await?,
            Built::Vector(q) => q.output_schema().await?,
            Built::Take(q) => q.output_schema().await?,
        })
    }
}

async fn open_stream(table: lancedb::Table, spec: Spec) -> Result<SendableRecordBatchStream> {
    let options = spec.options();
    build(table, spec).await?.execute(options).await
}

async fn build(table: lancedb::Table, spec: Spec) -> Result<Built> {
    let schema = table.schema().await?;
    spec.validate(&schema)?;
    if spec.ef.is_some() {
        check_hnsw_index(&table, &schema, &spec).await?;
    }
    if let Some(take) = &spec.take {
        let query = match take {
            Take::Offsets(offsets) => table.take_offsets(offsets.clone()),
            Take::RowIds(ids) => table.take_row_ids(ids.clone()),
        };
        return Ok(Built::Take(apply_base(query, &spec, &schema)?));
    }
    let query = apply_base(table.query(), &spec, &schema)?;
    let (minimum, maximum) = probes(&spec)?;
    let Some(vector) = spec.vector else {
        return Ok(Built::Plain(query));
    };
    let mut search = query.nearest_to(vector)?;
    for extra in spec.extra_vectors {
        search = search.add_query_vector(extra)?;
    }
    if let Some(column) = &spec.column {
        search = search.column(column);
    }
    if let Some(distance) = spec.distance_type {
        search = search.distance_type(distance.into());
    }
    // The maximum first: LanceDB checks each bound against the one already set.
    search = search.maximum_nprobes(maximum)?.minimum_nprobes(minimum)?;
    if let Some(ef) = spec.ef {
        search = search.ef(non_negative("ef", ef)? as usize);
    }
    if let Some((lower, upper)) = spec.distance_range {
        search = search.distance_range(lower, upper);
    }
    if let Some(factor) = spec.refine_factor {
        search = search.refine_factor(non_negative("refine_factor", factor)?);
    }
    if spec.bypass_vector_index {
        search = search.bypass_vector_index();
    }
    Ok(Built::Vector(search))
}

/// Partitions an IVF search probes when the query does not say: the official
/// SDK's 20 (LanceDB 0.41 alone would probe adaptively from 1, a lower recall
/// than the official SDK's for the same index).
const DEFAULT_NPROBES: usize = 20;

/// The IVF probe bounds `(minimum, maximum)` (`None`: no maximum) as the
/// official SDK resolves them: both 20 unless set, `nprobes` sets both,
/// `minimum_nprobes` / `maximum_nprobes` (0: no maximum) override one each.
fn probes(spec: &Spec) -> Result<(usize, Option<usize>)> {
    let positive = |what: &str, n: i32| match non_negative(what, n)? {
        0 => Err(LanceError::InvalidInput(format!("{what} must be at least 1 (got 0)"))),
        n => Ok(n as usize),
    };
    let (mut minimum, mut maximum) = (DEFAULT_NPROBES, Some(DEFAULT_NPROBES));
    if let Some(n) = spec.nprobes {
        minimum = positive("nprobes", n)?;
        maximum = Some(minimum);
    }
    if let Some(n) = spec.minimum_nprobes {
        minimum = positive("minimum_nprobes", n)?;
    }
    if let Some(n) = spec.maximum_nprobes {
        maximum = match non_negative("maximum_nprobes", n)? {
            0 => None,
            n => Some(n as usize),
        };
    }
    if let Some(max) = maximum.filter(|max| minimum > *max) {
        let default = if spec.maximum_nprobes.is_none() && spec.nprobes.is_none() { ", the default" } else { "" };
        return Err(LanceError::InvalidInput(format!(
            "minimum_nprobes ({minimum}) must not exceed maximum_nprobes ({max}{default}); \
             raise maximum_nprobes (0: no maximum)"
        )));
    }
    Ok((minimum, maximum))
}

const ROW_ADDR: &str = "_rowaddr";

/// The options every query kind shares, applied to a scan, a search or a take.
fn apply_base<Q: QueryBase>(mut query: Q, spec: &Spec, schema: &SchemaRef) -> Result<Q> {
    if let Some(filter) = &spec.filter {
        query = query.only_if(filter);
    }
    // LanceDB 0.41's query has no `with_row_address`; Lance's projection
    // takes the `_rowaddr` meta column by name (`_rowid` then comes last).
    let meta: &[&str] = if spec.with_row_address { &[ROW_ADDR] } else { &[] };
    if let Some(expressions) = &spec.select_expressions {
        let mut pairs: Vec<(&str, &str)> =
            expressions.iter().map(|e| (e.name.as_str(), e.expression.as_str())).collect();
        pairs.extend(meta.iter().map(|m| (*m, *m)));
        query = query.select(Select::dynamic(&pairs));
    } else if spec.select.is_some() || !meta.is_empty() {
        let mut columns: Vec<String> = match &spec.select {
            Some(columns) => columns.clone(),
            None => schema.fields().iter().map(|f| f.name().clone()).collect(),
        };
        columns.extend(meta.iter().map(|m| m.to_string()));
        query = query.select(Select::columns(&columns));
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
    if spec.fast_search {
        query = query.fast_search();
    }
    if let Some(order) = &spec.order_by {
        query = query.order_by(Some(
            order
                .iter()
                .map(|o| LanceOrdering {
                    ascending: o.ascending,
                    nulls_first: o.nulls_first,
                    column_name: o.column_name.clone(),
                })
                .collect(),
        ));
    }
    if let Some(text) = &spec.text {
        query = query.full_text_search(text.to_lance(&schema)?);
    }
    if spec.postfilter {
        query = query.postfilter();
    }
    if spec.text.is_some() && spec.vector.is_some() {
        let reranker = spec.reranker.clone().unwrap_or(Reranker::Rrf { k: 60 });
        // Ranks are taken in `Fusion`, the official SDK's way; LanceDB only scales.
        let normalize = spec.normalize.unwrap_or(Normalize::Score);
        query = query.rerank(Arc::new(Fusion(reranker, normalize)));
        query = query.norm(Normalize::Score.into());
    }
    Ok(query)
}

/// `ef` only means something to an HNSW index; LanceDB ignores it silently
/// elsewhere, which hides a mistaken tuning.
async fn check_hnsw_index(table: &lancedb::Table, schema: &SchemaRef, spec: &Spec) -> Result<()> {
    if spec.vector.is_none() {
        return Err(LanceError::InvalidInput("ef applies to a vector search: call nearest_to first".into()));
    }
    let column = match &spec.column {
        Some(c) => c.clone(),
        None => match vector_columns(schema).as_slice() {
            [only] => only.name().clone(),
            _ => return Ok(()), // LanceDB reports the ambiguous column.
        },
    };
    let indices = table.list_indices().await?;
    let on_column: Vec<_> = indices.iter().filter(|i| i.columns.iter().any(|c| *c == column)).collect();
    if on_column.iter().any(|i| i.index_type.to_string().contains("HNSW")) {
        return Ok(());
    }
    let kinds: Vec<String> = on_column.iter().map(|i| i.index_type.to_string()).collect();
    Err(LanceError::InvalidInput(format!(
        "ef applies to an HNSW index, but column '{column}' has {}",
        if kinds.is_empty() { "no index".to_string() } else { format!("index {}", kinds.join(", ")) }
    )))
}

fn vector_columns(schema: &SchemaRef) -> Vec<&arrow_schema::FieldRef> {
    schema.fields().iter().filter(|f| matches!(f.data_type(), ArrowType::FixedSizeList(..))).collect()
}

impl Spec {
    fn options(&self) -> QueryExecutionOptions {
        let mut options = QueryExecutionOptions::default();
        options.timeout = self.timeout;
        options
    }

    /// Catches the common mistakes with messages that name them, before any I/O.
    fn validate(&self, schema: &SchemaRef) -> Result<()> {
        if self.select.is_some() && self.select_expressions.is_some() {
            return Err(LanceError::InvalidInput(
                "use either select or select_expressions, not both".into(),
            ));
        }
        if let Some((Some(lower), Some(upper))) = self.distance_range {
            if lower > upper {
                return Err(LanceError::InvalidInput(format!(
                    "distance_range: lower bound {lower} is above upper bound {upper}"
                )));
            }
        }
        if let Some(reranker) = &self.reranker {
            reranker.validate()?;
        }
        if self.take.is_some() && (self.vector.is_some() || self.text.is_some()) {
            return Err(LanceError::InvalidInput(
                "take_offsets / take_row_ids cannot be combined with a vector or full-text search".into(),
            ));
        }
        if (self.reranker.is_some() || self.normalize.is_some()) && (self.text.is_none() || self.vector.is_none()) {
            return Err(LanceError::InvalidInput(
                "rerank applies to a hybrid search: call both nearest_to and nearest_to_text".into(),
            ));
        }
        if self.vector.is_none() {
            let vector_only = [
                ("ef", self.ef.is_some()),
                ("minimum_nprobes", self.minimum_nprobes.is_some()),
                ("maximum_nprobes", self.maximum_nprobes.is_some()),
                ("distance_range", self.distance_range.is_some()),
                ("nprobes", self.nprobes.is_some()),
                ("refine_factor", self.refine_factor.is_some()),
                ("add_query_vector", !self.extra_vectors.is_empty()),
            ];
            if let Some((name, _)) = vector_only.iter().find(|(_, set)| *set) {
                return Err(LanceError::InvalidInput(format!(
                    "{name} applies to a vector search: call nearest_to first"
                )));
            }
        }
        for order in self.order_by.iter().flatten() {
            if schema.field_with_name(&order.column_name).is_err() {
                return Err(LanceError::InvalidInput(format!(
                    "cannot order by unknown column '{}' (columns: {})",
                    order.column_name,
                    column_list(schema)
                )));
            }
        }
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
        for vector in self.vector.iter().chain(&self.extra_vectors) {
            let vector_columns = vector_columns(schema);
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

    /// Adds the `_rowaddr` column: each row's address, its fragment id
    /// times 2^32 plus its offset in the fragment (before `_rowid`).
    pub fn with_row_address(&self) -> Arc<Self> {
        self.with(|s| s.with_row_address = true)
    }

    /// Applies the filter after the search instead of before it.
    pub fn postfilter(&self) -> Arc<Self> {
        self.with(|s| s.postfilter = true)
    }

    /// Searches exhaustively even if the column has an index.
    pub fn bypass_vector_index(&self) -> Arc<Self> {
        self.with(|s| s.bypass_vector_index = true)
    }

    /// Computed output columns, in this order (SQL expressions with aliases).
    pub fn select_expressions(&self, columns: Vec<ColumnExpression>) -> Arc<Self> {
        self.with(|s| s.select_expressions = Some(columns))
    }

    /// A full-text (BM25) search for `query` in `columns` (`None`: every column
    /// with an FTS index); results get `_score`, best first. With `nearest_to`
    /// as well, a hybrid search.
    #[uniffi::method(default(columns = None))]
    pub fn nearest_to_text(&self, query: String, columns: Option<Vec<String>>) -> Arc<Self> {
        self.with(|s| s.text = Some(TextSearch::Text { query, columns: columns.unwrap_or_default() }))
    }

    /// A full-text search with a structured query (match, phrase, boost, multi-match, boolean).
    pub fn nearest_to_text_query(&self, query: FtsQuery) -> Arc<Self> {
        self.with(|s| s.text = Some(TextSearch::Structured(query)))
    }

    /// Another query vector: the vectors are searched in one batch and each
    /// result row gets `query_index`, the position of its vector.
    pub fn add_query_vector(&self, vector: Vec<f32>) -> Arc<Self> {
        self.with(|s| s.extra_vectors.push(vector))
    }

    /// HNSW: candidates kept while searching (default 1.5 × limit).
    pub fn ef(&self, ef: i32) -> Arc<Self> {
        self.with(|s| s.ef = Some(ef))
    }

    /// IVF: partitions always searched.
    pub fn minimum_nprobes(&self, minimum_nprobes: i32) -> Arc<Self> {
        self.with(|s| s.minimum_nprobes = Some(minimum_nprobes))
    }

    /// IVF: partitions searched at most while too few rows pass the filter; 0: no limit.
    pub fn maximum_nprobes(&self, maximum_nprobes: i32) -> Arc<Self> {
        self.with(|s| s.maximum_nprobes = Some(maximum_nprobes))
    }

    /// Only rows with `lower <= _distance < upper` (either bound `None`: open).
    #[uniffi::method(default(lower_bound = None, upper_bound = None))]
    pub fn distance_range(&self, lower_bound: Option<f32>, upper_bound: Option<f32>) -> Arc<Self> {
        self.with(|s| s.distance_range = Some((lower_bound, upper_bound)))
    }

    /// Searches only indexed rows: faster, misses rows added since the index was built.
    pub fn fast_search(&self) -> Arc<Self> {
        self.with(|s| s.fast_search = true)
    }

    /// Sorts the rows by these columns, in order.
    pub fn order_by(&self, ordering: Vec<ColumnOrdering>) -> Arc<Self> {
        self.with(|s| s.order_by = Some(ordering))
    }

    /// How a hybrid search (`nearest_to` + `nearest_to_text`) fuses its two
    /// rankings into `_relevance_score`; by default `Rrf { k: 60 }` on scores.
    #[uniffi::method(default(normalize = None))]
    pub fn rerank(&self, reranker: Reranker, normalize: Option<Normalize>) -> Arc<Self> {
        self.with(|s| {
            s.reranker = Some(reranker);
            s.normalize = normalize;
        })
    }

    /// Fails the query with a timeout error if it runs longer than `timeout`.
    pub fn timeout(&self, timeout: Duration) -> Arc<Self> {
        self.with(|s| s.timeout = Some(timeout))
    }

    /// The plan LanceDB will run, as text (nothing is read).
    #[uniffi::method(default(verbose = false))]
    pub async fn explain_plan(&self, verbose: bool) -> Result<String> {
        self.with_built(move |built, _| async move { built.explain_plan(verbose).await }).await
    }

    /// Runs the query and returns its plan with the measured metrics.
    pub async fn analyze_plan(&self) -> Result<String> {
        self.with_built(|built, options| async move { built.analyze_plan(options).await }).await
    }

    /// The schema of the rows the query would return (nothing is read).
    pub async fn output_schema(&self) -> Result<data::Schema> {
        self.with_built(|built, _| async move { data::Schema::from_arrow(built.output_schema().await?.as_ref()) })
            .await
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
            schema: stream.schema(),
            ipc: std::sync::Mutex::default(),
            stream: Arc::new(Mutex::new(Some(stream))),
            connection: self.table.connection_state(),
            _live: Live::new(&debug::STREAMS),
        }))
    }
}

/// Query output, read batch by batch (`async for`, `Flow`, `IAsyncEnumerable`).
#[derive(uniffi::Object)]
pub struct BatchStream {
    schema: SchemaRef,
    /// The IPC encoder of `next_ipc`.
    ipc: std::sync::Mutex<ipc::IpcPieces>,
    stream: Arc<Mutex<Option<SendableRecordBatchStream>>>,
    connection: Arc<ConnectionState>,
    _live: Live,
}

impl BatchStream {
    async fn next_arrow_batch(&self) -> Result<Option<arrow_array::RecordBatch>> {
        let stream = self.stream.clone();
        heavy_read(&self.connection.reads, async move {
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

    /// The next piece of one Arrow IPC stream of the output, or `None` after
    /// the last: the first piece holds the schema and the first batch, each
    /// next one a batch, the last one the end-of-stream marker. Written one
    /// after another they are a valid IPC stream, so the output never needs
    /// to be in memory at once. (Use either `next_ipc` or `next`/`next_arrow`
    /// on one stream.)
    pub async fn next_ipc(&self) -> Result<Option<Vec<u8>>> {
        if self.ipc.lock().unwrap().is_finished() {
            return Ok(None);
        }
        let batch = self.next_arrow_batch().await?;
        self.ipc.lock().unwrap().next(&self.schema, batch.as_ref()).map(Some)
    }

    /// Stops reading and frees the query's resources.
    pub async fn close_stream(&self) {
        self.stream.lock().await.take();
    }
}

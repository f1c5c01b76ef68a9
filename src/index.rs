//! Index kinds with every build parameter LanceDB 0.41 has, and what
//! `list_indices` / `index_stats` report. One enum so that each language gets
//! one type whose variants carry only the parameters that kind understands.

use lancedb::index::scalar::{
    BTreeIndexBuilder, BitmapIndexBuilder, BloomFilterIndexBuilder, FmIndexBuilder, FtsIndexBuilder,
    LabelListIndexBuilder, NGramIndexBuilder, ZoneMapIndexBuilder,
};
use lancedb::index::vector::{
    IvfFlatIndexBuilder, IvfHnswFlatIndexBuilder, IvfHnswPqIndexBuilder, IvfHnswSqIndexBuilder, IvfPqIndexBuilder,
    IvfRqIndexBuilder, IvfSqIndexBuilder,
};
use lancedb::index::Index;
use std::time::Duration;

use crate::connection::non_negative;
use crate::error::{LanceError, Result};
use crate::query::DistanceType;
use crate::runtime::{heavy, write};
use crate::table::Table;

/// How to index a column. Every parameter left `None` is chosen by LanceDB
/// for the data size (and the distance type defaults to L2).
///
/// IVF parameters: `num_partitions` (default √rows), `sample_rate` (training
/// rows per partition, 256), `max_iterations` (k-means, 50),
/// `target_partition_size` (rows per partition, instead of `num_partitions`).
/// HNSW parameters: `m` (edges per node, 20), `ef_construction` (candidates
/// while building, 300). PQ: `num_sub_vectors` (dimension/16), `num_bits` (8).
#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum IndexConfig {
    /// LanceDB picks: IVF_PQ for vectors, BTree for scalars.
    Auto,
    IvfPq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        num_sub_vectors: Option<i32>,
        #[uniffi(default)]
        num_bits: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
    },
    IvfFlat {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
    },
    IvfHnswSq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
        #[uniffi(default)]
        m: Option<i32>,
        #[uniffi(default)]
        ef_construction: Option<i32>,
    },
    /// IVF with scalar quantization.
    IvfSq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
    },
    /// IVF with RaBitQ quantization; `num_bits` per dimension (default 1, as the
    /// official SDK: LanceDB's own default would be 5).
    IvfRq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        num_bits: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
    },
    IvfHnswPq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        num_sub_vectors: Option<i32>,
        #[uniffi(default)]
        num_bits: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
        #[uniffi(default)]
        m: Option<i32>,
        #[uniffi(default)]
        ef_construction: Option<i32>,
    },
    /// HNSW over the raw vectors: best recall, most memory.
    IvfHnswFlat {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
        #[uniffi(default)]
        sample_rate: Option<i32>,
        #[uniffi(default)]
        max_iterations: Option<i32>,
        #[uniffi(default)]
        target_partition_size: Option<i32>,
        #[uniffi(default)]
        m: Option<i32>,
        #[uniffi(default)]
        ef_construction: Option<i32>,
    },
    BTree,
    Bitmap,
    LabelList,
    /// Min/max per zone of rows: skips zones for range filters.
    ZoneMap,
    /// Substring and pattern filters (`contains`, `LIKE`) on strings.
    NGram,
    /// Substring search on string/binary columns (FM index).
    Fm,
    /// Skips groups of rows that cannot match an equality filter.
    BloomFilter {
        #[uniffi(default)]
        number_of_items: Option<i64>,
        /// False-positive probability, in (0, 1).
        #[uniffi(default)]
        probability: Option<f64>,
    },
    /// Full-text search (BM25) over a string column. Defaults as the official SDK:
    /// `simple` tokenizer, English, lower-cased, stemmed, stop words removed,
    /// ASCII-folded, tokens over 40 characters dropped, no positions.
    Fts {
        /// Store term positions (needed by phrase queries; a bigger index).
        #[uniffi(default = false)]
        with_position: bool,
        /// `simple`, `whitespace`, `raw`, `ngram`, `icu`, `jieba/<model>`, `lindera/<model>`.
        #[uniffi(default = "simple")]
        base_tokenizer: String,
        /// For stemming and stop words: `English`, `French`, `German`, ...
        #[uniffi(default = "English")]
        language: String,
        /// Tokens longer than this are not indexed; `None`: no limit.
        #[uniffi(default = Some(40))]
        max_token_length: Option<i32>,
        #[uniffi(default = true)]
        lower_case: bool,
        #[uniffi(default = true)]
        stem: bool,
        #[uniffi(default = true)]
        remove_stop_words: bool,
        /// Replaces the language's stop words (only with `remove_stop_words`).
        #[uniffi(default)]
        custom_stop_words: Option<Vec<String>>,
        /// `café` is indexed as `cafe`.
        #[uniffi(default = true)]
        ascii_folding: bool,
        /// For the `ngram` tokenizer.
        #[uniffi(default = 3)]
        ngram_min_length: i32,
        #[uniffi(default = 3)]
        ngram_max_length: i32,
        /// For the `ngram` tokenizer: only n-grams at the start of a token.
        #[uniffi(default = false)]
        prefix_only: bool,
        /// Documents per compressed posting block: 128, or 256 (LanceDB's
        /// experimental FTS v3 format, fewer skip entries).
        #[uniffi(default = 128)]
        block_size: i32,
        /// Memory for the build in MiB, shared by the workers; `None`: LanceDB's
        /// default. Only the build uses it; it is not stored with the index.
        #[uniffi(default)]
        memory_limit: Option<i64>,
        /// Threads building the index; `None`: about half the cores. Not stored.
        #[uniffi(default)]
        num_workers: Option<i32>,
        /// What one document is; `None`: `Row`.
        #[uniffi(default)]
        document_granularity: Option<DocumentGranularity>,
    },
}

/// The unit of text an FTS index scores as one document.
#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentGranularity {
    /// All the text of a row (every element of a list column) is one document.
    Row,
    /// Each element of a list-of-strings column is its own document; results
    /// get `_doc_index`, the position of the matching element.
    ListElement,
}

impl From<DocumentGranularity> for lancedb::index::scalar::DocumentGranularity {
    fn from(g: DocumentGranularity) -> Self {
        match g {
            DocumentGranularity::Row => Self::Row,
            DocumentGranularity::ListElement => Self::ListElement,
        }
    }
}

/// Applies the IVF/HNSW/PQ parameters every vector builder spells the same way.
macro_rules! vector_params {
    ($b:expr, $distance:expr; $($setter:ident = $value:expr),* $(,)?) => {{
        let mut b = $b.distance_type(lancedb::DistanceType::from($distance.unwrap_or(DistanceType::L2)));
        $(
            if let Some(v) = $value {
                b = b.$setter(non_negative(stringify!($value), v)?);
            }
        )*
        b
    }};
}

impl IndexConfig {
    /// Refuses vector index parameters LanceDB would accept and then build a
    /// useless index from, or fail on deep inside training with a message
    /// that does not name the parameter: no partitions, more partitions than
    /// rows (k-means cannot place them), sub-vectors that do not split the
    /// dimension evenly, and an empty table (nothing to train on). Every IVF kind.
    pub(crate) fn validate(&self, column: &arrow_schema::Field, rows: usize) -> Result<()> {
        let (kind, num_partitions, num_sub_vectors) = match self {
            Self::IvfPq { num_partitions, num_sub_vectors, .. } => ("IVF_PQ", *num_partitions, *num_sub_vectors),
            Self::IvfFlat { num_partitions, .. } => ("IVF_FLAT", *num_partitions, None),
            Self::IvfHnswSq { num_partitions, .. } => ("IVF_HNSW_SQ", *num_partitions, None),
            Self::IvfSq { num_partitions, .. } => ("IVF_SQ", *num_partitions, None),
            Self::IvfRq { num_partitions, .. } => ("IVF_RQ", *num_partitions, None),
            Self::IvfHnswPq { num_partitions, num_sub_vectors, .. } => ("IVF_HNSW_PQ", *num_partitions, *num_sub_vectors),
            Self::IvfHnswFlat { num_partitions, .. } => ("IVF_HNSW_FLAT", *num_partitions, None),
            _ => return Ok(()),
        };
        let invalid = |m: String| Err(LanceError::InvalidInput(format!("{kind} index on '{}': {m}", column.name())));
        if rows == 0 {
            return invalid("the table is empty; add rows first, the index is trained on them".into());
        }
        match num_partitions {
            Some(n) if n <= 0 => return invalid(format!("num_partitions must be at least 1 (got {n})")),
            Some(n) if n as usize > rows => {
                return invalid(format!("num_partitions must be at most the number of rows, {rows} (got {n})"))
            }
            _ => {}
        }
        if let (Some(k), arrow_schema::DataType::FixedSizeList(_, dim)) = (num_sub_vectors, column.data_type()) {
            if k <= 0 || *dim % k != 0 {
                return invalid(format!(
                    "num_sub_vectors must divide the vector dimension {dim} (got {k}; valid: the divisors of {dim})"
                ));
            }
        }
        Ok(())
    }
}

impl TryFrom<IndexConfig> for Index {
    type Error = LanceError;

    fn try_from(config: IndexConfig) -> Result<Self> {
        use IndexConfig as C;
        Ok(match config {
            C::Auto => Index::Auto,
            C::IvfPq {
                distance_type,
                num_partitions,
                num_sub_vectors,
                num_bits,
                sample_rate,
                max_iterations,
                target_partition_size,
            } => Index::IvfPq(vector_params!(IvfPqIndexBuilder::default(), distance_type;
                num_partitions = num_partitions, num_sub_vectors = num_sub_vectors, num_bits = num_bits,
                sample_rate = sample_rate, max_iterations = max_iterations,
                target_partition_size = target_partition_size)),
            C::IvfFlat { distance_type, num_partitions, sample_rate, max_iterations, target_partition_size } => {
                Index::IvfFlat(vector_params!(IvfFlatIndexBuilder::default(), distance_type;
                    num_partitions = num_partitions, sample_rate = sample_rate,
                    max_iterations = max_iterations, target_partition_size = target_partition_size))
            }
            C::IvfSq { distance_type, num_partitions, sample_rate, max_iterations, target_partition_size } => {
                Index::IvfSq(vector_params!(IvfSqIndexBuilder::default(), distance_type;
                    num_partitions = num_partitions, sample_rate = sample_rate,
                    max_iterations = max_iterations, target_partition_size = target_partition_size))
            }
            C::IvfRq { distance_type, num_partitions, num_bits, sample_rate, max_iterations, target_partition_size } => {
                let num_bits = Some(num_bits.unwrap_or(1));
                Index::IvfRq(vector_params!(IvfRqIndexBuilder::default(), distance_type;
                    num_partitions = num_partitions, num_bits = num_bits, sample_rate = sample_rate,
                    max_iterations = max_iterations, target_partition_size = target_partition_size))
            }
            C::IvfHnswSq {
                distance_type,
                num_partitions,
                sample_rate,
                max_iterations,
                target_partition_size,
                m,
                ef_construction,
            } => Index::IvfHnswSq(vector_params!(IvfHnswSqIndexBuilder::default(), distance_type;
                num_partitions = num_partitions, sample_rate = sample_rate, max_iterations = max_iterations,
                target_partition_size = target_partition_size, num_edges = m, ef_construction = ef_construction)),
            C::IvfHnswPq {
                distance_type,
                num_partitions,
                num_sub_vectors,
                num_bits,
                sample_rate,
                max_iterations,
                target_partition_size,
                m,
                ef_construction,
            } => Index::IvfHnswPq(vector_params!(IvfHnswPqIndexBuilder::default(), distance_type;
                num_partitions = num_partitions, num_sub_vectors = num_sub_vectors, num_bits = num_bits,
                sample_rate = sample_rate, max_iterations = max_iterations,
                target_partition_size = target_partition_size, num_edges = m, ef_construction = ef_construction)),
            C::IvfHnswFlat {
                distance_type,
                num_partitions,
                sample_rate,
                max_iterations,
                target_partition_size,
                m,
                ef_construction,
            } => Index::IvfHnswFlat(vector_params!(IvfHnswFlatIndexBuilder::default(), distance_type;
                num_partitions = num_partitions, sample_rate = sample_rate, max_iterations = max_iterations,
                target_partition_size = target_partition_size, num_edges = m, ef_construction = ef_construction)),
            C::BTree => Index::BTree(BTreeIndexBuilder::default()),
            C::Bitmap => Index::Bitmap(BitmapIndexBuilder::default()),
            C::LabelList => Index::LabelList(LabelListIndexBuilder::default()),
            C::ZoneMap => Index::ZoneMap(ZoneMapIndexBuilder::default()),
            C::NGram => Index::NGram(NGramIndexBuilder::default()),
            C::Fm => Index::Fm(FmIndexBuilder::default()),
            C::BloomFilter { number_of_items, probability } => {
                let mut b = BloomFilterIndexBuilder::default();
                if let Some(n) = number_of_items {
                    let n = u64::try_from(n).map_err(|_| {
                        LanceError::InvalidInput(format!("number_of_items must not be negative (got {n})"))
                    })?;
                    b = b.number_of_items(n)?;
                }
                if let Some(p) = probability {
                    b = b.probability(p)?;
                }
                Index::BloomFilter(b)
            }
            C::Fts {
                with_position,
                base_tokenizer,
                language,
                max_token_length,
                lower_case,
                stem,
                remove_stop_words,
                custom_stop_words,
                ascii_folding,
                ngram_min_length,
                ngram_max_length,
                prefix_only,
                block_size,
                memory_limit,
                num_workers,
                document_granularity,
            } => {
                let max_token_length =
                    max_token_length.map(|n| non_negative("max_token_length", n)).transpose()?;
                let (min, max) = (
                    non_negative("ngram_min_length", ngram_min_length)?,
                    non_negative("ngram_max_length", ngram_max_length)?,
                );
                if min > max {
                    return Err(LanceError::InvalidInput(format!(
                        "ngram_min_length ({min}) must not exceed ngram_max_length ({max})"
                    )));
                }
                let b = FtsIndexBuilder::default()
                    .base_tokenizer(base_tokenizer)
                    .language(&language)
                    .map_err(|e| LanceError::InvalidInput(format!("unknown FTS language '{language}': {e}")))?
                    .with_position(with_position)
                    .max_token_length(max_token_length.map(|n| n as usize))
                    .lower_case(lower_case)
                    .stem(stem)
                    .remove_stop_words(remove_stop_words)
                    .custom_stop_words(custom_stop_words)
                    .ascii_folding(ascii_folding)
                    .ngram_min_length(min)
                    .ngram_max_length(max)
                    .ngram_prefix_only(prefix_only)
                    .document_granularity(document_granularity.unwrap_or(DocumentGranularity::Row).into());
                if block_size != 128 && block_size != 256 {
                    return Err(LanceError::InvalidInput(format!("block_size must be 128 or 256 (got {block_size})")));
                }
                let mut b = b.block_size(block_size as usize)?;
                if let Some(mib) = memory_limit {
                    if mib <= 0 {
                        return Err(LanceError::InvalidInput(format!(
                            "memory_limit must be at least 1 MiB (got {mib})"
                        )));
                    }
                    b = b.memory_limit_mb(mib as u64);
                }
                if let Some(n) = num_workers {
                    if n <= 0 {
                        return Err(LanceError::InvalidInput(format!("num_workers must be at least 1 (got {n})")));
                    }
                    b = b.num_workers(n as usize);
                }
                Index::FTS(b)
            }
        })
    }
}

#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct IndexInfo {
    pub name: String,
    /// LanceDB's name for the kind, e.g. `IVF_PQ`, `BTREE`, `FTS`.
    pub index_type: String,
    pub columns: Vec<String>,
}

impl From<lancedb::index::IndexConfig> for IndexInfo {
    fn from(config: lancedb::index::IndexConfig) -> Self {
        Self { name: config.name, index_type: config.index_type.to_string(), columns: config.columns }
    }
}

/// What `index_stats` reports about one index.
#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct IndexStatistics {
    /// Rows the index covers.
    pub num_indexed_rows: i64,
    /// Rows added since the index was built (searched without it).
    pub num_unindexed_rows: i64,
    pub index_type: String,
    /// Vector indexes only.
    pub distance_type: Option<DistanceType>,
    /// How many parts the index is split into.
    pub num_indices: Option<i32>,
}

impl From<lancedb::index::IndexStatistics> for IndexStatistics {
    fn from(s: lancedb::index::IndexStatistics) -> Self {
        Self {
            num_indexed_rows: s.num_indexed_rows as i64,
            num_unindexed_rows: s.num_unindexed_rows as i64,
            index_type: s.index_type.to_string(),
            distance_type: s.distance_type.and_then(DistanceType::from_lance),
            num_indices: s.num_indices.map(|n| n as i32),
        }
    }
}

/// Catches an index kind that cannot work on the column's type before any
/// I/O, with a message naming both (LanceDB fails deep in training otherwise).
pub(crate) fn check_column_type(config: &IndexConfig, field: &arrow_schema::Field) -> Result<()> {
    use arrow_schema::DataType as T;
    use IndexConfig as C;
    let t = field.data_type();
    let is_text = |t: &T| matches!(t, T::Utf8 | T::LargeUtf8 | T::Utf8View);
    let (ok, needs) = match config {
        C::Auto => (true, ""),
        C::IvfPq { .. }
        | C::IvfFlat { .. }
        | C::IvfSq { .. }
        | C::IvfRq { .. }
        | C::IvfHnswPq { .. }
        | C::IvfHnswSq { .. }
        | C::IvfHnswFlat { .. } => (
            matches!(t, T::FixedSizeList(..)) || matches!(t, T::List(f) | T::LargeList(f) if matches!(f.data_type(), T::FixedSizeList(..))),
            "a vector column (fixed-size list)",
        ),
        C::Fts { .. } => (
            is_text(t) || matches!(t, T::List(f) | T::LargeList(f) if is_text(f.data_type())) || matches!(t, T::LargeBinary),
            "a string column (or a list of strings)",
        ),
        C::LabelList => (matches!(t, T::List(_) | T::LargeList(_)), "a list column"),
        C::NGram | C::Fm => (is_text(t) || matches!(t, T::Binary | T::LargeBinary), "a string column"),
        C::BTree | C::Bitmap | C::ZoneMap | C::BloomFilter { .. } => (
            !matches!(t, T::FixedSizeList(..) | T::List(_) | T::LargeList(_) | T::Struct(_)),
            "a scalar column (number, string, date, boolean)",
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(LanceError::InvalidInput(format!(
            "a {} index needs {needs}, but column '{}' is {t}",
            kind_name(config),
            field.name()
        )))
    }
}

fn kind_name(config: &IndexConfig) -> &'static str {
    use IndexConfig as C;
    match config {
        C::Auto => "AUTO",
        C::IvfPq { .. } => "IVF_PQ",
        C::IvfFlat { .. } => "IVF_FLAT",
        C::IvfSq { .. } => "IVF_SQ",
        C::IvfRq { .. } => "IVF_RQ",
        C::IvfHnswPq { .. } => "IVF_HNSW_PQ",
        C::IvfHnswSq { .. } => "IVF_HNSW_SQ",
        C::IvfHnswFlat { .. } => "IVF_HNSW_FLAT",
        C::BTree => "BTREE",
        C::Bitmap => "BITMAP",
        C::LabelList => "LABEL_LIST",
        C::ZoneMap => "ZONEMAP",
        C::NGram => "NGRAM",
        C::Fm => "FM",
        C::BloomFilter { .. } => "BLOOM_FILTER",
        C::Fts { .. } => "FTS",
    }
}

/// The named index, or an error listing the table's index names.
async fn require_index(table: &lancedb::Table, name: &str) -> Result<()> {
    let names: Vec<String> = table.list_indices().await?.into_iter().map(|i| i.name).collect();
    if names.iter().any(|n| n == name) {
        return Ok(());
    }
    Err(LanceError::InvalidInput(format!(
        "the table has no index named '{name}' (indexes: {})",
        if names.is_empty() { "none".to_string() } else { names.join(", ") }
    )))
}

/// The index lifecycle after `create_index` (names as the official SDK's).
#[uniffi::export]
impl Table {
    /// Row counts and kind of the named index; `None` if there is no such index.
    pub async fn index_stats(&self, name: String) -> Result<Option<IndexStatistics>> {
        let table = self.handle()?;
        heavy(async move { Ok(table.index_stats(&name).await?.map(IndexStatistics::from)) }).await
    }

    /// Removes the named index from the table (its files go at the next `optimize`).
    pub async fn drop_index(&self, name: String) -> Result<()> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            require_index(&table, &name).await?;
            Ok(table.drop_index(&name).await?)
        })
        .await
    }

    /// Loads the named index into the cache so the next searches start warm.
    pub async fn prewarm_index(&self, name: String) -> Result<()> {
        let table = self.handle()?;
        heavy(async move {
            require_index(&table, &name).await?;
            Ok(table.prewarm_index(&name).await?)
        })
        .await
    }

    /// Waits until the named indexes cover every row (`timeout` default 300 s).
    #[uniffi::method(default(timeout = None))]
    pub async fn wait_for_index(&self, names: Vec<String>, timeout: Option<Duration>) -> Result<()> {
        let table = self.handle()?;
        heavy(async move {
            for name in &names {
                require_index(&table, name).await?;
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            Ok(table.wait_for_index(&names, timeout.unwrap_or(Duration::from_secs(300))).await?)
        })
        .await
    }
}

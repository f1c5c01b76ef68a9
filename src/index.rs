//! Index kinds and what `list_indices` reports.

use lancedb::index::scalar::{BTreeIndexBuilder, BitmapIndexBuilder, FtsIndexBuilder, LabelListIndexBuilder};
use lancedb::index::vector::{IvfFlatIndexBuilder, IvfHnswSqIndexBuilder, IvfPqIndexBuilder};
use lancedb::index::Index;

use crate::error::{LanceError, Result};
use crate::query::DistanceType;

#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum IndexConfig {
    /// LanceDB picks: IVF_PQ for vectors, BTree for scalars.
    Auto,
    /// `None` leaves a parameter to LanceDB's default for the data size.
    IvfPq { distance_type: DistanceType, num_partitions: Option<u32>, num_sub_vectors: Option<u32> },
    IvfFlat { distance_type: DistanceType, num_partitions: Option<u32> },
    IvfHnswSq { distance_type: DistanceType, num_partitions: Option<u32> },
    BTree,
    Bitmap,
    LabelList,
    /// Full-text search over a string column.
    Fts,
}

impl IndexConfig {
    /// Refuses vector index parameters LanceDB would accept and then build a
    /// useless index from, or fail on deep inside training with a message
    /// that does not name the parameter: no partitions, more partitions than
    /// rows (k-means cannot place them), sub-vectors that do not split the
    /// dimension evenly, and an empty table (nothing to train on).
    pub(crate) fn validate(&self, column: &arrow_schema::Field, rows: usize) -> Result<()> {
        let (kind, num_partitions, num_sub_vectors) = match self {
            Self::IvfPq { num_partitions, num_sub_vectors, .. } => ("IVF_PQ", *num_partitions, *num_sub_vectors),
            Self::IvfFlat { num_partitions, .. } => ("IVF_FLAT", *num_partitions, None),
            Self::IvfHnswSq { num_partitions, .. } => ("IVF_HNSW_SQ", *num_partitions, None),
            _ => return Ok(()),
        };
        let invalid = |m: String| Err(LanceError::InvalidInput(format!("{kind} index on '{}': {m}", column.name())));
        if rows == 0 {
            return invalid("the table is empty; add rows first, the index is trained on them".into());
        }
        match num_partitions {
            Some(0) => return invalid("num_partitions must be at least 1 (got 0)".into()),
            Some(n) if n as usize > rows => {
                return invalid(format!("num_partitions must be at most the number of rows, {rows} (got {n})"))
            }
            _ => {}
        }
        if let (Some(k), arrow_schema::DataType::FixedSizeList(_, dim)) = (num_sub_vectors, column.data_type()) {
            if k == 0 || *dim as u32 % k != 0 {
                return invalid(format!(
                    "num_sub_vectors must divide the vector dimension {dim} (got {k}; valid: the divisors of {dim})"
                ));
            }
        }
        Ok(())
    }
}

impl From<IndexConfig> for Index {
    fn from(config: IndexConfig) -> Self {
        match config {
            IndexConfig::Auto => Index::Auto,
            IndexConfig::IvfPq { distance_type, num_partitions, num_sub_vectors } => {
                let mut b = IvfPqIndexBuilder::default().distance_type(distance_type.into());
                if let Some(n) = num_partitions {
                    b = b.num_partitions(n);
                }
                if let Some(n) = num_sub_vectors {
                    b = b.num_sub_vectors(n);
                }
                Index::IvfPq(b)
            }
            IndexConfig::IvfFlat { distance_type, num_partitions } => {
                let mut b = IvfFlatIndexBuilder::default().distance_type(distance_type.into());
                if let Some(n) = num_partitions {
                    b = b.num_partitions(n);
                }
                Index::IvfFlat(b)
            }
            IndexConfig::IvfHnswSq { distance_type, num_partitions } => {
                let mut b = IvfHnswSqIndexBuilder::default().distance_type(distance_type.into());
                if let Some(n) = num_partitions {
                    b = b.num_partitions(n);
                }
                Index::IvfHnswSq(b)
            }
            IndexConfig::BTree => Index::BTree(BTreeIndexBuilder::default()),
            IndexConfig::Bitmap => Index::Bitmap(BitmapIndexBuilder::default()),
            IndexConfig::LabelList => Index::LabelList(LabelListIndexBuilder::default()),
            IndexConfig::Fts => Index::FTS(FtsIndexBuilder::default()),
        }
    }
}

#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct IndexInfo {
    pub name: String,
    /// LanceDB's name for the kind, e.g. `IVF_PQ`, `BTREE`.
    pub index_type: String,
    pub columns: Vec<String>,
}

impl From<lancedb::index::IndexConfig> for IndexInfo {
    fn from(config: lancedb::index::IndexConfig) -> Self {
        Self { name: config.name, index_type: config.index_type.to_string(), columns: config.columns }
    }
}

//! Index kinds and what `list_indices` reports.

use lancedb::index::scalar::{BTreeIndexBuilder, BitmapIndexBuilder, FtsIndexBuilder, LabelListIndexBuilder};
use lancedb::index::vector::{IvfFlatIndexBuilder, IvfHnswSqIndexBuilder, IvfPqIndexBuilder};
use lancedb::index::Index;

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

//! Index kinds and what `list_indices` reports.

use lancedb::index::scalar::{BTreeIndexBuilder, BitmapIndexBuilder, FtsIndexBuilder, LabelListIndexBuilder};
use lancedb::index::vector::{IvfFlatIndexBuilder, IvfHnswSqIndexBuilder, IvfPqIndexBuilder};
use lancedb::index::Index;

use crate::connection::non_negative;
use crate::error::{LanceError, Result};
use crate::query::DistanceType;

/// How to index a column. Every parameter left `None` is chosen by LanceDB
/// for the data size (and the distance type defaults to L2).
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
    },
    IvfFlat {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
    },
    IvfHnswSq {
        #[uniffi(default)]
        distance_type: Option<DistanceType>,
        #[uniffi(default)]
        num_partitions: Option<i32>,
    },
    BTree,
    Bitmap,
    LabelList,
    /// Full-text search over a string column.
    Fts,
}

impl TryFrom<IndexConfig> for Index {
    type Error = LanceError;

    fn try_from(config: IndexConfig) -> Result<Self> {
        let distance = |d: Option<DistanceType>| lancedb::DistanceType::from(d.unwrap_or(DistanceType::L2));
        Ok(match config {
            IndexConfig::Auto => Index::Auto,
            IndexConfig::IvfPq { distance_type, num_partitions, num_sub_vectors } => {
                let mut b = IvfPqIndexBuilder::default().distance_type(distance(distance_type));
                if let Some(n) = num_partitions {
                    b = b.num_partitions(non_negative("num_partitions", n)?);
                }
                if let Some(n) = num_sub_vectors {
                    b = b.num_sub_vectors(non_negative("num_sub_vectors", n)?);
                }
                Index::IvfPq(b)
            }
            IndexConfig::IvfFlat { distance_type, num_partitions } => {
                let mut b = IvfFlatIndexBuilder::default().distance_type(distance(distance_type));
                if let Some(n) = num_partitions {
                    b = b.num_partitions(non_negative("num_partitions", n)?);
                }
                Index::IvfFlat(b)
            }
            IndexConfig::IvfHnswSq { distance_type, num_partitions } => {
                let mut b = IvfHnswSqIndexBuilder::default().distance_type(distance(distance_type));
                if let Some(n) = num_partitions {
                    b = b.num_partitions(non_negative("num_partitions", n)?);
                }
                Index::IvfHnswSq(b)
            }
            IndexConfig::BTree => Index::BTree(BTreeIndexBuilder::default()),
            IndexConfig::Bitmap => Index::Bitmap(BitmapIndexBuilder::default()),
            IndexConfig::LabelList => Index::LabelList(LabelListIndexBuilder::default()),
            IndexConfig::Fts => Index::FTS(FtsIndexBuilder::default()),
        })
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

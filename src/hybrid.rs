//! Hybrid search: one vector search and one full-text search fused into one
//! ranking by a reranker. LanceDB runs both legs, normalizes `_distance` and
//! `_score` to [0, 1] (or to ranks) and hands them to the reranker; the
//! rerankers here compute `_relevance_score` exactly as the official Python
//! SDK's `RRFReranker`, `LinearCombinationReranker` and `MRRReranker` do
//! (ranks from 1, first occurrence kept, stable sort, only
//! `_relevance_score` returned), so both SDKs rank the same rows the same way.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use arrow::compute::{concat_batches, take_record_batch};
use arrow_array::{Array, Float32Array, RecordBatch, UInt32Array, UInt64Array};
use arrow_schema::{DataType as ArrowType, Field, Schema as ArrowSchema};

use crate::error::{LanceError, Result};

const ROW_ID: &str = "_rowid";
const DISTANCE: &str = "_distance";
const SCORE: &str = "_score";
const RELEVANCE: &str = "_relevance_score";

/// How a hybrid search fuses its two result lists.
#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum Reranker {
    /// Reciprocal rank fusion: Σ 1 / (rank + k) over both lists (the default).
    Rrf {
        #[uniffi(default = 60)]
        k: i32,
    },
    /// `weight` × (1 − distance) + (1 − `weight`) × score, on normalized values;
    /// a row missing from one list gets `1 − fill` for that part.
    LinearCombination {
        #[uniffi(default = 0.7)]
        weight: f64,
        #[uniffi(default = 1.0)]
        fill: f64,
    },
    /// Weighted mean reciprocal rank; the weights must add up to 1.
    Mrr {
        #[uniffi(default = 0.5)]
        weight_vector: f64,
        #[uniffi(default = 0.5)]
        weight_fts: f64,
    },
}

/// What the scores are normalized from before reranking.
#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Normalize {
    /// Min-max of the scores themselves (the default).
    Score,
    /// Min-max of the ranks.
    Rank,
}

impl From<Normalize> for lancedb::rerankers::NormalizeMethod {
    fn from(n: Normalize) -> Self {
        match n {
            Normalize::Score => Self::Score,
            Normalize::Rank => Self::Rank,
        }
    }
}

impl Reranker {
    /// Checks the parameters as the official SDK does, naming the bad one.
    pub(crate) fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(LanceError::InvalidInput(m));
        match *self {
            Reranker::Rrf { k } if k <= 0 => bad(format!("Rrf: k must be greater than 0 (got {k})")),
            Reranker::LinearCombination { weight, .. } if !(0.0..=1.0).contains(&weight) => {
                bad(format!("LinearCombination: weight must be between 0 and 1 (got {weight})"))
            }
            Reranker::Mrr { weight_vector, weight_fts }
                if !(0.0..=1.0).contains(&weight_vector)
                    || !(0.0..=1.0).contains(&weight_fts)
                    || (weight_vector + weight_fts - 1.0).abs() > 1e-6 =>
            {
                bad(format!(
                    "Mrr: weight_vector and weight_fts must be in [0, 1] and add up to 1 (got {weight_vector}, {weight_fts})"
                ))
            }
            _ => Ok(()),
        }
    }
}

/// The adapter LanceDB calls with the two normalized result lists.
#[derive(Debug)]
pub(crate) struct Fusion(pub Reranker, pub Normalize);

#[async_trait::async_trait]
impl lancedb::rerankers::Reranker for Fusion {
    async fn rerank_hybrid(
        &self,
        _query: &str,
        vector: RecordBatch,
        fts: RecordBatch,
    ) -> lancedb::Result<RecordBatch> {
        fuse(&self.0, self.1, &vector, &fts).map_err(|e| lancedb::Error::InvalidInput { message: e.to_string() })
    }
}

fn fuse(reranker: &Reranker, normalize: Normalize, vector: &RecordBatch, fts: &RecordBatch) -> Result<RecordBatch> {
    let vector_ids = row_ids(vector)?;
    let fts_ids = row_ids(fts)?;
    let (merged, merged_ids) = merge(vector, fts)?;
    let relevance: Vec<f32> = match *reranker {
        Reranker::Rrf { k } => {
            let mut score: HashMap<u64, f64> = HashMap::new();
            for ids in [&vector_ids, &fts_ids] {
                for (i, id) in ids.iter().enumerate() {
                    *score.entry(*id).or_default() += 1.0 / ((i + 1) as f64 + k as f64);
                }
            }
            merged_ids.iter().map(|id| score[id] as f32).collect()
        }
        Reranker::Mrr { weight_vector, weight_fts } => {
            let rr = |ids: &[u64]| -> HashMap<u64, f64> {
                ids.iter().enumerate().map(|(i, id)| (*id, 1.0 / (i + 1) as f64)).collect()
            };
            let (v, f) = (rr(&vector_ids), rr(&fts_ids));
            merged_ids
                .iter()
                .map(|id| {
                    (weight_vector * v.get(id).copied().unwrap_or(0.0)
                        + weight_fts * f.get(id).copied().unwrap_or(0.0)) as f32
                })
                .collect()
        }
        Reranker::LinearCombination { weight, fill } => {
            let (mut distances, mut scores) = (values(vector, DISTANCE)?, values(fts, SCORE)?);
            if normalize == Normalize::Rank {
                distances = normalized_ranks(&distances);
                scores = normalized_ranks(&scores);
            }
            let distance: HashMap<u64, f64> = vector_ids.iter().copied().zip(distances).collect();
            let score: HashMap<u64, f64> = fts_ids.iter().copied().zip(scores).collect();
            merged_ids
                .iter()
                .map(|id| {
                    let d = distance.get(id).copied();
                    let s = score.get(id).copied();
                    (if vector_ids.is_empty() {
                        s.unwrap_or(0.0)
                    } else if fts_ids.is_empty() {
                        1.0 - d.unwrap_or(fill)
                    } else {
                        weight * (1.0 - d.unwrap_or(fill)) + (1.0 - weight) * s.unwrap_or(1.0 - fill)
                    }) as f32
                })
                .collect()
        }
    };
    // Stable, best first: equal scores keep the merged order, as pyarrow's sort does.
    let mut order: Vec<u32> = (0..relevance.len() as u32).collect();
    order.sort_by(|a, b| relevance[*b as usize].total_cmp(&relevance[*a as usize]));
    let order = UInt32Array::from(order);
    let sorted = take_record_batch(&merged, &order)?;
    let relevance = arrow::compute::take(&Float32Array::from(relevance), &order, None)?;
    let mut fields: Vec<Arc<Field>> = sorted.schema().fields().iter().cloned().collect();
    fields.push(Arc::new(Field::new(RELEVANCE, ArrowType::Float32, true)));
    let mut columns = sorted.columns().to_vec();
    columns.push(relevance);
    Ok(RecordBatch::try_new(Arc::new(ArrowSchema::new(fields)), columns)?)
}

/// Vector rows then full-text rows, each row id once (its first occurrence),
/// without the per-leg `_distance` / `_score`.
fn merge(vector: &RecordBatch, fts: &RecordBatch) -> Result<(RecordBatch, Vec<u64>)> {
    let vector = without(vector, DISTANCE)?;
    let fts = without(fts, SCORE)?;
    let names = |b: &RecordBatch| b.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
    let (vector_names, fts_names) = (names(&vector), names(&fts));
    let fts = fts.with_schema(vector.schema()).map_err(|_| {
        LanceError::Internal(format!("hybrid legs differ: vector {vector_names:?}, full-text {fts_names:?}"))
    })?;
    let both = concat_batches(&vector.schema(), [&vector, &fts])?;
    let ids = row_ids(&both)?;
    let mut seen = HashSet::new();
    let keep: Vec<u32> = (0..ids.len() as u32).filter(|i| seen.insert(ids[*i as usize])).collect();
    let merged_ids = keep.iter().map(|i| ids[*i as usize]).collect();
    Ok((take_record_batch(&both, &UInt32Array::from(keep))?, merged_ids))
}

fn without(batch: &RecordBatch, column: &str) -> Result<RecordBatch> {
    match batch.schema().index_of(column) {
        Ok(i) => {
            let mut b = batch.clone();
            b.remove_column(i);
            Ok(b)
        }
        Err(_) => Ok(batch.clone()),
    }
}

fn row_ids(batch: &RecordBatch) -> Result<Vec<u64>> {
    let column = batch
        .column_by_name(ROW_ID)
        .ok_or_else(|| LanceError::Internal("hybrid search result without _rowid".into()))?;
    let ids = column
        .as_any()
        .downcast_ref::<UInt64Array>()
        .ok_or_else(|| LanceError::Internal(format!("_rowid is {}", column.data_type())))?;
    Ok(ids.values().to_vec())
}

fn values(batch: &RecordBatch, column: &str) -> Result<Vec<f64>> {
    if batch.num_rows() == 0 {
        return Ok(vec![]);
    }
    let array = batch
        .column_by_name(column)
        .ok_or_else(|| LanceError::Internal(format!("hybrid search result without {column}")))?;
    let array = arrow::compute::cast(array, &ArrowType::Float64)?;
    let array = array.as_any().downcast_ref::<arrow_array::Float64Array>().unwrap();
    Ok(array.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

/// The official SDK's rank normalization: ranks 1..n by ascending value
/// (ties in order of appearance), then min-max scaled to [0, 1]. Min-max of
/// the values LanceDB already scaled keeps their order, so ranking them here
/// equals ranking the raw scores.
fn normalized_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut ranks = vec![0.0; n];
    for (rank, i) in order.into_iter().enumerate() {
        // In float32, as pyarrow computes it there.
        ranks[i] = if n > 1 { (rank as f32 / (n - 1) as f32) as f64 } else { 0.0 };
    }
    ranks
}

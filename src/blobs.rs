//! Blob columns: large binary values (images, audio, documents) that Lance
//! stores out of line and reads only when asked. A query returns a blob
//! column's descriptions, not its bytes; the bytes come from these calls, by
//! `_rowid` (a query's `with_row_id`): whole (`fetch_blobs`), in byte ranges
//! (`fetch_blob_ranges`), or as lazy file handles that read on demand
//! (`fetch_blob_files`), so a 2 GB video never has to cross into the caller's
//! language at once. Blob columns are made as in the official SDKs (a
//! `lance.blob.v2` field, or `large_binary` with `lance-encoding:blob`).

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, LargeBinaryArray, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use lancedb::blob::BlobRangeRequest;

use crate::cdata;
use crate::error::{LanceError, Result};
use crate::runtime::{heavy, heavy_read};
use crate::table::Table;
use crate::versions::version_arg;

/// Bytes `length` long from `offset` of the blob in row `row_id`.
#[derive(uniffi::Record, Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlobRange {
    pub row_id: i64,
    pub offset: i64,
    pub length: i64,
}

fn row_ids(ids: Vec<i64>) -> Result<Vec<u64>> {
    ids.into_iter().map(|id| version_arg("a row id", id)).collect()
}

fn values(array: LargeBinaryArray) -> Vec<Option<Vec<u8>>> {
    (0..array.len()).map(|i| array.is_valid(i).then(|| array.value(i).to_vec())).collect()
}

/// The blobs as a one-column batch (named `column`, `large_binary`) through the C Data Interface.
fn export(column: &str, blobs: LargeBinaryArray, array_address: i64, schema_address: i64) -> Result<()> {
    let schema = Arc::new(Schema::new(vec![Field::new(column, DataType::LargeBinary, true)]));
    let batch = RecordBatch::try_new(schema, vec![Arc::new(blobs) as ArrayRef])?;
    cdata::export_batch(array_address, schema_address, batch)
}

impl Table {
    async fn blobs(&self, column: String, row_ids: Vec<i64>) -> Result<LargeBinaryArray> {
        let table = self.handle()?;
        let ids = self::row_ids(row_ids)?;
        heavy_read(&self.connection_state().reads, async move { Ok(table.fetch_blobs(&column, &ids).await?) }).await
    }

    async fn blob_ranges(&self, column: String, requests: Vec<BlobRange>) -> Result<LargeBinaryArray> {
        let table = self.handle()?;
        let requests = requests
            .into_iter()
            .map(|r| {
                Ok(BlobRangeRequest::new(
                    version_arg("a row id", r.row_id)?,
                    version_arg("a blob range's offset", r.offset)?,
                    version_arg("a blob range's length", r.length)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        heavy_read(&self.connection_state().reads, async move { Ok(table.fetch_blob_ranges(&column, requests).await?) })
            .await
    }
}

#[uniffi::export]
impl Table {
    /// The blob columns (dotted paths for blobs inside structs), in schema order.
    pub async fn blob_columns(&self) -> Result<Vec<String>> {
        let table = self.handle()?;
        heavy(async move { Ok(table.blob_columns().await?) }).await
    }

    /// The bytes of `column` in the rows `row_ids` (`_rowid` values), in that
    /// order; `None` for a null blob. One unknown row id fails the call.
    pub async fn fetch_blobs(&self, column: String, row_ids: Vec<i64>) -> Result<Vec<Option<Vec<u8>>>> {
        Ok(values(self.blobs(column, row_ids).await?))
    }

    /// `fetch_blobs` as a one-column Arrow batch (`column`, `large_binary`)
    /// exported through the C Data Interface at the two addresses: no copy
    /// for a language with an Arrow library.
    pub async fn fetch_blobs_arrow(
        &self,
        column: String,
        row_ids: Vec<i64>,
        array_address: i64,
        schema_address: i64,
    ) -> Result<()> {
        let blobs = self.blobs(column.clone(), row_ids).await?;
        export(&column, blobs, array_address, schema_address)
    }

    /// Byte ranges of blobs of `column`, one per request, in request order
    /// (requests may repeat or overlap); `None` for a null blob.
    pub async fn fetch_blob_ranges(&self, column: String, requests: Vec<BlobRange>) -> Result<Vec<Option<Vec<u8>>>> {
        Ok(values(self.blob_ranges(column, requests).await?))
    }

    /// `fetch_blob_ranges` as `fetch_blobs_arrow` gives blobs.
    pub async fn fetch_blob_ranges_arrow(
        &self,
        column: String,
        requests: Vec<BlobRange>,
        array_address: i64,
        schema_address: i64,
    ) -> Result<()> {
        let ranges = self.blob_ranges(column.clone(), requests).await?;
        export(&column, ranges, array_address, schema_address)
    }

    /// Lazy handles on the blobs of `column` in the rows `row_ids`, in that
    /// order (`None` for a null blob): nothing is read until `read` or
    /// `read_range` is called on one.
    pub async fn fetch_blob_files(&self, column: String, row_ids: Vec<i64>) -> Result<Vec<Option<Arc<BlobFile>>>> {
        let table = self.handle()?;
        let ids = self::row_ids(row_ids)?;
        let files = heavy_read(&self.connection_state().reads, async move { Ok(table.fetch_blob_files(&column, &ids).await?) }).await?;
        Ok(files.into_iter().map(|f| f.map(|inner| Arc::new(BlobFile { inner: Arc::new(inner) }))).collect())
    }
}

/// One blob, read on demand: its `size` is known without reading it.
#[derive(uniffi::Object)]
pub struct BlobFile {
    inner: Arc<lancedb::blob::BlobFile>,
}

#[uniffi::export]
impl BlobFile {
    /// The blob's length in bytes.
    pub fn size(&self) -> i64 {
        i64::try_from(self.inner.size()).unwrap_or(i64::MAX)
    }

    /// The whole blob.
    pub async fn read(&self) -> Result<Vec<u8>> {
        let inner = self.inner.clone();
        // By range, not from the handle's cursor: reads at once from several callers stay whole.
        heavy(async move { Ok(inner.read_range(0..inner.size()).await.map_err(lancedb::Error::from)?.to_vec()) }).await
    }

    /// `length` bytes from `offset`: fewer (none past the end) where the blob ends first.
    pub async fn read_range(&self, offset: i64, length: i64) -> Result<Vec<u8>> {
        let start = version_arg("offset", offset)?;
        let length = version_arg("length", length)?;
        let end = start
            .checked_add(length)
            .ok_or_else(|| LanceError::InvalidInput(format!("offset {offset} + length {length} is too large")))?;
        // As a file read: what lies past the end is not there, and is not an error.
        let end = end.min(self.inner.size());
        let start = start.min(end);
        let inner = self.inner.clone();
        heavy(async move { Ok(inner.read_range(start..end).await.map_err(lancedb::Error::from)?.to_vec()) }).await
    }
}

//! Arrow C Data Interface: zero-copy Arrow in and out for languages that have
//! an Arrow library (pyarrow). The foreign side allocates the C structs and
//! passes their addresses as integers; ownership moves as the interface says
//! (the importer takes the struct and leaves it released).

use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{Array, RecordBatch, RecordBatchIterator, RecordBatchReader, StructArray};
use arrow_schema::{Schema as ArrowSchema, SchemaRef};

use crate::error::{LanceError, Result};

fn non_null<T>(address: i64, what: &str) -> Result<*mut T> {
    if address == 0 {
        return Err(LanceError::InvalidInput(format!("null {what} pointer")));
    }
    Ok(address as usize as *mut T)
}

/// Takes an `ArrowArrayStream` and reads it to the end. Reading happens here,
/// on the calling thread, so a producer that needs its own runtime lock (the
/// GIL for a Python generator) is never called from a worker thread; the
/// batches themselves are not copied.
pub(crate) fn import_stream(address: i64) -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let stream = non_null::<FFI_ArrowArrayStream>(address, "ArrowArrayStream")?;
    // SAFETY: the caller passes the address of a valid ArrowArrayStream it owns;
    // from_raw moves it out and marks the original released.
    let reader = unsafe { ArrowArrayStreamReader::from_raw(stream) }?;
    let schema = reader.schema();
    let batches = reader.collect::<std::result::Result<Vec<_>, _>>()?;
    Ok((schema, batches))
}

/// Writes a stream over `batches` into the caller's `ArrowArrayStream`.
pub(crate) fn export_stream(address: i64, schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<()> {
    let out = non_null::<FFI_ArrowArrayStream>(address, "ArrowArrayStream")?;
    let reader: Box<dyn RecordBatchReader + Send> =
        Box::new(RecordBatchIterator::new(batches.into_iter().map(Ok), schema));
    // SAFETY: the caller passes writable memory for one ArrowArrayStream that
    // holds no live stream; write() does not drop the old bytes.
    unsafe { std::ptr::write(out, FFI_ArrowArrayStream::new(reader)) };
    Ok(())
}

pub(crate) fn import_schema(address: i64) -> Result<SchemaRef> {
    let ffi = non_null::<FFI_ArrowSchema>(address, "ArrowSchema")?;
    // SAFETY: a valid ArrowSchema owned by the caller; we take it and leave an
    // empty (released) one behind, as the interface's move semantics say.
    let taken = unsafe { std::ptr::replace(ffi, FFI_ArrowSchema::empty()) };
    Ok(std::sync::Arc::new(ArrowSchema::try_from(&taken)?))
}

pub(crate) fn export_schema(address: i64, schema: &ArrowSchema) -> Result<()> {
    let out = non_null::<FFI_ArrowSchema>(address, "ArrowSchema")?;
    let ffi = FFI_ArrowSchema::try_from(schema)?;
    // SAFETY: writable memory for one ArrowSchema holding no live schema.
    unsafe { std::ptr::write(out, ffi) };
    Ok(())
}

/// Exports one batch as a struct array plus its schema.
pub(crate) fn export_batch(array_address: i64, schema_address: i64, batch: RecordBatch) -> Result<()> {
    let out_array = non_null::<FFI_ArrowArray>(array_address, "ArrowArray")?;
    export_schema(schema_address, batch.schema_ref())?;
    let data = StructArray::from(batch).into_data();
    // SAFETY: writable memory for one ArrowArray holding no live array.
    unsafe { std::ptr::write(out_array, FFI_ArrowArray::new(&data)) };
    Ok(())
}

//! Arrow IPC stream bytes in and out: the format every Arrow library reads
//! (Apache.Arrow for .NET, Arrow Java), for languages without a zero-copy path.

use arrow::ipc::reader::StreamReader;
use arrow::ipc::writer::StreamWriter;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;

use crate::error::{LanceError, Result};

pub(crate) fn read_stream(bytes: &[u8]) -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let reader = StreamReader::try_new(bytes, None)
        .map_err(|e| LanceError::InvalidInput(format!("not an Arrow IPC stream: {e}")))?;
    let schema = reader.schema();
    let batches = reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| LanceError::InvalidInput(format!("bad Arrow IPC stream: {e}")))?;
    Ok((schema, batches))
}

pub(crate) fn write_stream(schema: &SchemaRef, batches: &[RecordBatch]) -> Result<Vec<u8>> {
    let mut writer = StreamWriter::try_new(Vec::new(), schema)?;
    for batch in batches {
        writer.write(batch)?;
    }
    Ok(writer.into_inner()?)
}

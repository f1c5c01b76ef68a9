//! Arrow IPC stream bytes in and out: the format every Arrow library reads
//! (Apache.Arrow for .NET, Arrow Java), for languages without a zero-copy path.
//! Whole streams as one byte array (`add_ipc`, `to_ipc`), or piece by piece so
//! that neither side holds all the rows at once: `BatchStream::next_ipc` out,
//! `Table::add_ipc_stream` in.

use std::io::Read;
use std::sync::Arc;

use arrow::ipc::reader::StreamReader;
use arrow::ipc::writer::StreamWriter;
use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::SchemaRef;
use tokio::sync::{mpsc, Mutex};

use crate::error::{LanceError, Result};
use crate::runtime::{outcome, runtime};
use crate::table::{AddMode, AddResult, Table};

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

/// Encodes batches as consecutive pieces of one IPC stream (see `BatchStream::next_ipc`).
#[derive(Default)]
pub(crate) struct IpcPieces {
    writer: Option<StreamWriter<Vec<u8>>>,
    finished: bool,
}

impl IpcPieces {
    pub(crate) fn is_finished(&self) -> bool {
        self.finished
    }

    /// The bytes for `batch`, or the end-of-stream marker for `None`; the
    /// first call also writes the schema.
    pub(crate) fn next(&mut self, schema: &SchemaRef, batch: Option<&RecordBatch>) -> Result<Vec<u8>> {
        if self.writer.is_none() {
            self.writer = Some(StreamWriter::try_new(Vec::new(), schema)?);
        }
        let writer = self.writer.as_mut().expect("set just above");
        match batch {
            Some(batch) => writer.write(batch)?,
            None => {
                writer.finish()?;
                self.finished = true;
            }
        }
        let bytes = std::mem::take(writer.get_mut());
        if self.finished {
            self.writer = None;
        }
        Ok(bytes)
    }
}

enum Piece {
    Bytes(Vec<u8>),
    End,
}

/// The pushed pieces as one byte stream, read on Tokio's blocking pool
/// (where LanceDB reads a `RecordBatchReader`): waiting for the next piece
/// blocks only that thread.
struct Pieces {
    receiver: mpsc::Receiver<Piece>,
    current: Vec<u8>,
    at: usize,
    ended: bool,
}

impl Read for Pieces {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            if self.ended {
                return Ok(0);
            }
            match self.receiver.blocking_recv() {
                Some(Piece::Bytes(bytes)) => {
                    self.current = bytes;
                    self.at = 0;
                }
                Some(Piece::End) => self.ended = true,
                // Dropped without `finish`: fail the append rather than commit part of it.
                // (Not `UnexpectedEof`: Arrow's reader takes that for the end of the stream.)
                None => return Err(std::io::Error::other("the IPC stream was abandoned before finish")),
            }
        }
        let n = out.len().min(self.current.len() - self.at);
        out[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// An append fed with Arrow IPC stream bytes piece by piece (`write`), in
/// pieces of any size: LanceDB writes batches as they are decoded, so the
/// stream need not fit in memory. Nothing is committed before `finish`; an
/// append dropped without `finish` writes nothing.
#[derive(uniffi::Object)]
pub struct IpcAppend {
    sender: Mutex<Option<mpsc::Sender<Piece>>>,
    task: Mutex<Option<tokio::task::JoinHandle<Result<AddResult>>>>,
}

/// Pieces waiting to be decoded: a bounded queue, so `write` waits while LanceDB is behind.
const QUEUED_PIECES: usize = 4;

#[uniffi::export]
impl Table {
    /// Starts an append of Arrow IPC stream bytes pushed with
    /// `IpcAppend::write`; `finish` commits it (`mode` as in `add`).
    #[uniffi::method(default(mode = None))]
    pub fn add_ipc_stream(self: Arc<Self>, mode: Option<AddMode>) -> Arc<IpcAppend> {
        let (sender, receiver) = mpsc::channel(QUEUED_PIECES);
        let task = runtime().spawn(async move {
            let pieces = Pieces { receiver, current: Vec::new(), at: 0, ended: false };
            // Decoding the schema waits for the first bytes: on the blocking pool.
            let reader = tokio::task::spawn_blocking(move || StreamReader::try_new(pieces, None))
                .await
                .map_err(|e| LanceError::Internal(format!("IPC reader task failed: {e}")))?
                .map_err(|e| LanceError::InvalidInput(format!("not an Arrow IPC stream: {e}")))?;
            let schema = reader.schema();
            let reader: Box<dyn RecordBatchReader + Send> = Box::new(reader);
            self.add_scannable(reader, schema, Vec::new(), mode).await
        });
        Arc::new(IpcAppend { sender: Mutex::new(Some(sender)), task: Mutex::new(Some(task)) })
    }
}

impl IpcAppend {
    /// The append's outcome once it has ended (an error stops it early).
    async fn outcome(&self) -> Result<AddResult> {
        let Some(task) = self.task.lock().await.take() else {
            return Err(LanceError::InvalidInput("this IPC append has already finished".into()));
        };
        outcome(task.await)
    }
}

#[uniffi::export]
impl IpcAppend {
    /// Pushes the next bytes of the IPC stream (any split of it). Waits
    /// while LanceDB is behind; fails with the append's error if it failed.
    pub async fn write(&self, bytes: Vec<u8>) -> Result<()> {
        let mut sender = self.sender.lock().await;
        let Some(open) = sender.as_ref() else {
            return Err(LanceError::InvalidInput("this IPC append has already finished".into()));
        };
        if open.send(Piece::Bytes(bytes)).await.is_err() {
            // The append ended early: its error says why.
            sender.take();
            drop(sender);
            self.outcome().await?;
            return Err(LanceError::InvalidInput("the IPC stream ended before these bytes".into()));
        }
        Ok(())
    }

    /// Ends the stream and commits the rows; the table's version after it.
    pub async fn finish(&self) -> Result<AddResult> {
        if let Some(sender) = self.sender.lock().await.take() {
            // A failed append has dropped its receiver: its error comes from `outcome`.
            let _ = sender.send(Piece::End).await;
        }
        self.outcome().await
    }
}

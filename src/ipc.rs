//! Arrow IPC stream bytes in and out: the format every Arrow library reads
//! (Apache.Arrow for .NET, Arrow Java), for languages without a zero-copy path.
//! Whole streams as one byte array (`add_ipc`, `to_ipc`), or piece by piece so
//! that neither side holds all the rows at once: `BatchStream::next_ipc` out,
//! `Table::add_ipc_stream` and `Connection::create_table_ipc_stream` in.

use std::collections::HashMap;
use std::future::Future;
use std::io::Read;
use std::sync::Arc;

use arrow::ipc::reader::StreamReader;
use arrow::ipc::writer::StreamWriter;
use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::SchemaRef;
use tokio::sync::{mpsc, Mutex};

use crate::connection::{Connection, CreateMode};
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

/// The receiving half of an IPC stream pushed piece by piece: a task that
/// decodes the pieces as they come (on the blocking pool) and hands the
/// decoder to `consume` (an append, a table creation), which LanceDB reads
/// batch by batch. Nothing is committed before `finish`: a feed dropped
/// without it fails its reader, and the write it feeds writes nothing.
struct Feed<T> {
    sender: Mutex<Option<mpsc::Sender<Piece>>>,
    task: Mutex<Option<tokio::task::JoinHandle<Result<T>>>>,
}

/// Pieces waiting to be decoded: a bounded queue, so `write` waits while LanceDB is behind.
const QUEUED_PIECES: usize = 4;

impl<T: Send + 'static> Feed<T> {
    fn start<F, Fut>(consume: F) -> Self
    where
        F: FnOnce(Box<dyn RecordBatchReader + Send>, SchemaRef) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T>> + Send + 'static,
    {
        let (sender, receiver) = mpsc::channel(QUEUED_PIECES);
        let task = runtime().spawn(async move {
            let pieces = Pieces { receiver, current: Vec::new(), at: 0, ended: false };
            // Decoding the schema waits for the first bytes: on the blocking pool.
            let reader = tokio::task::spawn_blocking(move || StreamReader::try_new(pieces, None))
                .await
                .map_err(|e| LanceError::Internal(format!("IPC reader task failed: {e}")))?
                .map_err(|e| LanceError::InvalidInput(format!("not an Arrow IPC stream: {e}")))?;
            let schema = reader.schema();
            consume(Box::new(reader), schema).await
        });
        Feed { sender: Mutex::new(Some(sender)), task: Mutex::new(Some(task)) }
    }

    /// The write's outcome once it has ended (an error stops it early).
    async fn outcome(&self) -> Result<T> {
        let Some(task) = self.task.lock().await.take() else {
            return Err(LanceError::InvalidInput("this IPC stream has already finished".into()));
        };
        outcome(task.await)
    }

    async fn write(&self, bytes: Vec<u8>) -> Result<()> {
        let mut sender = self.sender.lock().await;
        let Some(open) = sender.as_ref() else {
            return Err(LanceError::InvalidInput("this IPC stream has already finished".into()));
        };
        if open.send(Piece::Bytes(bytes)).await.is_err() {
            // The write ended early: its error says why.
            sender.take();
            drop(sender);
            self.outcome().await?;
            return Err(LanceError::InvalidInput("the IPC stream ended before these bytes".into()));
        }
        Ok(())
    }

    async fn finish(&self) -> Result<T> {
        if let Some(sender) = self.sender.lock().await.take() {
            // A failed write has dropped its receiver: its error comes from `outcome`.
            let _ = sender.send(Piece::End).await;
        }
        self.outcome().await
    }
}

/// An append fed with Arrow IPC stream bytes piece by piece (`write`), in
/// pieces of any size: LanceDB writes batches as they are decoded, so the
/// stream need not fit in memory. Nothing is committed before `finish`; an
/// append dropped without `finish` writes nothing.
#[derive(uniffi::Object)]
pub struct IpcAppend(Feed<AddResult>);

/// A table created from Arrow IPC stream bytes pushed piece by piece, as
/// [`IpcAppend`] appends them: the table exists once `finish` succeeds. If
/// the stream fails or is dropped unfinished, no table is created: opening
/// the name fails and creating it again works. (As with the official SDK, the
/// data files written before the failure stay in the name's directory, so
/// `table_names` may list it; removing them here could race a create of the
/// same name by another caller or process and delete its data.)
#[derive(uniffi::Object)]
pub struct IpcCreate(Feed<Arc<Table>>);

#[uniffi::export]
impl Table {
    /// Starts an append of Arrow IPC stream bytes pushed with
    /// `IpcAppend::write`; `finish` commits it (`mode` as in `add`).
    #[uniffi::method(default(mode = None))]
    pub fn add_ipc_stream(self: Arc<Self>, mode: Option<AddMode>) -> Arc<IpcAppend> {
        Arc::new(IpcAppend(Feed::start(move |reader, schema| async move {
            self.add_scannable(reader, schema, Vec::new(), mode).await
        })))
    }
}

#[uniffi::export]
impl Connection {
    /// Starts creating table `name` from Arrow IPC stream bytes pushed with
    /// `IpcCreate::write`; `finish` returns the table (`mode` and
    /// `storage_options` as in `create_table`).
    #[uniffi::method(default(mode = None, storage_options))]
    pub fn create_table_ipc_stream(
        self: Arc<Self>,
        name: String,
        mode: Option<CreateMode>,
        storage_options: HashMap<String, String>,
    ) -> Arc<IpcCreate> {
        Arc::new(IpcCreate(Feed::start(move |reader, schema| async move {
            self.create_from(name, mode, &schema, reader, storage_options).await
        })))
    }
}

#[uniffi::export]
impl IpcAppend {
    /// Pushes the next bytes of the IPC stream (any split of it). Waits
    /// while LanceDB is behind; fails with the append's error if it failed.
    pub async fn write(&self, bytes: Vec<u8>) -> Result<()> {
        self.0.write(bytes).await
    }

    /// Ends the stream and commits the rows; the table's version after it.
    pub async fn finish(&self) -> Result<AddResult> {
        self.0.finish().await
    }
}

#[uniffi::export]
impl IpcCreate {
    /// Pushes the next bytes of the IPC stream (any split of it). Waits
    /// while LanceDB is behind; fails with the creation's error if it failed.
    pub async fn write(&self, bytes: Vec<u8>) -> Result<()> {
        self.0.write(bytes).await
    }

    /// Ends the stream and creates the table with its rows.
    pub async fn finish(&self) -> Result<Arc<Table>> {
        self.0.finish().await
    }
}

//! Where the work runs.
//!
//! UniFFI polls an exported future on whatever thread the foreign caller
//! polls from: the asyncio loop, a coroutine dispatcher, a .NET pool thread.
//! Heavy LanceDB work must never run there, so it is spawned onto the crate's
//! own multi-thread runtime and the foreign side only awaits the join handle.
//! A hop costs a thread wake-up on each side (~120 µs per call from Python,
//! shared/ASYNC-FACTS.md), which is most of the cost of a metadata call that
//! could have finished at once. So calls that are cheap when LanceDB has what
//! it needs in memory (`count_rows` without a filter, `version`, `schema`)
//! use [`light`]: one poll on the caller's thread, and only if that poll
//! returns `Pending` (I/O needed) the rest moves onto the runtime.
//!
//! A caller that stops waiting (cancels) aborts a read at its next await, so a
//! cancelled search stops using CPU. Writes ([`write`]) are never aborted: a
//! write cut at an await point leaves the files it had written so far behind
//! and may still be doing file I/O on Tokio's blocking pool after the abort.
//! A write runs on to its atomic commit (or failure) instead, and `close` on
//! its table or connection waits for it ([`Writes`]) without blocking a
//! thread, so once close completes nothing of theirs touches the database.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::Poll;

use futures::FutureExt;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

use crate::admission::Admission;
use crate::debug::{self, Live};
use crate::error::{LanceError, Result};
use crate::limits::WORKER_STACK_BYTES;

type BoxedWork<T> = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

pub(crate) fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .max(2);
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("unilance-worker")
            // LanceDB's planner recurses once per expression level (`limits`).
            .thread_stack_size(WORKER_STACK_BYTES)
            .enable_all()
            .build()
            .expect("cannot start the unilance Tokio runtime")
    })
}

/// Runs heavy work on the crate's runtime. Dropping the returned future (the
/// caller cancelled) aborts the task, so a cancelled search stops using CPU.
pub(crate) async fn heavy<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    join(runtime().spawn(catch_panic(work))).await
}

/// Runs a heavy read once `admission` lets it in (`admission` module): a
/// queued read has no task yet, and dropping the future leaves the queue.
pub(crate) async fn heavy_read<T, F>(admission: &Admission, work: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    let permit = admission.admit().await;
    heavy(async move {
        let _permit = permit;
        work.await
    })
    .await
}

/// Runs a write on the crate's runtime, counted in each of `writes` until it
/// ends. Dropping the returned future does not stop it (see the module docs).
pub(crate) async fn write<T, F>(writes: &[&Arc<Writes>], work: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    let guards: Vec<WriteGuard> = writes.iter().map(|w| w.begin()).collect();
    let live = Live::new(&debug::WRITES);
    let task = runtime().spawn(catch_panic(async move {
        // Dropped in this order: the count is down before a waiting close wakes.
        let _in_flight = (live, guards);
        work.await
    }));
    outcome(task.await)
}

/// The writes in flight on one table or connection.
#[derive(Default)]
pub(crate) struct Writes {
    in_flight: Mutex<usize>,
    idle: tokio::sync::Notify,
}

impl Writes {
    fn begin(self: &Arc<Self>) -> WriteGuard {
        *self.in_flight.lock().unwrap() += 1;
        WriteGuard(Arc::clone(self))
    }

    /// Completes once no write is in flight. Waits without blocking a thread,
    /// so the caller's loop keeps running while the writes end.
    pub(crate) async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            tokio::pin!(notified);
            // Registered before the count is read: a write ending in between still wakes us.
            notified.as_mut().enable();
            if *self.in_flight.lock().unwrap() == 0 {
                return;
            }
            notified.await;
        }
    }
}

struct WriteGuard(Arc<Writes>);

impl Drop for WriteGuard {
    fn drop(&mut self) {
        let now_idle = {
            let mut in_flight = self.0.in_flight.lock().unwrap();
            *in_flight -= 1;
            *in_flight == 0
        };
        // Woken with no lock held: a waker may poll the closing future again right here (C#'s
        // repoll_on_waking_thread), and that poll takes the lock.
        if now_idle {
            self.0.idle.notify_waiters();
        }
    }
}

/// Polls the work once on the caller's thread, inside the runtime's context
/// (LanceDB may spawn or use timers), and moves it onto the runtime only if it
/// is not finished by then. Use it only for work whose first poll is cheap,
/// and never for work that parses or plans SQL: the caller's thread may have
/// a small stack (a .NET pool thread, a coroutine dispatcher).
pub(crate) async fn light<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    // Boxed so the partly-polled future can still move to a worker thread.
    let mut work: BoxedWork<T> = Box::pin(catch_panic(work));
    let first = std::future::poll_fn(|cx| {
        let _context = runtime().enter();
        Poll::Ready(work.as_mut().poll(cx))
    })
    .await;
    match first {
        Poll::Ready(result) => result,
        Poll::Pending => join(runtime().spawn(work)).await,
    }
}

async fn catch_panic<T>(work: impl Future<Output = Result<T>>) -> Result<T> {
    AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .unwrap_or_else(|payload| Err(panic_error(payload)))
}

fn panic_error(payload: Box<dyn std::any::Any + Send>) -> LanceError {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    LanceError::Internal(format!("panic in unilance: {text}"))
}

async fn join<T>(handle: JoinHandle<Result<T>>) -> Result<T> {
    let mut guard = AbortOnDrop(handle);
    outcome((&mut guard.0).await)
}

pub(crate) fn outcome<T>(joined: std::result::Result<Result<T>, tokio::task::JoinError>) -> Result<T> {
    match joined {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(panic_error(e.into_panic())),
        Err(e) => Err(LanceError::Internal(format!("task failed: {e}"))),
    }
}

struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

//! How many heavy reads of one connection run at once.
//!
//! Each vector search in flight holds its own buffers (~12 MB for a flat
//! search over 20k x 128 vectors), and every call spawns its task at once, so
//! 2,000 concurrent searches once held 24 GB and the process was OOM-killed.
//! Reads (scans, searches, filtered counts, stream batches) now wait for a
//! permit first: at most [`Admission::limit`] run at once per connection, the
//! rest queue in arrival order (tokio's semaphore is fair) without a task or
//! buffers of their own, and a queued call that is cancelled simply leaves
//! the queue. Writes are not admitted here: each table commits them one at a
//! time anyway, and `close` must be able to wait for them.

use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{LanceError, Result};

/// Heavy reads in flight per connection unless told otherwise: two per core,
/// enough to keep every core busy while another read waits on I/O.
pub(crate) fn default_limit() -> usize {
    2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

pub(crate) struct Admission {
    /// Replaced (not resized) by `set_limit`, so reads already admitted keep
    /// their permits and the new limit applies to every read that starts later.
    permits: Mutex<(usize, Arc<Semaphore>)>,
}

impl Default for Admission {
    fn default() -> Self {
        let limit = default_limit();
        Self { permits: Mutex::new((limit, Arc::new(Semaphore::new(limit)))) }
    }
}

impl Admission {
    pub(crate) fn limit(&self) -> usize {
        self.permits.lock().unwrap().0
    }

    pub(crate) fn set_limit(&self, limit: u32) -> Result<()> {
        if limit == 0 {
            return Err(LanceError::InvalidInput(
                "max_concurrent_reads must be at least 1 (got 0)".into(),
            ));
        }
        let limit = limit as usize;
        *self.permits.lock().unwrap() = (limit, Arc::new(Semaphore::new(limit)));
        Ok(())
    }

    /// Waits for a turn; dropping the future leaves the queue.
    pub(crate) async fn admit(&self) -> OwnedSemaphorePermit {
        let semaphore = self.permits.lock().unwrap().1.clone();
        semaphore.acquire_owned().await.expect("the semaphore is never closed")
    }
}

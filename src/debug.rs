//! Hooks for the test suites and benchmarks of every language.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::error::Result;
use crate::runtime::{heavy, light};

/// An async call that does nothing, or panics with `panic_message`, either on
/// the runtime's worker (`on_runtime`: the cost of a Tokio hop) or at the first
/// poll on the caller's thread. Tests use it to check that a panic surfaces as
/// an exception; benchmarks to measure the bare async round trip.
#[uniffi::export]
pub async fn debug_call(panic_message: Option<String>, on_runtime: bool) -> Result<()> {
    let work = async move {
        if let Some(message) = panic_message {
            panic!("{message}");
        }
        Ok(())
    };
    if on_runtime {
        heavy(work).await
    } else {
        light(work).await
    }
}

/// How many objects of each kind are alive on the Rust side: tests in every
/// language check that closing and dropping wrappers really frees them.
#[derive(uniffi::Record, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiveObjects {
    pub connections: i64,
    pub tables: i64,
    pub queries: i64,
    pub streams: i64,
    /// Writes still running, including those whose caller cancelled.
    pub writes: i64,
}

#[uniffi::export]
pub fn debug_live_objects() -> LiveObjects {
    LiveObjects {
        connections: CONNECTIONS.load(Ordering::Relaxed),
        tables: TABLES.load(Ordering::Relaxed),
        queries: QUERIES.load(Ordering::Relaxed),
        streams: STREAMS.load(Ordering::Relaxed),
        writes: WRITES.load(Ordering::Relaxed),
    }
}

pub(crate) static CONNECTIONS: AtomicI64 = AtomicI64::new(0);
pub(crate) static TABLES: AtomicI64 = AtomicI64::new(0);
pub(crate) static QUERIES: AtomicI64 = AtomicI64::new(0);
pub(crate) static STREAMS: AtomicI64 = AtomicI64::new(0);
pub(crate) static WRITES: AtomicI64 = AtomicI64::new(0);

/// Counts one live object of a kind for as long as it is held.
pub(crate) struct Live(&'static AtomicI64);

impl Live {
    pub(crate) fn new(counter: &'static AtomicI64) -> Self {
        counter.fetch_add(1, Ordering::Relaxed);
        Self(counter)
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

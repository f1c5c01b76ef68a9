//! The minimal hand-written async FFI that UniFFI's protocol is measured against: one call,
//! one completion callback, no handles, no polling. The runtime is built exactly like
//! unilance's (one worker per core, at least two, I/O and time drivers on, as LanceDB needs)
//! so both paths pay the same Tokio hop: a worker parked in the I/O driver wakes slower than
//! one parked on a condition variable.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

/// Called exactly once per call with the caller's `data` word.
pub type Completion = extern "C" fn(data: u64);

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("cabi-worker")
            .enable_all()
            .build()
            .expect("cannot start the Tokio runtime")
    })
}

/// Completes on a Tokio worker: the counterpart of `debug_call(None, on_runtime = true)`.
#[no_mangle]
pub extern "C" fn cabi_spawn_noop(complete: Completion, data: u64) {
    runtime().spawn(async move { complete(data) });
}

/// Completes on the caller's thread before returning: the counterpart of a future that is
/// ready at the first poll.
#[no_mangle]
pub extern "C" fn cabi_ready_noop(complete: Completion, data: u64) {
    complete(data)
}

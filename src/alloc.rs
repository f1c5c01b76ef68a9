//! Which allocator Rust memory comes from.
//!
//! LanceDB's maintenance and write paths allocate and free at a high rate:
//! `perf record` of `optimize` (release build, bench/RESULTS.md) put ~30 % of
//! its samples in glibc's `malloc`/`free` and much of the ~30 % in the kernel
//! in the page faults and `madvise` calls behind them. The async bridge
//! allocates too: every call creates and frees a UniFFI `RustFuture`, its
//! boxed future and a Tokio task. mimalloc (thread-local free lists, no global
//! lock, memory kept in per-thread pages instead of returned to the kernel at
//! every free) is made for exactly that load, so the library routes every Rust
//! allocation through it.
//!
//! Only this library's Rust allocations are affected: the host process
//! (CPython, the JVM, the .NET runtime) and the C libraries LanceDB links keep
//! their own `malloc`. Nothing allocated here is freed by a foreign allocator:
//! UniFFI buffers come back through `rustbuffer_free`, Arrow C Data structures
//! through their own `release` callbacks, both of which run this library's code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

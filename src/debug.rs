//! Hooks for the test suites and benchmarks of every language.

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

"""Lets the interpreter exit while a Tokio worker is still inside UniFFI's continuation callback.

The callback (`_ffi._uniffi_continuation_callback`) runs on the Rust thread that woke the
future: it takes the GIL and calls `loop.call_soon_threadsafe`, whose write to the loop's
self-pipe releases the GIL. If that wake-up was the last thing the program awaited, the main
thread can finish and start finalizing before the worker takes the GIL back to return; Python
then ends that thread with `pthread_exit`, whose unwinding Tokio's `catch_unwind` stops, and
glibc aborts the process ("FATAL: exception not rethrown", exit status -6), after the program's
work is done. Here each callback is counted, and an `atexit` hook (run before finalization)
waits, releasing the GIL, until none is in flight.
"""

from __future__ import annotations

import atexit
import threading
import time

from . import _ffi

_lock = threading.Lock()
_in_flight = 0


@_ffi._UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK
def _counted_callback(future_ptr, poll_code):
    global _in_flight
    with _lock:
        _in_flight += 1
    try:
        (eventloop, future) = _ffi._UniffiContinuationHandleMap.remove(future_ptr)
        eventloop.call_soon_threadsafe(_ffi._uniffi_set_future_result, future, poll_code)
    finally:
        with _lock:
            _in_flight -= 1


# `_uniffi_rust_call_async` looks the callback up by name at every poll.
_ffi._uniffi_continuation_callback = _counted_callback


@atexit.register
def _wait_for_callbacks(timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while _in_flight and time.monotonic() < deadline:
        time.sleep(0.001)

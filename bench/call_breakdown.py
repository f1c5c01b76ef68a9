"""Where the microseconds of one async call go: each step of a call timed on its own.

    PYTHONPATH=<staged package> python3 bench/call_breakdown.py [--rounds 7] [--calls 20000]

A call of the generated module is: lower the arguments (Python), create the Rust future (FFI),
poll it (FFI; Rust runs the future and calls the continuation callback, a ctypes callback into
Python, before or after the poll returns), complete it (FFI), free it (FFI), lift the result.
With UniFFI's own async runtime a callback also meant `call_soon_threadsafe` and two loop
turns; with ours (uniffi-bindgen/src/python/async_call.py) a callback inside the poll means
none. Each step is repeated `--calls` times per round; the median of the rounds is printed.
Steps are measured cumulatively (create+free, then +poll, then +complete), so each line's
increment is the cost of the step it adds.
"""

import argparse
import asyncio
import ctypes
import statistics
import time

import unilance  # noqa: F401 - loads the library like an application does
from unilance import _ffi as F

L = F._UniffiLib
OPT_STR, BOOL = F._UniffiFfiConverterOptionalString, F._UniffiFfiConverterBoolean
NOOP_CALLBACK = F._UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK(lambda handle, code: None)


def lower_args():
    OPT_STR.check_lower(None)
    BOOL.check_lower(False)
    return OPT_STR.lower(None), BOOL.lower(False)


def create_free():
    f = L.uniffi_unilance_fn_func_debug_call(*lower_args())
    L.ffi_unilance_rust_future_free_void(f)


def create_poll_free(callback):
    def step():
        f = L.uniffi_unilance_fn_func_debug_call(*lower_args())
        L.ffi_unilance_rust_future_poll_void(f, callback, 1)
        L.ffi_unilance_rust_future_free_void(f)
    return step


def create_poll_complete_free(callback):
    def step():
        f = L.uniffi_unilance_fn_func_debug_call(*lower_args())
        L.ffi_unilance_rust_future_poll_void(f, callback, 1)
        status = F._UniffiRustCallStatus()
        L.ffi_unilance_rust_future_complete_void(f, ctypes.byref(status))
        L.ffi_unilance_rust_future_free_void(f)
    return step


def drive(coro):
    """Runs a coroutine that never suspends, without an event loop."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("the coroutine suspended")


async def nothing():
    return None


def sync_steps():
    libc = ctypes.CDLL(None)
    labs = libc.labs
    labs.argtypes, labs.restype = (ctypes.c_long,), ctypes.c_long
    return [
        ("ctypes call of a C function (libc labs), for scale", lambda: labs(-1)),
        ("lower the arguments (Option<String> None, bool)", lower_args),
        ("  + create and free the Rust future (2 FFI calls)", create_free),
        ("  + poll, ready: Rust calls a no-op ctypes callback", create_poll_free(NOOP_CALLBACK)),
        ("  + complete (FFI call)", create_poll_complete_free(NOOP_CALLBACK)),
        ("a coroutine awaited to its end (no loop)", lambda: drive(nothing())),
    ]


def loop_steps():
    async def ready_call():
        await F.debug_call(None, False)

    async def loop_turn():
        await asyncio.sleep(0)

    async def self_wake():
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        loop.call_soon_threadsafe(fut.set_result, None)
        await fut

    return [
        ("whole call: await debug_call(None, False)", ready_call),
        ("asyncio: a loop turn (sleep(0))", loop_turn),
        ("asyncio: call_soon_threadsafe from the loop + await", self_wake),
    ]


def time_sync(step, n):
    start = time.perf_counter()
    for _ in range(n):
        step()
    return (time.perf_counter() - start) / n * 1e6


async def time_async(step, n):
    start = time.perf_counter()
    for _ in range(n):
        await step()
    return (time.perf_counter() - start) / n * 1e6


async def main(args):
    steps = sync_steps()
    async_steps = loop_steps()
    samples = {name: [] for name, _ in steps + async_steps}
    for _ in range(args.rounds):
        for name, step in steps:
            samples[name].append(time_sync(step, args.calls))
        for name, step in async_steps:
            samples[name].append(await time_async(step, args.calls))
    print(f"median [min-max] of {args.rounds} rounds of {args.calls} calls, us per call")
    for name, values in samples.items():
        print(f"{name:<58} {statistics.median(values):7.2f} [{min(values):.2f}-{max(values):.2f}]")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--calls", type=int, default=20000)
    asyncio.run(main(p.parse_args()))

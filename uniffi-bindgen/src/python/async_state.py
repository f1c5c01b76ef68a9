import atexit as _uniffi_atexit
import time as _uniffi_time

# Async calls (unilance's uniffi-bindgen, uniffi-bindgen/src/python/: this part and the one
# from `_uniffi_wait_for_foreign_callbacks` on replace UniFFI 0.32.2's Async.py).
#
# Rust calls a poll's continuation callback exactly once, and where it calls it decides
# what it costs:
#   - inside `ffi_poll`, on the polling thread: the future was ready at that poll (or woke
#     itself). The callback only notes the code in the poll's slot; the coroutine reads it
#     when `ffi_poll` returns and goes on: no asyncio future, no loop turn for READY (one
#     plain loop turn for WAKE, so a future that keeps waking itself cannot starve the loop).
#     UniFFI's own code sent even this case through `loop.call_soon_threadsafe` (a write to
#     the loop's self-pipe and two loop turns);
#   - later, on the loop's thread (`ffi_free` of a cancelled call): the asyncio future is
#     completed right there;
#   - on another thread (a Tokio worker): `loop.call_soon_threadsafe`, as in UniFFI.
# A slot is `[event loop, polling thread's id, inside ffi_poll, poll code, asyncio future]`;
# the asyncio future is made only when the poll was pending, and is completed only on the
# loop's thread (`_uniffi_resume`), after the coroutine has made it and awaits it.
_UNIFFI_SLOT_LOOP, _UNIFFI_SLOT_THREAD, _UNIFFI_SLOT_POLLING, _UNIFFI_SLOT_CODE, _UNIFFI_SLOT_FUTURE = range(5)

# Slots by callback handle. A dict's single operations and `itertools.count` are atomic
# under the GIL: no lock. Odd handles, like `_UniffiHandleMap`'s.
_uniffi_continuation_slots = {}
_uniffi_next_continuation_handle = itertools.count(1, 2).__next__
_uniffi_get_ident = threading.get_ident

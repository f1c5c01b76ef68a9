# Continuation callbacks running on threads Python did not start, counted so that the
# interpreter can wait for them at exit: such a callback releases the GIL inside
# `call_soon_threadsafe` (the self-pipe write); if the main thread finalizes meanwhile, Python
# ends the thread with `pthread_exit` when it takes the GIL back, Tokio's `catch_unwind`
# stops that unwinding, and glibc aborts the process ("FATAL: exception not rethrown").
_uniffi_foreign_callbacks_lock = threading.Lock()
_uniffi_foreign_callbacks = 0

def _uniffi_wait_for_foreign_callbacks(timeout=5.0):
    deadline = _uniffi_time.monotonic() + timeout
    while _uniffi_foreign_callbacks and _uniffi_time.monotonic() < deadline:
        _uniffi_time.sleep(0.001)

_uniffi_atexit.register(_uniffi_wait_for_foreign_callbacks)

@_UNIFFI_RUST_FUTURE_CONTINUATION_CALLBACK
def _uniffi_continuation_callback(handle, poll_code):
    slot = _uniffi_continuation_slots.pop(handle)
    if slot[_UNIFFI_SLOT_THREAD] == _uniffi_get_ident():
        if slot[_UNIFFI_SLOT_POLLING]:
            slot[_UNIFFI_SLOT_CODE] = poll_code
        else:
            _uniffi_resume(slot, poll_code)
        return
    global _uniffi_foreign_callbacks
    with _uniffi_foreign_callbacks_lock:
        _uniffi_foreign_callbacks += 1
    try:
        slot[_UNIFFI_SLOT_LOOP].call_soon_threadsafe(_uniffi_resume, slot, poll_code)
    finally:
        with _uniffi_foreign_callbacks_lock:
            _uniffi_foreign_callbacks -= 1

def _uniffi_resume(slot, poll_code):
    future = slot[_UNIFFI_SLOT_FUTURE]
    if future is not None and not future.done():
        future.set_result(poll_code)

async def _uniffi_rust_call_async(rust_future, ffi_poll, ffi_complete, ffi_free, lift_func, error_ffi_converter):
    try:
        eventloop = _uniffi_get_event_loop()
        thread = _uniffi_get_ident()
        # Loop and poll until we see a _UNIFFI_RUST_FUTURE_POLL_READY value
        while True:
            slot = [eventloop, thread, True, None, None]
            handle = _uniffi_next_continuation_handle()
            _uniffi_continuation_slots[handle] = slot
            ffi_poll(rust_future, _uniffi_continuation_callback, handle)
            slot[_UNIFFI_SLOT_POLLING] = False
            poll_code = slot[_UNIFFI_SLOT_CODE]
            if poll_code is None:
                future = slot[_UNIFFI_SLOT_FUTURE] = eventloop.create_future()
                poll_code = await future
            elif poll_code != _UNIFFI_RUST_FUTURE_POLL_READY:
                await asyncio.sleep(0)
            if poll_code == _UNIFFI_RUST_FUTURE_POLL_READY:
                break

        call_status = _UniffiRustCallStatus()
        result = ffi_complete(rust_future, ctypes.byref(call_status))
        if call_status.code:
            _uniffi_check_call_status(error_ffi_converter, call_status)
        return lift_func(result)
    finally:
        ffi_free(rust_future)

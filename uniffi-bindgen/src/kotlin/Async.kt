// unilance's bindgen replaces UniFFI's driver of Rust futures here (uniffi-bindgen/src/kotlin).
// One slot per call, not a continuation per poll: the continuation callback reaches the slot
// through a handle. A poll whose callback fires before poll() returns (a future ready at once,
// or one woken while it was being polled) goes on without suspending, so a ready call creates
// no continuation and dispatches nothing. Otherwise the coroutine suspends, and the callback,
// on whichever thread Rust wakes the future, resumes it through its dispatcher (it never polls
// on a Rust thread). Cancelling the coroutine frees the Rust future, which drops it.
// The callback's native pointer is looked up once, and a Rust thread (a Tokio worker) calling
// it stays attached to the JVM as a daemon thread instead of being attached and detached at
// every wake-up (JNA detaches it when the thread ends).
internal class UniffiPollSlot {
    @JvmField val state = java.util.concurrent.atomic.AtomicInteger(UNIFFI_POLL_POLLING)
    @JvmField @Volatile var result: Byte = 0
    @JvmField @Volatile var continuation: CancellableContinuation<Byte>? = null
}

private const val UNIFFI_POLL_POLLING = 0   // poll() is on the stack, no callback yet
private const val UNIFFI_POLL_SIGNALED = 1  // the callback came: `result` holds its value
private const val UNIFFI_POLL_WAITING = 2   // poll() returned, no callback yet
private const val UNIFFI_POLL_PARKED = 3    // the coroutine is suspended on `continuation`

internal val uniffiPollSlots = UniffiHandleMap<UniffiPollSlot>()

internal object uniffiRustFutureContinuationCallbackImpl: UniffiRustFutureContinuationCallback {
    init {
        Native.setCallbackThreadInitializer(this, com.sun.jna.CallbackThreadInitializer(true, false))
    }

    @JvmField val pointer: Pointer = com.sun.jna.CallbackReference.getFunctionPointer(this)

    override fun callback(data: Long, pollResult: Byte) {
        val slot = uniffiPollSlots.get(data)
        slot.result = pollResult
        while (true) {
            val state = slot.state.get()
            if (state == UNIFFI_POLL_PARKED) {
                slot.state.set(UNIFFI_POLL_SIGNALED)
                slot.continuation!!.resume(pollResult)
                return
            }
            if (slot.state.compareAndSet(state, UNIFFI_POLL_SIGNALED)) return
        }
    }
}

internal suspend fun<T, F, E: kotlin.Exception> uniffiRustCallAsync(
    rustFuture: Long,
    pollFunc: (Long, Pointer, Long) -> Unit,
    completeFunc: (Long, Pointer) -> F,
    freeFunc: (Long) -> Unit,
    liftFunc: (F) -> T,
    errorHandler: UniffiRustCallStatusErrorHandler<E>
): T {
    val slot = UniffiPollSlot()
    val handle = uniffiPollSlots.insert(slot)
    try {
        try {
            do {
                slot.state.set(UNIFFI_POLL_POLLING)
                pollFunc(rustFuture, uniffiRustFutureContinuationCallbackImpl.pointer, handle)
                val pollResult = if (!slot.state.compareAndSet(UNIFFI_POLL_POLLING, UNIFFI_POLL_WAITING)) {
                    slot.result
                } else {
                    suspendCancellableCoroutine<Byte> { continuation ->
                        slot.continuation = continuation
                        if (!slot.state.compareAndSet(UNIFFI_POLL_WAITING, UNIFFI_POLL_PARKED)) {
                            continuation.resume(slot.result)
                        }
                    }
                }
            } while (pollResult != UNIFFI_RUST_FUTURE_POLL_READY)

            return liftFunc(
                uniffiRustCallWithError(errorHandler, { status -> completeFunc(rustFuture, status) })
            )
        } finally {
            // free() may still call the callback (UniFFI's cancel of a parked waker): the slot
            // stays reachable until it returns.
            freeFunc(rustFuture)
        }
    } finally {
        uniffiPollSlots.remove(handle)
    }
}


private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (Pointer) -> U): U {
    val status = UniffiCallStatusSlot.get()
    val return_value = callback(status)
    if (status.getByte(0) != UNIFFI_CALL_SUCCESS) {
        uniffiCheckCallStatus(errorHandler, UniffiCallStatusSlot.take(status))
    }
    return return_value
}

// unilance's bindgen: the status of a call into Rust lives in native memory of the calling
// thread, reused by every call, where UniFFI allocates a JNA Structure per call (its
// reflection, native allocation and cleaner cost more than the call itself: bench/RESULTS.md).
// Rust writes it only when a call fails; take() reads it and sets it back to success, so calls
// nested on one thread (Rust -> a Kotlin callback -> Rust) each start from a clean slot.
internal object UniffiCallStatusSlot {
    private val slot = object : ThreadLocal<Pointer>() {
        // RustCallStatus: code (i8), then the error RustBuffer at offset 8 (capacity, len, data).
        override fun initialValue(): Pointer = com.sun.jna.Memory(32).also { it.clear() }
    }

    fun get(): Pointer = slot.get()

    fun take(status: Pointer): UniffiRustCallStatus {
        val buf = RustBuffer.ByValue()
        buf.capacity = status.getLong(8)
        buf.len = status.getLong(16)
        buf.data = status.getPointer(24)
        val code = status.getByte(0)
        status.setByte(0, UNIFFI_CALL_SUCCESS)
        return UniffiRustCallStatus.create(code, buf)
    }
}

package unilance

import java.util.concurrent.atomic.AtomicBoolean
import unilance.ffi.Disposable

/**
 * Owns a UniFFI object for a wrapper whose `close()` must release the Rust
 * side at once instead of when the garbage collector gets to it. After
 * closing, calls fail with the same typed error Rust gives for a closed
 * object, not with UniFFI's "already destroyed" IllegalStateException.
 */
internal class Handle<T : Disposable>(
    @PublishedApi internal val ffi: T,
    @PublishedApi internal val closed: () -> Exception,
) {
    @PublishedApi
    internal val closing = AtomicBoolean(false)

    val isClosed: Boolean get() = closing.get()

    inline fun <R> call(block: (T) -> R): R {
        if (closing.get()) throw closed()
        try {
            return block(ffi)
        } catch (e: IllegalStateException) {
            // close() won the race with this call and destroyed the object first.
            if (closing.get()) throw closed().apply { addSuppressed(e) }
            throw e
        }
    }

    fun close(closeInRust: (T) -> Unit) {
        if (!closing.compareAndSet(false, true)) return
        closeInRust(ffi)
        ffi.destroy()
    }
}

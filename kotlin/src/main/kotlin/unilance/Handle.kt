package unilance

import java.util.concurrent.atomic.AtomicBoolean
import unilance.ffi.Disposable

/**
 * Owns a UniFFI object for a wrapper whose `close()` must release the Rust
 * side at once instead of when the garbage collector gets to it. After
 * closing, calls fail with the same typed error Rust gives for a closed
 * object, not with UniFFI's "already destroyed" IllegalStateException.
 */
internal class Handle<T : Disposable>(private val ffi: T, private val closed: () -> Exception) {
    private val closing = AtomicBoolean(false)

    val isClosed: Boolean get() = closing.get()

    fun get(): T {
        if (closing.get()) throw closed()
        return ffi
    }

    fun close(closeInRust: (T) -> Unit) {
        if (!closing.compareAndSet(false, true)) return
        closeInRust(ffi)
        ffi.destroy()
    }
}

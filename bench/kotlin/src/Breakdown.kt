package unilance.bench

import kotlinx.coroutines.suspendCancellableCoroutine
import unilance.FfiConverterBoolean
import unilance.FfiConverterOptionalString
import unilance.RustBuffer
import unilance.UniffiLib
import unilance.UniffiCallStatusSlot
import unilance.UniffiRustFutureContinuationCallback
import kotlin.coroutines.resume

/**
 * Where the µs of a ready async call go on the JVM: the generated code's steps for
 * `debug_call(None, false)` timed one by one (System.nanoTime around each, ~25 ns of it
 * per step included), plus the bare coroutine machinery without any FFI.
 * The bench compiles the generated bindings as its own sources, so it reaches their
 * internal declarations.
 */
internal object Breakdown {
    private object Recorder : UniffiRustFutureContinuationCallback {
        @JvmField var last: Byte = -1
        override fun callback(data: Long, pollResult: Byte) { last = pollResult }
        val pointer = com.sun.jna.CallbackReference.getFunctionPointer(this)
    }

    private val steps = listOf(
        "lower arguments (Option<String> into a RustBuffer)",
        "call the scaffolding function (creates the RustFuture)",
        "poll, continuation called back inline through JNA",
        "complete (the call status in per-thread native memory)",
        "free",
    )

    suspend fun run(seconds: Double) {
        val totals = LongArray(steps.size)
        var calls = 0L
        val deadline = System.nanoTime() + (seconds * 1e9).toLong()
        while (System.nanoTime() < deadline) {
            var t0 = System.nanoTime()
            val arg = FfiConverterOptionalString.lower(null)
            var t1 = System.nanoTime(); totals[0] += t1 - t0; t0 = t1
            val future = UniffiLib.uniffi_unilance_fn_func_debug_call(arg, FfiConverterBoolean.lower(false))
            t1 = System.nanoTime(); totals[1] += t1 - t0; t0 = t1
            UniffiLib.ffi_unilance_rust_future_poll_void(future, Recorder.pointer, 0L)
            t1 = System.nanoTime(); totals[2] += t1 - t0; t0 = t1
            check(Recorder.last == 0.toByte()) { "debug_call(None, false) was not ready at its first poll" }
            UniffiLib.ffi_unilance_rust_future_complete_void(future, UniffiCallStatusSlot.get())
            t1 = System.nanoTime(); totals[3] += t1 - t0; t0 = t1
            UniffiLib.ffi_unilance_rust_future_free_void(future)
            t1 = System.nanoTime(); totals[4] += t1 - t0
            calls++
        }
        // The coroutine side alone: a suspendCancellableCoroutine resumed inside its block.
        var coroutineNs = 0L
        var coroutineCalls = 0L
        val end = System.nanoTime() + (seconds / 2 * 1e9).toLong()
        while (System.nanoTime() < end) {
            val t0 = System.nanoTime()
            suspendCancellableCoroutine<Byte> { it.resume(0) }
            coroutineNs += System.nanoTime() - t0
            coroutineCalls++
        }
        // The pieces of lowering an argument into a RustBuffer.
        val pieces = listOf<Pair<String, () -> Unit>>(
            "  of which: RustBuffer.ByValue() (a JNA Structure) alone" to { RustBuffer.ByValue() },
            "  of which: rustbuffer_alloc(1) (returns a Structure by value)" to {
                RustBuffer.free(UniffiLib.ffi_unilance_rustbuffer_alloc(1L, UniffiCallStatusSlot.get()))
            },
        )
        val pieceUs = pieces.map { (_, f) ->
            val stop = System.nanoTime() + (seconds / 4 * 1e9).toLong()
            var n = 0L
            val t0 = System.nanoTime()
            while (System.nanoTime() < stop) { f(); n++ }
            (System.nanoTime() - t0) / 1e3 / n
        }
        println("breakdown of a ready call (debug_call(None, false)), µs per call, $calls calls:")
        steps.forEachIndexed { i, name -> println(String.format("  %-60s %8.2f", name, totals[i] / 1e3 / calls)) }
        pieces.forEachIndexed { i, (name, _) -> println(String.format("  %-60s %8.2f", name, pieceUs[i])) }
        println(String.format("  %-60s %8.2f", "sum of the FFI steps", totals.sum() / 1e3 / calls))
        println(String.format("  %-60s %8.2f", "suspendCancellableCoroutine resumed inline (no FFI)", coroutineNs / 1e3 / coroutineCalls))
    }
}

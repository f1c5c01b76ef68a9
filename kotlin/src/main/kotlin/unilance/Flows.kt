package unilance

import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withContext

// What UniFFI cannot express: a Rust stream as a cold Kotlin Flow.

/**
 * Runs the query when collected and emits its output batch by batch.
 * Cancelling the collector stops the query and frees its resources.
 */
fun Query.toFlow(): Flow<Batch> = streamed({ it.next() })

/** Runs the query; the rows as maps (see [Batch.toRows]). */
suspend fun Query.toList(): List<Map<String, Any?>> = toBatch().toRows()

/**
 * Runs the query when collected and emits [next] of its stream until that is null;
 * [release] runs on each item after the collector returned. The stream is released
 * even when the collector was cancelled.
 */
internal fun <T : Any> Query.streamed(next: suspend (BatchStream) -> T?, release: (T) -> Unit = {}): Flow<T> = flow {
    val stream = execute()
    try {
        while (true) {
            val item = next(stream) ?: break
            try {
                emit(item)
            } finally {
                release(item)
            }
        }
    } finally {
        withContext(NonCancellable) { stream.closeStream() }
        stream.destroy()
    }
}

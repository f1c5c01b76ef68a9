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
fun Query.toFlow(): Flow<Batch> = flow {
    val stream = execute()
    try {
        while (true) emit(stream.next() ?: break)
    } finally {
        // The stream must be released even when the collector was cancelled.
        withContext(NonCancellable) { stream.closeStream() }
        stream.destroy()
    }
}

/** Runs the query; the rows as maps (see [Batch.toRows]). */
suspend fun Query.toList(): List<Map<String, Any?>> = toBatch().toRows()

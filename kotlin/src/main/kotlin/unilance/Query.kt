package unilance

import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withContext
import unilance.ffi.Query as FfiQuery

/**
 * A scan or a vector search, built step by step. Each method returns a new
 * query, so a query can be shared and reused.
 */
class Query internal constructor(private val ffi: FfiQuery) {
    /** Keeps only rows matching the SQL [filter] (`x > 10 AND label = 'a'`). */
    fun where(filter: String) = Query(ffi.filter(filter))

    fun select(vararg columns: String) = Query(ffi.select(columns.asList()))

    fun select(columns: List<String>) = Query(ffi.select(columns))

    fun limit(limit: Int) = Query(ffi.limit(limit.toUInt()))

    fun offset(offset: Int) = Query(ffi.offset(offset.toUInt()))

    /** Turns the query into a nearest-neighbour search; rows get `_distance`. */
    fun nearestTo(vector: FloatArray) = Query(ffi.nearestTo(vector.asList()))

    /** The vector column to search (needed when the table has several). */
    fun column(column: String) = Query(ffi.column(column))

    fun distanceType(distanceType: DistanceType) = Query(ffi.distanceType(distanceType))

    fun nprobes(nprobes: Int) = Query(ffi.nprobes(nprobes.toUInt()))

    fun refineFactor(refineFactor: Int) = Query(ffi.refineFactor(refineFactor.toUInt()))

    /** Adds the `_rowid` column. */
    fun withRowId() = Query(ffi.withRowId())

    /** Applies the filter after the search instead of before it. */
    fun postfilter() = Query(ffi.postfilter())

    /** Searches exhaustively even if the column has an index. */
    fun bypassVectorIndex() = Query(ffi.bypassVectorIndex())

    /** Runs the query; every row in one batch. */
    suspend fun toBatch(): Batch = ffi.toBatch()

    /** Runs the query; every row as Arrow IPC stream bytes, for Arrow Java or any other Arrow reader. */
    suspend fun toArrowIpc(): ByteArray = ffi.toIpc()

    /** Runs the query; the rows as maps (see [Batch.toRows]). */
    suspend fun toList(): List<Map<String, Any?>> = toBatch().toRows()

    /**
     * Runs the query when collected and emits its output batch by batch.
     * Cancelling the collector stops the query and frees its resources.
     */
    fun toFlow(): Flow<Batch> = flow {
        val stream = ffi.execute()
        try {
            while (true) emit(stream.next() ?: break)
        } finally {
            // The stream must be released even when the collector was cancelled.
            withContext(NonCancellable) { stream.closeStream() }
            stream.destroy()
        }
    }
}

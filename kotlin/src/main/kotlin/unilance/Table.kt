package unilance

import unilance.ffi.IndexConfig
import unilance.ffi.Table as FfiTable

/** A LanceDB table. Close it with [close] (or `use {}`) to release it at once. */
class Table internal constructor(ffi: FfiTable) : AutoCloseable {
    val name: String = ffi.name()

    private val handle = Handle(ffi) { ClosedException("Table '$name' is closed") }

    val isClosed: Boolean get() = handle.isClosed

    suspend fun schema(): Schema = handle.call { it.schema() }

    /** All rows, or the rows matching the SQL [filter]. */
    suspend fun countRows(filter: String? = null): Long = handle.call { it.countRows(filter).toLong() }

    /** Adds rows; returns the table's new version. */
    suspend fun add(data: Batch, mode: AddMode = AddMode.APPEND): Long = handle.call { it.add(data, mode).toLong() }

    /** Adds rows from Arrow IPC stream bytes; returns the table's new version. */
    suspend fun add(arrowIpcStream: ByteArray, mode: AddMode = AddMode.APPEND): Long =
        handle.call { it.addIpc(arrowIpcStream, mode).toLong() }

    /** Deletes the rows matching the SQL [predicate]. */
    suspend fun delete(predicate: String): DeleteResult = handle.call { it.delete(predicate) }

    /** Sets each column to an SQL expression (`mapOf("price" to "price * 2")`) on the rows matching [where]. */
    suspend fun update(values: Map<String, String>, where: String? = null): UpdateResult =
        handle.call { it.update(where, values) }

    suspend fun version(): Long = handle.call { it.version().toLong() }

    /** Loads a past version for reading; [checkoutLatest] goes back to writing. */
    suspend fun checkout(version: Long) = handle.call { it.checkout(version.toULong()) }

    suspend fun checkoutLatest() = handle.call { it.checkoutLatest() }

    /** A plain scan; refine it with [Query]'s methods. */
    fun query(): Query = Query(handle.call { it.query() })

    /** A nearest-neighbour search for [vector] (10 results unless [Query.limit] says otherwise). */
    fun vectorSearch(vector: FloatArray): Query = Query(handle.call { it.vectorSearch(vector.asList()) })

    fun vectorSearch(vector: List<Float>): Query = Query(handle.call { it.vectorSearch(vector) })

    /** Builds an index on [column]; [IndexConfig.Auto] picks IVF_PQ for vectors, BTree for scalars. */
    suspend fun createIndex(column: String, config: IndexConfig = IndexConfig.Auto, replace: Boolean = true) =
        handle.call { it.createIndex(column, config, replace) }

    suspend fun listIndices(): List<IndexInfo> = handle.call { it.listIndices() }

    /** Releases the table; returns once its writes in flight (cancelled ones too) have ended. */
    override fun close() = handle.close { it.closeTable() }

    override fun toString() = "Table($name)"
}

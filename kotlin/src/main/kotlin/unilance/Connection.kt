package unilance

import unilance.ffi.Connection as FfiConnection

/**
 * A database: its table namespace. Close it with [close] (or `use {}`);
 * tables already opened stay usable until they are closed themselves.
 */
class Connection internal constructor(ffi: FfiConnection) : AutoCloseable {
    val uri: String = ffi.uri()

    private val handle = Handle(ffi) { ClosedException("the connection to '$uri' is closed") }

    val isClosed: Boolean get() = handle.isClosed

    /** Table names in ascending order. */
    suspend fun tableNames(): List<String> = handle.call { it.tableNames() }

    suspend fun createTable(name: String, data: Batch, mode: CreateMode = CreateMode.CREATE): Table =
        Table(handle.call { it.createTable(name, data, mode) })

    /** Creates a table from Arrow IPC stream bytes (Arrow Java's `ArrowStreamWriter`, pyarrow's `ipc.new_stream`). */
    suspend fun createTable(name: String, arrowIpcStream: ByteArray, mode: CreateMode = CreateMode.CREATE): Table =
        Table(handle.call { it.createTableIpc(name, arrowIpcStream, mode) })

    suspend fun createEmptyTable(name: String, schema: Schema, mode: CreateMode = CreateMode.CREATE): Table =
        Table(handle.call { it.createEmptyTable(name, schema, mode) })

    suspend fun openTable(name: String): Table = Table(handle.call { it.openTable(name) })

    suspend fun dropTable(name: String) = handle.call { it.dropTable(name) }

    suspend fun dropAllTables() = handle.call { it.dropAllTables() }

    /**
     * How many heavy reads (scans, searches, filtered counts) of this connection run at
     * once; later ones wait their turn in arrival order. Two per core unless set (at least 1).
     */
    var maxConcurrentReads: Int
        get() = handle.call { it.maxConcurrentReads().toInt() }
        set(limit) {
            require(limit >= 1) { "maxConcurrentReads must be at least 1 (got $limit)" }
            handle.call { it.setMaxConcurrentReads(limit.toUInt()) }
        }

    /** Closes the connection; returns once its writes in flight (cancelled ones too) have ended. */
    override fun close() = handle.close { it.closeConnection() }

    override fun toString() = "Connection($uri)"
}

package unilance

import kotlinx.coroutines.flow.Flow
import org.apache.arrow.c.ArrowArray
import org.apache.arrow.c.ArrowArrayStream
import org.apache.arrow.c.ArrowSchema
import org.apache.arrow.c.Data
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector.VectorSchemaRoot
import org.apache.arrow.vector.VectorUnloader
import org.apache.arrow.vector.ipc.ArrowReader
import org.apache.arrow.vector.types.pojo.Schema as ArrowJavaSchema

// Arrow Java in and out through the Arrow C Data Interface, zero-copy: what
// UniFFI cannot express is handing Arrow Java's C structs to the generated
// `*Arrow(address)` methods (one Rust implementation, shared with Python's
// pyarrow path). Needs `--add-opens=java.base/java.nio=ALL-UNNAMED` on JDK 17
// (Arrow Java's memory module reads direct buffers' addresses).

/** Allocates the C structs of a schema handed to Rust (no data): the caller's allocator holds the data. */
private val structs: BufferAllocator by lazy { RootAllocator() }

/**
 * Exports [reader] as an `ArrowArrayStream` for [call], which takes it over. Rust pulls the
 * batches while it writes, so the reader need not fit in memory; the reader is closed when
 * Rust is done with it (or here, if the call never took it).
 */
private suspend fun <T> exported(reader: ArrowReader, call: suspend (Long) -> T): T {
    // Export with the reader's own allocator: Arrow Java moves buffers only within one root.
    val allocator = reader.vectorSchemaRoot.fieldVectors.firstOrNull()?.allocator ?: structs
    return ArrowArrayStream.allocateNew(allocator).use { stream ->
        Data.exportArrayStream(allocator, reader, stream)
        call(stream.memoryAddress())
    }
}

/** One [VectorSchemaRoot] as a reader of one batch, sharing its buffers (no copy); [root] stays the caller's. */
private class RootReader(private val root: VectorSchemaRoot) :
    ArrowReader(root.fieldVectors.firstOrNull()?.allocator ?: structs) {
    private var read = false
    override fun readSchema(): ArrowJavaSchema = root.schema
    override fun bytesRead(): Long = 0
    override fun closeReadSource() {}
    override fun loadNextBatch(): Boolean {
        if (read) return false
        read = true
        prepareLoadNextBatch()
        // The loaded batch retains the root's buffers; loadRecordBatch closes the batch.
        loadRecordBatch(VectorUnloader(root).recordBatch)
        return true
    }
}

/** Creates a table from [data]'s batches, written as they are read (zero-copy). [data] is closed. */
suspend fun Connection.createTable(name: String, data: ArrowReader, mode: CreateMode? = null): Table =
    exported(data) { createTableArrow(name, it, mode) }

/** Creates a table from the rows of [data] (zero-copy; [data] stays open, the caller's). */
suspend fun Connection.createTable(name: String, data: VectorSchemaRoot, mode: CreateMode? = null): Table =
    createTable(name, RootReader(data), mode)

/** Creates an empty table with an Arrow Java schema. */
suspend fun Connection.createEmptyTable(name: String, schema: ArrowJavaSchema, mode: CreateMode? = null): Table =
    ArrowSchema.allocateNew(structs).use { out ->
        Data.exportSchema(structs, schema, null, out)
        createEmptyTableArrow(name, out.memoryAddress(), mode)
    }

/** Appends [data]'s batches, written as they are read (zero-copy). [data] is closed. */
suspend fun Table.add(data: ArrowReader, mode: AddMode? = null): AddResult = exported(data) { addArrow(it, mode) }

/** Appends the rows of [data] (zero-copy; [data] stays open, the caller's). */
suspend fun Table.add(data: VectorSchemaRoot, mode: AddMode? = null): AddResult = add(RootReader(data), mode)

/** Runs the merge with the new rows of [data] (read before the merge starts). [data] is closed. */
suspend fun MergeInsertBuilder.execute(data: ArrowReader): MergeResult = exported(data) { executeArrow(it) }

/** Runs the merge with the new rows of [data] ([data] stays open, the caller's). */
suspend fun MergeInsertBuilder.execute(data: VectorSchemaRoot): MergeResult = execute(RootReader(data))

/** The table's schema as an Arrow Java schema (every Arrow type, metadata included). */
suspend fun Table.arrowSchema(): ArrowJavaSchema =
    ArrowSchema.allocateNew(structs).use { out ->
        schemaArrow(out.memoryAddress())
        Data.importSchema(structs, out, null)
    }

/**
 * Runs the query; its rows as an [ArrowReader] whose buffers live in [allocator] (imported
 * zero-copy from Rust). Close the reader to release them.
 */
suspend fun Query.toArrowReader(allocator: BufferAllocator): ArrowReader =
    ArrowArrayStream.allocateNew(allocator).use { stream ->
        toArrow(stream.memoryAddress())
        Data.importArrayStream(allocator, stream)
    }

/**
 * Runs the query when collected and emits its output batch by batch, each a
 * [VectorSchemaRoot] in [allocator] (zero-copy), never the whole result at once. Each root
 * is closed once the collector returns: copy it (or `transferTo`) to keep it. Cancelling the
 * collector stops the query and frees its resources.
 */
fun Query.toArrowFlow(allocator: BufferAllocator): Flow<VectorSchemaRoot> = streamed({ stream ->
    ArrowArray.allocateNew(allocator).use { array ->
        ArrowSchema.allocateNew(allocator).use { schema ->
            if (stream.nextArrow(array.memoryAddress(), schema.memoryAddress())) {
                Data.importVectorSchemaRoot(allocator, array, schema, null)
            } else {
                null
            }
        }
    }
}, release = { it.close() })

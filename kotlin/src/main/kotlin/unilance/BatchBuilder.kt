package unilance




/**
 * Builds a [Batch] from Kotlin lists, one call per column:
 *
 * ```
 * val data = batch {
 *     int64("id", listOf(1, 2, 3))
 *     utf8("text", listOf("a", null, "c"))
 *     float32Vectors("vector", dim = 4, vectors)
 * }
 * ```
 *
 * A null entry becomes a null row. Columns are nullable unless told
 * otherwise, as in Arrow and the other SDKs. Lengths and types are checked
 * by the library when the batch is used, with a message naming the column.
 */
fun batch(metadata: Map<String, String> = emptyMap(), build: BatchBuilder.() -> Unit): Batch =
    BatchBuilder().apply(build).build(metadata)

class BatchBuilder {
    private val fields = mutableListOf<Field>()
    private val columns = mutableListOf<Column>()
    private val lengths = mutableListOf<Int>()

    fun bool(name: String, values: List<Boolean?>, nullable: Boolean = true) =
        add(name, DataType.Bool, nullable, values) { ColumnValues.Bool(it.map { v -> v ?: false }) }

    fun int32(name: String, values: List<Int?>, nullable: Boolean = true) =
        add(name, DataType.Int32, nullable, values) { ColumnValues.Int32(it.map { v -> v ?: 0 }) }

    fun int64(name: String, values: List<Long?>, nullable: Boolean = true) =
        add(name, DataType.Int64, nullable, values) { ColumnValues.Int64(it.map { v -> v ?: 0L }) }

    fun float32(name: String, values: List<Float?>, nullable: Boolean = true) =
        add(name, DataType.Float32, nullable, values) { ColumnValues.Float32(it.map { v -> v ?: 0f }) }

    fun float64(name: String, values: List<Double?>, nullable: Boolean = true) =
        add(name, DataType.Float64, nullable, values) { ColumnValues.Float64(it.map { v -> v ?: 0.0 }) }

    fun utf8(name: String, values: List<String?>, nullable: Boolean = true) =
        add(name, DataType.Utf8, nullable, values) { ColumnValues.Utf8(it.map { v -> v ?: "" }) }

    fun binary(name: String, values: List<ByteArray?>, nullable: Boolean = true) =
        add(name, DataType.Binary, nullable, values) { ColumnValues.Binary(it.map { v -> v ?: EMPTY_BYTES }) }

    /** Counts of [unit] since the Unix epoch; [timezone] as in Arrow (`"UTC"`, `"+05:30"`, or none). */
    fun timestamp(name: String, unit: TimeUnit, values: List<Long?>, timezone: String? = null, nullable: Boolean = true) =
        add(name, DataType.Timestamp(unit, timezone), nullable, values) { ColumnValues.Timestamp(it.map { v -> v ?: 0L }) }

    /** Float32 vectors of [dim] each; a null entry is a null row. */
    fun float32Vectors(name: String, dim: Int, values: List<FloatArray?>, nullable: Boolean = true) =
        add(name, DataType.Vector(dim), nullable, values) { rows ->
            val flat = ArrayList<Float>(rows.size * dim)
            // A vector of the wrong length is passed through as is: the
            // library rejects the batch with a message giving the sizes.
            for (row in rows) if (row == null) repeat(dim) { flat.add(0f) } else row.forEach { flat.add(it) }
            ColumnValues.Vector(flat)
        }

    private fun <T> add(
        name: String,
        type: DataType,
        nullable: Boolean,
        values: List<T?>,
        placeholders: (List<T?>) -> ColumnValues,
    ): BatchBuilder {
        val validity = if (values.any { it == null }) values.map { it != null } else null
        fields += Field(name, type, nullable)
        columns += Column(placeholders(values), validity)
        lengths += values.size
        return this
    }

    /** The row count is the first column's length; other lengths are checked by the library. */
    fun build(metadata: Map<String, String> = emptyMap()): Batch =
        Batch(Schema(fields.toList(), metadata), columns.toList(), (lengths.firstOrNull() ?: 0).toLong())

    private companion object {
        val EMPTY_BYTES = ByteArray(0)
    }
}

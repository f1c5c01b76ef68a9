package unilance

import java.math.BigDecimal
import java.time.LocalDate




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
        vectors(name, dim, null, nullable, values) { row, out -> row.forEach { out.add(it) } }

    /** Float16 vectors of [dim] each, given as floats (rounded to the nearest float16 when stored). */
    fun float16Vectors(name: String, dim: Int, values: List<FloatArray?>, nullable: Boolean = true) =
        vectors(name, dim, VectorElement.FLOAT16, nullable, values) { row, out -> row.forEach { out.add(it) } }

    /** Uint8 vectors (binary codes, for `DistanceType.HAMMING`) of [dim] bytes each; bytes are unsigned. */
    fun uint8Vectors(name: String, dim: Int, values: List<ByteArray?>, nullable: Boolean = true) =
        vectors(name, dim, VectorElement.UINT8, nullable, values) { row, out -> row.forEach { out.add((it.toInt() and 0xFF).toFloat()) } }

    private fun <T> vectors(
        name: String,
        dim: Int,
        element: VectorElement?,
        nullable: Boolean,
        values: List<T?>,
        flatten: (T, MutableList<Float>) -> Unit,
    ) = add(name, DataType.Vector(dim, element), nullable, values) { rows ->
        val flat = ArrayList<Float>(rows.size * dim)
        // A vector of the wrong length is passed through as is: the
        // library rejects the batch with a message giving the sizes.
        for (row in rows) if (row == null) repeat(dim) { flat.add(0f) } else flatten(row, flat)
        ColumnValues.Vector(flat)
    }

    fun date32(name: String, values: List<LocalDate?>, nullable: Boolean = true) =
        add(name, DataType.Date32, nullable, values) { ColumnValues.Date32(it.map { v -> v?.toEpochDay()?.toInt() ?: 0 }) }

    /** Exact decimals of [precision] digits, [scale] after the point. */
    fun decimal(name: String, precision: Int, scale: Int, values: List<BigDecimal?>, nullable: Boolean = true) =
        add(name, DataType.Decimal128(precision, scale), nullable, values) {
            ColumnValues.Decimal(it.map { v -> v?.toPlainString() ?: "0" })
        }

    /** Lists of strings, one per row (a null entry is a null row, a null item a null item). */
    fun utf8Lists(name: String, values: List<List<String?>?>, nullable: Boolean = true) =
        add(name, DataType.ListOf(Field("item", DataType.Utf8, true)), nullable, values) { rows ->
            val items = rows.flatMap { it ?: emptyList() }
            val offsets = rows.runningFold(0) { at, row -> at + (row?.size ?: 0) }
            val validity = if (items.any { it == null }) items.map { it != null } else null
            ColumnValues.ListOf(offsets, Column(ColumnValues.Utf8(items.map { it ?: "" }), validity))
        }

    /** Sets the Arrow metadata of the column [name] added before (stored with the table on create). */
    fun metadata(name: String, metadata: Map<String, String>): BatchBuilder {
        val at = fields.indexOfFirst { it.name == name }
        require(at >= 0) { "no column '$name' added yet (columns: ${fields.joinToString { it.name }})" }
        fields[at] = fields[at].copy(metadata = metadata)
        return this
    }

    /** Any column already in the batch format: nested lists and structs, ... */
    fun column(name: String, type: DataType, column: Column, rows: Int, nullable: Boolean = true): BatchBuilder {
        fields += Field(name, type, nullable)
        columns += column
        lengths += rows
        return this
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

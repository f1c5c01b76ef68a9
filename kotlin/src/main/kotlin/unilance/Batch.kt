package unilance

import java.time.Instant



// Typed reads of the columnar `Batch` record. Each getter returns one entry
// per row, with null where the column's validity marks the row null.

val Batch.rowCount: Int get() = numRows.toInt()

val Batch.columnNames: List<String> get() = schema.fields.map { it.name }

fun Batch.field(name: String): Field =
    schema.fields.firstOrNull { it.name == name }
        ?: throw NoSuchElementException("no column '$name' in the batch (columns: ${columnNames.joinToString()})")

fun Batch.column(name: String): Column = columns[schema.fields.indexOf(field(name))]

fun Batch.bools(name: String): List<Boolean?> = typed<ColumnValues.Bool, Boolean>(name) { it.values }

fun Batch.int32(name: String): List<Int?> = typed<ColumnValues.Int32, Int>(name) { it.values }

fun Batch.int64(name: String): List<Long?> = typed<ColumnValues.Int64, Long>(name) { it.values }

fun Batch.float32(name: String): List<Float?> = typed<ColumnValues.Float32, Float>(name) { it.values }

fun Batch.float64(name: String): List<Double?> = typed<ColumnValues.Float64, Double>(name) { it.values }

fun Batch.strings(name: String): List<String?> = typed<ColumnValues.Utf8, String>(name) { it.values }

fun Batch.binaries(name: String): List<ByteArray?> = typed<ColumnValues.Binary, ByteArray>(name) { it.values }

/** Counts of the column's time unit since the Unix epoch, as stored. */
fun Batch.timestamps(name: String): List<Long?> = typed<ColumnValues.Timestamp, Long>(name) { it.values }

fun Batch.instants(name: String): List<Instant?> {
    val unit = (field(name).dataType as DataType.Timestamp).unit
    return timestamps(name).map { it?.let { count -> instantOf(count, unit) } }
}

fun Batch.vectors(name: String): List<FloatArray?> {
    val dim = when (val type = field(name).dataType) {
        is DataType.Vector -> type.dim
        else -> throw IllegalArgumentException("column '$name' is $type, not a vector column")
    }
    return typed<ColumnValues.Vector, FloatArray>(name) { v ->
        List(rowCount) { row -> FloatArray(dim) { v.values[row * dim + it] } }
    }
}

/** The value at [row] of column [name] as the natural Kotlin type (see [toRows]). */
fun Batch.value(name: String, row: Int): Any? = columnValues(name)[row]

/**
 * The rows as maps from column name to value: Boolean, Int, Long, Float,
 * Double, String, ByteArray, FloatArray (vectors), Instant (timestamps), or null.
 */
fun Batch.toRows(): List<Map<String, Any?>> {
    val names = columnNames
    val values = names.map { columnValues(it) }
    return List(rowCount) { row ->
        val map = LinkedHashMap<String, Any?>(names.size * 2)
        names.forEachIndexed { i, name -> map[name] = values[i][row] }
        map
    }
}

private fun Batch.columnValues(name: String): List<Any?> = when (field(name).dataType) {
    DataType.Bool -> bools(name)
    DataType.Int32 -> int32(name)
    DataType.Int64 -> int64(name)
    DataType.Float32 -> float32(name)
    DataType.Float64 -> float64(name)
    DataType.Utf8 -> strings(name)
    DataType.Binary -> binaries(name)
    is DataType.Vector -> vectors(name)
    is DataType.Timestamp -> instants(name)
}

private inline fun <reified V : ColumnValues, T> Batch.typed(name: String, values: (V) -> List<T>): List<T?> {
    val column = column(name)
    val held = column.values as? V
        ?: throw IllegalArgumentException(
            "column '$name' is ${field(name).dataType}, not ${V::class.simpleName}",
        )
    val plain = values(held)
    val validity = column.validity ?: return plain
    return List(plain.size) { if (validity[it]) plain[it] else null }
}

internal fun instantOf(count: Long, unit: TimeUnit): Instant = when (unit) {
    TimeUnit.SECOND -> Instant.ofEpochSecond(count)
    TimeUnit.MILLISECOND -> Instant.ofEpochMilli(count)
    TimeUnit.MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000L), Math.floorMod(count, 1_000_000L) * 1_000L)
    TimeUnit.NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000_000L), Math.floorMod(count, 1_000_000_000L))
}

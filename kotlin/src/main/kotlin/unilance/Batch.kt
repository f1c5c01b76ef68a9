package unilance

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate



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

/** Uint8 vectors as unsigned bytes, one array per row (see [BatchBuilder.uint8Vectors]). */
fun Batch.uint8Vectors(name: String): List<ByteArray?> {
    val type = field(name).dataType
    require(type is DataType.Vector && type.element == VectorElement.UINT8) { "column '$name' is $type, not a uint8 vector column" }
    return vectors(name).map { row -> row?.let { v -> ByteArray(v.size) { v[it].toInt().toByte() } } }
}

/** The field named [name]: its type, nullability and metadata. */
fun Schema.field(name: String): Field =
    fields.firstOrNull { it.name == name }
        ?: throw NoSuchElementException("no field '$name' in the schema (fields: ${fields.joinToString { it.name }})")

/** The value at [row] of column [name] as the natural Kotlin type (see [toRows]). */
fun Batch.value(name: String, row: Int): Any? = columnValues(name)[row]

/**
 * The rows as maps from column name to value: Boolean, Int, Long, Float,
 * Double, String, ByteArray, FloatArray (vectors), Instant (timestamps), LocalDate,
 * BigDecimal, List (lists), Map (structs), or null.
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

private fun Batch.columnValues(name: String): List<Any?> = naturalValues(field(name).dataType, column(name), rowCount)

/** Days since the epoch as dates. */
fun Batch.dates(name: String): List<LocalDate?> =
    typed<ColumnValues.Date32, LocalDate>(name) { v -> v.values.map { LocalDate.ofEpochDay(it.toLong()) } }

fun Batch.decimals(name: String): List<BigDecimal?> =
    typed<ColumnValues.Decimal, BigDecimal>(name) { v -> v.values.map { BigDecimal(it) } }

/** A list or fixed-size list column: each row's items as natural Kotlin values (see [toRows]). */
fun Batch.lists(name: String): List<List<Any?>?> {
    val type = field(name).dataType
    require(type is DataType.ListOf || type is DataType.FixedListOf) { "column '$name' is $type, not a list column" }
    @Suppress("UNCHECKED_CAST")
    return columnValues(name) as List<List<Any?>?>
}

/** A struct column: each row as a map from field name to natural Kotlin value. */
fun Batch.structs(name: String): List<Map<String, Any?>?> {
    val type = field(name).dataType
    require(type is DataType.Struct) { "column '$name' is $type, not a struct column" }
    @Suppress("UNCHECKED_CAST")
    return columnValues(name) as List<Map<String, Any?>?>
}

/** Each of [rows] entries of [column] as the natural Kotlin type, null where the row is null. */
internal fun naturalValues(type: DataType, column: Column, rows: Int): List<Any?> {
    val plain: List<Any?> = when (val v = column.values) {
        is ColumnValues.Bool -> v.values
        is ColumnValues.Int32 -> v.values
        is ColumnValues.Int64 -> v.values
        is ColumnValues.Float32 -> v.values
        is ColumnValues.Float64 -> v.values
        is ColumnValues.Utf8 -> v.values
        is ColumnValues.Binary -> v.values
        is ColumnValues.Vector -> {
            val dim = (type as DataType.Vector).dim
            List(rows) { row -> FloatArray(dim) { v.values[row * dim + it] } }
        }
        is ColumnValues.Timestamp -> v.values.map { instantOf(it, (type as DataType.Timestamp).unit) }
        is ColumnValues.Date32 -> v.values.map { LocalDate.ofEpochDay(it.toLong()) }
        is ColumnValues.Decimal -> v.values.map { BigDecimal(it) }
        is ColumnValues.ListOf -> {
            val items = naturalValues((type as DataType.ListOf).item.dataType, v.items, v.offsets.last())
            List(rows) { row -> items.subList(v.offsets[row], v.offsets[row + 1]) }
        }
        is ColumnValues.FixedListOf -> {
            val list = type as DataType.FixedListOf
            val items = naturalValues(list.item.dataType, v.items, rows * list.size)
            List(rows) { row -> items.subList(row * list.size, (row + 1) * list.size) }
        }
        is ColumnValues.Struct -> {
            val fields = (type as DataType.Struct).fields
            val children = fields.zip(v.children).map { (f, c) -> naturalValues(f.dataType, c, rows) }
            List(rows) { row -> fields.indices.associate { fields[it].name to children[it][row] } }
        }
    }
    val validity = column.validity ?: return plain
    return List(plain.size) { if (validity[it]) plain[it] else null }
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

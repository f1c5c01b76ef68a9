package unilance

import java.time.Instant
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

/** Every column type survives a write and a read exactly, nulls included. */
class TypesTest : DatabaseTest() {
    private suspend fun roundTrip(data: Batch): Batch {
        val table = db.createTable("t", data, CreateMode.OVERWRITE)
        assertEquals(data.schema.fields, table.schema().fields)
        return table.query().toBatch().also { assertEquals(data.schema.fields, it.schema.fields) }
    }

    @Test
    fun `scalars with nulls and extremes`() = runBlocking<Unit> {
        val bools = listOf(true, null, false)
        val ints = listOf(Int.MIN_VALUE, null, Int.MAX_VALUE)
        val longs = listOf(Long.MIN_VALUE, null, Long.MAX_VALUE)
        val floats = listOf(-1.5e-38f, null, Float.MAX_VALUE)
        val doubles = listOf(Double.MIN_VALUE, null, -Math.PI)
        val read = roundTrip(
            batch {
                bool("b", bools)
                int32("i32", ints)
                int64("i64", longs)
                float32("f32", floats)
                float64("f64", doubles)
            },
        )
        assertEquals(bools, read.bools("b"))
        assertEquals(ints, read.int32("i32"))
        assertEquals(longs, read.int64("i64"))
        assertEquals(floats, read.float32("f32"))
        assertEquals(doubles, read.float64("f64"))
    }

    @Test
    fun `columns without nulls read back with no validity`() = runBlocking<Unit> {
        val read = roundTrip(batch { int64("id", listOf(1L, 2L), nullable = false) })
        assertNull(read.column("id").validity)
        assertEquals(listOf<Long?>(1, 2), read.int64("id"))
    }

    @Test
    fun `strings and binaries with non-ASCII empty and null`() = runBlocking<Unit> {
        val strings = listOf("héllo wörld", "", null, "日本語 🦀", "a\u0000b")
        val bytes = listOf(byteArrayOf(0x00, 0xff.toByte(), 0x7f), ByteArray(0), null, byteArrayOf(0xff.toByte()), byteArrayOf(0))
        val read = roundTrip(batch { utf8("s", strings); binary("bin", bytes) })
        assertEquals(strings, read.strings("s"))
        read.binaries("bin").zip(bytes).forEach { (actual, expected) ->
            if (expected == null) assertNull(actual) else assertContentEquals(expected, actual)
        }
    }

    @Test
    fun `vectors with a null row`() = runBlocking<Unit> {
        val vectors = listOf(floatArrayOf(1f, -2.5f, Float.MIN_VALUE), null, floatArrayOf(0f, 1e30f, -0f))
        val read = roundTrip(batch { int64("id", listOf(1L, 2L, 3L)); float32Vectors("v", 3, vectors) })
        assertEquals(DataType.Vector(3), read.field("v").dataType)
        read.vectors("v").zip(vectors).forEach { (actual, expected) ->
            if (expected == null) assertNull(actual) else assertContentEquals(expected, actual)
        }
    }

    @ParameterizedTest
    @EnumSource(TimeUnit::class)
    fun `timestamps in every unit with and without a timezone`(unit: TimeUnit) = runBlocking<Unit> {
        val counts = listOf(0L, null, 1_700_000_000_123L, -86_400L, 1L)
        val read = roundTrip(
            batch {
                timestamp("naive", unit, counts)
                timestamp("utc", unit, counts, timezone = "UTC")
                timestamp("offset", unit, counts, timezone = "+05:30")
            },
        )
        for (name in listOf("naive", "utc", "offset")) assertEquals(counts, read.timestamps(name), name)
        assertEquals(DataType.Timestamp(unit, "+05:30"), read.field("offset").dataType)
        assertEquals(DataType.Timestamp(unit, null), read.field("naive").dataType)
    }

    @Test
    fun `timestamps read as instants`() = runBlocking<Unit> {
        val read = roundTrip(
            batch {
                timestamp("s", TimeUnit.SECOND, listOf(1_700_000_000L, null))
                timestamp("ns", TimeUnit.NANOSECOND, listOf(-1L, 1_700_000_000_123_456_789L), timezone = "UTC")
            },
        )
        assertEquals(listOf(Instant.ofEpochSecond(1_700_000_000L), null), read.instants("s"))
        assertEquals(
            listOf(Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
            read.instants("ns"),
        )
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), read.toRows()[0]["s"])
    }

    @Test
    fun `an empty batch keeps its schema`() = runBlocking<Unit> {
        val data = batch { int64("id", emptyList()); utf8("s", emptyList()) }
        val read = roundTrip(data)
        assertEquals(0, read.rowCount)
        assertEquals(emptyList(), read.toRows())
    }

    @Test
    fun `schema metadata is kept`() = runBlocking<Unit> {
        val table = db.createTable("meta", batch(mapOf("owner" to "kotlin")) { int64("id", listOf(1L)) })
        assertEquals("kotlin", table.schema().metadata["owner"])
    }
}

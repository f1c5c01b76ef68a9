package unilance

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class TableTest : DatabaseTest() {
    private fun items(ids: List<Long>, prices: List<Double>) = batch {
        int64("id", ids)
        float64("price", prices)
        utf8("label", ids.map { if (it % 2 == 0L) "even" else "odd" })
    }

    @Test
    fun `count rows with and without a filter`() = runBlocking<Unit> {
        val table = db.createTable("t", items((1L..10L).toList(), List(10) { it * 1.5 }))
        assertEquals(10, table.countRows())
        assertEquals(5, table.countRows("label = 'even'"))
        assertEquals(3, table.countRows("id > 7"))
        assertEquals(0, table.countRows("id > 100"))
    }

    @Test
    fun `add appends or overwrites and returns the new version`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1, 2), listOf(1.0, 2.0)))
        val v1 = table.version()
        assertEquals(v1 + 1, table.add(items(listOf(3), listOf(3.0))).version)
        assertEquals(listOf<Long?>(1, 2, 3), table.query().toBatch().int64("id"))

        assertEquals(v1 + 2, table.add(items(listOf(9, 8), listOf(9.0, 8.0)), AddMode.OVERWRITE).version)
        assertEquals(listOf<Long?>(9, 8), table.query().toBatch().int64("id"))
        assertEquals(v1 + 2, table.version())
    }

    @Test
    fun `delete removes matching rows and reports them`() = runBlocking<Unit> {
        val table = db.createTable("t", items((1L..6L).toList(), List(6) { it.toDouble() }))
        val before = table.version()
        val result = table.delete("id <= 2 OR label = 'odd'")
        assertEquals(4L, result.rowsDeleted)
        assertEquals((before + 1), result.version)
        assertEquals(listOf<Long?>(4, 6), table.query().toBatch().int64("id"))
    }

    @Test
    fun `update with a filter changes only matching rows`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1, 2, 3), listOf(10.0, 20.0, 30.0)))
        val result = table.update(updatesSql = mapOf("price" to "price * 2", "label" to "'big'"), where = "id >= 2")
        assertEquals(2L, result.rowsUpdated)
        assertEquals(table.version(), result.version)
        val rows = table.query().toBatch()
        val byId = rows.int64("id").zip(rows.float64("price").zip(rows.strings("label"))).toMap()
        assertEquals(mapOf<Long?, Pair<Double?, String?>>(1L to (10.0 to "odd"), 2L to (40.0 to "big"), 3L to (60.0 to "big")), byId)
    }

    @Test
    fun `update without a filter changes every row`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1, 2, 3), listOf(10.0, 20.0, 30.0)))
        assertEquals(3L, table.update(updatesSql = mapOf("price" to "0.5")).rowsUpdated)
        assertEquals(listOf<Double?>(0.5, 0.5, 0.5), table.query().toBatch().float64("price"))
    }

    @Test
    fun `checkout reads a past version and checkoutLatest returns`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1), listOf(1.0)))
        val v1 = table.version()
        table.add(items(listOf(2), listOf(2.0)))
        table.add(items(listOf(3), listOf(3.0)))
        assertEquals(v1 + 2, table.version())

        table.checkout(v1)
        assertEquals(v1, table.version())
        assertEquals(listOf<Long?>(1), table.query().toBatch().int64("id"))
        table.checkout(v1 + 1)
        assertEquals(2, table.countRows())

        table.checkoutLatest()
        assertEquals(v1 + 2, table.version())
        assertEquals(3, table.countRows())
    }

    @Test
    fun `schema reports names types and nullability`() = runBlocking<Unit> {
        val data = batch {
            int64("id", listOf(1L), nullable = false)
            utf8("text", listOf("a"))
            float32Vectors("vector", 3, listOf(floatArrayOf(1f, 2f, 3f)))
        }
        val table = db.createTable("t", data)
        assertEquals(
            listOf(
                Field("id", DataType.Int64, false),
                Field("text", DataType.Utf8, true),
                Field("vector", DataType.Vector(3), true),
            ),
            table.schema().fields,
        )
        assertEquals("t", table.name())
    }

    @Test
    fun `closeAndWait refuses later calls, close releases the handle, both idempotent`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1), listOf(1.0)))
        table.closeAndWait()
        assertTrue(table.isClosed())
        table.closeAndWait()
        assertFailsWith<LanceException.Closed> { table.countRows() }
        table.use { }
        table.close()
        // UniFFI's own error for a released handle.
        assertFailsWith<IllegalStateException> { table.name() }
        assertEquals(1, db.openTable("t").countRows())
    }
}

package unilance

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/**
 * Kotlin-shaped errors: the Batch type, queries built before a close. The typed errors every
 * language shares are in tests/scenarios/.
 */
class ErrorsTest : DatabaseTest() {
    private val dim = 4
    private val data = vectorRows(20, dim)

    private suspend fun table() = db.createTable("t", data)

    /** The table still holds exactly the original rows, at the original version. */
    private suspend fun assertUnchanged(table: Table, version: Long) {
        assertEquals(version, table.version())
        assertEquals(20, table.countRows())
        val rows = table.query().toBatch()
        assertEquals(data.int64("id"), rows.int64("id"))
        assertEquals(data.strings("text"), rows.strings("text"))
    }

    @Test
    fun `error messages carry no build machine paths`() = runBlocking<Unit> {
        // LanceDB's own messages end with the source location they were raised at, a path on
        // the machine that built the library (".../.cargo/registry/src/.../sql.rs:103:21").
        val message = assertFailsWith<LanceException.InvalidFilter> { table().countRows("nosuchcolumn = 3") }.message!!
        assertContains(message, "nosuchcolumn")
        for (leak in listOf(".rs:", ".cargo", "/root")) assertFalse(leak in message, message)
    }

    @Test
    fun `a closed table refuses every call`() = runBlocking<Unit> {
        val table = table()
        val query = table.query()
        table.closeAndWait()
        val errors = listOf(
            assertFailsWith<LanceException.Closed> { table.countRows() },
            assertFailsWith<LanceException.Closed> { table.add(data) },
            assertFailsWith<LanceException.Closed> { table.vectorSearch(FloatArray(dim)).toBatch() },
            // A query built before the close holds the table too.
            assertFailsWith<LanceException.Closed> { query.toBatch() },
        )
        errors.forEach { assertContains(it.message!!, "Table 't' is closed") }
        assertUnchanged(db.openTable("t"), 1)
    }

    @Test
    fun `a batch whose column length type or nullability is wrong`() = runBlocking<Unit> {
        val table = table()
        val shortColumn = batch { int64("id", listOf(1L, 2L)); utf8("text", listOf("a")) }
        assertContains(assertFailsWith<LanceException.InvalidInput> { table.add(shortColumn) }.message!!, "'text' has 1 values but the batch has 2 rows")

        val wrongType = Batch(
            Schema(listOf(Field("id", DataType.Int64, true)), emptyMap()),
            listOf(Column(ColumnValues.Utf8(listOf("1")), null)),
            1L,
        )
        assertContains(assertFailsWith<LanceException.InvalidInput> { table.add(wrongType) }.message!!, "'id' is declared Int64 but holds Utf8")

        val nullInRequired = batch { int64("id", listOf(1L, null), nullable = false) }
        assertContains(assertFailsWith<LanceException.InvalidInput> { table.add(nullInRequired) }.message!!, "not nullable")

        val badValidity = Batch(
            Schema(listOf(Field("id", DataType.Int64, true)), emptyMap()),
            listOf(Column(ColumnValues.Int64(listOf(1L, 2L)), listOf(true))),
            2L,
        )
        assertContains(assertFailsWith<LanceException.InvalidInput> { table.add(badValidity) }.message!!, "validity")

        val raggedVectors = batch { float32Vectors("vector", dim, listOf(FloatArray(dim), FloatArray(dim - 1))) }
        assertContains(assertFailsWith<LanceException.InvalidInput> { table.add(raggedVectors) }.message!!, "dimension 4")

        assertFailsWith<LanceException.InvalidInput> { db.createTable("other", shortColumn) }
        assertEquals(listOf("t"), db.tableNames())
        assertUnchanged(table, 1)
    }
}

package unilance

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource

/** Each bad input gets its typed exception, a message naming the problem, and no change to the table. */
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
    fun `wrong vector dimension in a search`() = runBlocking<Unit> {
        val table = table()
        val e = assertFailsWith<LanceException.InvalidInput> { table.vectorSearch(FloatArray(dim + 1)).toBatch() }
        assertContains(e.message!!, "dimension 5")
        assertContains(e.message!!, "dimension 4")
        assertUnchanged(table, 1)
    }

    @Test
    fun `wrong vector dimension in an add`() = runBlocking<Unit> {
        val table = table()
        val bad = batch {
            int64("id", listOf(100L))
            utf8("text", listOf("x"))
            float32Vectors("vector", dim + 2, listOf(FloatArray(dim + 2)))
        }
        val e = assertFailsWith<LanceException.SchemaMismatch> { table.add(bad) }
        assertContains(e.message!!, "vector")
        assertUnchanged(table, 1)
    }

    @ParameterizedTest
    @ValueSource(strings = ["id >", "no_such_column = 1", "id = 'x' AND AND", "   "])
    fun `invalid filter in count query delete and update`(filter: String) = runBlocking<Unit> {
        val table = table()
        val errors = listOf(
            assertFailsWith<LanceException.InvalidFilter> { table.countRows(filter) },
            assertFailsWith<LanceException.InvalidFilter> { table.query().where(filter).toBatch() },
            assertFailsWith<LanceException.InvalidFilter> { table.vectorSearch(FloatArray(dim)).where(filter).toBatch() },
            assertFailsWith<LanceException.InvalidFilter> { table.delete(filter) },
            assertFailsWith<LanceException.InvalidFilter> { table.update(updatesSql = mapOf("text" to "'y'"), where = filter) },
        )
        errors.forEach { assertContains(it.message!!, "filter") }
        assertUnchanged(table, 1)
    }

    @Test
    fun `missing table`() = runBlocking<Unit> {
        val e = assertFailsWith<LanceException.TableNotFound> { db.openTable("nope") }
        assertContains(e.message!!, "nope")
        assertFailsWith<LanceException.TableNotFound> { db.dropTable("nope") }
    }

    @Test
    fun `duplicate table name`() = runBlocking<Unit> {
        val table = table()
        val e = assertFailsWith<LanceException.TableAlreadyExists> { db.createTable("t", vectorRows(3, dim)) }
        assertContains(e.message!!, "t")
        assertUnchanged(table, 1)
    }

    @Test
    fun `unknown column in select update and vector column`() = runBlocking<Unit> {
        val table = table()
        val select = assertFailsWith<LanceException.InvalidInput> { table.query().select("id", "nope").toBatch() }
        assertContains(select.message!!, "nope")
        val update = assertFailsWith<LanceException.InvalidInput> { table.update(updatesSql = mapOf("nope" to "1")) }
        assertContains(update.message!!, "nope")
        val column = assertFailsWith<LanceException.InvalidInput> { table.vectorSearch(FloatArray(dim)).column("nope").toBatch() }
        assertContains(column.message!!, "nope")
        val notVector = assertFailsWith<LanceException.InvalidInput> { table.vectorSearch(FloatArray(dim)).column("text").toBatch() }
        assertContains(notVector.message!!, "not a vector column")
        assertUnchanged(table, 1)
    }

    @Test
    fun `schema mismatch on add`() = runBlocking<Unit> {
        val table = table()
        val extra = batch { int64("id", listOf(1L)); utf8("surprise", listOf("x")) }
        val e1 = assertFailsWith<LanceException.SchemaMismatch> { table.add(extra) }
        assertContains(e1.message!!, "surprise")
        val wrongType = batch { utf8("id", listOf("one")) }
        val e2 = assertFailsWith<LanceException.SchemaMismatch> { table.add(wrongType) }
        assertContains(e2.message!!, "id")
        assertUnchanged(table, 1)
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
    fun `a dropped table refuses calls through an old handle`() = runBlocking<Unit> {
        val table = table()
        db.dropTable("t")
        val e = assertFailsWith<LanceException.TableNotFound> { table.countRows() }
        assertContains(e.message!!, "dropped")
        assertFailsWith<LanceException.TableNotFound> { table.query().toBatch() }
        assertFailsWith<LanceException.TableNotFound> { table.add(data) }
        assertEquals(emptyList(), db.tableNames())
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

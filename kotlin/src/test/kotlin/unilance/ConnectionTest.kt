package unilance

import kotlin.test.assertContains
import java.time.Duration
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class ConnectionTest : DatabaseTest() {
    private fun ids(vararg ids: Long) = batch { int64("id", ids.toList()) }

    @Test
    fun `table names are sorted whatever the creation order`() = runBlocking<Unit> {
        for (name in listOf("zebra", "apple", "mango", "Banana")) db.createTable(name, ids(1))
        assertEquals(listOf("Banana", "apple", "mango", "zebra"), db.tableNames())
    }

    @Test
    fun `create mode CREATE refuses an existing name and leaves it unchanged`() = runBlocking<Unit> {
        db.createTable("t", ids(1, 2))
        val e = assertFailsWith<LanceException.TableAlreadyExists> { db.createTable("t", ids(3)) }
        assertContains(e.message!!, "t")
        assertEquals(2, db.openTable("t").countRows())
    }

    @Test
    fun `create mode OVERWRITE replaces the rows`() = runBlocking<Unit> {
        db.createTable("t", ids(1, 2))
        val table = db.createTable("t", ids(7, 8, 9), CreateMode.OVERWRITE)
        assertEquals(listOf<Long?>(7, 8, 9), table.query().toBatch().int64("id"))
    }

    @Test
    fun `create mode EXIST_OK opens the existing table and ignores the data`() = runBlocking<Unit> {
        db.createTable("t", ids(1, 2))
        val table = db.createTable("t", ids(3), CreateMode.EXIST_OK)
        assertEquals(listOf<Long?>(1, 2), table.query().toBatch().int64("id"))
    }

    @Test
    fun `create an empty table from a schema`() = runBlocking<Unit> {
        val schema = Schema(
            listOf(Field("id", DataType.Int64, false), Field("vector", DataType.Vector(4), true)),
            emptyMap(),
        )
        val table = db.createEmptyTable("empty", schema)
        assertEquals(0, table.countRows())
        assertEquals(schema.fields, table.schema().fields)
        assertEquals(listOf("empty"), db.tableNames())
    }

    @Test
    fun `open drop and drop all`() = runBlocking<Unit> {
        db.createTable("a", ids(1))
        db.createTable("b", ids(1, 2))
        db.createTable("c", ids(1, 2, 3))
        assertEquals(2, db.openTable("b").countRows())

        db.dropTable("b")
        assertEquals(listOf("a", "c"), db.tableNames())
        assertFailsWith<LanceException.TableNotFound> { db.openTable("b") }

        db.dropAllTables()
        assertEquals(emptyList(), db.tableNames())
    }

    @Test
    fun `memory database keeps tables for the connection's life`() = runBlocking<Unit> {
        connect("memory://").use { memory ->
            memory.createTable("m", ids(1, 2, 3))
            assertEquals(listOf("m"), memory.tableNames())
            assertEquals(2, memory.openTable("m").countRows("id >= 2"))
        }
    }

    @Test
    fun `a second connection sees tables written by the first`() = runBlocking<Unit> {
        db.createTable("shared", ids(1, 2))
        connect(dir.toString()).use { other ->
            assertEquals(listOf("shared"), other.tableNames())
            assertEquals(2, other.openTable("shared").countRows())
        }
    }

    @Test
    fun `readConsistencyInterval decides whether another writer's rows are seen`() = runBlocking<Unit> {
        val writer = db.createTable("t", ids(1))
        connect(dir.toString(), readConsistencyInterval = Duration.ZERO).use { strict ->
            connect(dir.toString()).use { lazy ->
                val fresh = strict.openTable("t")
                val stale = lazy.openTable("t")
                writer.add(ids(2, 3))
                assertEquals(3, fresh.countRows())
                // Without an interval a table never looks for newer versions by itself.
                assertEquals(1, stale.countRows())
                stale.checkoutLatest()
                assertEquals(3, stale.countRows())
            }
        }
    }

    @Test
    fun `a closed connection refuses calls but its tables stay usable`() = runBlocking<Unit> {
        val conn = connect(dir.toString())
        val table = conn.createTable("t", ids(1, 2))
        conn.closeAndWait()
        assertTrue(conn.isClosed())
        val e = assertFailsWith<LanceException.Closed> { conn.tableNames() }
        assertContains(e.message!!, "closed")
        assertEquals(2, table.countRows())
        conn.closeAndWait() // closing twice is harmless
        conn.close()
    }
}

package unilance

import java.time.Duration
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Schema evolution, maintenance and rename_table as Kotlin callers see them. */
class EvolutionTest : DatabaseTest() {
    private val people = batch {
        int64("id", listOf(1L, 2L, 3L), nullable = false)
        utf8("name", listOf("ann", "bob", "cy"))
        float64("score", listOf(1.5, 2.5, 3.5))
    }

    @Test
    fun `columns are added altered and dropped`() = runBlocking {
        val table = db.createTable("people", people)
        table.addColumns(mapOf("twice" to "id * 2"))
        table.addNullColumnsSchema(Schema(listOf(Field("note", DataType.Utf8, true)), emptyMap()))
        table.alterColumns(listOf(
            ColumnAlteration("name", rename = "label"),
            ColumnAlteration("score", dataType = DataType.Float32),
        ))
        table.dropColumns(listOf("id"))
        val rows = table.query().toBatch()
        assertEquals(listOf("label", "score", "twice", "note"), rows.columnNames)
        assertEquals(listOf<String?>("ann", "bob", "cy"), rows.strings("label"))
        assertEquals(listOf<Float?>(1.5f, 2.5f, 3.5f), rows.float32("score"))
        assertEquals(listOf<Long?>(2L, 4L, 6L), rows.int64("twice"))
        assertEquals(listOf<String?>(null, null, null), rows.strings("note"))
    }

    @Test
    fun `bad evolutions are typed errors and change nothing`() = runBlocking {
        val table = db.createTable("people", people)
        val e = assertFailsWith<LanceException.InvalidInput> { table.dropColumns(listOf("nope")) }
        assertContains(e.message!!, "unknown column 'nope' (columns: id, name, score)")
        val cast = assertFailsWith<LanceException.InvalidInput> {
            table.alterColumns(listOf(ColumnAlteration("name", dataType = DataType.Vector(2))))
        }
        assertContains(cast.message!!, "cannot cast column 'name'")
        assertEquals(1L, table.version())
        assertEquals(listOf("id", "name", "score"), table.schema().fields.map { it.name })
        table.closeAndWait()
        val closed = assertFailsWith<LanceException.Closed> { table.optimize() }
        assertContains(closed.message!!, "'people' is closed")
    }

    @Test
    fun `optimize merges small appends and stats report it`() = runBlocking {
        val table = db.createTable("log", batch { int64("i", listOf(0L)) })
        for (i in 1L until 50L) table.add(batch { int64("i", listOf(i)) })
        assertEquals(50L, table.stats().fragmentStats.numFragments)
        val stats = table.optimize(cleanupOlderThan = Duration.ZERO)
        assertEquals(50L, stats.compaction.fragmentsRemoved)
        assertEquals(1L, stats.compaction.fragmentsAdded)
        val after = table.stats()
        assertEquals(1L, after.fragmentStats.numFragments)
        assertEquals(50L, after.numRows)
        assertEquals((0L until 50L).toList(), table.query().toBatch().int64("i").map { it!! }.sorted())
        assert(table.uri().endsWith("log.lance")) { table.uri() }
    }

    @Test
    fun `rename_table is not supported by a local database`() = runBlocking {
        db.createTable("people", people)
        val e = assertFailsWith<LanceException.NotSupported> { db.renameTable("people", "folks") }
        assertContains(e.message!!, "LanceDB Cloud")
        assertEquals(listOf("people"), db.tableNames())
    }
}

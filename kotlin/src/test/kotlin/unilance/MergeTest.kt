package unilance

import java.time.Duration
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** merge_insert and update by values, through the generated Kotlin API. */
class MergeTest : DatabaseTest() {
    private fun rows(vararg rows: Pair<Long, String>) = batch {
        int64("id", rows.map { it.first })
        utf8("text", rows.map { it.second })
    }

    private suspend fun contents(table: Table): List<Pair<Long?, String?>> =
        table.query().toBatch().let { it.int64("id").zip(it.strings("text")) }.sortedBy { it.first }

    @Test
    fun `upsert updates matches and inserts the rest`() = runBlocking {
        val table = db.createTable("t", rows(1L to "a", 2L to "b"))
        val v = table.version()
        val result = table.mergeInsert(listOf("id"))
            .whenMatchedUpdateAll()
            .whenNotMatchedInsertAll()
            .timeout(Duration.ofSeconds(30))
            .execute(rows(2L to "B", 3L to "c"))
        assertEquals(MergeResult(version = v + 1, numInsertedRows = 1, numUpdatedRows = 1, numDeletedRows = 0, numAttempts = 1), result)
        assertEquals(listOf<Pair<Long?, String?>>(1L to "a", 2L to "B", 3L to "c"), contents(table))
    }

    @Test
    fun `replace a range deletes unmatched rows in it`() = runBlocking {
        val table = db.createTable("t", rows(1L to "a", 2L to "b", 3L to "c"))
        val result = table.mergeInsert(listOf("id"))
            .whenMatchedUpdateAll(where = "source.text > target.text")
            .whenNotMatchedInsertAll()
            .whenNotMatchedBySourceDelete(where = "id >= 2")
            .execute(rows(1L to "0", 3L to "z", 7L to "g"))
        assertEquals(Triple(1L, 1L, 1L), Triple(result.numUpdatedRows, result.numInsertedRows, result.numDeletedRows))
        assertEquals(listOf<Pair<Long?, String?>>(1L to "a", 3L to "z", 7L to "g"), contents(table))
    }

    @Test
    fun `merge on a missing column is a typed error and changes nothing`() = runBlocking {
        val table = db.createTable("t", rows(1L to "a"))
        val v = table.version()
        val e = assertFailsWith<LanceException.InvalidInput> {
            table.mergeInsert(listOf("nope")).whenNotMatchedInsertAll().execute(rows(2L to "b"))
        }
        assertContains(e.message!!, "key column 'nope' is not in the table")
        assertEquals(v, table.version())
        assertEquals(listOf<Pair<Long?, String?>>(1L to "a"), contents(table))
    }

    @Test
    fun `update by values quotes strings and by SQL evaluates`() = runBlocking {
        val table = db.createTable("t", rows(1L to "a", 2L to "b"))
        val result = table.update(updates = mapOf("text" to ScalarValue.String("it's")), where = "id = 1")
        assertEquals(1L, result.rowsUpdated)
        table.update(updatesSql = mapOf("id" to "id + 10"), where = "id = 2")
        assertEquals(listOf<Pair<Long?, String?>>(1L to "it's", 12L to "b"), contents(table))
        val before = table.version()
        assertFailsWith<LanceException.InvalidInput> { table.update() }
        assertEquals(before, table.version())
    }
}

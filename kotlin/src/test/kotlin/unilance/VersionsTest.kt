package unilance

import java.time.Instant
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Versions and tags through the generated Kotlin API. */
class VersionsTest : DatabaseTest() {
    private fun ids(vararg ids: Long) = batch { int64("id", ids.toList()) }

    private suspend fun ids(table: Table) = table.query().toBatch().int64("id").map { it!! }.sorted()

    /** v1: 1, 2; v1+1: 3 added; v1+2: 1 deleted. */
    private suspend fun history(): Pair<Table, Long> {
        val table = db.createTable("t", ids(1, 2))
        val v1 = table.version()
        table.add(ids(3))
        table.delete("id = 1")
        return table to v1
    }

    @Test
    fun `list checkout restore and open at a version`() = runBlocking {
        val (table, v1) = history()
        val versions = table.listVersions()
        assertEquals(listOf(v1, v1 + 1, v1 + 2), versions.map { it.version })
        assertTrue(versions.all { it.timestamp.isAfter(Instant.now().minusSeconds(600)) })

        table.checkout(v1)
        assertEquals(listOf(1L, 2L), ids(table))
        table.checkoutLatest()
        assertEquals(listOf(1L, 2L, 3L), ids(db.openTable("t", version = v1 + 1)))

        table.restore(v1)
        assertEquals(v1 + 3, table.version())
        assertEquals(listOf(1L, 2L), ids(table))
    }

    @Test
    fun `tags name versions`() = runBlocking {
        val (table, v1) = history()
        val tags = table.tags()
        tags.create("first", v1)
        assertEquals(mapOf("first" to v1), tags.list().mapValues { it.value.version })
        table.checkoutTag("first")
        assertEquals(listOf(1L, 2L), ids(table))
        table.checkoutLatest()
        tags.update("first", v1 + 1)
        assertEquals(v1 + 1, tags.getVersion("first"))
        tags.delete("first")
        assertEquals(emptyMap<String, TagInfo>(), tags.list())
    }

    @Test
    fun `missing versions and tags are typed errors that change nothing`() = runBlocking {
        val (table, v1) = history()
        val restore = assertFailsWith<LanceException.InvalidInput> { table.restore(99) }
        assertContains(restore.message!!, "version 99 of table 't' does not exist")
        val tag = assertFailsWith<LanceException.InvalidInput> { table.checkoutTag("nope") }
        assertContains(tag.message!!, "tag 'nope' of table 't' does not exist")
        assertEquals(v1 + 2, table.version())
        assertEquals(listOf(2L, 3L), ids(table))
    }
}

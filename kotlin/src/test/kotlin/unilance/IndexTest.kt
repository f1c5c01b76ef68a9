package unilance

import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

class IndexTest : DatabaseTest() {
    private val dim = 32

    @Test
    fun `IVF_PQ and BTree indices are built listed and used`() = runBlocking<Unit> {
        val data = vectorRows(2000, dim, seed = 17)
        val table = db.createTable("t", data)
        assertEquals(emptyList(), table.listIndices())

        table.createIndex("vector", IndexConfig.IvfPq(DistanceType.L2, numPartitions = 4, numSubVectors = 8))
        table.createIndex("id", IndexConfig.BTree)
        val indices = table.listIndices().sortedBy { it.columns.first() }
        assertEquals(listOf(listOf("id"), listOf("vector")), indices.map { it.columns })
        assertEquals(listOf("BTREE", "IVF_PQ"), indices.map { it.indexType.uppercase() })

        // Searching an existing row's own vector: PQ is approximate, but with
        // refinement the row itself must come first.
        val target = data.vectors("vector")[1234]!!
        val hits = table.vectorSearch(target).nprobes(4).refineFactor(10).limit(10).toBatch()
        assertEquals(1234L, hits.int64("id").first())
        assertEquals(10, hits.rowCount)

        // The exhaustive search ignores the index and matches brute force exactly.
        val exact = table.vectorSearch(target).bypassVectorIndex().toBatch().int64("id")
        assertEquals(bruteForce(data, target, DistanceType.L2, 10).map { it.first }, exact)

        // The scalar index answers filters with the same rows as without it.
        assertEquals(100, table.countRows("id >= 1900"))
        assertEquals((1900L until 1905L).toList(), table.query().where("id >= 1900").limit(5).toBatch().int64("id"))
    }

    @Test
    fun `an index on an unknown column is refused`() = runBlocking<Unit> {
        val table = db.createTable("t", vectorRows(10, dim))
        val e = kotlin.test.assertFailsWith<LanceException.InvalidInput> { table.createIndex("nope", IndexConfig.BTree) }
        assertTrue("nope" in e.message!!)
        assertEquals(emptyList(), table.listIndices())
    }
}

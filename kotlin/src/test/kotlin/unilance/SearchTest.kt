package unilance

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** The shape of search in Kotlin: FTS query objects, index configs with defaults, lifecycle. */
class SearchTest : DatabaseTest() {
    private val dim = 8
    private val words = listOf("apple", "banana", "cherry", "zebra", "puppy")

    private suspend fun docs(): Table {
        val data = batch {
            int64("id", List(50) { it.toLong() })
            utf8("text", List(50) { "${words[it % 5]} ${words[(it / 5) % 5]} row$it" })
            utf8("title", List(50) { words[(it * 3) % 5] })
            float32Vectors("vector", dim, List(50) { randomVector(dim, it) })
        }
        val table = db.createTable("docs", data)
        table.createIndex("text", IndexConfig.Fts(withPosition = true))
        table.createIndex("title", IndexConfig.Fts())
        return table
    }

    @Test
    fun `configs and queries have the official defaults`() {
        val fts = IndexConfig.Fts()
        assertEquals(false, fts.withPosition)
        assertEquals("simple", fts.baseTokenizer)
        assertEquals("English", fts.language)
        assertEquals(40, fts.maxTokenLength)
        assertTrue(fts.lowerCase && fts.stem && fts.removeStopWords && fts.asciiFolding)
        assertEquals(3, fts.ngramMinLength)
        val match = FtsQuery.Match("apple")
        assertEquals(null, match.column)
        assertEquals(1.0f, match.boost)
        assertEquals(0, match.fuzziness)
        assertEquals(50, match.maxExpansions)
        assertEquals(0.5f, FtsQuery.Boost(match, match).negativeBoost)
        assertEquals(emptyList(), FtsQuery.Boolean(must = listOf(match)).mustNot)
        val hnsw = IndexConfig.IvfHnswSq(m = 16)
        assertEquals(null, hnsw.efConstruction)
        assertEquals(true, ColumnOrdering("id").ascending)
    }

    @Test
    fun `full-text queries return scored rows best first`() = runBlocking {
        val table = docs()
        val plain = table.query().nearestToText("zebra", listOf("text")).select(listOf("id", "text")).limit(100).toBatch()
        assertEquals(18, plain.rowCount) // id % 5 == 3, or id in 15..19 or 40..44
        assertTrue(plain.strings("text").all { "zebra" in it!! })
        val scores = plain.float32("_score")
        assertEquals(scores.sortedByDescending { it }, scores)

        val must = table.query().nearestToTextQuery(
            FtsQuery.Boolean(
                must = listOf(FtsQuery.Match("apple", column = "text")),
                mustNot = listOf(FtsQuery.Match("banana", column = "text")),
            )
        ).select(listOf("text")).limit(100).toBatch()
        assertTrue(must.rowCount > 0)
        assertTrue(must.strings("text").all { "apple" in it!! && "banana" !in it })

        val phrase = table.query()
            .nearestToTextQuery(FtsQuery.Phrase("apple banana", column = "text"))
            .select(listOf("id")).limit(100).toBatch()
        assertEquals(listOf(5L, 30L), phrase.int64("id").sortedBy { it })

        val multi = table.query()
            .nearestToTextQuery(FtsQuery.MultiMatch("cherry", listOf("text", "title"), boosts = listOf(1f, 2f)))
            .select(listOf("id")).limit(100).toFlow().toList()
        assertTrue(multi.sumOf { it.rowCount } > 0)
    }

    @Test
    fun `index lifecycle and typed errors`() = runBlocking {
        val table = docs()
        assertEquals(listOf("text_idx", "title_idx"), table.listIndices().map { it.name }.sorted())
        val stats = table.indexStats("text_idx")!!
        assertEquals(50L, stats.numIndexedRows)
        assertEquals("FTS", stats.indexType)
        table.dropIndex("title_idx")
        assertEquals(listOf("text_idx"), table.listIndices().map { it.name })
        val e = assertFailsWith<LanceException.InvalidInput> {
            table.createIndex("id", IndexConfig.Fts())
        }
        assertTrue("FTS index needs a string column" in e.message!!, e.message)
        val ef = assertFailsWith<LanceException.InvalidInput> {
            table.vectorSearch(FloatArray(dim).toList()).ef(5).toBatch()
        }
        assertTrue("HNSW" in ef.message!!, ef.message)
    }
}

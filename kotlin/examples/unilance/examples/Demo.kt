package unilance.examples

import java.nio.file.Files
import kotlin.io.path.ExperimentalPathApi
import kotlin.io.path.deleteRecursively
import kotlin.random.Random
import kotlinx.coroutines.runBlocking
import unilance.connect
import unilance.select
import unilance.vectorSearch
import unilance.batch
import unilance.float32
import unilance.int64
import unilance.strings

private const val ROWS = 3_000
private const val DIM = 128
private val TOPICS = listOf("astronomy", "biology", "chemistry", "geology", "physics")

@OptIn(ExperimentalPathApi::class)
fun main() = runBlocking {
    val dir = Files.createTempDirectory("unilance-demo")
    try {
        connect(dir.toString()).use { db ->
            val random = Random(42)
            val vectors = List(ROWS) { FloatArray(DIM) { random.nextFloat() * 2 - 1 } }
            val data = batch {
                int64("id", List(ROWS) { it.toLong() })
                utf8("text", List(ROWS) { "note $it about ${TOPICS[it % TOPICS.size]}" })
                float32Vectors("vector", DIM, vectors)
            }
            db.createTable("notes", data).use { table ->
                println("database: $dir")
                println("table '${table.name()}': ${table.countRows()} rows, version ${table.version()}")

                // Near row 9's vector, plus a little noise, among physics notes only.
                val query = FloatArray(DIM) { vectors[9][it] + (random.nextFloat() - 0.5f) * 0.1f }
                val filter = "text LIKE '%physics%'"
                val hits = table.vectorSearch(query).where(filter).limit(5).select("id", "text").toBatch()
                println("top ${hits.numRows} for a vector near row 9, where $filter:")
                val ids = hits.int64("id")
                val texts = hits.strings("text")
                val distances = hits.float32("_distance")
                for (i in ids.indices) {
                    println("  id=%-5d distance=%8.3f  %s".format(ids[i], distances[i], texts[i]))
                }
            }
        }
    } finally {
        dir.deleteRecursively()
    }
}

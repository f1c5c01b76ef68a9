package unilance.examples

import kotlinx.coroutines.runBlocking
import unilance.connect
import unilance.toFlow
import unilance.vectorSearch
import unilance.batch
import unilance.float32
import unilance.int64
import unilance.toRows

// The README's example, compiled with the tests so it stays true.
fun main(args: Array<String>) = runBlocking {
    connect(args.firstOrNull() ?: "memory://").use { db ->
        val table = db.createTable("items", batch {
            int64("id", listOf(1L, 2L, 3L))
            utf8("text", listOf("a", null, "c"))
            float32Vectors("vector", dim = 2, listOf(floatArrayOf(0f, 1f), floatArrayOf(1f, 0f), floatArrayOf(1f, 1f)))
        })
        val hits = table.vectorSearch(floatArrayOf(1f, 0.9f)).where("id > 1").limit(2).toBatch()
        println(hits.int64("id") zip hits.float32("_distance"))
        table.query().toFlow().collect { println(it.toRows()) }
    }
}

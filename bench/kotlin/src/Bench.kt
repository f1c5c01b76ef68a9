package unilance.bench

import java.nio.file.Files
import kotlin.random.Random
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import unilance.connect
import unilance.vectorSearch
import unilance.batch
import unilance.DistanceType
import unilance.IndexConfig
import unilance.debugCall

private const val DIM = 128

private suspend fun perCallMicros(calls: Int, inFlight: Int, call: suspend () -> Unit): Double {
    repeat(200) { call() }
    val start = System.nanoTime()
    if (inFlight == 1) {
        repeat(calls) { call() }
    } else {
        val permits = Semaphore(inFlight)
        kotlinx.coroutines.coroutineScope {
            (1..calls).map { async(Dispatchers.Default) { permits.withPermit { call() } } }.awaitAll()
        }
    }
    return (System.nanoTime() - start) / 1e3 / calls
}

private suspend fun qps(queries: List<FloatArray>, search: suspend (FloatArray) -> Unit): Double {
    queries.take(5).forEach { search(it) }
    val start = System.nanoTime()
    queries.forEach { search(it) }
    return queries.size / ((System.nanoTime() - start) / 1e9)
}

private fun vectorsBatch(rows: Int, seed: Int) = Random(seed).let { rng ->
    batch {
        int64("id", (0 until rows).map { it.toLong() }, nullable = false)
        utf8("text", (0 until rows).map { "doc $it" })
        float32Vectors("vector", DIM, (0 until rows).map { FloatArray(DIM) { rng.nextFloat() } })
    }
}

/** Arguments: calls, search rows, lifecycle rows, merge rows; or `lifecycle [rows] [merge rows]` alone. */
fun main(args: Array<String>) = runBlocking {
    val dir = Files.createTempDirectory("unilance-bench-kt")
    if (args.firstOrNull() == "lifecycle") {
        connect(dir.toString()).use { db ->
            lifecycle(db, rows = args.getOrNull(1)?.toInt() ?: 1_000_000, mergeRows = args.getOrNull(2)?.toInt() ?: 100_000)
        }
        dir.toFile().deleteRecursively()
        return@runBlocking
    }
    val calls = args.getOrNull(0)?.toInt() ?: 3000
    val rows = args.getOrNull(1)?.toInt() ?: 100_000
    connect(dir.toString()).use { db ->
        val small = db.createTable("small", vectorsBatch(10, 0))
        println(String.format("%-52s %12s", "kotlin benchmark", "value"))
        for (inFlight in listOf(1, 64)) {
            val us = perCallMicros(calls, inFlight) { small.countRows() }
            println(String.format("%-52s %9.1f us/call", "count_rows round trip, $inFlight in flight", us))
        }
        for (inFlight in listOf(1, 64)) {
            val inline = perCallMicros(calls, inFlight) { debugCall(null, false) }
            val hop = perCallMicros(calls, inFlight) { debugCall(null, true) }
            println(String.format("%-52s %9.1f us/call", "bare async call ready at first poll, $inFlight in flight", inline))
            println(String.format("%-52s %9.1f us/call", "bare async call done by a Tokio worker, $inFlight in flight", hop))
        }
        val table = db.createTable("search", vectorsBatch(rows, 1))
        val rng = Random(2)
        val queries = List(300) { FloatArray(DIM) { rng.nextFloat() } }
        val label = "${rows / 1000}k x $DIM"
        val flat = qps(queries.take(50)) { table.vectorSearch(it).limit(10).toBatch() }
        println(String.format("%-52s %9.1f QPS", "search k=10, $label, no index", flat))
        table.createIndex("vector", IndexConfig.IvfPq(DistanceType.L2, 64, 16))
        val indexed = qps(queries) { table.vectorSearch(it).limit(10).toBatch() }
        println(String.format("%-52s %9.1f QPS", "search k=10, $label, IVF_PQ", indexed))
        lifecycle(db, rows = args.getOrNull(2)?.toInt() ?: 1_000_000, mergeRows = args.getOrNull(3)?.toInt() ?: 100_000)
    }
    dir.toFile().deleteRecursively()
    Unit
}

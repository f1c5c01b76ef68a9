// Search QPS from Kotlin on the table and queries bench/bench_search.py --keep DIR left:
// full-text, hybrid, IVF_HNSW_SQ at 1 and 8 in flight, the median of the same number of
// repetitions. Writes DIR/results-kotlin.json for bench/run-search.sh to set beside Python's.
package unilance.bench.search

import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import unilance.Query
import unilance.connect
import unilance.nearestTo
import unilance.vectorSearch

private class Queries(val ef: Int, val reps: Int, val texts: List<String>, val vectors: List<FloatArray>)

private fun readQueries(file: File): Queries {
    val lines = file.readLines().filter { it.isNotEmpty() }
    val (ef, reps) = lines[0].split(" ").map { it.toInt() }
    val rows = lines.drop(1).map { it.split("\t") }
    return Queries(ef, reps, rows.map { it[0] }, rows.map { r -> r[1].split(" ").map { it.toFloat() }.toFloatArray() })
}

/** Queries per second over every query, `inFlight` at a time. */
private suspend fun <T> qps(queries: List<T>, inFlight: Int, one: suspend (T) -> Unit): Double {
    val start = System.nanoTime()
    if (inFlight == 1) {
        queries.forEach { one(it) }
    } else {
        val next = java.util.concurrent.atomic.AtomicInteger()
        coroutineScope {
            (1..inFlight).map {
                async(Dispatchers.Default) {
                    while (true) {
                        val i = next.getAndIncrement()
                        if (i >= queries.size) break
                        one(queries[i])
                    }
                }
            }.awaitAll()
        }
    }
    return queries.size / ((System.nanoTime() - start) / 1e9)
}

private suspend fun run(query: Query) {
    query.use { it.toBatch() }
}

fun main(args: Array<String>) = runBlocking {
    val dir = File(args[0])
    val q = readQueries(File(dir, "queries.txt"))
    connect(File(dir, "db").path).use { db ->
        db.openTable("docs").use { table ->
            val select = listOf("id")
            val cases = linkedMapOf<String, suspend () -> Double>(
                "fts" to { qps(q.texts, 1) { run(table.query().nearestToText(it).select(select).limit(10)) } },
                "hybrid" to {
                    qps(q.texts.zip(q.vectors), 1) { (t, v) ->
                        run(table.query().nearestTo(v).nearestToText(t).select(select).limit(10))
                    }
                },
                "ivf_hnsw_sq_1" to { qps(q.vectors, 1) { run(table.vectorSearch(it).ef(q.ef).select(select).limit(10)) } },
                "ivf_hnsw_sq_8" to { qps(q.vectors, 8) { run(table.vectorSearch(it).ef(q.ef).select(select).limit(10)) } },
            )
            // Warm-up: JIT, caches, index pages.
            repeat(2) { cases.values.forEach { it() } }
            val figures = cases.keys.associateWith { mutableListOf<Double>() }
            repeat(q.reps) { cases.forEach { (name, case) -> figures.getValue(name).add(case()) } }
            val medians = figures.mapValues { (_, v) -> v.sorted()[v.size / 2] }
            medians.forEach { (name, value) -> println(String.format("kotlin %-16s %10.1f QPS", name, value)) }
            File(dir, "results-kotlin.json").writeText(
                medians.entries.joinToString(", ", "{", "}") { (k, v) -> "\"$k\": $v" },
            )
        }
    }
}

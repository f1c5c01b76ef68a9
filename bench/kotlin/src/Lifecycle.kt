package unilance.bench

import kotlin.random.Random
import unilance.Connection
import unilance.batch

// Table lifecycle from Kotlin, the same work as bench/bench_merge.py: merge_insert of
// mergeRows rows into a table of rows (half updates, half inserts), then appends small
// appends and one optimize.

private fun data(ids: List<Long>, tag: String) = batch {
    int64("id", ids)
    utf8("text", ids.map { "$tag $it" })
    float64("price", ids.map { it / 2.0 })
}

private inline fun <T> seconds(work: () -> T): Pair<T, Double> {
    val start = System.nanoTime()
    val result = work()
    return result to (System.nanoTime() - start) / 1e9
}

internal suspend fun lifecycle(db: Connection, rows: Int, mergeRows: Int, appends: Int = 500, appendRows: Int = 100) {
    val table = db.createTable("merge", data(List(rows) { it.toLong() }, "old"))
    val updates = (0 until rows).shuffled(Random(0)).take(mergeRows / 2).map { it.toLong() }
    val inserts = List(mergeRows - mergeRows / 2) { rows.toLong() + it }
    val newData = data(updates + inserts, "new")
    val (merged, mergeS) = seconds {
        table.mergeInsert(listOf("id")).whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(newData)
    }
    check(merged.numUpdatedRows == updates.size.toLong() && merged.numInsertedRows == inserts.size.toLong()) { "$merged" }
    println(String.format("%-52s %9.2f s", "merge_insert ${mergeRows / 1000}k into ${rows / 1000}k (half updates)", mergeS))

    val small = db.createTable("appends", data(List(appendRows) { it.toLong() }, "row"))
    val (_, appendS) = seconds {
        for (i in 1 until appends) small.add(data(List(appendRows) { i * appendRows.toLong() + it }, "row"))
    }
    val (_, optimizeS) = seconds { small.optimize() }
    check(small.countRows() == appends.toLong() * appendRows)
    check(small.stats().fragmentStats.numFragments < appends)
    println(String.format("%-52s %9.2f s", "${appends - 1} appends of $appendRows rows", appendS))
    println(String.format("%-52s %9.2f s", "optimize after $appends appends", optimizeS))
}

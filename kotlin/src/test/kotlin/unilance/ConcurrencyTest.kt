package unilance

import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Test

class ConcurrencyTest : DatabaseTest() {
    private val dim = 32
    private val data = vectorRows(1000, dim)

    @Test
    fun `a thousand concurrent counts and searches are all correct`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val queries = List(20) { randomVector(dim, seed = 1000 + it) }
        val expected = queries.map { q -> bruteForce(data, q, DistanceType.L2, 5).map { it.first } }

        val results = withContext(Dispatchers.Default) {
            List(1000) { i ->
                async {
                    when (i % 3) {
                        0 -> table.countRows() == 1000L
                        1 -> table.countRows("id < ${i % 100}") == (i % 100).toLong()
                        else -> {
                            val q = i % queries.size
                            table.vectorSearch(queries[q]).limit(5).select("id").toBatch().int64("id") == expected[q]
                        }
                    }
                }
            }.awaitAll()
        }
        assertEquals(List(1000) { true }, results)
    }

    @Test
    fun `closing a table while calls are in flight gives each call its result or Closed`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val query = randomVector(dim, seed = 8)
        val expected = bruteForce(data, query, DistanceType.L2, 3).map { it.first }
        suspend fun call(i: Int): String = try {
            val right = if (i % 2 == 0) table.countRows() == 1000L
            else table.vectorSearch(query).limit(3).toBatch().int64("id") == expected
            if (right) "ok" else "wrong"
        } catch (e: LanceException.Closed) {
            "closed"
        }
        val finished = AtomicInteger()
        val (during, after) = withContext(Dispatchers.Default) {
            val inFlight = List(200) { async { call(it).also { finished.incrementAndGet() } } }
            // Close in the middle of the stream of calls, not before the first.
            while (finished.get() < 20) yield()
            table.closeAndWait()
            inFlight.awaitAll() to List(20) { async { call(it) } }.awaitAll()
        }
        assertEquals(emptySet(), during.toSet() - setOf("ok", "closed"))
        assertTrue(during.count { it == "ok" } >= 20)
        assertEquals(List(20) { "closed" }, after)
        assertEquals(1000, db.openTable("t").countRows())
    }

    @Test
    fun `cancelling a coroutine mid-query leaves the table usable`() = runBlocking<Unit> {
        val big = vectorRows(20_000, 128, seed = 3)
        val table = db.createTable("big", big)
        val query = randomVector(128, seed = 4)
        var cancelled = 0
        for (delayMs in listOf(0L, 1L, 3L, 10L, 30L)) {
            val started = CompletableDeferred<Unit>()
            val hits = CompletableDeferred<Int>()
            val job = launch(Dispatchers.Default) {
                started.complete(Unit)
                hits.complete(table.vectorSearch(query).limit(500).toBatch().rowCount)
            }
            started.await()
            delay(delayMs)
            job.cancelAndJoin()
            // Cancelled, or finished first (a fast machine, a long delay) with the right answer.
            if (job.isCancelled && !hits.isCompleted) cancelled++ else assertEquals(500, hits.await())
        }
        assertTrue(cancelled > 0, "no search was cancelled")
        val expected = bruteForce(big, query, DistanceType.L2, 10).map { it.first }
        assertEquals(expected, table.vectorSearch(query).toBatch().int64("id"))
        assertEquals(20_000, table.countRows())
    }

    @Test
    fun `cancelling a flow collector mid-stream leaves the table usable`() = runBlocking<Unit> {
        val table = db.createTable("big", vectorRows(20_000, 8))
        val firstBatch = CompletableDeferred<Unit>()
        var rows = 0
        val job = launch(Dispatchers.Default) {
            table.query().toFlow().collect {
                rows += it.rowCount
                firstBatch.complete(Unit)
                delay(10_000)
            }
        }
        firstBatch.await()
        job.cancelAndJoin()
        assertTrue(job.isCancelled)
        assertTrue(rows in 1 until 20_000)
        assertEquals(20_000, table.query().select("id").toBatch().rowCount)
    }

    @Test
    fun `a cancelled write runs on to its commit and close waits for it`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val job = launch(Dispatchers.Default) { table.add(vectorRows(50_000, dim, firstId = 1000)) }
        var polls = 0
        while (debugLiveObjects().writes == 0L && job.isActive) {
            check(++polls < 100_000) { "the write never started" }
            yield()
        }
        job.cancelAndJoin()
        table.closeAndWait()
        assertEquals(0L, debugLiveObjects().writes)
        db.openTable("t").use { reopened ->
            assertEquals(51_000L, reopened.countRows())
            assertEquals(51_000, reopened.query().select("id").toBatch().rowCount)
        }
    }
}

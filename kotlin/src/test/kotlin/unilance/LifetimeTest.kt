package unilance

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource

/** close() frees the Rust objects at once; the Cleaner frees what was forgotten. */
class LifetimeTest : DatabaseTest() {
    /**
     * The live-object counts once the garbage of earlier tests is collected:
     * the counters are process-wide, and the Cleaner frees objects on its own thread.
     */
    private fun settled(): LiveObjects {
        var last = debugLiveObjects()
        repeat(100) {
            System.gc()
            Thread.sleep(20)
            val now = debugLiveObjects()
            if (now == last) return now
            last = now
        }
        return last
    }

    private fun waitFor(expected: LiveObjects): LiveObjects {
        var now = debugLiveObjects()
        repeat(100) {
            if (now == expected) return now
            System.gc()
            Thread.sleep(20)
            now = debugLiveObjects()
        }
        return now
    }

    @Test
    fun `closing a connection and a table frees them at once`() = runBlocking<Unit> {
        val before = settled()
        val conn = connect(dir.toString())
        val table = conn.createTable("t", vectorRows(10, 4))
        assertEquals(before.copy(connections = before.connections + 1, tables = before.tables + 1), debugLiveObjects())
        assertEquals(10, table.countRows())
        table.close()
        conn.close()
        // No GC involved: close() destroyed the handles.
        assertEquals(before, debugLiveObjects())
    }

    @Test
    fun `a finished or abandoned flow releases its stream`() = runBlocking<Unit> {
        val table = db.createTable("t", vectorRows(3000, 4))
        val before = settled()
        assertEquals(3000, table.query().toFlow().toList().sumOf { it.rowCount })
        table.query().toFlow().first()
        assertEquals(before.streams, debugLiveObjects().streams)
    }

    @Test
    fun `forgotten queries are freed by the cleaner`() = runBlocking<Unit> {
        val table = db.createTable("t", vectorRows(10, 4))
        val before = settled()
        repeat(50) { table.query().where("id > $it").limit(3).toBatch() }
        assertEquals(before, waitFor(before))
    }

    @ParameterizedTest
    @ValueSource(booleans = [true, false])
    fun `a Rust panic surfaces as an internal error`(onRuntime: Boolean) = runBlocking<Unit> {
        val e = assertFailsWith<LanceException.Internal> { debugCall("boom", onRuntime) }
        assertContains(e.message!!, "boom")
        debugCall(null, onRuntime)
    }
}

package unilance

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Kotlin-shaped connection behaviour; what every language shares is in tests/scenarios/. */
class ConnectionTest : DatabaseTest() {
    private fun ids(vararg ids: Long) = batch { int64("id", ids.toList()) }

    @Test
    fun `a closed connection refuses calls but its tables stay usable`() = runBlocking<Unit> {
        val conn = connect(dir.toString())
        val table = conn.createTable("t", ids(1, 2))
        conn.closeAndWait()
        assertTrue(conn.isClosed())
        val e = assertFailsWith<LanceException.Closed> { conn.tableNames() }
        assertContains(e.message!!, "closed")
        assertEquals(2, table.countRows())
        conn.closeAndWait() // closing twice is harmless
        conn.close()
    }
}

package unilance

import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Kotlin-shaped connection behaviour; what every language shares is in tests/scenarios/. */
class ConnectionTest : DatabaseTest() {
    @Test
    fun `use closes the connection, isClosed reports it, and closing twice is harmless`() = runBlocking {
        val conn = Unilance.connect(dir.toString())
        assertFalse(conn.isClosed)
        conn.use { assertEquals(emptyList(), it.tableNames()) }
        assertTrue(conn.isClosed)
        conn.close()
        assertTrue(conn.isClosed)
    }
}

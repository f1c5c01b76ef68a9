package unilance

import java.util.UUID
import kotlin.test.assertEquals
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Test

/**
 * Object storage beyond the shared scenarios (tests/scenarios/s3_*.json): two connections of one
 * process appending to one S3 table at once. The server is SeaweedFS on 127.0.0.1
 * (scripts/s3.sh; scripts/test-kotlin.sh starts it when none runs).
 */
class S3Test {
    @Test
    fun `two connections append to one S3 table at once and every row lands`() = runBlocking<Unit> {
        val s3 = S3.fromEnv()
        val uri = "s3://${s3.bucket}/kt-two-connections-${UUID.randomUUID()}"
        connect(uri, s3.options).use { a ->
            connect(uri, s3.options).use { b ->
                a.createTable("t", vectorRows(1, 4, firstId = -1)).use { it.closeAndWait() }
                val tables = listOf(a.openTable("t"), b.openTable("t"))
                withContext(Dispatchers.Default) {
                    tables.mapIndexed { writer, table ->
                        async {
                            // Appends never conflict in Lance: each one lands (or this throws and fails the test).
                            repeat(6) { n -> table.add(vectorRows(5, 4, firstId = (writer + 1) * 10_000L + n * 5)) }
                        }
                    }.awaitAll()
                }
                tables.forEach { it.closeAndWait(); it.close() }
                a.openTable("t").use { table ->
                    assertEquals(61L, table.countRows())
                    val expected = listOf(-1L) + (1..2).flatMap { w -> (0 until 30).map { w * 10_000L + it } }
                    assertEquals(expected, table.query().select("id").toBatch().int64("id").map { it!! }.sorted())
                    table.closeAndWait()
                }
                a.closeAndWait()
                b.closeAndWait()
            }
        }
    }
}

package unilance

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.runBlocking
import org.json.JSONObject
import org.junit.jupiter.api.Test

/** Arrow IPC stream bytes in and out, checked against pyarrow. */
class ArrowIpcTest : DatabaseTest() {
    private fun pyarrow(mode: String, file: File) = JSONObject(runPython("ipc.py", listOf(mode, file.path), dir.toFile()))

    @Test
    fun `a table created and appended from pyarrow's IPC bytes holds its rows`() = runBlocking<Unit> {
        val file = File(dir.toFile(), "in.arrows")
        val written = jsonRows(pyarrow("write", file))
        val bytes = file.readBytes()

        val table = db.createTableIpc("ipc", bytes)
        assertEquals(DataType.Vector(3), table.schema().fields.single { it.name == "v" }.dataType)
        assertEquals(written, plainRows(table.query().toBatch()))

        assertEquals(table.version() + 1, table.addIpc(bytes).version)
        assertEquals(8, table.countRows())
        assertEquals(2, table.countRows("name IS NULL"))
    }

    @Test
    fun `a table created from IPC pieces exists only once they are finished`() = runBlocking<Unit> {
        val source = db.createTable("src", batch { int64("id", (0L until 300L).toList()) })
        val bytes = source.query().toIpc()

        // Cut short: the creation fails at finish, and there is no table to open.
        db.createTableIpcStream("copy").use { cut ->
            cut.write(bytes.copyOfRange(0, bytes.size / 2))
            assertFailsWith<LanceException> { cut.finish() }
        }
        assertFailsWith<LanceException.TableNotFound> { db.openTable("copy") }

        // Any split of the stream: here pieces of 1,000 bytes.
        val table = db.createTableIpcStream("copy").use { create ->
            for (at in bytes.indices step 1000) create.write(bytes.copyOfRange(at, minOf(at + 1000, bytes.size)))
            create.finish()
        }
        assertEquals(300L, table.countRows())
        assertEquals((0L until 300L).toList(), plainRows(table.query().toBatch()).map { it["id"] }.sortedBy { it as Long })
        assertFailsWith<LanceException.TableAlreadyExists> {
            db.createTableIpcStream("copy").use { again -> again.write(bytes); again.finish() }
        }
    }

    @Test
    fun `query results as IPC bytes are read by pyarrow unchanged`() = runBlocking<Unit> {
        val data = batch {
            int64("id", listOf(1L, 2L, 3L))
            utf8("name", listOf("ä", null, ""))
            float32Vectors("v", 3, listOf(floatArrayOf(1f, 2f, 3f), null, floatArrayOf(-0.5f, 0f, 1e-9f)))
            float32("score", listOf(null, 1.5f, -2f))
            timestamp("ts", TimeUnit.MILLISECOND, listOf(5L, null, -1L))
        }
        val table = db.createTable("out", data)
        val file = File(dir.toFile(), "out.arrows").apply { writeBytes(table.query().toIpc()) }
        assertEquals(plainRows(data), jsonRows(pyarrow("read", file)))

        val hits = table.vectorSearch(floatArrayOf(1f, 2f, 3f)).limit(1).select("id").toIpc()
        file.writeBytes(hits)
        assertEquals(listOf(1L), jsonRows(pyarrow("read", file)).map { it["id"] })
    }
}

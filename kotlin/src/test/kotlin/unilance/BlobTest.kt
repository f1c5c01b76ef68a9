package unilance

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Blob columns of a table the official SDK wrote (python/tests/blob_table.py): bytes by row id, ranges, lazy files. */
class BlobTest : DatabaseTest() {
    // The blobs blob_table.py writes, in id order.
    private val images = listOf(ByteArray(1024) { it.toByte() }, null, "hello world".repeat(1000).toByteArray(), ByteArray(0))

    private suspend fun officialBlobTable(): Pair<Table, List<Long>> {
        officialBlobTable(dir.toString(), "blobs")
        val table = db.openTable("blobs")
        val rows = table.query().select(listOf("id")).withRowId().toBatch()
        val ids = rows.int64("id").zip(rows.int64("_rowid")).sortedBy { it.first }.map { it.second!! }
        return table to ids
    }

    private fun assertBlobs(expected: List<ByteArray?>, actual: List<ByteArray?>) {
        assertEquals(expected.size, actual.size)
        expected.zip(actual).forEach { (e, a) -> if (e == null) assertNull(a) else assertContentEquals(e, a) }
    }

    @Test
    fun `blobs come by row id in the order asked, from both blob kinds`() = runBlocking<Unit> {
        val (table, ids) = officialBlobTable()
        assertEquals(listOf("img", "old"), table.blobColumns())
        for (column in listOf("img", "old")) {
            assertBlobs(images, table.fetchBlobs(column, ids))
            assertBlobs(listOf(images[2], images[0], images[2]), table.fetchBlobs(column, listOf(ids[2], ids[0], ids[2])))
        }
    }

    @Test
    fun `byte ranges and lazy files read only what is asked`() = runBlocking<Unit> {
        val (table, ids) = officialBlobTable()
        val ranges = table.fetchBlobRanges("img", listOf(BlobRange(ids[2], 6, 5), BlobRange(ids[0], 255, 2), BlobRange(ids[1], 0, 0)))
        assertBlobs(listOf("world".toByteArray(), byteArrayOf(-1, 0), null), ranges)

        val files = table.fetchBlobFiles("img", ids)
        assertNull(files[1])
        files[2]!!.use { file ->
            assertEquals(11000L, file.size())
            assertContentEquals(images[2], file.read())
            assertContentEquals("world".toByteArray(), file.readRange(10995, 100))
        }
        files.filterNotNull().forEach { it.close() }
    }

    @Test
    fun `bad blob requests fail naming what was wrong`() = runBlocking<Unit> {
        val (table, ids) = officialBlobTable()
        val noColumn = assertFailsWith<LanceException.InvalidInput> { table.fetchBlobs("nope", ids) }
        assertTrue("'nope'" in noColumn.message!!, noColumn.message)
        val notBlob = assertFailsWith<LanceException.InvalidInput> { table.fetchBlobs("id", ids) }
        assertTrue("'id' is not a blob column" in notBlob.message!!, notBlob.message)
        val negative = assertFailsWith<LanceException.InvalidInput> { table.fetchBlobs("img", listOf(-1L)) }
        assertTrue("row id must not be negative" in negative.message!!, negative.message)
        assertEquals(4L, table.countRows())
    }
}

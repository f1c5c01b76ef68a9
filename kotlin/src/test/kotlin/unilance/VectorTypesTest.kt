package unilance

import kotlin.test.assertContains
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** uint8 and float16 vector columns, and field metadata, through the Batch builder and readers. */
class VectorTypesTest : DatabaseTest() {
    @Test
    fun `uint8 and float16 vectors are stored as such and read back`() = runBlocking<Unit> {
        val codes = listOf(byteArrayOf(0, 1, -1), null, byteArrayOf(127, -128, 5))
        val halves = listOf(floatArrayOf(0.5f, -2f, 1f / 3), floatArrayOf(65504f, 0f, 1e-3f), null)
        val table = db.createTable("v", batch {
            int64("id", listOf(1L, 2L, 3L))
            uint8Vectors("codes", 3, codes)
            float16Vectors("halves", 3, halves)
        })
        val schema = table.schema()
        assertEquals(DataType.Vector(3, VectorElement.UINT8), schema.field("codes").dataType)
        assertEquals(DataType.Vector(3, VectorElement.FLOAT16), schema.field("halves").dataType)

        val read = table.query().toBatch()
        val bytes = read.uint8Vectors("codes")
        assertContentEquals(codes[0], bytes[0])
        assertNull(bytes[1])
        assertContentEquals(codes[2], bytes[2])
        // 255 comes back as the unsigned value in the float view.
        assertContentEquals(floatArrayOf(0f, 1f, 255f), read.vectors("codes")[0])
        val floats = read.vectors("halves")
        // 1/3 rounds to the nearest float16; the rest are exact.
        assertContentEquals(floatArrayOf(0.5f, -2f, 0.33325195f), floats[0])
        assertContentEquals(floatArrayOf(65504f, 0f, 0.0010004044f), floats[1])
        assertNull(floats[2])

        // Hamming search over the byte codes finds the exact match first.
        val hit = table.vectorSearch(floatArrayOf(127f, 128f, 5f)).column("codes")
            .distanceType(DistanceType.HAMMING).limit(1).toBatch()
        assertEquals(listOf<Long?>(3), hit.int64("id"))
    }

    @Test
    fun `a uint8 vector value outside 0 to 255 is refused naming the column`() = runBlocking<Unit> {
        val bad = batch {
            column("codes", DataType.Vector(2, VectorElement.UINT8), Column(ColumnValues.Vector(listOf(1f, 256f)), null), 1)
        }
        val error = assertFailsWith<LanceException.InvalidInput> { db.createTable("v", bad) }
        assertContains(error.message!!, "'codes'")
        assertEquals(emptyList(), db.tableNames())
    }

    @Test
    fun `field metadata is written on create and read and updated through the schema`() = runBlocking<Unit> {
        val table = db.createTable("m", batch {
            int64("id", listOf(1L))
            utf8("text", listOf("a"))
            metadata("text", mapOf("unit" to "words"))
        })
        assertEquals(mapOf("unit" to "words"), table.schema().field("text").metadata)
        assertEquals(emptyMap(), table.schema().field("id").metadata)

        table.updateFieldMetadata(listOf(FieldMetadataUpdate("id", mapOf("role" to "key"))))
        table.updateSchemaMetadata(mapOf("owner" to "ml-team"))
        val schema = table.schema()
        assertEquals(mapOf("role" to "key"), schema.field("id").metadata)
        assertEquals("ml-team", schema.metadata["owner"])
        assertFailsWith<IllegalArgumentException> { batch { int64("id", listOf(1L)); metadata("nope", mapOf()) } }
    }
}

package unilance

import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector.BigIntVector
import org.apache.arrow.vector.Float4Vector
import org.apache.arrow.vector.IntVector
import org.apache.arrow.vector.VarCharVector
import org.apache.arrow.vector.VectorSchemaRoot
import org.apache.arrow.vector.complex.FixedSizeListVector
import org.apache.arrow.vector.complex.ListVector
import org.apache.arrow.vector.complex.StructVector
import org.apache.arrow.vector.types.FloatingPointPrecision
import org.apache.arrow.vector.types.pojo.ArrowType
import org.apache.arrow.vector.types.pojo.Field as AField
import org.apache.arrow.vector.types.pojo.FieldType
import org.apache.arrow.vector.types.pojo.Schema as ASchema
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/** Arrow Java in and out through the C Data Interface: values, nulls, nested types, memory. */
class ArrowTest : DatabaseTest() {
    private lateinit var allocator: BufferAllocator

    @BeforeEach
    fun openAllocator() {
        allocator = RootAllocator()
    }

    /** Every buffer imported or exported was released: the allocator is back at 0 and closes cleanly. */
    @AfterEach
    fun allocatorIsEmpty() {
        assertEquals(0L, allocator.allocatedMemory, "Arrow memory still held after the test")
        allocator.close()
    }

    private fun nullable(name: String, type: ArrowType, vararg children: AField) =
        AField(name, FieldType.nullable(type), children.toList())

    private val int32 = ArrowType.Int(32, true)

    /** ids, names with a null, a list column (a null row, an empty list), a struct (a null row), vectors. */
    private fun rows(ids: List<Long>, names: List<String?>): VectorSchemaRoot {
        val schema = ASchema(listOf(
            nullable("id", ArrowType.Int(64, true)),
            nullable("name", ArrowType.Utf8()),
            nullable("tags", ArrowType.List.INSTANCE, nullable("item", int32)),
            nullable("point", ArrowType.Struct.INSTANCE, nullable("x", int32), nullable("label", ArrowType.Utf8())),
            nullable("vector", ArrowType.FixedSizeList(2), nullable("item", ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))),
        ))
        val root = VectorSchemaRoot.create(schema, allocator)
        val n = ids.size
        val id = root.getVector("id") as BigIntVector
        val name = root.getVector("name") as VarCharVector
        val tags = root.getVector("tags") as ListVector
        val point = root.getVector("point") as StructVector
        val vector = root.getVector("vector") as FixedSizeListVector
        root.allocateNew()
        val items = tags.dataVector as IntVector
        val x = point.getChild("x") as IntVector
        val label = point.getChild("label") as VarCharVector
        val floats = vector.dataVector as Float4Vector
        var item = 0
        for (row in 0 until n) {
            id.setSafe(row, ids[row])
            names[row]?.let { name.setSafe(row, it.toByteArray()) } ?: name.setNull(row)
            when (row % 3) {
                0 -> {
                    val at = tags.startNewValue(row)
                    items.setSafe(at, row); items.setSafe(at + 1, -row)
                    tags.endValue(row, 2)
                    item = at + 2
                }
                1 -> tags.setNull(row)
                else -> { tags.startNewValue(row); tags.endValue(row, 0) }
            }
            if (row % 3 == 1) {
                point.setNull(row); x.setNull(row); label.setNull(row)
            } else {
                point.setIndexDefined(row); x.setSafe(row, row * 10); label.setSafe(row, "p$row".toByteArray())
            }
            vector.setNotNull(row)
            floats.setSafe(row * 2, row.toFloat()); floats.setSafe(row * 2 + 1, 0.5f)
        }
        items.valueCount = item
        x.valueCount = n; label.valueCount = n; floats.valueCount = n * 2
        root.rowCount = n
        return root
    }

    private fun tsv(root: VectorSchemaRoot) = root.contentToTSVString()

    @Test
    fun `a table created from a VectorSchemaRoot reads back as Arrow with the same values and nulls`() = runBlocking<Unit> {
        rows(listOf(1, 2, 3, 4), listOf("a", null, "c", "")).use { source ->
            val table = db.createTable("t", source)
            val read = table.query().toArrowReader(allocator)
            read.use {
                assertEquals(true, it.loadNextBatch())
                assertEquals(tsv(source), tsv(it.vectorSchemaRoot))
                assertEquals(false, it.loadNextBatch())
            }
            // The same rows through the library-independent Batch.
            val batch = table.query().toBatch()
            assertEquals(listOf("a", null, "c", ""), batch.strings("name"))
            assertEquals(listOf(listOf(0, 0), null, emptyList(), listOf(3, -3)), batch.lists("tags"))
            assertEquals(listOf(mapOf("x" to 0, "label" to "p0"), null, mapOf("x" to 20, "label" to "p2"), mapOf("x" to 30, "label" to "p3")), batch.structs("point"))
            assertEquals(DataType.Vector(2), table.schema().field("vector").dataType)
        }
    }

    @Test
    fun `add and merge_insert take Arrow readers and roots`() = runBlocking<Unit> {
        val table = rows(listOf(1, 2), listOf("a", "b")).use { db.createTable("t", it) }
        rows(listOf(3, 4), listOf("c", null)).use { table.add(it) }
        // A reader from another table's query: Rust -> Java -> Rust, no copy on the way.
        val other = rows(listOf(5), listOf("e")).use { db.createTable("o", it) }
        assertEquals(table.version() + 1, table.add(other.query().toArrowReader(allocator)).version)
        assertEquals(5, table.countRows())

        val result = rows(listOf(2, 9), listOf("B", "i")).use {
            table.mergeInsert(listOf("id")).whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(it)
        }
        assertEquals(1L to 1L, result.numUpdatedRows to result.numInsertedRows)
        val batch = table.query().toBatch()
        val names = batch.int64("id").zip(batch.strings("name")).sortedBy { it.first }
        assertEquals(listOf(1L to "a", 2L to "B", 3L to "c", 4L to null, 5L to "e", 9L to "i"), names)
    }

    @Test
    fun `query output as a flow of roots comes batch by batch`() = runBlocking<Unit> {
        val table = rows(listOf(0, 1, 2), listOf("a", "b", "c")).use { db.createTable("t", it) }
        rows(listOf(3, 4, 5), listOf("d", "e", "f")).use { table.add(it) }
        rows(listOf(6, 7, 8), listOf("g", "h", "i")).use { table.add(it) }
        val seen = mutableListOf<Long>()
        var batches = 0
        table.query().toArrowFlow(allocator).collect { root ->
            batches++
            val ids = root.getVector("id") as BigIntVector
            for (i in 0 until root.rowCount) seen += ids.get(i)
        }
        assertEquals(3, batches)
        assertEquals((0L..8L).toList(), seen)
        // Roots are released after each emit: nothing collected is still held.
        assertEquals(0L, allocator.allocatedMemory)
        assertEquals(emptyList(), table.query().where("id > 100").toArrowFlow(allocator).toList())
    }

    @Test
    fun `the Arrow schema carries metadata, and bad Arrow input is a typed error`() = runBlocking<Unit> {
        val table = rows(listOf(1), listOf("a")).use { db.createTable("t", it) }
        table.updateFieldMetadata(listOf(FieldMetadataUpdate("name", mapOf("unit" to "words"))))
        val schema = table.arrowSchema()
        assertEquals(mapOf("unit" to "words"), schema.findField("name").metadata)
        assertEquals(ArrowType.FixedSizeList(2), schema.findField("vector").type)

        val wrong = ASchema(listOf(nullable("id", ArrowType.Utf8())))
        VectorSchemaRoot.create(wrong, allocator).use { root ->
            (root.getVector("id") as VarCharVector).apply { allocateNew(); setSafe(0, "x".toByteArray()); valueCount = 1 }
            root.rowCount = 1
            val error = assertFailsWith<LanceException.SchemaMismatch> { table.add(root) }
            assertContains(error.message!!, "'id'")
        }
        assertEquals(1, table.countRows())
        val empty = db.createEmptyTable("e", wrong)
        assertEquals(listOf(Field("id", DataType.Utf8, true)), empty.schema().fields)
    }
}

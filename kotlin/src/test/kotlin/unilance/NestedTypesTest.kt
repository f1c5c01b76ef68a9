package unilance

import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Lists, structs, dates and decimals written and read through the Batch, nulls included. */
class NestedTypesTest : DatabaseTest() {
    private val point = listOf(Field("x", DataType.Int32, true), Field("label", DataType.Utf8, true))

    private val data = batch {
        int64("id", listOf(1L, 2L, 3L))
        utf8Lists("tags", listOf(listOf("a", null), null, emptyList()))
        date32("day", listOf(LocalDate.of(2024, 2, 29), null, LocalDate.EPOCH))
        decimal("price", 10, 2, listOf(BigDecimal("12.50"), BigDecimal("-0.01"), null))
        column("point", DataType.Struct(point), Column(ColumnValues.Struct(listOf(
            Column(ColumnValues.Int32(listOf(1, 0, 3)), listOf(true, false, true)),
            Column(ColumnValues.Utf8(listOf("p", "q", "r")), null),
        )), listOf(true, true, false)), rows = 3)
    }

    @Test
    fun `nested columns round trip and the schema reports them`() = runBlocking {
        val table = db.createTable("nested", data)
        assertEquals(data.schema.fields, table.schema().fields)
        val rows = table.query().toBatch()
        assertEquals(listOf(listOf("a", null), null, emptyList<String?>()), rows.lists("tags"))
        assertEquals(listOf(LocalDate.of(2024, 2, 29), null, LocalDate.EPOCH), rows.dates("day"))
        assertEquals(listOf(BigDecimal("12.50"), BigDecimal("-0.01"), null), rows.decimals("price"))
        assertEquals(listOf(mapOf("x" to 1, "label" to "p"), mapOf("x" to null, "label" to "q"), null), rows.structs("point"))
        assertEquals(mapOf("id" to 1L, "tags" to listOf("a", null), "day" to LocalDate.of(2024, 2, 29),
            "price" to BigDecimal("12.50"), "point" to mapOf("x" to 1, "label" to "p")), rows.toRows()[0])
    }
}

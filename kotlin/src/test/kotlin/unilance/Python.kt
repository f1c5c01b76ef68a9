package unilance

import java.io.File
import java.util.concurrent.TimeUnit as JavaTimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.json.JSONArray
import org.json.JSONObject

/** Runs a script from the test resources with the Python that has the official packages; returns its stdout. */
fun runPython(script: String, args: List<String>, workDir: File): String {
    val path = File(checkNotNull(Python::class.java.getResource("/$script")).toURI()).path
    val python = System.getProperty("unilance.python") ?: "python3"
    val out = File.createTempFile("python", ".out", workDir)
    val err = File.createTempFile("python", ".err", workDir)
    val process = ProcessBuilder(listOf(python, path) + args).redirectOutput(out).redirectError(err).start()
    val finished = process.waitFor(120, JavaTimeUnit.SECONDS)
    if (!finished) process.destroyForcibly()
    assertTrue(finished, "$script did not finish")
    assertEquals(0, process.exitValue(), err.readText())
    return out.readText()
}

/** The official SDK writes python/tests/blob_table.py's table as [name] in the database at [uri]. */
fun officialBlobTable(uri: String, name: String) {
    val script = File(System.getProperty("user.dir"), "../python/tests/blob_table.py").canonicalFile
    val process = ProcessBuilder(System.getProperty("unilance.python") ?: "python3", script.path, uri, name)
        .redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    assertTrue(process.waitFor(120, JavaTimeUnit.SECONDS) && process.exitValue() == 0, "blob_table.py failed: $output")
}

/** Rows in the JSON shape the scripts print: sorted by id, timestamps as counts, floats as doubles. */
fun plainRows(batch: Batch): List<Map<String, Any?>> {
    val columns = batch.columnNames.associateWith { name ->
        when (batch.field(name).dataType) {
            is DataType.Timestamp -> batch.timestamps(name)
            is DataType.Vector -> batch.vectors(name).map { v -> v?.map { it.toDouble() } }
            DataType.Float32 -> batch.float32(name).map { it?.toDouble() }
            else -> List(batch.rowCount) { batch.value(name, it) }
        }
    }
    return List(batch.rowCount) { row -> columns.mapValues { it.value[row] } }.sortedBy { it["id"] as Long }
}

/** The "rows" array a script printed, with numbers normalised to what [plainRows] gives. */
fun jsonRows(json: JSONObject): List<Map<String, Any?>> {
    val rows = json.getJSONArray("rows")
    return List(rows.length()) { i ->
        val row = rows.getJSONObject(i)
        row.keySet().associateWith { key -> fromJson(key, row.get(key)) }
    }
}

private fun fromJson(column: String, value: Any?): Any? = when {
    value == JSONObject.NULL -> null
    value is JSONArray -> List(value.length()) { value.getDouble(it) }
    column == "id" || column == "ts" -> (value as Number).toLong()
    value is Number -> value.toDouble()
    else -> value
}

private object Python

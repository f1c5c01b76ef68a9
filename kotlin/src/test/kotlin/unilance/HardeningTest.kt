package unilance

import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit as JavaTimeUnit
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** The filters of issue 7: each once ended the process with SIGSEGV. */
private val issue = mapOf(
    "16 NOT (" to "NOT (".repeat(16) + "id > 1" + ")".repeat(16),
    "20 abs(" to "abs(".repeat(20) + "id" + ")".repeat(20) + " > 1",
    "25 NOT" to "NOT ".repeat(25) + "id > 1",
)

/** Past the limits: a chain as deep as it is long, nesting past sqlparser's own limit. */
private val tooDeep = mapOf(
    "10k OR" to List(10_000) { "id = 1" }.joinToString(" OR "),
    "1k +" to "id" + " + 1".repeat(1000) + " > 1",
    "40 NOT (" to "NOT (".repeat(40) + "id > 1" + ")".repeat(40),
)

/** Literals the SQL parser has `todo!()` for, and a call it indexes blindly. */
private val parserPanics = listOf("id = \$1", "id = ?", "is_valid()", "id = N'x'")

/**
 * Run by [HardeningTest] in a child JVM, so a crash fails one test instead of the run:
 * prints `case<TAB>exception class<TAB>message` per call, then `unchanged<TAB>true|false`.
 */
object HardeningProbe {
    @JvmStatic
    fun main(args: Array<String>) = runBlocking {
        val filters = when (args[1]) {
            "deep" -> tooDeep
            "issue" -> issue
            else -> parserPanics.associateWith { it }
        }
        connect(args[0]).use { db ->
            val table = db.createTable("t", vectorRows(10, 4))
            val before = table.countRows() to table.version()
            for ((label, f) in filters) {
                val calls = mapOf<String, suspend () -> Any>(
                    "count" to { table.countRows(f) },
                    "scan" to { table.query().where(f).toBatch() },
                    "search" to { table.vectorSearch(FloatArray(4)).where(f).toBatch() },
                    "delete" to { table.delete(f) },
                    "update where" to { table.update(updatesSql = mapOf("id" to "id"), where = f) },
                    "update set" to { table.update(updatesSql = mapOf("id" to "CASE WHEN $f THEN 1 ELSE 0 END")) },
                )
                for ((name, call) in calls) {
                    val outcome = try {
                        val result = call()
                        "ok\t" + (if (result is Batch) result.rowCount else result)
                    } catch (e: LanceException) {
                        "${e::class.simpleName}\t${e.message}"
                    }
                    println("$label $name\t$outcome".take(300))
                }
            }
            println("unchanged\t${(table.countRows() to table.version()) == before}")
        }
    }
}

class HardeningTest : DatabaseTest() {
    private fun runProbe(kind: String): List<List<String>> {
        val child = Files.createTempDirectory("unilance-hardening").toFile()
        try {
            val java = File(System.getProperty("java.home"), "bin/java").path
            val command = listOf(java, "-cp", System.getProperty("java.class.path")) +
                System.getProperties().stringPropertyNames().filter { it.startsWith("uniffi.") || it.startsWith("jna.") }
                    .map { "-D$it=${System.getProperty(it)}" } +
                listOf(HardeningProbe::class.java.name, child.path, kind)
            val log = File(child.parentFile, "${child.name}.log")
            val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start()
            val exited = process.waitFor(300, JavaTimeUnit.SECONDS)
            if (!exited) process.destroyForcibly()
            val output = log.readText().also { log.delete() }
            assertTrue(exited, "the child JVM did not finish: $output")
            assertEquals(0, process.exitValue(), "the child JVM died: $output")
            return output.lines().filter { '\t' in it }.map { it.split('\t') }
        } finally {
            child.deleteRecursively()
        }
    }

    @Test
    fun `too deep filters are InvalidFilter in every call, in a child JVM`() {
        val lines = runProbe("deep")
        assertEquals(tooDeep.size * 6 + 1, lines.size, lines.toString())
        for (line in lines.dropLast(1)) {
            assertEquals("InvalidFilter", line[1], line.toString())
            assertContains(line[2], "nested too deeply (limit ")
        }
        assertEquals(listOf("unchanged", "true"), lines.last())
    }

    @Test
    fun `the issue's filters are answered, in a child JVM`() {
        val lines = runProbe("issue")
        // Reads first; the delete that follows each filter changes what the next filter sees.
        assertEquals(listOf("16 NOT ( count", "ok", "8"), lines[0])
        assertEquals(listOf("16 NOT ( scan", "ok", "8"), lines[1])
        for (line in lines.dropLast(1)) assertTrue(line[1] == "ok" || line[1] == "InvalidFilter", line.toString())
        assertEquals(listOf("unchanged", "false"), lines.last(), "the deletes and updates ran")
    }

    @Test
    fun `filters the parser cannot handle are InvalidFilter, in a child JVM`() {
        val lines = runProbe("panics")
        for (line in lines.dropLast(1)) assertEquals("InvalidFilter", line[1], line.toString())
        assertEquals(listOf("unchanged", "true"), lines.last())
    }

    @Test
    fun `an empty uri is refused`() = runBlocking {
        val e = assertFailsWith<LanceException.InvalidInput> { connect("") }
        assertContains(e.message!!, "URI is empty")
    }

    @Test
    fun `a table dropped through another connection is gone`() = runBlocking {
        val table = db.createTable("t", vectorRows(10, 4))
        connect(dir.toString()).use { it.dropTable("t") }
        for (call in listOf<suspend () -> Any>({ table.countRows() }, { table.query().toBatch() }, { table.add(vectorRows(1, 4)) })) {
            val e = assertFailsWith<LanceException.TableNotFound> { call() }
            assertContains(e.message!!, "'t' was dropped")
        }
        assertEquals(emptyList(), db.tableNames())
    }

    @Test
    fun `reads beyond the limit queue and all complete`() = runBlocking {
        val table = db.createTable("t", vectorRows(200, 4))
        assertContains(assertFailsWith<LanceException.InvalidInput> { db.setMaxConcurrentReads(0) }.message!!, "at least 1")
        assertContains(
            assertFailsWith<LanceException.InvalidInput> { db.setMaxConcurrentReads(-1) }.message!!,
            "max_concurrent_reads must not be negative",
        )
        db.setMaxConcurrentReads(2)
        assertEquals(2, db.maxConcurrentReads())
        val counts = List(40) { async { table.vectorSearch(randomVector(4, it)).limit(3).toBatch().rowCount } }.awaitAll()
        assertEquals(List(40) { 3 }, counts)
    }

    @Test
    fun `connect takes the read limit`() = runBlocking {
        connect(dir.resolve("limited").toString(), maxConcurrentReads = 3).use { assertEquals(3, it.maxConcurrentReads()) }
        val e = assertFailsWith<LanceException.InvalidInput> { connect(dir.resolve("zero").toString(), maxConcurrentReads = 0) }
        assertContains(e.message!!, "max_concurrent_reads must be at least 1")
    }
}

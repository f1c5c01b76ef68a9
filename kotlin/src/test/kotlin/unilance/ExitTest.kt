package unilance

import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit as JavaTimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Test

/** Run by [ExitTest] in a child JVM: uses the library from many threads, then returns from main. */
object ExitProbe {
    @JvmStatic
    fun main(args: Array<String>) = runBlocking<Unit> {
        connect(args[0]).use { db ->
            val table = db.createTable("t", vectorRows(200, 8))
            val counts = withContext(Dispatchers.Default) {
                List(100) { async { table.vectorSearch(randomVector(8, it)).toBatch().rowCount } }.awaitAll()
            }
            println("probe: ${counts.sum()} rows")
        }
    }
}

class ExitTest {
    @Test
    fun `the JVM exits by itself after using the library`() {
        val dir = Files.createTempDirectory("unilance-exit").toFile()
        try {
            val java = File(System.getProperty("java.home"), "bin/java").path
            val command = listOf(java, "-cp", System.getProperty("java.class.path")) +
                System.getProperties().stringPropertyNames().filter { it.startsWith("uniffi.") }
                    .map { "-D$it=${System.getProperty(it)}" } +
                listOf(ExitProbe::class.java.name, dir.path)
            val log = File(dir, "probe.log")
            val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start()
            val exited = process.waitFor(60, JavaTimeUnit.SECONDS)
            if (!exited) process.destroyForcibly()
            val output = log.readText()
            assertTrue(exited, "the child JVM did not exit: $output")
            assertEquals(0, process.exitValue(), output)
            assertTrue("probe: 1000 rows" in output, output)
        } finally {
            dir.deleteRecursively()
        }
    }
}

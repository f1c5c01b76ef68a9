// A user's program (scripts/test-packages.sh): the installed jar, one call, and where the
// native library was loaded from.
import java.io.File
import kotlinx.coroutines.runBlocking
import unilance.*

fun main(args: Array<String>) = runBlocking<Unit> {
    connect(args[0]).use { db ->
        db.createTable("t", batch { int64("id", listOf(1L, 2L, 3L)) }).use { table ->
            // Declared types: counts and versions are Long, never ULong.
            val rows: Long = table.countRows("id > 1")
            val version: Long = table.version()
            check(rows == 2L && version == 1L) { "countRows gave $rows, version $version" }
        }
    }
    val mapped = File("/proc/self/maps").readLines().first { it.endsWith("/libunilance.so") }
    println("loaded: ${mapped.substring(mapped.indexOf('/'))}")
}

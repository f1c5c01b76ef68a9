package unilance

import java.io.File
import java.net.JarURLConnection
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.util.zip.CRC32

/**
 * Where the generated bindings load `libunilance.so` from (uniffi.toml points the bindings'
 * library name here).
 *
 * The jar carries the library as `linux-x86-64/libunilance.so`. JNA would extract such a
 * resource to a new temp file on every start: hundreds of MB of writes per process for a
 * debug build, tens for a release one. Instead it is extracted once into a per-user cache,
 * `$XDG_CACHE_HOME/unilance/native/<size>-<crc32>/` (else `~/.cache/...`, else the temp
 * directory), named by the content's size and CRC-32 as the jar records them, so reading the
 * key costs nothing; a new version of the jar gets a new directory. Extraction goes to a temp
 * file renamed into place, so a crash or a concurrent start never leaves a partial library,
 * and the copy is checked against the CRC before it is used.
 *
 * The system property `uniffi.component.unilance.libraryOverride` (the generated code's own)
 * still takes precedence; with no library in the jar (a build's classes directory without it,
 * a test) JNA looks `unilance` up as usual (`jna.library.path`, `LD_LIBRARY_PATH`).
 */
internal object NativeLibrary {
    private const val RESOURCE = "linux-x86-64/libunilance.so"

    /** A path for JNA: the cached library, the library itself, or the plain name `unilance`. */
    @JvmStatic
    fun locate(): String {
        val url = NativeLibrary::class.java.classLoader.getResource(RESOURCE) ?: return "unilance"
        return when (url.protocol) {
            "file" -> File(url.toURI()).path
            "jar" -> fromJar(url.openConnection() as JarURLConnection)
            else -> "unilance"
        }
    }

    private fun fromJar(connection: JarURLConnection): String {
        connection.useCaches = false
        val entry = connection.jarEntry
        val key = "${entry.size}-${"%08x".format(entry.crc)}"
        val directory = File(cacheRoot(), key)
        val library = File(directory, "libunilance.so")
        if (library.isFile && library.length() == entry.size) return library.path

        Files.createDirectories(directory.toPath())
        val partial = File.createTempFile("libunilance", ".partial", directory)
        try {
            val crc = CRC32()
            connection.inputStream.use { input ->
                partial.outputStream().use { output ->
                    val buffer = ByteArray(1 shl 20)
                    while (true) {
                        val n = input.read(buffer)
                        if (n < 0) break
                        crc.update(buffer, 0, n)
                        output.write(buffer, 0, n)
                    }
                }
            }
            check(crc.value == entry.crc) { "unilance: $RESOURCE was read back damaged from the jar" }
            try {
                Files.move(partial.toPath(), library.toPath(), StandardCopyOption.ATOMIC_MOVE)
            } catch (e: AtomicMoveNotSupportedException) {
                Files.move(partial.toPath(), library.toPath(), StandardCopyOption.REPLACE_EXISTING)
            }
        } finally {
            partial.delete()
        }
        return library.path
    }

    private fun cacheRoot(): File {
        val base = System.getenv("XDG_CACHE_HOME")?.takeIf { it.isNotEmpty() }?.let(::File)
            ?: System.getProperty("user.home")?.let { File(it, ".cache") }
        val root = base?.let { File(it, "unilance/native") }
        if (root != null && (root.isDirectory || root.mkdirs()) && root.canWrite()) return root
        return File(System.getProperty("java.io.tmpdir"), "unilance-${System.getProperty("user.name")}/native")
    }
}

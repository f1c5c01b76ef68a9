package unilance

import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.ExperimentalPathApi
import kotlin.io.path.deleteRecursively
import kotlin.random.Random
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach

/** A fresh database directory per test, removed afterwards. */
abstract class DatabaseTest {
    lateinit var dir: Path
    lateinit var db: Connection

    @BeforeEach
    fun openDatabase() = runBlocking<Unit> {
        dir = Files.createTempDirectory("unilance-kt")
        db = connect(dir.toString())
    }

    @OptIn(ExperimentalPathApi::class)
    @AfterEach
    fun removeDatabase() {
        runBlocking { db.closeAndWait() }
        db.close()
        dir.deleteRecursively()
    }
}

/** Rows `id = 0..n-1`, `text = "row <id>"`, random vectors of [dim] (fixed seed). */
fun vectorRows(n: Int, dim: Int, seed: Int = 7, firstId: Long = 0): Batch {
    val random = Random(seed)
    return batch {
        int64("id", List(n) { firstId + it })
        utf8("text", List(n) { "row ${firstId + it}" })
        float32Vectors("vector", dim, List(n) { FloatArray(dim) { random.nextFloat() * 2 - 1 } })
    }
}

fun randomVector(dim: Int, seed: Int): FloatArray {
    val random = Random(seed)
    return FloatArray(dim) { random.nextFloat() * 2 - 1 }
}

/** LanceDB's definitions: squared L2, 1 - cosine similarity, 1 - dot product. */
fun distance(type: DistanceType, a: FloatArray, b: FloatArray): Double = when (type) {
    DistanceType.L2 -> a.indices.sumOf { val d = a[it].toDouble() - b[it]; d * d }
    DistanceType.COSINE -> {
        val dot = a.indices.sumOf { a[it].toDouble() * b[it] }
        val na = Math.sqrt(a.sumOf { it.toDouble() * it })
        val nb = Math.sqrt(b.sumOf { it.toDouble() * it })
        1 - dot / (na * nb)
    }
    DistanceType.DOT -> 1 - a.indices.sumOf { a[it].toDouble() * b[it] }
    DistanceType.HAMMING -> error("not used for float vectors")
}

/** The [k] ids nearest to [query] by brute force, with their distances. */
fun bruteForce(data: Batch, query: FloatArray, type: DistanceType, k: Int): List<Pair<Long, Double>> =
    data.int64("id").zip(data.vectors("vector"))
        .map { (id, v) -> id!! to distance(type, query, v!!) }
        .sortedBy { it.second }
        .take(k)

package unilance.bench

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicLong
import kotlin.coroutines.resume
import kotlin.random.Random
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import unilance.DistanceType
import unilance.IndexConfig
import unilance.batch
import unilance.connect
import unilance.debugCall
import unilance.vectorSearch

/*
 * The Kotlin benchmark. Every figure is measured REPS times in one process, the kinds
 * interleaved round-robin (a 2-core VM shared with builds drifts, and drift must not favour
 * whichever kind ran at a quiet moment), and printed as median [min - max].
 * Search QPS is compared with unilance's Python package on the same table and queries: the
 * samples alternate between this process and a Python process (bench/search_qps.py).
 *
 * Usage: BenchKt [--seconds S] [--reps N] [--rows N] [--no-search] [--breakdown]
 *                [--python EXE --pythonpath DIR]
 */

private const val DIM = 128

private class Options(args: Array<String>) {
    var seconds = 2.0
    var reps = 7
    var rows = 100_000
    var search = true
    var breakdown = false
    var python: String? = null
    var pythonPath: String? = null

    init {
        var i = 0
        while (i < args.size) {
            when (args[i]) {
                "--seconds" -> seconds = args[++i].toDouble()
                "--reps" -> reps = args[++i].toInt()
                "--rows" -> rows = args[++i].toInt()
                "--no-search" -> search = false
                "--breakdown" -> breakdown = true
                "--python" -> python = args[++i]
                "--pythonpath" -> pythonPath = args[++i]
                else -> error("unknown argument ${args[i]}")
            }
            i++
        }
    }
}

/** Median and spread of one figure's samples. */
private class Figure(val samples: MutableList<Double> = mutableListOf()) {
    val median get() = samples.sorted()[samples.size / 2]
    override fun toString() = samples.sorted().let {
        String.format("%8.2f [%7.2f - %7.2f]", it[it.size / 2], it.first(), it.last())
    }
}

/** µs per call with [inFlight] calls outstanding, over [seconds]. */
private suspend fun perCall(inFlight: Int, seconds: Double, call: suspend () -> Unit): Double {
    val deadline = System.nanoTime() + (seconds * 1e9).toLong()
    val start = System.nanoTime()
    val calls = AtomicLong()
    if (inFlight == 1) {
        // On the caller's (runBlocking) thread, as a test or a main function awaits.
        var n = 0L
        while (System.nanoTime() < deadline) {
            call(); n++
        }
        calls.set(n)
    } else {
        withContext(Dispatchers.Default) {
            repeat(inFlight) {
                launch {
                    var n = 0L
                    while (System.nanoTime() < deadline) {
                        call(); n++
                    }
                    calls.addAndGet(n)
                }
            }
        }
    }
    return (System.nanoTime() - start) / 1e3 / calls.get()
}

private fun vectorsBatch(rows: Int, seed: Int) = Random(seed).let { rng ->
    batch {
        int64("id", (0 until rows).map { it.toLong() }, nullable = false)
        float32Vectors("vector", DIM, (0 until rows).map { FloatArray(DIM) { rng.nextFloat() } })
    }
}

/** `lifecycle [rows] [merge rows]`: merge_insert and optimize after appends; otherwise call-cost and search options. */
fun main(argv: Array<String>) = runBlocking {
    val dir = Files.createTempDirectory("unilance-bench-kt")
    if (argv.firstOrNull() == "lifecycle") {
        connect(dir.toString()).use { db ->
            lifecycle(db, rows = argv.getOrNull(1)?.toInt() ?: 1_000_000, mergeRows = argv.getOrNull(2)?.toInt() ?: 100_000)
        }
        dir.toFile().deleteRecursively()
        return@runBlocking
    }
    val opts = Options(argv)
    println("kotlin benchmark: JDK ${System.getProperty("java.version")}, ${Runtime.getRuntime().availableProcessors()} cores, " +
        "${opts.reps} samples of ${opts.seconds / opts.reps} s per figure, median [min - max]")
    try {
        connect(dir.toString()).use { db ->
            db.createTable("small", vectorsBatch(10, 0)).use { small ->
                roundTrips(opts) { small.countRows() }
            }
            if (opts.breakdown) Breakdown.run(opts.seconds)
            if (opts.search) search(opts, db, dir)
        }
    } finally {
        dir.toFile().deleteRecursively()
    }
    Unit
}

private suspend fun roundTrips(opts: Options, countRows: suspend () -> Unit) {
    // The yardstick for the Tokio round trip: the same two thread wake-ups (another thread takes
    // the call, then the coroutine's thread is woken to resume) with no FFI and no Rust, a JVM
    // thread standing in for the Tokio worker. What the round trip costs above it is unilance's.
    val other = Executors.newSingleThreadExecutor { r -> Thread(r, "yardstick").apply { isDaemon = true } }
    val kinds = listOf<Pair<String, suspend () -> Unit>>(
        "ready call (debug_call, ready at first poll)" to { debugCall(null, false) },
        "Tokio round trip (debug_call on a worker)" to { debugCall(null, true) },
        "two thread wake-ups, no FFI (yardstick)" to {
            suspendCancellableCoroutine<Unit> { c -> other.execute { c.resume(Unit) } }
        },
        "count_rows, 10-row table" to countRows,
    )
    for ((_, call) in kinds) for (inFlight in listOf(1, 64)) perCall(inFlight, 0.3, call)
    val figures = kinds.map { Figure() to Figure() }
    val sample = opts.seconds / opts.reps
    repeat(opts.reps) {
        kinds.forEachIndexed { k, (_, call) ->
            figures[k].first.samples.add(perCall(1, sample, call))
            figures[k].second.samples.add(perCall(64, sample, call))
        }
    }
    println(String.format("%-46s %27s %27s", "µs per call", "1 in flight", "64 in flight"))
    kinds.forEachIndexed { k, (name, _) ->
        println(String.format("%-46s %27s %27s", name, figures[k].first, figures[k].second))
    }
    fun goal(name: String, f: Figure, limit: Double) =
        println(String.format("goal: %-40s <= %5.1f µs: %s (median %.2f)", name, limit, if (f.median <= limit) "met" else "not met", f.median))
    goal("ready call, 1 in flight", figures[0].first, 10.0)
    goal("Tokio round trip, 1 in flight", figures[1].first, 40.0)
    println(String.format("Tokio round trip / two JVM thread wake-ups, 1 in flight: %.2fx (medians %.2f / %.2f µs)",
        figures[1].first.median / figures[2].first.median, figures[1].first.median, figures[2].first.median))
    other.shutdown()
}

/** Search QPS, IVF_PQ, k=10: this process and unilance's Python on the same table, alternated. */
private suspend fun search(opts: Options, db: unilance.Connection, dir: Path) {
    val load = System.nanoTime()
    db.createTable("search", vectorsBatch(opts.rows, 1)).use { table ->
        val partitions = maxOf(4, minOf(256, opts.rows / 1000))
        table.createIndex("vector", IndexConfig.IvfPq(DistanceType.L2, partitions, 16))
        println(String.format("search: %,d x %d, IVF_PQ (%d partitions, 16 sub-vectors), k=10, 1 in flight; table and index in %.1f s",
            opts.rows, DIM, partitions, (System.nanoTime() - load) / 1e9))
        val rng = Random(2)
        val queries = List(200) { FloatArray(DIM) { rng.nextFloat() } }
        val queryFile = dir.resolve("queries.f32")
        ByteBuffer.allocate(queries.size * DIM * 4).order(ByteOrder.LITTLE_ENDIAN).let { buf ->
            queries.forEach { q -> q.forEach { buf.putFloat(it) } }
            Files.write(queryFile, buf.array())
        }
        var q = 0
        suspend fun one() { table.vectorSearch(queries[q++ % queries.size]).limit(10).toBatch() }
        perCall(1, 1.0, ::one)
        val kotlin = Figure()
        val python = Figure()
        val sample = maxOf(1.0, opts.seconds / opts.reps)
        repeat(opts.reps) {
            kotlin.samples.add(1e6 / perCall(1, sample, ::one))
            opts.python?.let { python.samples.add(pythonQps(it, opts.pythonPath, dir, queryFile, sample)) }
        }
        println(String.format("%-46s %27s", "search QPS, Kotlin", kotlin))
        if (python.samples.isNotEmpty()) {
            println(String.format("%-46s %27s", "search QPS, Python (same data, same library)", python))
            val ratio = kotlin.median / python.median
            println(String.format("goal: %-40s >= 0.95x: %s (%.2fx)", "search QPS Kotlin / Python", if (ratio >= 0.95) "met" else "not met", ratio))
        }
    }
}

private fun pythonQps(python: String, pythonPath: String?, dir: Path, queries: Path, seconds: Double): Double {
    val script = Path.of(System.getProperty("unilance.bench.dir", "."), "search_qps.py").toString()
    val pb = ProcessBuilder(python, script, dir.toString(), "search", queries.toString(), seconds.toString())
    pythonPath?.let { pb.environment()["PYTHONPATH"] = it }
    pb.redirectError(ProcessBuilder.Redirect.INHERIT)
    val process = pb.start()
    val out = process.inputStream.bufferedReader().readText().trim()
    check(process.waitFor() == 0) { "search_qps.py failed: $out" }
    return out.lines().last().toDouble()
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Unilance.Bench
{
    /// <summary>
    /// The C# benchmark: async round trips through the package (its generated UniFFI code) and
    /// a hand-written C ABI, side by side in one process, and vector-search throughput.
    /// Usage: Bench.dll [--no-search] [--seconds S] [--reps N] [--profile KIND IN_FLIGHT] [--lifecycle | --lifecycle-only]
    /// Every round-trip figure is REPS samples, interleaved, printed as median [min - max].
    /// </summary>
    public static class Program
    {
        // Measuring time per call kind and mode, split into s_repetitions samples.
        private static double s_seconds = 3.0;
        // --profile KIND IN_FLIGHT: only that kind (its row number, from 0), for s_seconds, for a
        // profiler attached to the process (perf record -p).
        private static int s_profileKind = -1;
        private static int s_profileInFlight = 1;

        public static int Main(string[] args)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--seconds") s_seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                if (args[i] == "--reps") s_repetitions = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                if (args[i] == "--profile")
                {
                    s_profileKind = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    s_profileInFlight = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            Run(!args.Contains("--lifecycle-only"), !args.Contains("--no-search") && !args.Contains("--lifecycle-only"),
                args.Contains("--lifecycle") || args.Contains("--lifecycle-only")).GetAwaiter().GetResult();
            return 0;
        }

        private static async Task Run(bool roundTrips, bool search, bool lifecycle)
        {
            var dir = Path.Combine(Path.GetTempPath(), "unilance-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                using (var db = await LanceDb.ConnectAsync(dir))
                {
                    if (roundTrips) await RoundTrips(db);
                    if (search) await Search(db);
                    if (lifecycle) await Lifecycle.Run(db, 1000000, 100000);
                }
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }

        /// <summary>The samples of one figure: median, and the spread as [min - max].</summary>
        private sealed class Figure
        {
            public readonly List<double> Samples = new List<double>();
            public double Median { get { var sorted = Samples.OrderBy(x => x).ToList(); return sorted[sorted.Count / 2]; } }
            public override string ToString()
            {
                return string.Format("{0,8:F2} [{1,6:F2} - {2,6:F2}]", Median, Samples.Min(), Samples.Max());
            }
        }

        private static async Task RoundTrips(Connection db)
        {
            var ids = Enumerable.Range(0, 10).Select(i => (long)i).ToArray();
            using (var table = await db.CreateTableAsync("small", new BatchBuilder().Int64("id", ids).Build()))
            {
                var kinds = new List<KeyValuePair<string, Func<Task>>>
                {
                    Kind("C-ABI baseline, completed on the caller's thread", CabiBaseline.ReadyNoop),
                    Kind("UniFFI debug_call, ready at first poll", () => LanceDb.DebugCallAsync(null, false)),
                    Kind("C-ABI baseline, completed by a Tokio worker", CabiBaseline.SpawnNoop),
                    Kind("UniFFI debug_call, completed by a Tokio worker", () => LanceDb.DebugCallAsync(null, true)),
                    Kind("CountRowsAsync, 10-row table (package)", () => table.CountRowsAsync()),
                };
                if (s_profileKind >= 0)
                {
                    Console.WriteLine(string.Format("profiling: {0}, {1} in flight, {2} s, pid {3}", kinds[s_profileKind].Key, s_profileInFlight, s_seconds, Process.GetCurrentProcess().Id));
                    var (calls, elapsed) = await Loop(kinds[s_profileKind].Value, s_profileInFlight, s_seconds);
                    Console.WriteLine(string.Format("{0:F2} µs per call", elapsed.TotalMilliseconds * 1000 / calls));
                    return;
                }
                foreach (var kind in kinds)
                {
                    await Loop(kind.Value, 1, s_seconds / 10);
                    await Loop(kind.Value, 64, s_seconds / 10);
                }
                // Short samples, interleaved round-robin, then the median: a 2-core VM shared
                // with builds drifts, and drift must not favour whichever kind ran at a quiet time.
                var sequential = kinds.Select(_ => new Figure()).ToArray();
                var inFlight = kinds.Select(_ => new Figure()).ToArray();
                for (int rep = 0; rep < s_repetitions; rep++)
                {
                    for (int k = 0; k < kinds.Count; k++)
                    {
                        sequential[k].Samples.Add(await PerCall(kinds[k].Value, 1));
                        inFlight[k].Samples.Add(await PerCall(kinds[k].Value, 64));
                    }
                }
                Console.WriteLine();
                Console.WriteLine(string.Format("{0,-52} {1,25} {2,25}", "µs per call, median [min - max]", "sequential", "64 in flight"));
                for (int k = 0; k < kinds.Count; k++)
                {
                    Console.WriteLine(string.Format("{0,-52} {1,25} {2,25}", kinds[k].Key, sequential[k], inFlight[k]));
                }
                Console.WriteLine();
                Console.WriteLine(string.Format("{0,-52} {1,25} {2,25}", "ratio of medians (goal)", "sequential", "64 in flight"));
                Ratio("Tokio round trip: UniFFI / C-ABI", sequential, inFlight, 3, 2, 1.2, 1.5);
                Ratio("ready call:       UniFFI / C-ABI", sequential, inFlight, 1, 0, 2.0, 2.0);
            }
        }

        private static void Ratio(string name, Figure[] sequential, Figure[] inFlight, int ours, int baseline, double seqGoal, double parGoal)
        {
            double seq = sequential[ours].Median / sequential[baseline].Median, par = inFlight[ours].Median / inFlight[baseline].Median;
            Console.WriteLine(string.Format("{0,-52} {1,11:F2}x (<= {2:F1}x: {3,-7}) {4,9:F2}x (<= {5:F1}x: {6,-7})",
                name, seq, seqGoal, seq <= seqGoal ? "met" : "not met", par, parGoal, par <= parGoal ? "met" : "not met"));
        }

        private static int s_repetitions = 7;

        private static KeyValuePair<string, Func<Task>> Kind(string name, Func<Task> call)
        {
            return new KeyValuePair<string, Func<Task>>(name, call);
        }

        /// <summary>µs per call with <paramref name="inFlight"/> calls outstanding, over one sample.</summary>
        private static async Task<double> PerCall(Func<Task> call, int inFlight)
        {
            var (calls, elapsed) = await Loop(call, inFlight, s_seconds / s_repetitions);
            return elapsed.TotalMilliseconds * 1000 / calls;
        }

        private static async Task<(long, TimeSpan)> Loop(Func<Task> call, int inFlight, double seconds)
        {
            var batch = new Task[inFlight];
            long calls = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                if (inFlight == 1)
                {
                    await call();
                }
                else
                {
                    for (int i = 0; i < inFlight; i++) batch[i] = call();
                    await Task.WhenAll(batch);
                }
                calls += inFlight;
            }
            return (calls, clock.Elapsed);
        }

        private static async Task Search(Connection db)
        {
            const int rows = 100000, dim = 128;
            var random = new Random(1);
            var vectors = new float[rows][];
            for (int i = 0; i < rows; i++)
            {
                vectors[i] = new float[dim];
                for (int d = 0; d < dim; d++) vectors[i][d] = (float)random.NextDouble();
            }
            var data = new BatchBuilder()
                .Int64("id", Enumerable.Range(0, rows).Select(i => (long)i).ToArray())
                .Vectors("vector", dim, vectors)
                .Build();
            var load = Stopwatch.StartNew();
            using (var table = await db.CreateTableAsync("vectors", data))
            {
                Console.WriteLine();
                Console.WriteLine(string.Format("vector search, {0:N0} x {1}, no index, k=10 (table created in {2:F1} s)", rows, dim, load.Elapsed.TotalSeconds));
                var queries = Enumerable.Range(0, 64).Select(i => vectors[random.Next(rows)]).ToArray();
                int q = 0;
                Func<Task> one = () => table.VectorSearch(queries[q++ % queries.Length]).Limit(10).Select("id").ToBatchAsync();
                foreach (var inFlight in new[] { 1, 4 })
                {
                    await Loop(one, inFlight, 0.5);
                    var (calls, elapsed) = await Loop(one, inFlight, Math.Max(2, s_seconds * 2));
                    Console.WriteLine(string.Format("  {0} in flight: {1,8:F1} queries/s ({2:F2} ms per query)",
                        inFlight, calls / elapsed.TotalSeconds, elapsed.TotalMilliseconds / calls));
                }
            }
        }
    }
}

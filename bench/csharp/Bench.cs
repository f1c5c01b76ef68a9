using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Unilance.Bench
{
    /// <summary>
    /// The C# benchmark: async round trips through the package, the generated UniFFI code and a
    /// hand-written C ABI, side by side in one process, and vector-search throughput.
    /// Usage: Bench.dll [--no-search] [--seconds S] [--lifecycle | --lifecycle-only]
    /// </summary>
    public static class Program
    {
        // Measuring time per call kind and mode, split into Repetitions samples.
        private static double s_seconds = 3.0;

        public static int Main(string[] args)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--seconds") s_seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
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

        private sealed class Row
        {
            public string Name;
            public double Sequential;
            public double InFlight;
        }

        private static async Task RoundTrips(Connection db)
        {
            var ids = Enumerable.Range(0, 10).Select(i => (long)i).ToArray();
            using (var table = await db.CreateTableAsync("small", new BatchBuilder().Int64("id", ids).Build()))
            {
                var kinds = new List<KeyValuePair<string, Func<Task>>>
                {
                    Kind("C-ABI baseline, completed on the caller's thread", CabiBaseline.ReadyNoop),
                    Kind("UniFFI debug_call, ready at first poll (generated)", () => Ffi.Unilance.DebugCall(null, false)),
                    Kind("UniFFI debug_call, ready at first poll (package)", () => LanceDb.DebugCallAsync(null, false)),
                    Kind("C-ABI baseline, completed by a Tokio worker", CabiBaseline.SpawnNoop),
                    Kind("UniFFI debug_call, completed by Tokio (generated)", () => Ffi.Unilance.DebugCall(null, true)),
                    Kind("UniFFI debug_call, completed by Tokio (package)", () => LanceDb.DebugCallAsync(null, true)),
                    Kind("CountRowsAsync, 10-row table (package)", () => table.CountRowsAsync()),
                };
                foreach (var kind in kinds)
                {
                    await Loop(kind.Value, 1, s_seconds / 10);
                    await Loop(kind.Value, 64, s_seconds / 10);
                }
                // Short samples, interleaved round-robin, then the median: a 2-core VM shared
                // with builds drifts, and drift must not favour whichever kind ran at a quiet time.
                var sequential = kinds.Select(_ => new List<double>()).ToArray();
                var inFlight = kinds.Select(_ => new List<double>()).ToArray();
                for (int rep = 0; rep < Repetitions; rep++)
                {
                    for (int k = 0; k < kinds.Count; k++)
                    {
                        sequential[k].Add(await PerCall(kinds[k].Value, 1));
                        inFlight[k].Add(await PerCall(kinds[k].Value, 64));
                    }
                }
                var rows = kinds.Select((kind, k) => new Row { Name = kind.Key, Sequential = Median(sequential[k]), InFlight = Median(inFlight[k]) }).ToList();
                Console.WriteLine();
                Console.WriteLine(string.Format("{0,-56} {1,12} {2,14}", "async round trip, median µs per call", "sequential", "64 in flight"));
                foreach (var row in rows)
                {
                    Console.WriteLine(string.Format("{0,-56} {1,12:F2} {2,14:F2}", row.Name, row.Sequential, row.InFlight));
                }
                Console.WriteLine();
                Ratio("Tokio hop: UniFFI (generated) / C-ABI", rows[4], rows[3]);
                Ratio("Tokio hop: UniFFI (package) / C-ABI", rows[5], rows[3]);
                Ratio("ready:     UniFFI (generated) / C-ABI", rows[1], rows[0]);
                Ratio("ready:     UniFFI (package) / C-ABI", rows[2], rows[0]);
            }
        }

        private static void Ratio(string name, Row uniffi, Row baseline)
        {
            double seq = uniffi.Sequential / baseline.Sequential, par = uniffi.InFlight / baseline.InFlight;
            Console.WriteLine(string.Format("{0,-56} {1,11:F2}x {2,13:F2}x   (goal <= 1.2x: {3} sequential, {4} in flight)",
                name, seq, par, seq <= 1.2 ? "met" : "not met", par <= 1.2 ? "met" : "not met"));
        }

        private const int Repetitions = 7;

        private static KeyValuePair<string, Func<Task>> Kind(string name, Func<Task> call)
        {
            return new KeyValuePair<string, Func<Task>>(name, call);
        }

        private static double Median(List<double> samples)
        {
            var sorted = samples.OrderBy(x => x).ToList();
            return sorted[sorted.Count / 2];
        }

        /// <summary>µs per call with <paramref name="inFlight"/> calls outstanding, over one sample.</summary>
        private static async Task<double> PerCall(Func<Task> call, int inFlight)
        {
            var (calls, elapsed) = await Loop(call, inFlight, s_seconds / Repetitions);
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

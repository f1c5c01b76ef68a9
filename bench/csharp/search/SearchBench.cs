using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance.Bench.Search
{
    /// <summary>
    /// Search QPS from C# on the table and queries bench/bench_search.py --keep DIR left:
    /// full-text, hybrid, IVF_HNSW_SQ at 1 and 8 in flight, the median of the same number of
    /// repetitions. Writes DIR/results-csharp.json for bench/run-search.sh to set beside Python's.
    /// A program of its own (not in bench/csharp/*.cs) so that it builds apart from Bench.dll.
    /// Usage: SearchBench.dll DIR
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Run(args[0]).GetAwaiter().GetResult();
            return 0;
        }

        private static async Task<double> Qps<T>(IList<T> queries, int inFlight, Func<T, Task> one)
        {
            var clock = Stopwatch.StartNew();
            if (inFlight == 1)
            {
                foreach (var q in queries) await one(q);
            }
            else
            {
                int next = -1;
                Func<Task> worker = async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < queries.Count) await one(queries[i]);
                };
                await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(worker)));
            }
            return queries.Count / clock.Elapsed.TotalSeconds;
        }

        private static async Task Collect(Query query)
        {
            using (query) await query.ToBatchAsync();
        }

        private static async Task Run(string dir)
        {
            var lines = File.ReadAllLines(Path.Combine(dir, "queries.txt")).Where(l => l.Length > 0).ToArray();
            var head = lines[0].Split(' ').Select(int.Parse).ToArray();
            int ef = head[0], reps = head[1];
            var rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
            var texts = rows.Select(r => r[0]).ToList();
            var vectors = rows.Select(r => r[1].Split(' ').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
            var pairs = Enumerable.Range(0, texts.Count).ToList();
            using (var db = await LanceDb.ConnectAsync(Path.Combine(dir, "db")))
            using (var table = await db.OpenTableAsync("docs"))
            {
                var cases = new List<KeyValuePair<string, Func<Task<double>>>>
                {
                    new KeyValuePair<string, Func<Task<double>>>("fts", () => Qps(texts, 1,
                        t => Collect(table.Query().NearestToText(t).Select("id").Limit(10)))),
                    new KeyValuePair<string, Func<Task<double>>>("hybrid", () => Qps(pairs, 1,
                        i => Collect(table.Query().NearestTo(vectors[i]).NearestToText(texts[i]).Select("id").Limit(10)))),
                    new KeyValuePair<string, Func<Task<double>>>("ivf_hnsw_sq_1", () => Qps(vectors, 1,
                        v => Collect(table.VectorSearch(v).Ef(ef).Select("id").Limit(10)))),
                    new KeyValuePair<string, Func<Task<double>>>("ivf_hnsw_sq_8", () => Qps(vectors, 8,
                        v => Collect(table.VectorSearch(v).Ef(ef).Select("id").Limit(10)))),
                };
                for (int warm = 0; warm < 2; warm++)
                    foreach (var c in cases) await c.Value();
                var figures = cases.ToDictionary(c => c.Key, c => new List<double>());
                for (int rep = 0; rep < reps; rep++)
                    foreach (var c in cases) figures[c.Key].Add(await c.Value());
                var medians = cases.Select(c =>
                {
                    var sorted = figures[c.Key].OrderBy(x => x).ToList();
                    return new KeyValuePair<string, double>(c.Key, sorted[sorted.Count / 2]);
                }).ToList();
                foreach (var m in medians)
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "csharp {0,-16} {1,10:F1} QPS", m.Key, m.Value));
                File.WriteAllText(Path.Combine(dir, "results-csharp.json"), string.Format("{{{0}}}", string.Join(", ",
                    medians.Select(m => string.Format(CultureInfo.InvariantCulture, "\"{0}\": {1}", m.Key, m.Value)))));
            }
        }
    }
}

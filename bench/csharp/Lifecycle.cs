using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace Unilance.Bench
{
    /// <summary>
    /// Table lifecycle from C#, the same work as bench/bench_merge.py: merge_insert of
    /// <c>mergeRows</c> rows into <c>rows</c> (half updates, half inserts), then small appends
    /// and one optimize.
    /// </summary>
    internal static class Lifecycle
    {
        private static Batch Data(long[] ids, string tag)
        {
            return new BatchBuilder()
                .Int64("id", ids)
                .Utf8("text", ids.Select(i => $"{tag} {i}").ToArray())
                .Float64("price", ids.Select(i => i / 2.0).ToArray())
                .Build();
        }

        private static void Report(string what, double seconds)
        {
            Console.WriteLine($"{what,-52} {seconds,9:F2} s");
        }

        internal static async Task Run(Connection db, int rows, int mergeRows, int appends = 500, int appendRows = 100)
        {
            using (var table = await db.CreateTableAsync("merge", Data(Enumerable.Range(0, rows).Select(i => (long)i).ToArray(), "old")))
            {
                var random = new Random(0);
                var updates = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).Take(mergeRows / 2).Select(i => (long)i);
                var inserts = Enumerable.Range(0, mergeRows - mergeRows / 2).Select(i => (long)rows + i);
                var newData = Data(updates.Concat(inserts).ToArray(), "new");
                var watch = Stopwatch.StartNew();
                using (var merge = table.MergeInsert(new System.Collections.Generic.List<string> { "id" })
                           .WhenMatchedUpdateAll().WhenNotMatchedInsertAll())
                {
                    var result = await merge.ExecuteAsync(newData);
                    if (result.NumUpdatedRows != mergeRows / 2) throw new InvalidOperationException(result.ToString());
                }
                Report($"merge_insert {mergeRows / 1000}k into {rows / 1000}k (half updates)", watch.Elapsed.TotalSeconds);
            }
            using (var small = await db.CreateTableAsync("appends", Data(Enumerable.Range(0, appendRows).Select(i => (long)i).ToArray(), "row")))
            {
                var watch = Stopwatch.StartNew();
                for (int a = 1; a < appends; a++)
                {
                    await small.AddAsync(Data(Enumerable.Range(0, appendRows).Select(i => (long)a * appendRows + i).ToArray(), "row"));
                }
                var appendS = watch.Elapsed.TotalSeconds;
                watch.Restart();
                await small.OptimizeAsync();
                var optimizeS = watch.Elapsed.TotalSeconds;
                if (await small.CountRowsAsync() != (long)appends * appendRows) throw new InvalidOperationException("rows lost");
                Report($"{appends - 1} appends of {appendRows} rows", appendS);
                Report($"optimize after {appends} appends", optimizeS);
            }
        }
    }
}

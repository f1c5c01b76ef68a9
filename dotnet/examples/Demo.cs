using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Unilance;

namespace Demo
{
    /// <summary>An embedded database in a temp folder: 3,000 random 128-d vectors, a filtered search.</summary>
    public static class Program
    {
        public static int Main()
        {
            Run().GetAwaiter().GetResult();
            return 0;
        }

        private static async Task Run()
        {
            const int rows = 3000, dim = 128;
            var dir = Path.Combine(Path.GetTempPath(), "unilance-demo-" + Guid.NewGuid().ToString("N"));
            var random = new Random(42);
            var vectors = Enumerable.Range(0, rows)
                .Select(_ => Enumerable.Range(0, dim).Select(__ => (float)random.NextDouble()).ToArray())
                .ToArray();
            var words = new[] { "apple", "banana", "cherry", "date", "elder", "fig", "grape" };
            var data = new BatchBuilder()
                .Int64("id", Enumerable.Range(0, rows).Select(i => (long)i).ToArray())
                .Utf8("text", Enumerable.Range(0, rows).Select(i => words[i % words.Length] + " #" + i).ToArray())
                .Vectors("vector", dim, vectors)
                .Build();
            try
            {
                using (var db = await LanceDb.ConnectAsync(dir))
                using (var table = await db.CreateTableAsync("docs", data))
                {
                    Console.WriteLine("C#: " + await table.CountRowsAsync() + " rows in " + dir);
                    var hits = await table.VectorSearch(vectors[7]).Where("id % 2 = 1").Select("id", "text").Limit(5).ToBatchAsync();
                    var ids = hits.GetInt64("id");
                    var texts = hits.GetStrings("text");
                    var distances = hits.GetFloat32("_distance");
                    Console.WriteLine("top hits for the vector of row 7 among odd ids:");
                    for (int i = 0; i < hits.NumRows; i++)
                    {
                        Console.WriteLine(string.Format("  id={0,5}  distance={1,8:F4}  {2}", ids[i], distances[i], texts[i]));
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>A fresh database directory per test, removed when the runner disposes the test.</summary>
    public abstract class DatabaseTest : IDisposable
    {
        protected readonly string Dir = Fixtures.TempDir();

        public void Dispose()
        {
            try { Directory.Delete(Dir, true); } catch (IOException) { }
        }

        protected Task<Connection> Connect()
        {
            return LanceDb.ConnectAsync(Dir);
        }
    }

    public static class Fixtures
    {
        /// <summary>The official SDK writes python/tests/blob_table.py's table, for the blob tests and scenario.</summary>
        public static void OfficialBlobTable(string databaseUri, string name)
        {
            var dir = AppDomain.CurrentDomain.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "python", "tests", "blob_table.py"))) dir = Path.GetDirectoryName(dir);
            if (dir == null) throw new FileNotFoundException("python/tests/blob_table.py not found above " + AppDomain.CurrentDomain.BaseDirectory);
            var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("PYTHON") ?? "python3",
                "\"" + Path.Combine(dir, "python", "tests", "blob_table.py") + "\" \"" + databaseUri + "\" \"" + name + "\"")
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            };
            using (var process = System.Diagnostics.Process.Start(start))
            {
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, "blob_table.py failed: " + stderr);
            }
        }

        public static string TempDir()
        {
            var dir = Path.Combine(Path.GetTempPath(), "unilance-cs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>Rows id = start.., text "row {id}", a deterministic dim-d vector.</summary>
        public static Batch Rows(int count, int start = 0, int dim = 4)
        {
            var ids = Enumerable.Range(start, count).Select(i => (long)i).ToArray();
            return new BatchBuilder()
                .Int64("id", ids)
                .Utf8("text", ids.Select(i => "row " + i).ToArray())
                .Vectors("vector", dim, ids.Select(i => Vector(i, dim)).ToArray())
                .Build();
        }

        /// <summary>Table "t" made by three appends of <paramref name="each"/> rows: three fragments, so a scan yields several batches.</summary>
        public static async Task<Table> ThreeFragments(Connection db, int each)
        {
            var table = await db.CreateTableAsync("t", Rows(each));
            await table.AddAsync(Rows(each, each));
            await table.AddAsync(Rows(each, 2 * each));
            return table;
        }

        public static float[] Vector(long i, int dim)
        {
            var v = new float[dim];
            for (int d = 0; d < dim; d++) v[d] = (float)Math.Sin(i * 0.7 + d * 1.3) + d * 0.01f;
            return v;
        }

        public static float[][] RandomVectors(int count, int dim, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count)
                .Select(_ => Enumerable.Range(0, dim).Select(__ => (float)(random.NextDouble() * 2 - 1)).ToArray())
                .ToArray();
        }

        public static long[] Ids(Batch batch)
        {
            return batch.GetInt64("id").Select(v => v.Value).ToArray();
        }
    }
}

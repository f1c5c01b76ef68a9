using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>
    /// Tables and Arrow IPC bytes cross between this package and the official lancedb Python
    /// SDK (cross_sdk.py) in both directions with identical rows and identical top-10 results.
    /// </summary>
    public class CompatTests : DatabaseTest
    {
        private const int Dim = 8;

        /// <summary>Rows as cross_sdk.py prints them: ids, texts, vectors, and the top 10 ids if asked.</summary>
        private sealed class Dump
        {
            public long[] Ids;
            public string[] Texts;
            public float[][] Vectors;
            public long[] Top;
        }

        private static Dump Python(params string[] args)
        {
            var lines = PythonLines(args);
            var rows = lines.Where(l => l.StartsWith("ROW ", StringComparison.Ordinal)).Select(l => l.Substring(4).Split('\t')).ToArray();
            var top = lines.FirstOrDefault(l => l.StartsWith("TOP ", StringComparison.Ordinal));
            return new Dump
            {
                Ids = rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
                Texts = rows.Select(r => r[1]).ToArray(),
                Vectors = rows.Select(r => r[2].Split(',').Select(x => (float)double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray(),
                Top = top == null ? null : top.Substring(4).Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
            };
        }

        /// <summary>What cross_sdk.py prints, line by line.</summary>
        private static string[] PythonLines(params string[] args)
        {
            var script = Path.Combine(TestsDir(), "cross_sdk.py");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PYTHON") ?? "python3",
                "\"" + script + "\" " + string.Join(" ", args.Select(a => "\"" + a + "\"")))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.EnvironmentVariables["PYTHONIOENCODING"] = "utf-8";
            using (var process = Process.Start(start))
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var lines = process.StandardOutput.ReadToEnd().Split('\n').Where(l => l.Length > 0).ToArray();
                process.WaitForExit();
                if (process.ExitCode != 0) Assert.Fail("cross_sdk.py " + args[0] + " failed: " + stderr.Result);
                return lines;
            }
        }

        // The tests run from dotnet/build; the script sits in dotnet/tests.
        private static string TestsDir()
        {
            var dir = AppDomain.CurrentDomain.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "tests", "cross_sdk.py"))) dir = Path.GetDirectoryName(dir);
            if (dir == null) throw new FileNotFoundException("cross_sdk.py not found above " + AppDomain.CurrentDomain.BaseDirectory);
            return Path.Combine(dir, "tests");
        }

        private static void SameRows(Dump expected, Batch actual)
        {
            var order = Enumerable.Range(0, actual.RowCount).OrderBy(i => actual.GetInt64("id")[i]).ToArray();
            Assert.Equal(expected.Ids, order.Select(i => actual.GetInt64("id")[i].Value).ToArray(), "ids");
            Assert.Equal(expected.Texts, order.Select(i => actual.GetStrings("text")[i]).ToArray(), "texts");
            var vectors = actual.GetVectors("vector");
            for (int k = 0; k < order.Length; k++) Assert.Equal(expected.Vectors[k], vectors[order[k]], "vector of id " + expected.Ids[k]);
        }

        private static Batch CsharpRows()
        {
            var ids = Enumerable.Range(0, 150).Select(i => (long)i).ToArray();
            return new BatchBuilder()
                .Int64("id", ids)
                .Utf8("text", ids.Select(i => "c# row " + i + " – ünïcödé ✓").ToArray())
                .Vectors("vector", Dim, ids.Select(i => Fixtures.Vector(i, Dim)).ToArray())
                .Build();
        }

        [Test(TimeoutSeconds = 120)]
        public async Task ReadsWhatPythonLanceDbWrote()
        {
            var written = Python("write", Dir, "from_python");
            using (var db = await Connect())
            using (var table = await db.OpenTableAsync("from_python"))
            {
                Assert.Equal((long)written.Ids.Length, await table.CountRowsAsync());
                SameRows(written, await table.Query().ToBatchAsync());
                var top = await table.VectorSearch(written.Vectors[5]).ToBatchAsync();
                Assert.Equal(written.Top, Fixtures.Ids(top), "top 10");
            }
        }

        [Test(TimeoutSeconds = 120)]
        public async Task PythonLanceDbReadsWhatWeWrote()
        {
            var query = Fixtures.Vector(1000, Dim);
            long[] ourTop;
            var rows = CsharpRows();
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("from_csharp", rows))
            {
                ourTop = Fixtures.Ids(await table.VectorSearch(query).ToBatchAsync());
            }
            var read = Python("read", Dir, "from_csharp", string.Join(",", query.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
            SameRows(read, rows);
            Assert.Equal(10, ourTop.Length);
            Assert.Equal(ourTop, read.Top, "top 10");
        }

        [Test(TimeoutSeconds = 120)]
        public async Task PythonLanceDbReadsTheListsAndStructsOurRowsWrote()
        {
            using (var db = await Connect())
            using (await db.CreateTableAsync("people", RowsTests.People())) { }
            var read = PythonLines("read-json", Dir, "people", "Id").Select(Json.Parse).ToArray();
            var expected = new[]
            {
                "{\"Id\": 1, \"Tags\": [\"a\", \"b\"], \"Scores\": [1, 2, 3], \"Home\": {\"City\": \"Oslo\", \"Zips\": [150, 151]}, \"Past\": [{\"City\": \"Rome\", \"Zips\": []}, null]}",
                "{\"Id\": 2, \"Tags\": null, \"Scores\": [], \"Home\": null, \"Past\": null}",
                "{\"Id\": 3, \"Tags\": [\"c\", null], \"Scores\": [null, 7], \"Home\": {\"City\": null, \"Zips\": null}, \"Past\": []}",
            }.Select(Json.Parse).ToArray();
            Assert.Equal(expected, read);
        }

        [Test(TimeoutSeconds = 120)]
        public async Task ArrowIpcBothWays()
        {
            var fromPython = Path.Combine(Dir, "python.arrows");
            var written = Python("ipc-write", fromPython);
            using (var db = await Connect())
            using (var table = await db.CreateTableIpcAsync("ipc", File.ReadAllBytes(fromPython)))
            {
                SameRows(written, await table.Query().ToBatchAsync());
                Assert.Equal(2L, (await table.AddIpcAsync(File.ReadAllBytes(fromPython))).Version);
                Assert.Equal(2L * written.Ids.Length, await table.CountRowsAsync());

                var ours = Path.Combine(Dir, "csharp.arrows");
                File.WriteAllBytes(ours, await table.Query().Where("id < 10").ToIpcAsync());
                var read = Python("ipc-read", ours);
                Assert.Equal(Enumerable.Range(0, 10).SelectMany(i => new long[] { i, i }).ToArray(), read.Ids);
                Assert.Equal(written.Texts[3], read.Texts[6]);

                var bad = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.AddIpcAsync(new byte[] { 1, 2, 3 }));
                Assert.True(bad.Message.Length > 0);
                Assert.Equal(2L * written.Ids.Length, await table.CountRowsAsync());
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>
    /// No input may crash the host process (issue 7). The inputs that once did run in a child
    /// process (tests/hardening/HardeningProbe.cs, on the same runtime as this test), so a
    /// regression fails one test instead of ending the run.
    /// </summary>
    public class HardeningTests : DatabaseTest
    {
        private static List<string[]> RunProbe(string kind)
        {
            var dir = Fixtures.TempDir();
            try
            {
                var host = Process.GetCurrentProcess().MainModule.FileName;
#if NET8
                var probe = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "HardeningProbe.dll");
#else
                var probe = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "HardeningProbe.exe");
#endif
                var start = new ProcessStartInfo(host, "\"" + probe + "\" \"" + dir + "\" " + kind)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using (var process = Process.Start(start))
                {
                    var stderr = process.StandardError.ReadToEndAsync();
                    var output = process.StandardOutput.ReadToEnd();
                    Assert.True(process.WaitForExit(300000), "the child process did not finish: " + output);
                    Assert.Equal(0, process.ExitCode, "the child process died: " + output + stderr.Result);
                    return output.Split('\n').Where(l => l.Contains("\t")).Select(l => l.TrimEnd('\r').Split('\t')).ToList();
                }
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        [Test]
        public void TooDeepFiltersAreInvalidFilterInEveryCallInAChildProcess()
        {
            var lines = RunProbe("deep");
            Assert.Equal(3 * 5 + 1, lines.Count);
            foreach (var line in lines.Take(lines.Count - 1))
            {
                Assert.Equal("InvalidFilter", line[1], line[0]);
                Assert.True(line[2].Contains("nested too deeply (limit "), line[2]);
            }
            Assert.Equal("True", lines.Last()[1], "the table is unchanged");
        }

        [Test]
        public void TheIssueFiltersAreAnsweredInAChildProcess()
        {
            var lines = RunProbe("issue");
            Assert.Equal(3 * 5 + 1, lines.Count);
            // Reads first; the delete that follows each filter changes what the next one sees.
            Assert.Equal("ok|8", lines[0][1] + "|" + lines[0][2], lines[0][0]);
            Assert.Equal("ok|8", lines[1][1] + "|" + lines[1][2], lines[1][0]);
            foreach (var line in lines.Take(lines.Count - 1)) Assert.True(line[1] == "ok" || line[1] == "InvalidFilter", string.Join(" ", line));
        }

        [Test]
        public void FiltersTheParserCannotHandleAreInvalidFilterInAChildProcess()
        {
            var lines = RunProbe("panics");
            Assert.Equal(4 * 5 + 1, lines.Count);
            foreach (var line in lines.Take(lines.Count - 1)) Assert.Equal("InvalidFilter", line[1], line[0] + ": " + line[2]);
            Assert.Equal("True", lines.Last()[1], "the table is unchanged");
        }

        [Test]
        public async Task AnEmptyUriIsRefused()
        {
            var e = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => LanceDb.ConnectAsync(""));
            Assert.True(e.Message.Contains("URI is empty"), e.Message);
        }

        [Test]
        public async Task ATableDroppedThroughAnotherConnectionIsGone()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(10)))
            {
                using (var other = await Connect()) await other.DropTableAsync("t");
                var calls = new Func<Task>[] { () => table.CountRowsAsync(), () => table.Query().ToBatchAsync(), () => table.AddAsync(Fixtures.Rows(1)) };
                foreach (var call in calls)
                {
                    var e = await Assert.ThrowsAsync<LanceException.TableNotFound>(call);
                    Assert.True(e.Message.Contains("'t' was dropped"), e.Message);
                }
                Assert.Equal(0, (await db.TableNamesAsync()).Count);
            }
        }

        [Test]
        public async Task ReadsBeyondTheLimitQueueAndAllComplete()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(200)))
            {
                var zero = Assert.Throws<LanceException.InvalidInput>(() => db.SetMaxConcurrentReads(0));
                Assert.True(zero.Message.Contains("at least 1"), zero.Message);
                var negative = Assert.Throws<LanceException.InvalidInput>(() => db.SetMaxConcurrentReads(-1));
                Assert.True(negative.Message.Contains("max_concurrent_reads must not be negative"), negative.Message);
                db.SetMaxConcurrentReads(2);
                Assert.Equal(2, db.MaxConcurrentReads());
                var searches = Enumerable.Range(0, 40).Select(i => table.VectorSearch(Fixtures.Vector(i, 4)).Limit(1).ToBatchAsync());
                var hits = await Task.WhenAll(searches);
                Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i).ToArray(), hits.Select(h => Fixtures.Ids(h)[0]).ToArray());
            }
        }

        [Test]
        public async Task ConnectTakesTheReadLimit()
        {
            using (var db = await LanceDb.ConnectAsync(Dir, maxConcurrentReads: 3)) Assert.Equal(3, db.MaxConcurrentReads());
            var e = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => LanceDb.ConnectAsync(Dir, maxConcurrentReads: 0));
            Assert.True(e.Message.Contains("max_concurrent_reads must be at least 1"), e.Message);
        }
    }
}

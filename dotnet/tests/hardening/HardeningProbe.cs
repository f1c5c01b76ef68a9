using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Unilance.Tests.Hardening
{
    /// <summary>
    /// Run by HardeningTests in a child process, so an input that crashes the process fails one
    /// test instead of the run. Arguments: a database directory and "deep" or "panics". Prints
    /// "case TAB exception TAB message" per call, then "unchanged TAB True|False".
    /// </summary>
    public static class HardeningProbe
    {
        private static KeyValuePair<string, Func<Task<object>>> Call(string name, Func<Task<object>> call)
        {
            return new KeyValuePair<string, Func<Task<object>>>(name, call);
        }

        public static int Main(string[] args)
        {
            Run(args[0], args[1]).Wait();
            return 0;
        }

        private static async Task Run(string dir, string kind)
        {
            var filters = kind == "deep" ? Inputs.TooDeep : kind == "issue" ? Inputs.Issue : Inputs.ParserPanics;
            using (var db = await LanceDb.ConnectAsync(dir))
            using (var table = await db.CreateTableAsync("t", new BatchBuilder().Int64("id", new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }).Build()))
            {
                var before = Tuple.Create(await table.CountRowsAsync(), await table.VersionAsync());
                foreach (var pair in filters)
                {
                    var f = pair.Value;
                    // In this order: reads first, then the writes that change the rows.
                    var calls = new List<KeyValuePair<string, Func<Task<object>>>>
                    {
                        Call("count", async () => await table.CountRowsAsync(f)),
                        Call("scan", async () => (await table.Query().Where(f).ToBatchAsync()).NumRows),
                        Call("delete", async () => await table.DeleteAsync(f)),
                        Call("update where", async () => await table.UpdateAsync(where: f, updatesSql: new Dictionary<string, string> { { "id", "id" } })),
                        Call("update set", async () => await table.UpdateAsync(updatesSql: new Dictionary<string, string> { { "id", "CASE WHEN " + f + " THEN 1 ELSE 0 END" } })),
                    };
                    foreach (var call in calls)
                    {
                        string outcome;
                        try { outcome = "ok\t" + await call.Value(); }
                        catch (LanceException e) { outcome = e.GetType().Name + "\t" + e.Message; }
                        var line = pair.Key + " " + call.Key + "\t" + outcome;
                        Console.WriteLine(line.Length > 300 ? line.Substring(0, 300) : line);
                    }
                }
                var after = Tuple.Create(await table.CountRowsAsync(), await table.VersionAsync());
                Console.WriteLine("unchanged\t" + before.Equals(after));
            }
        }
    }

    /// <summary>The inputs of issue 7.</summary>
    public static class Inputs
    {
        private static string Repeat(string s, int n) { return string.Concat(System.Linq.Enumerable.Repeat(s, n)); }

        /// <summary>The filters of the issue: each ended the process with SIGSEGV.</summary>
        public static readonly Dictionary<string, string> Issue = new Dictionary<string, string>
        {
            { "16 NOT (", Repeat("NOT (", 16) + "id > 1" + Repeat(")", 16) },
            { "20 abs(", Repeat("abs(", 20) + "id" + Repeat(")", 20) + " > 1" },
            { "25 NOT", Repeat("NOT ", 25) + "id > 1" },
        };

        /// <summary>Past the limits: a chain as deep as it is long, nesting past sqlparser's own limit.</summary>
        public static readonly Dictionary<string, string> TooDeep = new Dictionary<string, string>
        {
            { "10k OR", string.Join(" OR ", System.Linq.Enumerable.Repeat("id = 1", 10000)) },
            { "1k +", "id" + Repeat(" + 1", 1000) + " > 1" },
            { "40 NOT (", Repeat("NOT (", 40) + "id > 1" + Repeat(")", 40) },
        };

        public static readonly Dictionary<string, string> ParserPanics = new Dictionary<string, string>
        {
            { "id = $1", "id = $1" }, { "id = ?", "id = ?" }, { "is_valid()", "is_valid()" }, { "id = N'x'", "id = N'x'" },
        };
    }
}

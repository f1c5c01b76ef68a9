using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Unilance.Tests.Exit
{
    /// <summary>
    /// Completes calls whose continuations run on Tokio worker threads, then returns from Main
    /// with the code given as argument. test-csharp.sh runs it under `timeout` on both runtimes:
    /// the process must end promptly with exactly that code (Mono used to hang here for ever).
    /// </summary>
    public static class ExitProgram
    {
        public static int Main(string[] args)
        {
            var dir = Path.Combine(Path.GetTempPath(), "unilance-exit-" + Guid.NewGuid().ToString("N"));
            Task.WhenAll(Enumerable.Range(0, 64).Select(_ => LanceDb.DebugCallAsync(null, true))).Wait();
            using (var db = LanceDb.ConnectAsync(dir).Result)
            using (var table = db.CreateTableAsync("t", new BatchBuilder().Int64("id", new long[] { 1, 2, 3 }).Build()).Result)
            {
                if (table.CountRowsAsync("id > 1").Result != 2) return 99;
            }
            Directory.Delete(dir, true);
            Console.WriteLine("exit program: Tokio threads have called back; returning from Main");
            return int.Parse(args[0]);
        }
    }
}

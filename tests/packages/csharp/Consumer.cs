// A user's program (scripts/test-packages.sh), compiled with mcs against the .nupkg's lib/ and
// run on Mono and .NET 8: one call, and where the native library was loaded from.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Unilance;

public static class Program
{
    public static int Main(string[] args)
    {
        var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"unilance-{Guid.NewGuid():N}");
        return Run(directory).GetAwaiter().GetResult();
    }

    private static async Task<int> Run(string directory)
    {
        using (var db = await LanceDb.ConnectAsync(directory))
        using (var table = await db.CreateTableAsync("t", new BatchBuilder().Int64("id", new long[] { 1, 2, 3 }).Build()))
        {
            long rows = await table.CountRowsAsync("id > 1");
            if (rows != 2) { Console.Error.WriteLine($"CountRowsAsync gave {rows}"); return 1; }
        }
        var mapped = File.ReadAllLines("/proc/self/maps").First(line => line.EndsWith("/libunilance.so"));
        Console.WriteLine($"loaded: {mapped.Substring(mapped.IndexOf('/'))}");
        return 0;
    }
}

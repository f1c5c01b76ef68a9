using System;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>
    /// Object storage beyond the shared scenarios (tests/scenarios/s3_*.json): two connections of
    /// one process appending to one S3 table at once. The server is SeaweedFS on 127.0.0.1
    /// (scripts/s3.sh; scripts/test-csharp.sh starts it when none runs).
    /// </summary>
    public static class S3Tests
    {
        [Test(TimeoutSeconds = 300)]
        public static async Task TwoConnectionsAppendToOneS3TableAtOnceAndEveryRowLands()
        {
            var s3 = S3.FromEnv();
            var uri = "s3://" + s3.Bucket + "/cs-two-connections-" + Guid.NewGuid().ToString("N");
            using (var a = await LanceDb.ConnectAsync(uri, s3.Options))
            using (var b = await LanceDb.ConnectAsync(uri, s3.Options))
            {
                using (var created = await a.CreateTableAsync("t", Fixtures.Rows(1, -1))) await created.CloseAsync();
                using (var ta = await a.OpenTableAsync("t"))
                using (var tb = await b.OpenTableAsync("t"))
                {
                    // Appends never conflict in Lance: each one lands (or this throws and fails the test).
                    Func<Table, int, Task> appendAll = async (table, writer) =>
                    {
                        for (int n = 0; n < 6; n++) await table.AddAsync(Fixtures.Rows(5, writer * 10000 + n * 5));
                    };
                    await Task.WhenAll(Task.Run(() => appendAll(ta, 1)), Task.Run(() => appendAll(tb, 2)));
                    await ta.CloseAsync();
                    await tb.CloseAsync();
                }
                using (var table = await a.OpenTableAsync("t"))
                {
                    Assert.Equal(61L, await table.CountRowsAsync());
                    var expected = new long[] { -1 }.Concat(new[] { 1, 2 }.SelectMany(w => Enumerable.Range(0, 30).Select(i => (long)(w * 10000 + i)))).ToArray();
                    Assert.Equal(expected, Fixtures.Ids(await table.Query().Select("id").ToBatchAsync()).OrderBy(id => id).ToArray());
                    await table.CloseAsync();
                }
                await a.CloseAsync();
                await b.CloseAsync();
            }
        }
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class ConcurrencyTests : DatabaseTest
    {
        [Test(TimeoutSeconds = 300)]
        public async Task ThousandConcurrentCallsAllCorrect()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(100, 0, 8)))
            {
                var counts = Enumerable.Range(0, 500).Select(i => table.CountRowsAsync(i % 2 == 0 ? null : "id < " + (i % 100))).ToArray();
                var searches = Enumerable.Range(0, 500).Select(i => table.VectorSearch(Fixtures.Vector(i % 100, 8)).Select("id").Limit(1).ToBatchAsync()).ToArray();
                await Task.WhenAll(Task.WhenAll(counts), Task.WhenAll(searches));
                for (int i = 0; i < 500; i++)
                {
                    Assert.Equal(i % 2 == 0 ? 100L : i % 100, counts[i].Result, "count " + i);
                    Assert.Equal(new long[] { i % 100 }, Fixtures.Ids(searches[i].Result), "search " + i);
                }
            }
        }

        [Test]
        public async Task ContinuationsRunOnThePoolNeverOnTokioThreads()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(100, 0, 8)))
            {
                for (int i = 0; i < 50; i++)
                {
                    // A filtered count runs on Tokio. ExecuteSynchronously runs the continuation
                    // wherever the task was completed: that must be the pool, not a Tokio worker.
                    var where = await table.CountRowsAsync("id < 10").ContinueWith(
                        t => Thread.CurrentThread.IsThreadPoolThread && t.Result == 10,
                        TaskContinuationOptions.ExecuteSynchronously);
                    Assert.True(where, "call " + i + " completed off the pool, or with a wrong count");
                }
            }
        }

        [Test(TimeoutSeconds = 300)]
        public Task CancelledWriteRunsOnToItsCommitAndCloseAsyncWaitsForIt()
        {
            return CancelledWriteThenClose(table => table.CloseAsync());
        }

#if NET8
        [Test(TimeoutSeconds = 300)]
        public Task CancelledWriteRunsOnToItsCommitAndDisposeAsyncWaitsForIt()
        {
            return CancelledWriteThenClose(table => table.DisposeAsync().AsTask());
        }
#endif

        private async Task CancelledWriteThenClose(Func<Table, Task> close)
        {
            using (var db = await Connect())
            {
                var table = await db.CreateTableAsync("t", Fixtures.Rows(100, 0, 32));
                Task add;
                using (var cts = new CancellationTokenSource())
                {
                    add = table.AddAsync(Fixtures.Rows(50000, 100, 32), AddMode.Append, cts.Token);
                    // The write is spawned at the call's first poll, before AddAsync returns.
                    Assert.True(LanceDb.DebugLiveObjects().Writes > 0 || add.IsCompleted, "the write never started");
                    cts.Cancel();
                    try { await add; } catch (OperationCanceledException) { }
                }
                await close(table);
                Assert.Equal(0L, LanceDb.DebugLiveObjects().Writes);
                using (var reopened = await db.OpenTableAsync("t"))
                {
                    Assert.Equal(50100L, await reopened.CountRowsAsync());
                    Assert.Equal(50100L, (await reopened.Query().Select("id").ToBatchAsync()).NumRows);
                }
            }
        }

        [Test]
        public async Task CancelledSearchThrowsAndTableStaysUsable()
        {
            const int dim = 64;
            var vectors = Fixtures.RandomVectors(20000, dim, 5);
            var batch = new BatchBuilder()
                .Int64("id", Enumerable.Range(0, vectors.Length).Select(i => (long)i).ToArray())
                .Vectors("vector", dim, vectors).Build();
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", batch))
            {
                // Cancelled while Rust runs it: the search is spawned on Tokio, so it is still
                // pending when Cancel() runs unless this thread stalled for the whole search.
                // Either way it ends one of the two ways, never otherwise.
                int cancelled = 0;
                using (var cts = new CancellationTokenSource())
                {
                    var search = table.VectorSearch(vectors[0]).Limit(5000).ToBatchAsync(cts.Token);
                    cts.Cancel();
                    try
                    {
                        Assert.Equal(5000L, (await search).NumRows);
                    }
                    catch (OperationCanceledException)
                    {
                        cancelled++;
                    }
                }
                // Cancelled a little later, mid-query, many times over: every call either
                // finished with the right answer or was cancelled; none hung or failed otherwise.
                for (int i = 0; i < 20; i++)
                {
                    using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(i)))
                    {
                        try
                        {
                            var hits = await table.VectorSearch(vectors[i]).Limit(1).ToBatchAsync(cts.Token);
                            Assert.Equal(new long[] { i }, Fixtures.Ids(hits));
                        }
                        catch (OperationCanceledException)
                        {
                            cancelled++;
                        }
                    }
                }
                Assert.True(cancelled > 0, "no call was cancelled");
                // A token cancelled up front never starts the call.
                await Assert.ThrowsAsync<OperationCanceledException>(() => table.CountRowsAsync(null, new CancellationToken(true)));

                Assert.Equal(20000L, await table.CountRowsAsync());
                Assert.Equal(new long[] { 42 }, Fixtures.Ids(await table.VectorSearch(vectors[42]).Limit(1).ToBatchAsync()));
                var more = new BatchBuilder().Int64("id", new long[] { 20000 }).Vectors("vector", dim, new[] { new float[dim] }).Build();
                Assert.Equal(2L, (await table.AddAsync(more)).Version);
                Assert.Equal(20001L, await table.CountRowsAsync());
            }
        }
    }
}

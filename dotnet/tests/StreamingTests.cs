using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class StreamingTests : DatabaseTest
    {
        private static Task<Table> ManyFragments(Connection db)
        {
            return Fixtures.ThreeFragments(db, 1000);
        }

        [Test]
        public async Task ReaderYieldsEveryRowInOrder()
        {
            using (var db = await Connect())
            using (var table = await ManyFragments(db))
            using (var reader = await table.Query().ExecuteAsync())
            {
                var ids = new List<long>();
                int batches = 0;
                Batch batch;
                while ((batch = await reader.NextAsync()) != null)
                {
                    batches++;
                    ids.AddRange(Fixtures.Ids(batch));
                }
                Assert.True(batches >= 3, "expected several batches, got " + batches);
                Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i).ToArray(), ids.ToArray());
                Assert.Null(await reader.NextAsync(), "stays at the end");
            }
        }

        [Test]
        public async Task ReaderOfFilteredSearch()
        {
            using (var db = await Connect())
            using (var table = await ManyFragments(db))
            using (var reader = await table.VectorSearch(Fixtures.Vector(1500, 4)).Where("id >= 1000").Limit(20).ExecuteAsync())
            {
                var ids = new List<long>();
                Batch batch;
                while ((batch = await reader.NextAsync()) != null) ids.AddRange(Fixtures.Ids(batch));
                Assert.Equal(20, ids.Count);
                Assert.Equal(1500L, ids[0]);
                Assert.True(ids.All(id => id >= 1000), "filter applied");
            }
        }

        [Test]
        public async Task DisposedReaderFailsTypedAndTableStaysUsable()
        {
            using (var db = await Connect())
            using (var table = await ManyFragments(db))
            {
                var reader = await table.Query().ExecuteAsync();
                Assert.NotNull(await reader.NextAsync());
                reader.Dispose();
                await Assert.ThrowsAsync<System.ObjectDisposedException>(() => reader.NextAsync());
                Assert.Equal(3000L, await table.CountRowsAsync());
            }
        }

        [Test]
        public async Task CancelledNextLeavesTheReaderAndTableUsable()
        {
            using (var db = await Connect())
            using (var table = await ManyFragments(db))
            using (var reader = await table.Query().ExecuteAsync())
            {
                using (var cts = new System.Threading.CancellationTokenSource())
                {
                    var next = reader.NextAsync(cts.Token);
                    cts.Cancel();
                    try
                    {
                        // Either the batch was already there or the read was cancelled; never a hang.
                        Assert.NotNull(await next);
                    }
                    catch (System.OperationCanceledException)
                    {
                    }
                }
                await Assert.ThrowsAsync<System.OperationCanceledException>(() => reader.NextAsync(new System.Threading.CancellationToken(true)));
                long rows = 0;
                Batch batch;
                while ((batch = await reader.NextAsync()) != null) rows += batch.RowCount;
                Assert.True(rows > 0 && rows <= 3000, "rows after a cancelled read: " + rows);
                Assert.Equal(3000L, await table.CountRowsAsync());
            }
        }

#if NET8
        [Test]
        public async Task AsyncEnumerableYieldsEveryRow()
        {
            using (var db = await Connect())
            using (var table = await ManyFragments(db))
            {
                var ids = new List<long>();
                // `await foreach` spelled out: C# 7.2 has no syntax for it.
                var enumerator = table.Query().Where("id % 3 = 0").ToBatchesAsync().GetAsyncEnumerator();
                try
                {
                    while (await enumerator.MoveNextAsync()) ids.AddRange(Fixtures.Ids(enumerator.Current));
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }
                Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * 3L).ToArray(), ids.ToArray());

                // Leaving early releases the stream; the table is fine afterwards.
                var early = table.Query().ToBatchesAsync().GetAsyncEnumerator();
                Assert.True(await early.MoveNextAsync());
                await early.DisposeAsync();
                Assert.Equal(3000L, await table.CountRowsAsync());
            }
        }
#endif
    }
}

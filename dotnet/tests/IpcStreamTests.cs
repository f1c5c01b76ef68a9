using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Arrow IPC in and out piece by piece: a Stream in, a Stream (and on .NET 8 an IAsyncEnumerable) out.</summary>
    public class IpcStreamTests : DatabaseTest
    {
        [Test]
        public async Task QueryOutputAsAStreamIsTheWholeIpcStream()
        {
            using (var db = await Connect())
            using (var table = await Fixtures.ThreeFragments(db, 100))
            {
                byte[] streamed;
                using (var ipc = await table.Query().ToIpcStreamAsync())
                using (var copy = new MemoryStream())
                {
                    // Small reads: pieces are handed out across read boundaries.
                    var buffer = new byte[1000];
                    int n;
                    while ((n = await ipc.ReadAsync(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, n);
                    Assert.Equal(0, ipc.Read(buffer, 0, buffer.Length), "stays at the end");
                    streamed = copy.ToArray();
                }
                Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, streamed.Take(4).ToArray(), "starts with an IPC message");
                using (var back = await db.CreateTableIpcAsync("back", streamed))
                {
                    Assert.Equal(300L, await back.CountRowsAsync());
                    var rows = await back.Query().ToBatchAsync();
                    Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i).ToArray(), Fixtures.Ids(rows));
                    Assert.Equal(Fixtures.Vector(299, 4), rows.GetVectors("vector")[299]);
                }
            }
        }

        [Test]
        public async Task AStreamAppendsBatchByBatchAndCommitsOnceRead()
        {
            using (var db = await Connect())
            using (var source = await Fixtures.ThreeFragments(db, 100))
            using (var table = await db.CreateTableAsync("target", Fixtures.Rows(1)))
            {
                var version = await table.VersionAsync();
                using (var ipc = await source.Query().Where("id >= 1").ToIpcStreamAsync())
                {
                    Assert.Equal(version + 1, (await table.AddIpcAsync(ipc)).Version);
                }
                Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i).ToArray(),
                             Fixtures.Ids(await table.Query().ToBatchAsync()).OrderBy(i => i).ToArray());

                // A stream that is not IPC, or is cut short, writes nothing.
                var bad = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.AddIpcAsync(new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })));
                Assert.True(bad.Message.Contains("not an Arrow IPC stream"), bad.Message);
                var whole = await source.Query().ToIpcAsync();
                var cut = new MemoryStream(whole.Take(whole.Length / 2).ToArray());
                await Assert.ThrowsAsync<LanceException>(() => table.AddIpcAsync(cut));
                Assert.Equal(version + 1, await table.VersionAsync());
                Assert.Equal(300L, await table.CountRowsAsync());
            }
        }

        [Test]
        public async Task AStreamCreatesATableBatchByBatchAndOnlyOnceRead()
        {
            using (var db = await Connect())
            using (var source = await Fixtures.ThreeFragments(db, 100))
            {
                var whole = await source.Query().ToIpcAsync();
                // A stream that is not IPC, or is cut short, creates no table, and the name can be created.
                var bad = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => db.CreateTableIpcAsync("copy", new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })));
                Assert.True(bad.Message.Contains("not an Arrow IPC stream"), bad.Message);
                await Assert.ThrowsAsync<LanceException>(() => db.CreateTableIpcAsync("copy", new MemoryStream(whole.Take(whole.Length / 2).ToArray())));
                await Assert.ThrowsAsync<LanceException.TableNotFound>(() => db.OpenTableAsync("copy"));

                using (var ipc = await source.Query().ToIpcStreamAsync())
                using (var copy = await db.CreateTableIpcAsync("copy", ipc))
                {
                    Assert.Equal("copy", copy.Name());
                    var rows = await copy.Query().ToBatchAsync();
                    Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i).ToArray(), Fixtures.Ids(rows).OrderBy(i => i).ToArray());
                    Assert.Equal((await source.SchemaAsync()).Fields.Select(f => f.Name).ToArray(), (await copy.SchemaAsync()).Fields.Select(f => f.Name).ToArray());
                }
                // The create mode as in CreateTableAsync: an existing name is an error unless overwritten.
                await Assert.ThrowsAsync<LanceException.TableAlreadyExists>(() => db.CreateTableIpcAsync("copy", new MemoryStream(whole)));
                using (var again = await db.CreateTableIpcAsync("copy", new MemoryStream(whole.Take(whole.Length).ToArray()), CreateMode.Overwrite))
                {
                    Assert.Equal(300L, await again.CountRowsAsync());
                }
            }
        }

        [Test]
        public async Task ASchemaMismatchInAStreamNamesTheColumn()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(3)))
            using (var other = await db.CreateTableAsync("o", new BatchBuilder().Utf8("id", new[] { "x" }).Build()))
            {
                using (var ipc = await other.Query().ToIpcStreamAsync())
                {
                    var error = await Assert.ThrowsAsync<LanceException.SchemaMismatch>(() => table.AddIpcAsync(ipc));
                    Assert.True(error.Message.Contains("'id'"), error.Message);
                }
                Assert.Equal(3L, await table.CountRowsAsync());
            }
        }

#if NET8
        [Test]
        public async Task IpcPiecesComeOnePerBatchPlusTheEnd()
        {
            using (var db = await Connect())
            using (var table = await Fixtures.ThreeFragments(db, 100))
            {
                var pieces = new List<byte[]>();
                var e = table.Query().ToIpcBatchesAsync().GetAsyncEnumerator();
                try
                {
                    while (await e.MoveNextAsync()) pieces.Add(e.Current);
                }
                finally
                {
                    await e.DisposeAsync();
                }
                Assert.Equal(4, pieces.Count, "three batches and the end marker");
                Assert.Equal(8, pieces[3].Length, "the end-of-stream marker");
                using (var back = await db.CreateTableIpcAsync("back", pieces.SelectMany(p => p).ToArray()))
                {
                    Assert.Equal(300L, await back.CountRowsAsync());
                }
            }
        }
#endif
    }
}

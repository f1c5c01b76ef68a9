using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>
    /// C#-shaped errors: the Batch type, queries built before a close, panics. The typed errors every
    /// language shares are in tests/scenarios/.
    /// </summary>
    public class ErrorTests : DatabaseTest
    {
        private async Task<Table> Table(Connection db)
        {
            return await db.CreateTableAsync("t", Fixtures.Rows(10));
        }

        private static async Task Unchanged(Table table)
        {
            Assert.Equal(10L, await table.CountRowsAsync());
            Assert.Equal(1L, await table.VersionAsync());
            var batch = await table.Query().ToBatchAsync();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), Fixtures.Ids(batch));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => "row " + i).ToArray(), batch.GetStrings("text"));
        }

        private static void Mentions(Exception e, params string[] words)
        {
            foreach (var word in words) Assert.True(e.Message.Contains(word), "message should mention '" + word + "': " + e.Message);
        }

        [Test]
        public async Task MessagesCarryNoBuildMachinePaths()
        {
            // LanceDB's own messages end with the source location they were raised at, a path on
            // the machine that built the library (".../.cargo/registry/src/.../sql.rs:103:21").
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                var e = await Assert.ThrowsAsync<LanceException.InvalidFilter>(() => table.CountRowsAsync("nosuchcolumn = 3"));
                Mentions(e, "nosuchcolumn");
                foreach (var leak in new[] { ".rs:", ".cargo", "/root" })
                    Assert.False(e.Message.Contains(leak), $"'{leak}' in: {e.Message}");
            }
        }

        [Test]
        public async Task MalformedBatch()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                var ragged = new BatchBuilder().Int64("id", new long[] { 1, 2, 3 }).Utf8("text", new[] { "a", "b" }).Build();
                var e = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.AddAsync(ragged));
                Mentions(e, "text");
                await Assert.ThrowsAsync<LanceException.InvalidInput>(() => db.CreateTableAsync("bad", ragged));
                var shortVector = new BatchBuilder().Int64("id", new long[] { 1, 2 })
                    .Vectors("vector", 4, new[] { new float[4], new float[3] }).Build();
                await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.AddAsync(shortVector));
                await Unchanged(table);
                Assert.Equal(new[] { "t" }, (await db.TableNamesAsync()).ToArray());
            }
        }

        [Test]
        public async Task ClosedTableRefusesQueriesBuiltBeforeAndAfter()
        {
            using (var db = await Connect())
            {
                var table = await Table(db);
                var query = table.Query();
                await table.CloseAsync();
                Assert.True(table.IsClosed());
                Mentions(await Assert.ThrowsAsync<LanceException.Closed>(() => table.CountRowsAsync()), "'t'", "closed");
                // A query made before closing sees the closed table in Rust too.
                await Assert.ThrowsAsync<LanceException.Closed>(() => query.ToBatchAsync());
                await Assert.ThrowsAsync<LanceException.Closed>(() => table.Query().ToBatchAsync());
                // Disposed: the handle is gone, calls throw .NET's own exception.
                table.Dispose();
                Assert.Throws<System.ObjectDisposedException>(() => table.Query());
                using (var again = await db.OpenTableAsync("t")) await Unchanged(again);
            }
        }

        [Test]
        public async Task RustPanicIsInternal()
        {
            var e = await Assert.ThrowsAsync<LanceException.Internal>(() => LanceDb.DebugCallAsync("boom on the runtime", true));
            Mentions(e, "boom on the runtime");
            e = await Assert.ThrowsAsync<LanceException.Internal>(() => LanceDb.DebugCallAsync("boom at first poll", false));
            Mentions(e, "boom at first poll");
            await LanceDb.DebugCallAsync(null, true);
            await LanceDb.DebugCallAsync(null, false);
        }
    }
}

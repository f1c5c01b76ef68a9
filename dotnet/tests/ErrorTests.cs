using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Each bad input gives its typed exception with a message naming the problem, and leaves the table as it was.</summary>
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
        public async Task WrongVectorDimensionInSearch()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                var e = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.VectorSearch(new float[7]).ToBatchAsync());
                Mentions(e, "dimension 7", "dimension 4");
                await Unchanged(table);
            }
        }

        [Test]
        public async Task WrongVectorDimensionInAdd()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                var e = await Assert.ThrowsAsync<LanceException.SchemaMismatch>(() => table.AddAsync(Fixtures.Rows(2, 50, 5)));
                Mentions(e, "vector");
                await Unchanged(table);
            }
        }

        [Test]
        public async Task InvalidFilterEverywhere()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidFilter>(() => table.CountRowsAsync("id >>> 3")), "id >>> 3");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidFilter>(() => table.Query().Where("nope = 1").ToBatchAsync()), "nope");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidFilter>(() => table.DeleteAsync("id = ")), "id = ");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidFilter>(
                    () => table.UpdateAsync(where: "missing > 2", updatesSql: new Dictionary<string, string> { { "id", "0" } })), "missing");
                await Unchanged(table);
            }
        }

        [Test]
        public async Task MissingTableAndDuplicateName()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                Mentions(await Assert.ThrowsAsync<LanceException.TableNotFound>(() => db.OpenTableAsync("ghost")), "ghost");
                Mentions(await Assert.ThrowsAsync<LanceException.TableNotFound>(() => db.DropTableAsync("ghost")), "ghost");
                Mentions(await Assert.ThrowsAsync<LanceException.TableAlreadyExists>(() => db.CreateTableAsync("t", Fixtures.Rows(1))), "t");
                await Unchanged(table);
            }
        }

        [Test]
        public async Task UnknownColumns()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.Query().Select("id", "colour").ToBatchAsync()), "colour");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidInput>(
                    () => table.UpdateAsync(updatesSql: new Dictionary<string, string> { { "colour", "'red'" } })), "colour");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidInput>(
                    () => table.VectorSearch(new float[4]).Column("embedding").ToBatchAsync()), "embedding");
                Mentions(await Assert.ThrowsAsync<LanceException.InvalidInput>(
                    () => table.VectorSearch(new float[4]).Column("text").ToBatchAsync()), "text");
                await Unchanged(table);
            }
        }

        [Test]
        public async Task SchemaMismatchOnAdd()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                var wrongType = new BatchBuilder().Utf8("id", new[] { "a" }).Build();
                Mentions(await Assert.ThrowsAsync<LanceException.SchemaMismatch>(() => table.AddAsync(wrongType)), "id");
                var extra = new BatchBuilder().Int64("id", new long[] { 1 }).Float64("price", new[] { 1.5 }).Build();
                Mentions(await Assert.ThrowsAsync<LanceException.SchemaMismatch>(() => table.AddAsync(extra)), "price");
                await Unchanged(table);
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
        public async Task ClosedTable()
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
        public async Task DroppedTableUsedAfterwards()
        {
            using (var db = await Connect())
            using (var table = await Table(db))
            {
                await db.DropTableAsync("t");
                Mentions(await Assert.ThrowsAsync<LanceException.TableNotFound>(() => table.CountRowsAsync()), "t");
                await Assert.ThrowsAsync<LanceException.TableNotFound>(() => table.AddAsync(Fixtures.Rows(1)));
                await Assert.ThrowsAsync<LanceException.TableNotFound>(() => table.Query().ToBatchAsync());
                Assert.Equal(new string[0], (await db.TableNamesAsync()).ToArray());
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

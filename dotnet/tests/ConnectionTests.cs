using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class ConnectionTests : DatabaseTest
    {
        [Test]
        public async Task TableNamesAreSortedAscending()
        {
            using (var db = await Connect())
            {
                Assert.Equal(new string[0], (await db.TableNamesAsync()).ToArray());
                foreach (var name in new[] { "b", "a", "c" }) (await db.CreateTableAsync(name, Fixtures.Rows(1))).Dispose();
                Assert.Equal(new[] { "a", "b", "c" }, (await db.TableNamesAsync()).ToArray());
                Assert.Equal(Dir, db.Uri());
            }
        }

        [Test]
        public async Task CreateModes()
        {
            using (var db = await Connect())
            {
                (await db.CreateTableAsync("t", Fixtures.Rows(3))).Dispose();
                var e = await Assert.ThrowsAsync<LanceException.TableAlreadyExists>(() => db.CreateTableAsync("t", Fixtures.Rows(5)));
                Assert.True(e.Message.Contains("t"), e.Message);

                using (var kept = await db.CreateTableAsync("t", Fixtures.Rows(5), CreateMode.ExistOk))
                {
                    Assert.Equal(3L, await kept.CountRowsAsync());
                }
                using (var replaced = await db.CreateTableAsync("t", Fixtures.Rows(5), CreateMode.Overwrite))
                {
                    Assert.Equal(5L, await replaced.CountRowsAsync());
                }
                using (var reopened = await db.OpenTableAsync("t"))
                {
                    Assert.Equal(5L, await reopened.CountRowsAsync());
                    Assert.Equal("t", reopened.Name());
                }
            }
        }

        [Test]
        public async Task CreateEmptyTableHasTheSchema()
        {
            using (var db = await Connect())
            {
                var schema = new Schema(new List<Field> { new Field("id", new DataType.Int64(), true), new Field("vector", new DataType.Vector(8), true) }, new Dictionary<string, string>());
                using (var table = await db.CreateEmptyTableAsync("empty", schema))
                {
                    Assert.Equal(0L, await table.CountRowsAsync());
                    Assert.Equal(schema.Fields.ToArray(), (await table.SchemaAsync()).Fields.ToArray());
                }
            }
        }

        [Test]
        public async Task OpenDropAndDropAll()
        {
            using (var db = await Connect())
            {
                foreach (var name in new[] { "x", "y", "z" }) (await db.CreateTableAsync(name, Fixtures.Rows(2))).Dispose();
                await db.DropTableAsync("y");
                Assert.Equal(new[] { "x", "z" }, (await db.TableNamesAsync()).ToArray());
                await Assert.ThrowsAsync<LanceException.TableNotFound>(() => db.OpenTableAsync("y"));
                await db.DropAllTablesAsync();
                Assert.Equal(new string[0], (await db.TableNamesAsync()).ToArray());
            }
        }

        [Test]
        public async Task InMemoryDatabase()
        {
            using (var db = await LanceDb.ConnectAsync("memory://"))
            using (var table = await db.CreateTableAsync("m", Fixtures.Rows(7)))
            {
                Assert.Equal(7L, await table.CountRowsAsync());
                Assert.Equal(new[] { "m" }, (await db.TableNamesAsync()).ToArray());
            }
        }

        [Test]
        public async Task ClosedConnectionFailsTyped()
        {
            var db = await Connect();
            var table = await db.CreateTableAsync("t", Fixtures.Rows(2));
            await db.CloseAsync();
            Assert.True(db.IsClosed());
            var e = await Assert.ThrowsAsync<LanceException.Closed>(() => db.TableNamesAsync());
            Assert.True(e.Message.Contains("closed"), e.Message);
            // Tables outlive the connection that opened them.
            Assert.Equal(2L, await table.CountRowsAsync());
            table.Dispose();
            db.Dispose();
            await Assert.ThrowsAsync<System.ObjectDisposedException>(() => db.TableNamesAsync());
        }

        [Test]
        public async Task ReadConsistencyIntervalZeroSeesOtherWriters()
        {
            using (var writer = await Connect())
            using (var reader = await LanceDb.ConnectAsync(Dir, readConsistencyInterval: System.TimeSpan.Zero))
            using (var written = await writer.CreateTableAsync("t", Fixtures.Rows(3)))
            using (var read = await reader.OpenTableAsync("t"))
            {
                Assert.Equal(3L, await read.CountRowsAsync());
                await written.AddAsync(Fixtures.Rows(2, 3));
                Assert.Equal(5L, await read.CountRowsAsync());
                Assert.Equal(2L, await read.VersionAsync());
            }
        }
    }
}

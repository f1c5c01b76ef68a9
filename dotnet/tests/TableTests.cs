using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class TableTests : DatabaseTest
    {
        [Test]
        public async Task CountWithAndWithoutFilter()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(10)))
            {
                Assert.Equal(10L, await table.CountRowsAsync());
                Assert.Equal(4L, await table.CountRowsAsync("id >= 6"));
                Assert.Equal(1L, await table.CountRowsAsync("text = 'row 3'"));
                Assert.Equal(0L, await table.CountRowsAsync("id > 100"));
            }
        }

        [Test]
        public async Task AddAppendAndOverwriteReturnVersions()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(3)))
            {
                Assert.Equal(1L, await table.VersionAsync());
                Assert.Equal(2L, (await table.AddAsync(Fixtures.Rows(2, 3))).Version);
                Assert.Equal(5L, await table.CountRowsAsync());
                Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, Fixtures.Ids(await table.Query().ToBatchAsync()));
                Assert.Equal(3L, (await table.AddAsync(Fixtures.Rows(4, 100), AddMode.Overwrite)).Version);
                Assert.Equal(new long[] { 100, 101, 102, 103 }, Fixtures.Ids(await table.Query().ToBatchAsync()));
                Assert.Equal(3L, await table.VersionAsync());
            }
        }

        [Test]
        public async Task DeleteReportsRowsAndVersion()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(10)))
            {
                var result = await table.DeleteAsync("id % 2 = 0");
                Assert.Equal(5L, result.RowsDeleted);
                Assert.Equal(2L, result.Version);
                Assert.Equal(new long[] { 1, 3, 5, 7, 9 }, Fixtures.Ids(await table.Query().ToBatchAsync()));
            }
        }

        [Test]
        public async Task UpdateWithAndWithoutFilter()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(4)))
            {
                var some = await table.UpdateAsync(where: "id % 2 = 1", updatesSql: new Dictionary<string, string> { { "text", "'odd'" } });
                Assert.Equal(2L, some.RowsUpdated);
                Assert.Equal(2L, some.Version);
                var batch = await table.Query().ToBatchAsync();
                Assert.Equal(new[] { "row 0", "odd", "row 2", "odd" }, Sorted(batch).Select(r => r.Value).ToArray());

                var all = await table.UpdateAsync(updatesSql: new Dictionary<string, string> { { "id", "id + 10" } });
                Assert.Equal(4L, all.RowsUpdated);
                Assert.Equal(3L, all.Version);
                Assert.Equal(new long[] { 10, 11, 12, 13 }, Fixtures.Ids(await table.Query().ToBatchAsync()).OrderBy(i => i).ToArray());
            }
        }

        private static IEnumerable<KeyValuePair<long, string>> Sorted(Batch batch)
        {
            var ids = Fixtures.Ids(batch);
            var texts = batch.GetStrings("text");
            return ids.Select((id, i) => new KeyValuePair<long, string>(id, texts[i])).OrderBy(kv => kv.Key);
        }

        [Test]
        public async Task CheckoutPastVersionAndBack()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(3)))
            {
                await table.AddAsync(Fixtures.Rows(2, 3));
                await table.DeleteAsync("id = 0");
                Assert.Equal(3L, await table.VersionAsync());
                await table.CheckoutAsync(1);
                Assert.Equal(1L, await table.VersionAsync());
                Assert.Equal(new long[] { 0, 1, 2 }, Fixtures.Ids(await table.Query().ToBatchAsync()));
                await table.CheckoutAsync(2);
                Assert.Equal(5L, await table.CountRowsAsync());
                await table.CheckoutLatestAsync();
                Assert.Equal(3L, await table.VersionAsync());
                Assert.Equal(4L, await table.CountRowsAsync());
                Assert.Equal(4L, (await table.AddAsync(Fixtures.Rows(1, 50))).Version);
            }
        }

        [Test]
        public async Task SchemaDescribesTheColumns()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(2, 0, 16)))
            {
                var schema = await table.SchemaAsync();
                Assert.Equal(new[] { "id", "text", "vector" }, schema.Fields.Select(f => f.Name).ToArray());
                Assert.Equal(new DataType.Int64(), schema["id"].DataType);
                Assert.Equal(new DataType.Utf8(), schema["text"].DataType);
                Assert.Equal(new DataType.Vector(16), schema["vector"].DataType);
                Assert.Equal(16, ((DataType.Vector)schema["vector"].DataType).Dim);
            }
        }
    }
}

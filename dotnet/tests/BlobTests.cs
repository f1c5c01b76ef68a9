using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Blob columns of a table the official SDK wrote (python/tests/blob_table.py): bytes by row id, ranges, lazy files.</summary>
    public class BlobTests : DatabaseTest
    {
        // The blobs blob_table.py writes, in id order.
        private static readonly byte[][] Images =
        {
            Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray(),
            null,
            Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hello world", 1000))),
            new byte[0],
        };

        /// <summary>Runs <paramref name="test"/> on the table blob_table.py writes, with its row ids in id order.</summary>
        private async Task WithOfficialBlobTable(Func<Table, long[], Task> test)
        {
            Fixtures.OfficialBlobTable(Dir, "blobs");
            using (var db = await Connect())
            using (var table = await db.OpenTableAsync("blobs"))
            {
                var rows = await table.Query().Select(new[] { "id" }).WithRowId().ToBatchAsync();
                var ids = rows.GetInt64("id");
                var rowIds = rows.GetInt64("_rowid");
                await test(table, Enumerable.Range(0, rows.RowCount).OrderBy(i => ids[i]).Select(i => rowIds[i].Value).ToArray());
            }
        }

        private static void SameBlobs(byte[][] expected, System.Collections.Generic.IList<byte[]> actual)
        {
            Assert.Equal(expected.Length, actual.Count, "blob count");
            for (var i = 0; i < expected.Length; i++)
            {
                if (expected[i] == null) Assert.True(actual[i] == null, "blob " + i + " is null");
                else Assert.True(actual[i] != null && expected[i].SequenceEqual(actual[i]), "blob " + i);
            }
        }

        [Test(TimeoutSeconds = 120)]
        public async Task BlobsComeByRowIdInTheOrderAsked()
        {
            await WithOfficialBlobTable(async (table, ids) =>
            {
                Assert.Equal(new[] { "img", "old" }, (await table.BlobColumnsAsync()).ToArray());
                foreach (var column in new[] { "img", "old" })
                {
                    SameBlobs(Images, await table.FetchBlobsAsync(column, ids));
                    SameBlobs(new[] { Images[2], Images[0], Images[2] }, await table.FetchBlobsAsync(column, new[] { ids[2], ids[0], ids[2] }));
                }
            });
        }

        [Test(TimeoutSeconds = 120)]
        public async Task RangesAndLazyFilesReadOnlyWhatIsAsked()
        {
            await WithOfficialBlobTable(async (table, ids) =>
            {
                var ranges = await table.FetchBlobRangesAsync("img", new System.Collections.Generic.List<BlobRange>
                {
                    new BlobRange(ids[2], 6, 5), new BlobRange(ids[0], 255, 2), new BlobRange(ids[1], 0, 0),
            });
            SameBlobs(new[] { Encoding.ASCII.GetBytes("world"), new byte[] { 255, 0 }, null }, ranges);

            var files = await table.FetchBlobFilesAsync("img", ids);
            Assert.True(files[1] == null, "a null blob has no file");
            using (var file = files[2])
            {
                Assert.Equal(11000L, file.Size());
                Assert.True(Images[2].SequenceEqual(await file.ReadAsync()), "the whole blob");
                Assert.Equal("world", Encoding.ASCII.GetString(await file.ReadRangeAsync(10995, 100)), "cut at the end");
            }
            foreach (var file in files.Where(f => f != null)) file.Dispose();
            });
        }

        [Test(TimeoutSeconds = 120)]
        public async Task BadBlobRequestsNameWhatWasWrong()
        {
            await WithOfficialBlobTable(async (table, ids) =>
            {
                var noColumn = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.FetchBlobsAsync("nope", ids));
                Assert.True(noColumn.Message.Contains("'nope'"), noColumn.Message);
                var notBlob = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.FetchBlobsAsync("id", ids));
                Assert.True(notBlob.Message.Contains("'id' is not a blob column"), notBlob.Message);
                var negative = await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.FetchBlobsAsync("img", new[] { -1L }));
                Assert.True(negative.Message.Contains("row id must not be negative"), negative.Message);
                Assert.Equal(4L, await table.CountRowsAsync());
            });
        }
    }
}

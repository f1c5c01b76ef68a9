using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Rows as dictionaries and as objects, typed by the table's schema or inferred.</summary>
    public class RowsTests : DatabaseTest
    {
        public class Note
        {
            public long Id { get; set; }
            public string Text { get; set; }
            public float[] Vector { get; set; }
            public double? Score { get; set; }
            public DateTimeOffset? At { get; set; }
            internal string Hidden { get; set; }
        }

        private static Note NoteOf(long id, string text, double? score)
        {
            return new Note { Id = id, Text = text, Vector = new[] { id, 0.5f }, Score = score, At = DateTimeOffset.FromUnixTimeSeconds(id), Hidden = "x" };
        }

        [Test]
        public async Task ObjectsCreateATableWithInferredTypesAndReadBack()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("notes", new[] { NoteOf(1, "a", 0.5), NoteOf(2, null, null) }))
            {
                var schema = await table.SchemaAsync();
                Assert.Equal(new[] { "Id", "Text", "Vector", "Score", "At" }, schema.Fields.Select(f => f.Name).ToArray());
                Assert.Equal<DataType>(new DataType.Int64(), schema["Id"].DataType);
                Assert.Equal<DataType>(new DataType.Vector(2), schema["Vector"].DataType);
                Assert.Equal<DataType>(new DataType.Timestamp(TimeUnit.Microsecond, "UTC"), schema["At"].DataType);
                var rows = await table.Query().ToListAsync();
                Assert.Equal("a", rows[0]["Text"]);
                Assert.Null(rows[1]["Text"]);
                Assert.Null(rows[1]["Score"]);
                Assert.Equal(new[] { 2f, 0.5f }, (float[])rows[1]["Vector"]);
                Assert.Equal<object>(DateTimeOffset.FromUnixTimeSeconds(2), rows[1]["At"]);
            }
        }

        [Test]
        public async Task DictionariesAndObjectsAddWithTheTablesTypes()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", new BatchBuilder()
                       .Int64("id", new long[] { 1 }).Utf8("text", new[] { "a" }).Float32("score", new float[] { 1 })
                       .Vectors("vector", 2, new[] { new[] { 1f, 1f } }).Build()))
            {
                // ints into int64, doubles into float32, double[] into a vector; a missing key is null.
                var rows = new List<IDictionary<string, object>>
                {
                    new Dictionary<string, object> { { "id", 2 }, { "text", "b" }, { "score", 2.5 }, { "vector", new[] { 2.0, 0.0 } } },
                    new Dictionary<string, object> { { "id", 3L }, { "vector", new[] { 3f, 0f } } },
                };
                Assert.Equal(2L, (await table.AddAsync(rows)).Version);
                // Properties match columns ignoring case.
                await table.AddAsync(new[] { new { Id = 4, Text = "d", Score = 4f, Vector = new[] { 4f, 0f } } });
                var back = await table.Query().ToBatchAsync();
                var byId = back.ToRows().OrderBy(r => (long)r["id"]).ToList();
                Assert.Equal(new long[] { 1, 2, 3, 4 }, byId.Select(r => (long)r["id"]).ToArray());
                Assert.Equal(new object[] { "a", "b", null, "d" }, byId.Select(r => r["text"]).ToArray());
                Assert.Equal(new object[] { 1f, 2.5f, null, 4f }, byId.Select(r => r["score"]).ToArray());
                Assert.Equal(new[] { 2f, 0f }, (float[])byId[1]["vector"]);

                // A key the table does not have, a value that does not convert: typed errors, table unchanged.
                var extra = new List<IDictionary<string, object>> { new Dictionary<string, object> { { "id", 5L }, { "nope", "x" } } };
                var mismatch = await Assert.ThrowsAsync<LanceException.SchemaMismatch>(() => table.AddAsync(extra));
                Assert.True(mismatch.Message.Contains("'nope'"), mismatch.Message);
                var wrong = new List<IDictionary<string, object>> { new Dictionary<string, object> { { "id", "five" } } };
                var bad = await Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(wrong));
                Assert.True(bad.Message.Contains("'id'"), bad.Message);
                Assert.Equal(4L, await table.CountRowsAsync());
            }
        }

        [Test]
        public async Task BuilderHasUint8AndFloat16VectorsDatesDecimalsAndMetadata()
        {
            var codes = new[] { new byte[] { 0, 255 }, null };
            var halves = new[] { new[] { 0.5f, 1f / 3 }, new[] { -2f, 65504f } };
            var batch = new BatchBuilder()
                .Int64("id", new long[] { 1, 2 })
                .Uint8Vectors("codes", 2, codes)
                .Float16Vectors("halves", 2, halves)
                .Date32("day", new DateTime?[] { new DateTime(2024, 2, 29), null })
                .Decimal("price", 10, 2, new decimal?[] { 12.5m, -0.01m })
                .Metadata("price", new Dictionary<string, string> { { "currency", "EUR" } })
                .Build();
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("v", batch))
            {
                var schema = await table.SchemaAsync();
                Assert.Equal<DataType>(new DataType.Vector(2, VectorElement.UInt8), schema["codes"].DataType);
                Assert.Equal<DataType>(new DataType.Vector(2, VectorElement.Float16), schema["halves"].DataType);
                Assert.Equal("EUR", schema["price"].Metadata["currency"]);
                Assert.Equal(0, schema["id"].Metadata.Count);
                await table.UpdateFieldMetadataAsync(new List<FieldMetadataUpdate> { new FieldMetadataUpdate("id", new Dictionary<string, string> { { "role", "key" } }) });
                Assert.Equal("key", (await table.SchemaAsync())["id"].Metadata["role"]);

                var back = await table.Query().ToBatchAsync();
                Assert.Equal(codes, back.GetUint8Vectors("codes"));
                Assert.Equal(new[] { 0.5f, 0.33325195f }, back.GetVectors("halves")[0]);
                Assert.Equal(new DateTime?[] { new DateTime(2024, 2, 29), null }, back.GetDates("day"));
                Assert.Equal(new decimal?[] { 12.5m, -0.01m }, back.GetDecimals("price"));
            }
        }
    }
}

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

        public class Address
        {
            public string City { get; set; }
            public long[] Zips { get; set; }
        }

        public class Person
        {
            public long Id { get; set; }
            public string[] Tags { get; set; }
            public List<long?> Scores { get; set; }
            public Address Home { get; set; }
            public List<Address> Past { get; set; }
        }

        /// <summary>People 1..3 with lists, a struct holding a list and a list of structs; nulls at every level.</summary>
        public static Person[] People()
        {
            return new[]
            {
                new Person
                {
                    Id = 1, Tags = new[] { "a", "b" }, Scores = new List<long?> { 1, 2, 3 },
                    Home = new Address { City = "Oslo", Zips = new long[] { 150, 151 } },
                    Past = new List<Address> { new Address { City = "Rome", Zips = new long[0] }, null },
                },
                new Person { Id = 2, Tags = null, Scores = new List<long?>(), Home = null, Past = null },
                new Person { Id = 3, Tags = new[] { "c", null }, Scores = new List<long?> { null, 7 }, Home = new Address(), Past = new List<Address>() },
            };
        }

        /// <summary>A struct value as rows read it back: field name → value.</summary>
        private static Dictionary<string, object> Map(params object[] namesAndValues)
        {
            var map = new Dictionary<string, object>();
            for (int i = 0; i < namesAndValues.Length; i += 2) map[(string)namesAndValues[i]] = namesAndValues[i + 1];
            return map;
        }

        private static Field Nullable(string name, DataType type) { return new Field(name, type, true); }

        [Test]
        public async Task ObjectsWithListsAndStructsCreateATableAndReadBack()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("people", People()))
            {
                var schema = await table.SchemaAsync();
                var address = new DataType.Struct(new List<Field> { Nullable("City", new DataType.Utf8()), Nullable("Zips", new DataType.ListOf(Nullable("item", new DataType.Int64()))) });
                Assert.Equal<DataType>(new DataType.ListOf(Nullable("item", new DataType.Utf8())), schema["Tags"].DataType);
                Assert.Equal<DataType>(new DataType.ListOf(Nullable("item", new DataType.Int64())), schema["Scores"].DataType);
                Assert.Equal<DataType>(address, schema["Home"].DataType);
                Assert.Equal<DataType>(new DataType.ListOf(Nullable("item", address)), schema["Past"].DataType);

                var rows = (await table.Query().ToListAsync()).OrderBy(r => (long)r["Id"]).ToList();
                Assert.Equal(new object[] { new object[] { "a", "b" }, null, new object[] { "c", null } }, rows.Select(r => r["Tags"]).ToArray());
                Assert.Equal(new object[] { new object[] { 1L, 2L, 3L }, new object[0], new object[] { null, 7L } }, rows.Select(r => r["Scores"]).ToArray());
                Assert.Equal(new object[] { Map("City", "Oslo", "Zips", new object[] { 150L, 151L }), null, Map("City", null, "Zips", null) },
                    rows.Select(r => r["Home"]).ToArray());
                Assert.Equal(new object[] { new object[] { Map("City", "Rome", "Zips", new object[0]), null }, null, new object[0] },
                    rows.Select(r => r["Past"]).ToArray());

                // What a query gives back goes in again: the same rows.
                await table.AddAsync(rows);
                var again = (await table.Query().ToListAsync()).Where(r => (long)r["Id"] == 1).ToList();
                Assert.Equal(2, again.Count);
                Assert.Equal(again[0], again[1]);
            }
            // .NET's own classes are values, not structs of their properties.
            var uri = Assert.Throws<ArgumentException>(() => Unilance.Rows.ToBatch(new[] { new { Link = new Uri("http://example.com") } }));
            Assert.Equal("column 'Link': cannot infer a column type from Uri; give a schema or use BatchBuilder", uri.Message);
        }

        [Test]
        public async Task DictionariesInferStructsFromTheUnionOfTheirKeys()
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(1700000000);
            var rows = new List<IDictionary<string, object>>
            {
                new Dictionary<string, object>
                {
                    { "id", 1L }, { "meta", new Dictionary<string, object> { { "name", "a" }, { "price", 1.5m } } },
                    { "times", new[] { at, at.AddSeconds(1) } }, { "counts", new[] { 1, 2 } },
                },
                new Dictionary<string, object>
                {
                    { "id", 2L }, { "meta", new Dictionary<string, object> { { "size", 3 } } },
                    { "times", new List<DateTimeOffset>() }, { "counts", null },
                },
            };
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("inferred", rows))
            {
                var schema = await table.SchemaAsync();
                Assert.Equal<DataType>(new DataType.Struct(new List<Field>
                {
                    Nullable("name", new DataType.Utf8()), Nullable("price", new DataType.Decimal128(38, 1)), Nullable("size", new DataType.Int32()),
                }), schema["meta"].DataType);
                Assert.Equal<DataType>(new DataType.ListOf(Nullable("item", new DataType.Timestamp(TimeUnit.Microsecond, "UTC"))), schema["times"].DataType);
                Assert.Equal<DataType>(new DataType.ListOf(Nullable("item", new DataType.Int32())), schema["counts"].DataType);

                var back = (await table.Query().ToListAsync()).OrderBy(r => (long)r["id"]).ToList();
                Assert.Equal(new object[] { Map("name", "a", "price", 1.5m, "size", null), Map("name", null, "price", null, "size", 3) }, back.Select(r => r["meta"]).ToArray());
                Assert.Equal(new object[] { new object[] { at, at.AddSeconds(1) }, new object[0] }, back.Select(r => r["times"]).ToArray());
                Assert.Equal(new object[] { new object[] { 1, 2 }, null }, back.Select(r => r["counts"]).ToArray());
            }
        }

        /// <summary>id, list&lt;utf8&gt;, a struct holding a list&lt;int32&gt;, a list of structs, fixed-size lists of 3 int32 (and of 2 non-nullable int32).</summary>
        private static Schema NestedSchema()
        {
            var entry = new DataType.Struct(new List<Field> { Nullable("k", new DataType.Utf8()), Nullable("v", new DataType.Float64()) });
            return new Schema(new List<Field>
            {
                Nullable("id", new DataType.Int64()),
                Nullable("tags", new DataType.ListOf(Nullable("item", new DataType.Utf8()))),
                Nullable("meta", new DataType.Struct(new List<Field>
                {
                    Nullable("name", new DataType.Utf8()),
                    new Field("nums", new DataType.ListOf(Nullable("item", new DataType.Int32())), false),
                })),
                Nullable("entries", new DataType.ListOf(Nullable("item", entry))),
                Nullable("codes", new DataType.FixedListOf(Nullable("item", new DataType.Int32()), 3)),
                Nullable("pair", new DataType.FixedListOf(new Field("item", new DataType.Int32(), false), 2)),
            }, new Dictionary<string, string>());
        }

        [Test]
        public async Task DictionariesAndObjectsFillListStructAndFixedListColumnsOfTheSchema()
        {
            using (var db = await Connect())
            using (var table = await db.CreateEmptyTableAsync("nested", NestedSchema()))
            {
                // Items convert as top-level values do: longs and shorts into int32, ints into float64.
                var rows = new List<IDictionary<string, object>>
                {
                    new Dictionary<string, object>
                    {
                        { "id", 1 }, { "tags", new List<string> { "x", null } },
                        { "meta", new Dictionary<string, object> { { "name", "m" }, { "nums", new long[] { 1, 2 } } } },
                        { "entries", new object[] { new { K = "a", V = 1 }, null, new Dictionary<string, object> { { "k", "b" } } } },
                        { "codes", new short[] { 1, 2, 3 } }, { "pair", new List<int> { 4, 5 } },
                    },
                    // A null struct holds placeholders in its non-nullable list; a null fixed-size list in its non-nullable items.
                    new Dictionary<string, object> { { "id", 2L }, { "tags", new string[0] }, { "meta", null }, { "codes", new int?[] { null, 8, null } }, { "pair", null } },
                };
                await table.AddAsync(rows);
                // Objects: properties match columns and struct fields ignoring case; a missing one is null.
                await table.AddAsync(new[] { new { Id = 3, Meta = new { Name = "o", Nums = new int[0] }, Entries = new object[0] } });

                var back = await table.Query().ToBatchAsync();
                var order = Enumerable.Range(0, back.RowCount).OrderBy(i => back.GetInt64("id")[i]).ToArray();
                Func<object[], object[]> sorted = column => order.Select(i => column[i]).ToArray();
                Assert.Equal(new object[] { new object[] { "x", null }, new object[0], null }, sorted(back.GetLists("tags")));
                Assert.Equal(new object[] { Map("name", "m", "nums", new object[] { 1, 2 }), null, Map("name", "o", "nums", new object[0]) }, sorted(back.GetStructs("meta")));
                Assert.Equal(new object[] { new object[] { Map("k", "a", "v", 1d), null, Map("k", "b", "v", null) }, null, new object[0] }, sorted(back.GetLists("entries")));
                Assert.Equal(new object[] { new object[] { 1, 2, 3 }, new object[] { null, 8, null }, null }, sorted(back.GetLists("codes")));
                Assert.Equal(new object[] { new object[] { 4, 5 }, null, null }, sorted(back.GetLists("pair")));
            }
        }

        [Test]
        public async Task WrongNestedValuesAreArgumentErrorsNamingTheColumnAndRow()
        {
            using (var db = await Connect())
            using (var table = await db.CreateEmptyTableAsync("nested", NestedSchema()))
            {
                Func<string, object, Task<ArgumentException>> add = (column, value) => Assert.ThrowsAsync<ArgumentException>(() => table.AddAsync(new List<IDictionary<string, object>>
                {
                    new Dictionary<string, object> { { "id", 1L } },
                    new Dictionary<string, object> { { "id", 2L }, { column, value } },
                }));
                var size = await add("codes", new[] { 1, 2 });
                Assert.Equal("column 'codes' row 1: 2 items where the fixed-size list holds 3", size.Message);
                var field = await add("meta", new { Name = "n", Nums = new object[] { 1, "two" } });
                Assert.True(field.Message.StartsWith("column 'meta.nums[]' row 1: String 'two' does not convert to int32", StringComparison.Ordinal), field.Message);
                var nested = await add("entries", new[] { new { K = "k", V = "high" } });
                Assert.True(nested.Message.StartsWith("column 'entries[].v' row 1: String 'high' does not convert to float64", StringComparison.Ordinal), nested.Message);
                var unknown = await add("meta", new Dictionary<string, object> { { "nmae", "typo" } });
                Assert.Equal("column 'meta' row 1: the struct has no field 'nmae' (fields: name, nums)", unknown.Message);
                var notNullable = await add("meta", new { Name = "n" });
                Assert.Equal("column 'meta.nums' row 1: null, but the field is not nullable", notNullable.Message);
                var notList = await add("tags", "a,b");
                Assert.Equal("column 'tags' row 1: String is not a list (an array or another IEnumerable)", notList.Message);
                var notStruct = await add("meta", 5);
                Assert.Equal("column 'meta' row 1: Int32 is not a struct (a dictionary or an object with properties)", notStruct.Message);
                Assert.Equal(0L, await table.CountRowsAsync());
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

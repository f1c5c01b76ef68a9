using System;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Every column type goes into a table and comes back equal, nulls included.</summary>
    public class TypesTests : DatabaseTest
    {
        private async Task<Batch> RoundTrip(Batch batch)
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("types", batch))
            {
                var back = await table.Query().ToBatchAsync();
                Assert.Equal(batch.Schema.Fields.ToArray(), back.Schema.Fields.ToArray(), "schema");
                Assert.Equal(batch.NumRows, back.NumRows, "rows");
                return back;
            }
        }

        [Test]
        public async Task Integers()
        {
            var i32 = new int?[] { int.MinValue, -1, 0, null, int.MaxValue };
            var i64 = new long?[] { long.MinValue, null, 0, 1, long.MaxValue };
            var back = await RoundTrip(new BatchBuilder().Int32("i32", i32).Int64("i64", i64).Build());
            Assert.Equal(i32, back.GetInt32("i32"));
            Assert.Equal(i64, back.GetInt64("i64"));
        }

        [Test]
        public async Task FloatsAndBools()
        {
            var f32 = new float?[] { float.MinValue, -0.5f, null, 1e-30f, float.MaxValue };
            var f64 = new double?[] { double.MinValue, double.Epsilon, null, Math.PI, double.MaxValue };
            var bools = new bool?[] { true, false, null, true, false };
            var back = await RoundTrip(new BatchBuilder().Float32("f32", f32).Float64("f64", f64).Bool("b", bools).Build());
            Assert.Equal(f32, back.GetFloat32("f32"));
            Assert.Equal(f64, back.GetFloat64("f64"));
            Assert.Equal(bools, back.GetBools("b"));
        }

        [Test]
        public async Task StringsAndBytes()
        {
            var strings = new[] { "", "plain", "héllo wörld ✓ 日本語 🚀", null, "quote ' and \" and \\ and \n newline" };
            var bytes = new[] { new byte[] { 0x00, 0xff, 0x00 }, new byte[0], null, new byte[] { 0xff }, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray() };
            var back = await RoundTrip(new BatchBuilder().Utf8("s", strings).Binary("b", bytes).Build());
            Assert.Equal(strings, back.GetStrings("s"));
            var got = back.GetBinaries("b");
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == null) Assert.Null(got[i], "row " + i);
                else Assert.Equal(bytes[i], got[i], "row " + i);
            }
        }

        [Test]
        public async Task VectorsWithNullRows()
        {
            var vectors = new[] { new[] { 1f, 2f, 3f }, null, new[] { -0.25f, float.MaxValue, float.MinValue }, new float[3] };
            var back = await RoundTrip(new BatchBuilder().Int64("id", new long[] { 0, 1, 2, 3 }).Vectors("v", 3, vectors).Build());
            var got = back.GetVectors("v");
            Assert.Equal(vectors[0], got[0]);
            Assert.Null(got[1]);
            Assert.Equal(vectors[2], got[2]);
            Assert.Equal(vectors[3], got[3]);
            Assert.Equal(new DataType.Vector(3), back.Schema["v"].DataType);
        }

        [Test]
        public async Task TimestampsEveryUnitWithAndWithoutTimezone()
        {
            var values = new long?[] { 0, -1_000_000, null, 1_700_000_000_123, long.MaxValue / 2 };
            var builder = new BatchBuilder();
            foreach (TimeUnit unit in Enum.GetValues(typeof(TimeUnit)))
            {
                builder.Timestamp("naive_" + unit, unit, values);
                builder.Timestamp("utc_" + unit, unit, values, "UTC");
                builder.Timestamp("paris_" + unit, unit, values, "Europe/Paris");
            }
            var back = await RoundTrip(builder.Build());
            foreach (TimeUnit unit in Enum.GetValues(typeof(TimeUnit)))
            {
                foreach (var prefix in new[] { "naive_", "utc_", "paris_" })
                {
                    Assert.Equal(values, back.GetTimestamps(prefix + unit), prefix + unit);
                }
                Assert.Equal(new DataType.Timestamp(unit, "Europe/Paris"), back.Schema["paris_" + unit].DataType);
                Assert.Equal(new DataType.Timestamp(unit, null), back.Schema["naive_" + unit].DataType);
            }
        }

        [Test]
        public async Task DateTimesConvertThroughMicroseconds()
        {
            var instants = new DateTimeOffset?[] { new DateTimeOffset(2024, 2, 29, 12, 30, 45, 123, TimeSpan.Zero).AddTicks(4560), null, new DateTimeOffset(1969, 7, 20, 20, 17, 0, TimeSpan.Zero) };
            var back = await RoundTrip(new BatchBuilder().Timestamp("at", instants).Build());
            Assert.Equal(instants, back.GetDateTimes("at"));
            Assert.Equal(new DataType.Timestamp(TimeUnit.Microsecond, "UTC"), back.Schema["at"].DataType);
        }

        [Test]
        public async Task RowsAsMaps()
        {
            var at = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
            var batch = new BatchBuilder()
                .Int64("id", new long?[] { 1, null })
                .Utf8("name", new[] { "a", null })
                .Bool("ok", new bool?[] { true, false })
                .Vectors("v", 2, new[] { new[] { 1f, 2f }, null })
                .Timestamp("at", new DateTimeOffset?[] { at, null })
                .Build();
            var rows = (await RoundTrip(batch)).ToRows();
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { "id", "name", "ok", "v", "at" }, rows[0].Keys.ToArray());
            Assert.Equal(1L, rows[0]["id"]);
            Assert.Equal("a", rows[0]["name"]);
            Assert.Equal(true, rows[0]["ok"]);
            Assert.Equal(new[] { 1f, 2f }, (float[])rows[0]["v"]);
            Assert.Equal(at, rows[0]["at"]);
            Assert.Equal(new object[] { null, null, false, null, null }, rows[1].Values.ToArray());
        }

        [Test]
        public void WrongTypedGetterNamesTheColumn()
        {
            var batch = new BatchBuilder().Utf8("name", new[] { "a" }).Build();
            var e = Assert.Throws<InvalidOperationException>(() => batch.GetInt64("name"));
            Assert.True(e.Message.Contains("name") && e.Message.Contains("Utf8"), e.Message);
            var missing = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => batch.GetInt64("nope"));
            Assert.True(missing.Message.Contains("nope"), missing.Message);
        }
    }
}

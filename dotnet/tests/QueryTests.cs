using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class QueryTests : DatabaseTest
    {
        [Test]
        public async Task ScanFilterSelectLimitOffset()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(20)))
            {
                var all = await table.Query().ToBatchAsync();
                Assert.Equal(20, all.NumRows);
                Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i).ToArray(), Fixtures.Ids(all));

                var filtered = await table.Query().Where("id >= 5 AND id < 9").ToBatchAsync();
                Assert.Equal(new long[] { 5, 6, 7, 8 }, Fixtures.Ids(filtered));
                Assert.Equal(new[] { "row 5", "row 6", "row 7", "row 8" }, filtered.GetStrings("text"));

                var selected = await table.Query().Select("text").Limit(3).ToBatchAsync();
                Assert.Equal(new[] { "text" }, selected.ColumnNames.ToArray());
                Assert.Equal(new[] { "row 0", "row 1", "row 2" }, selected.GetStrings("text"));

                var page = await table.Query().Offset(15).Limit(3).ToBatchAsync();
                Assert.Equal(new long[] { 15, 16, 17 }, Fixtures.Ids(page));

                var vectors = (await table.Query().Where("id = 7").ToBatchAsync()).GetVectors("vector");
                Assert.Equal(Fixtures.Vector(7, 4), vectors[0]);
            }
        }

        [Test]
        public async Task QueriesAreImmutableAndReusable()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(10)))
            {
                var baseQuery = table.Query().Where("id < 5");
                var limited = baseQuery.Limit(2);
                Assert.Equal(5, (await baseQuery.ToBatchAsync()).NumRows);
                Assert.Equal(2, (await limited.ToBatchAsync()).NumRows);
                Assert.Equal(5, (await baseQuery.ToBatchAsync()).NumRows);
            }
        }

        [Test]
        public async Task VectorSearchMatchesBruteForceL2() { await CheckBruteForce(DistanceType.L2); }

        [Test]
        public async Task VectorSearchMatchesBruteForceCosine() { await CheckBruteForce(DistanceType.Cosine); }

        [Test]
        public async Task VectorSearchMatchesBruteForceDot() { await CheckBruteForce(DistanceType.Dot); }

        private async Task CheckBruteForce(DistanceType distance)
        {
            const int dim = 16;
            var vectors = Fixtures.RandomVectors(300, dim, 7);
            var batch = new BatchBuilder()
                .Int64("id", Enumerable.Range(0, vectors.Length).Select(i => (long)i).ToArray())
                .Vectors("vector", dim, vectors)
                .Build();
            var query = Fixtures.RandomVectors(1, dim, 99)[0];
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", batch))
            {
                var result = await table.VectorSearch(query).DistanceType(distance).Limit(15).ToBatchAsync();
                var expected = vectors.Select((v, i) => new { Id = (long)i, D = Distance(distance, query, v) })
                    .OrderBy(x => x.D).Take(15).ToArray();
                Assert.Equal(expected.Select(x => x.Id).ToArray(), Fixtures.Ids(result), distance + " ids");
                var distances = result.GetFloat32("_distance");
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(distances[i].Value - expected[i].D) < 1e-4,
                        distance + " distance of row " + i + ": expected " + expected[i].D + ", got " + distances[i]);
                }
            }
        }

        // LanceDB's definitions: squared L2, 1 - cosine similarity, 1 - dot product.
        internal static double Distance(DistanceType type, float[] a, float[] b)
        {
            double dot = 0, na = 0, nb = 0, l2 = 0;
            for (int i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
                l2 += (a[i] - b[i]) * (a[i] - b[i]);
            }
            switch (type)
            {
                case DistanceType.L2: return l2;
                case DistanceType.Cosine: return 1 - dot / Math.Sqrt(na * nb);
                default: return 1 - dot;
            }
        }

        [Test]
        public async Task VectorSearchDefaultsToTenWithFilterAndSelect()
        {
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", Fixtures.Rows(50, 0, 8)))
            {
                var target = Fixtures.Vector(21, 8);
                var hits = await table.VectorSearch(target).ToBatchAsync();
                Assert.Equal(10, hits.NumRows);
                Assert.Equal(21L, Fixtures.Ids(hits)[0]);
                Assert.Equal(0f, hits.GetFloat32("_distance")[0].Value);

                var odd = await table.VectorSearch(target).Where("id % 2 = 0").Select("id").Limit(3).ToBatchAsync();
                Assert.Equal(3, odd.NumRows);
                Assert.True(Fixtures.Ids(odd).All(id => id % 2 == 0), "filter applied");
                Assert.Equal(new[] { "id", "_distance" }, odd.ColumnNames.ToArray());
            }
        }
    }
}

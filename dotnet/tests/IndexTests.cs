using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    public class IndexTests : DatabaseTest
    {
        [Test(TimeoutSeconds = 300)]
        public async Task IvfPqAndBTreeIndices()
        {
            const int rows = 2000, dim = 32;
            var vectors = Fixtures.RandomVectors(rows, dim, 3);
            var batch = new BatchBuilder()
                .Int64("id", Enumerable.Range(0, rows).Select(i => (long)i).ToArray())
                .Vectors("vector", dim, vectors)
                .Build();
            using (var db = await Connect())
            using (var table = await db.CreateTableAsync("t", batch))
            {
                Assert.Equal(0, (await table.ListIndicesAsync()).Count);
                await table.CreateIndexAsync("vector", new IndexConfig.IvfPq(DistanceType.L2, numPartitions: 4, numSubVectors: 4));
                await table.CreateIndexAsync("id", new IndexConfig.BTree());
                var indices = (await table.ListIndicesAsync()).OrderBy(i => i.Columns[0]).ToArray();
                Assert.Equal(2, indices.Length);
                Assert.Equal(new[] { "id" }, indices[0].Columns.ToArray());
                Assert.Equal("BTREE", indices[0].IndexType, "index type of id");
                Assert.Equal(new[] { "vector" }, indices[1].Columns.ToArray());
                Assert.Equal("IVF_PQ", indices[1].IndexType, "index type of vector");

                // The index answers approximately; with refinement the exact row is first.
                var hits = await table.VectorSearch(vectors[123]).Nprobes(4).RefineFactor(10).ToBatchAsync();
                Assert.Equal(10, hits.NumRows);
                Assert.Equal(123L, Fixtures.Ids(hits)[0]);
                var exact = await table.VectorSearch(vectors[77]).BypassVectorIndex().Limit(1).ToBatchAsync();
                Assert.Equal(new long[] { 77 }, Fixtures.Ids(exact));
                Assert.Equal(new long[] { 1999 }, Fixtures.Ids(await table.Query().Where("id = 1999").ToBatchAsync()));

                await Assert.ThrowsAsync<LanceException.InvalidInput>(() => table.CreateIndexAsync("nope", new IndexConfig.BTree()));
            }
        }
    }
}

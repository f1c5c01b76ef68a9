using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>C#-shaped queries (immutable builders); what every language shares is in tests/scenarios/.</summary>
    public class QueryTests : DatabaseTest
    {
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
    }
}

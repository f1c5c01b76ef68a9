using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>C#-shaped connection behaviour (Uri, Dispose, IsClosed); what every language shares is in tests/scenarios/.</summary>
    public class ConnectionTests : DatabaseTest
    {
        [Test]
        public async Task DisposeClosesAndIsClosedReportsIt()
        {
            var db = await Connect();
            Assert.Equal(Dir, db.Uri);
            Assert.False(db.IsClosed);
            Assert.Equal(new string[0], (await db.TableNamesAsync()).ToArray());
            db.Dispose();
            Assert.True(db.IsClosed);
            db.Dispose();
            Assert.True(db.IsClosed);
        }
    }
}

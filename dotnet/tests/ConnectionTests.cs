using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>C#-shaped connection behaviour (Uri, Dispose, IsClosed); what every language shares is in tests/scenarios/.</summary>
    public class ConnectionTests : DatabaseTest
    {
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

    }
}

using System;
using System.Threading.Tasks;
using UniLance.Testing;

namespace Unilance.Tests
{
    /// <summary>Rust objects are released: at once by Dispose, or by the finalizer when forgotten.</summary>
    public class LifetimeTests : DatabaseTest
    {
        private static LiveObjects Live()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            return LanceDb.DebugLiveObjects();
        }

        [Test]
        public async Task DisposeReleasesAtOnce()
        {
            var before = LanceDb.DebugLiveObjects();
            var db = await Connect();
            var table = await db.CreateTableAsync("t", Fixtures.Rows(10));
            var reader = await table.Query().ExecuteAsync();
            var during = LanceDb.DebugLiveObjects();
            Assert.Equal(before.Connections + 1, during.Connections);
            Assert.Equal(before.Tables + 1, during.Tables);
            Assert.Equal(before.Streams + 1, during.Streams);
            reader.Dispose();
            table.Dispose();
            db.Dispose();
            var after = LanceDb.DebugLiveObjects();
            Assert.Equal(before.Connections, after.Connections, "connections");
            Assert.Equal(before.Streams, after.Streams, "streams");
        }

        [Test]
        public void ForgottenObjectsAreFinalized()
        {
            const int rounds = 10;
            var before = Live();
            // Task.Run and Wait: the completed tasks of the rounds (whose state machines mcs leaves
            // holding their awaiters' results) are then referenced by nothing.
            Task.Run(async () => { for (int i = 0; i < rounds; i++) await Forget(); }).Wait();
            var after = Live();
            // .NET 8's GC is precise: every round is released. Mono's scans stacks
            // conservatively, so stale words may keep a few rounds reachable, never all of them.
            int slack = Type.GetType("Mono.Runtime") != null ? 3 : 0;
            Assert.True(after.Connections - before.Connections <= slack, "connections left: " + (after.Connections - before.Connections));
            Assert.True(after.Tables - before.Tables <= slack, "tables left: " + (after.Tables - before.Tables));
            Assert.True(after.Queries - before.Queries <= 2 * slack, "queries left: " + (after.Queries - before.Queries));
            Assert.True(after.Streams - before.Streams <= slack, "streams left: " + (after.Streams - before.Streams));
        }

        // An async method's locals live on in its completed Task's state machine, which the
        // caller's awaiter may still reference: clear them so only the finalizer can reach them.
        private async Task Forget()
        {
            var db = await Connect();
            var table = await db.CreateTableAsync("t", Fixtures.Rows(10), CreateMode.Overwrite);
            for (int i = 0; i < 20; i++) await table.Query().Where("id > " + i).Limit(3).ToBatchAsync();
            var reader = await table.VectorSearch(Fixtures.Vector(1, 4)).ExecuteAsync();
            Assert.NotNull(await reader.NextAsync());
            db = null;
            table = null;
            reader = null;
        }
    }
}

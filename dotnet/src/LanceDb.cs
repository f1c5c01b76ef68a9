using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// Entry point: <c>LanceDb.ConnectAsync(...)</c>. Named apart from the namespace on purpose:
    /// a class called <c>Unilance</c> would make code outside the namespace write
    /// <c>Unilance.Unilance.ConnectAsync</c>.
    /// </summary>
    public static class LanceDb
    {
        /// <summary>
        /// Opens (or creates) the database at <paramref name="uri"/>: a local directory,
        /// <c>memory://</c>, or an object-store URI configured by <see cref="ConnectOptions.StorageOptions"/>.
        /// </summary>
        public static async Task<Connection> ConnectAsync(string uri, ConnectOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var ffi = await Errors.Translate(Ffi.Unilance.Connect(uri, (options ?? new ConnectOptions()).ToFfi(), cancellationToken)).ConfigureAwait(false);
            return new Connection(ffi);
        }

        /// <summary>
        /// Test and benchmark hook: an async call that does nothing, or panics with
        /// <paramref name="panicMessage"/> (surfacing as <see cref="LanceException.Internal"/>),
        /// either at the first poll on the caller's thread or on a Tokio worker (<paramref name="onRuntime"/>).
        /// </summary>
        public static Task DebugCallAsync(string panicMessage, bool onRuntime, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Errors.Translate(Ffi.Unilance.DebugCall(panicMessage, onRuntime, cancellationToken));
        }
    }
}

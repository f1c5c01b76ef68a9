using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// A database: its table namespace. Dispose it to release it at once; tables already opened
    /// stay usable until they are disposed themselves.
    /// </summary>
    public sealed class Connection : IDisposable
#if NET8
        , IAsyncDisposable
#endif
    {
        private readonly Handle<Ffi.Connection> _handle;

        internal Connection(Ffi.Connection ffi)
        {
            Uri = ffi.Uri();
            _handle = new Handle<Ffi.Connection>(ffi, () => "the connection to '" + Uri + "' is closed");
        }

        public string Uri { get; private set; }

        public bool IsClosed { get { return _handle.IsClosed; } }

        /// <summary>
        /// How many heavy reads (scans, searches, filtered counts) of this connection run at once;
        /// later ones wait their turn in arrival order. Two per core unless set; at least 1.
        /// </summary>
        public int MaxConcurrentReads
        {
            get { return (int)_handle.Get().MaxConcurrentReads(); }
            set
            {
                if (value < 1) throw new ArgumentOutOfRangeException("value", value, "MaxConcurrentReads must be at least 1");
                try { _handle.Get().SetMaxConcurrentReads((uint)value); }
                catch (Ffi.LanceException e) { throw LanceException.From(e); }
            }
        }

        /// <summary>Table names in ascending order.</summary>
        public async Task<IReadOnlyList<string>> TableNamesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return await Errors.Translate(_handle.Get().TableNames(cancellationToken)).ConfigureAwait(false);
        }

        public Task<Table> CreateTableAsync(string name, Batch data, CreateMode mode = CreateMode.Create, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (data == null) throw new ArgumentNullException("data");
            return Wrap(_handle.Get().CreateTable(name, data.Native, Mapping.ToFfi(mode), cancellationToken));
        }

        /// <summary>Creates a table from Arrow IPC stream bytes (what Apache.Arrow's <c>ArrowStreamWriter</c> writes).</summary>
        public Task<Table> CreateTableAsync(string name, byte[] arrowIpcStream, CreateMode mode = CreateMode.Create, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (arrowIpcStream == null) throw new ArgumentNullException("arrowIpcStream");
            return Wrap(_handle.Get().CreateTableIpc(name, arrowIpcStream, Mapping.ToFfi(mode), cancellationToken));
        }

        public Task<Table> CreateEmptyTableAsync(string name, Schema schema, CreateMode mode = CreateMode.Create, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (schema == null) throw new ArgumentNullException("schema");
            return Wrap(_handle.Get().CreateEmptyTable(name, schema.ToFfi(), Mapping.ToFfi(mode), cancellationToken));
        }

        public Task<Table> OpenTableAsync(string name, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Wrap(_handle.Get().OpenTable(name, cancellationToken));
        }

        public Task DropTableAsync(string name, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Errors.Translate(_handle.Get().DropTable(name, cancellationToken));
        }

        public Task DropAllTablesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Errors.Translate(_handle.Get().DropAllTables(cancellationToken));
        }

        /// <summary>
        /// Closes the connection: later calls fail with <see cref="LanceException.Closed"/>. Returns
        /// once its writes in flight, cancelled ones too, have ended.
        /// </summary>
        public void Dispose()
        {
            _handle.Close(ffi => ffi.CloseConnection());
        }

#if NET8
        /// <summary><see cref="Dispose"/> for <c>await using</c>: waits for writes in flight off the caller's thread.</summary>
        public ValueTask DisposeAsync() { return _handle.CloseAsync(ffi => ffi.CloseConnection()); }
#endif

        public override string ToString() { return "Connection(" + Uri + ")"; }

        private static async Task<Table> Wrap(Task<Ffi.Table> call)
        {
            return new Table(await Errors.Translate(call).ConfigureAwait(false));
        }
    }
}

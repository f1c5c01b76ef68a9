using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>A LanceDB table. Dispose it to release it at once.</summary>
    public sealed class Table : IDisposable
#if NET8
        , IAsyncDisposable
#endif
    {
        private readonly Handle<Ffi.Table> _handle;

        internal Table(Ffi.Table ffi)
        {
            Name = ffi.Name();
            _handle = new Handle<Ffi.Table>(ffi, () => "Table '" + Name + "' is closed");
        }

        public string Name { get; private set; }

        public bool IsClosed { get { return _handle.IsClosed; } }

        public async Task<Schema> SchemaAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Schema.FromFfi(await Errors.Translate(_handle.Get().Schema(cancellationToken)).ConfigureAwait(false));
        }

        /// <summary>All rows, or the rows matching the SQL <paramref name="filter"/>.</summary>
        public async Task<long> CountRowsAsync(string filter = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return (long)await Errors.Translate(_handle.Get().CountRows(filter, cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>Adds rows; returns the table's new version.</summary>
        public async Task<long> AddAsync(Batch data, AddMode mode = AddMode.Append, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (data == null) throw new ArgumentNullException("data");
            return (long)await Errors.Translate(_handle.Get().Add(data.Native, Mapping.ToFfi(mode), cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>Adds rows given as Arrow IPC stream bytes; returns the table's new version.</summary>
        public async Task<long> AddAsync(byte[] arrowIpcStream, AddMode mode = AddMode.Append, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (arrowIpcStream == null) throw new ArgumentNullException("arrowIpcStream");
            return (long)await Errors.Translate(_handle.Get().AddIpc(arrowIpcStream, Mapping.ToFfi(mode), cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>Deletes the rows matching the SQL <paramref name="predicate"/>.</summary>
        public async Task<DeleteResult> DeleteAsync(string predicate, CancellationToken cancellationToken = default(CancellationToken))
        {
            return new DeleteResult(await Errors.Translate(_handle.Get().Delete(predicate, cancellationToken)).ConfigureAwait(false));
        }

        /// <summary>
        /// Sets each column to an SQL expression (<c>{"price": "price * 2"}</c>) on the rows
        /// matching <paramref name="where"/> (every row if null).
        /// </summary>
        public async Task<UpdateResult> UpdateAsync(IDictionary<string, string> values, string where = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (values == null) throw new ArgumentNullException("values");
            var updates = new Dictionary<string, string>(values);
            return new UpdateResult(await Errors.Translate(_handle.Get().Update(where, updates, cancellationToken)).ConfigureAwait(false));
        }

        public async Task<long> VersionAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return (long)await Errors.Translate(_handle.Get().Version(cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>Loads a past version for reading; <see cref="CheckoutLatestAsync"/> goes back to writing.</summary>
        public Task CheckoutAsync(long version, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (version < 0) throw new ArgumentOutOfRangeException("version");
            return Errors.Translate(_handle.Get().Checkout((ulong)version, cancellationToken));
        }

        public Task CheckoutLatestAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Errors.Translate(_handle.Get().CheckoutLatest(cancellationToken));
        }

        /// <summary>A plain scan; refine it with <see cref="Query"/>'s methods.</summary>
        public Query Query()
        {
            return new Query(_handle.Get().Query());
        }

        /// <summary>A nearest-neighbour search for <paramref name="vector"/> (10 results unless <c>Limit</c> says otherwise).</summary>
        public Query VectorSearch(float[] vector)
        {
            if (vector == null) throw new ArgumentNullException("vector");
            return new Query(_handle.Get().VectorSearch(new List<float>(vector)));
        }

        /// <summary>Builds an index on <paramref name="column"/>; the default <see cref="IndexConfig.Auto"/> picks IVF_PQ for vectors, BTree for scalars.</summary>
        public Task CreateIndexAsync(string column, IndexConfig config = null, bool replace = true, CancellationToken cancellationToken = default(CancellationToken))
        {
            var native = (config ?? IndexConfig.Auto()).Native;
            return Errors.Translate(_handle.Get().CreateIndex(column, native, replace, cancellationToken));
        }

        public async Task<IReadOnlyList<IndexInfo>> ListIndicesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            var list = await Errors.Translate(_handle.Get().ListIndices(cancellationToken)).ConfigureAwait(false);
            return list.Select(i => new IndexInfo(i)).ToList();
        }

        /// <summary>
        /// Releases the table; later calls fail with <see cref="LanceException.Closed"/>. Returns
        /// once its writes in flight, cancelled ones too, have ended.
        /// </summary>
        public void Dispose()
        {
            _handle.Close(ffi => ffi.CloseTable());
        }

#if NET8
        /// <summary><see cref="Dispose"/> for <c>await using</c>: waits for writes in flight off the caller's thread.</summary>
        public ValueTask DisposeAsync() { return _handle.CloseAsync(ffi => ffi.CloseTable()); }
#endif

        public override string ToString() { return "Table(" + Name + ")"; }
    }
}

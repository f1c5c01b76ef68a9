using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// A scan or a vector search, built step by step. Each method returns a new query, so a query
    /// can be shared and reused.
    /// </summary>
    public sealed class Query
    {
        private readonly Ffi.Query _ffi;

        internal Query(Ffi.Query ffi)
        {
            _ffi = ffi;
        }

        /// <summary>Keeps only rows matching the SQL <paramref name="filter"/> (<c>x &gt; 10 AND label = 'a'</c>).</summary>
        public Query Where(string filter) { return new Query(_ffi.Filter(filter)); }

        public Query Select(params string[] columns) { return new Query(_ffi.Select(new List<string>(columns))); }

        /// <summary>At most <paramref name="limit"/> rows (a vector search returns 10 unless told).</summary>
        public Query Limit(int limit) { return new Query(_ffi.Limit(Mapping.Count(limit, "limit"))); }

        public Query Offset(int offset) { return new Query(_ffi.Offset(Mapping.Count(offset, "offset"))); }

        /// <summary>Turns the query into a nearest-neighbour search; rows get <c>_distance</c>.</summary>
        public Query NearestTo(float[] vector) { return new Query(_ffi.NearestTo(new List<float>(vector))); }

        /// <summary>The vector column to search (needed when the table has several).</summary>
        public Query Column(string column) { return new Query(_ffi.Column(column)); }

        public Query DistanceType(DistanceType distanceType) { return new Query(_ffi.DistanceType(Mapping.ToFfi(distanceType))); }

        public Query Nprobes(int nprobes) { return new Query(_ffi.Nprobes(Mapping.Count(nprobes, "nprobes"))); }

        public Query RefineFactor(int refineFactor) { return new Query(_ffi.RefineFactor(Mapping.Count(refineFactor, "refineFactor"))); }

        /// <summary>Adds the <c>_rowid</c> column.</summary>
        public Query WithRowId() { return new Query(_ffi.WithRowId()); }

        /// <summary>Applies the filter after the search instead of before it.</summary>
        public Query Postfilter() { return new Query(_ffi.Postfilter()); }

        /// <summary>Searches exhaustively even if the column has an index.</summary>
        public Query BypassVectorIndex() { return new Query(_ffi.BypassVectorIndex()); }

        /// <summary>Runs the query; every row in one batch.</summary>
        public async Task<Batch> ToBatchAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new Batch(await Errors.Translate(_ffi.ToBatch(cancellationToken)).ConfigureAwait(false));
        }

        /// <summary>Runs the query; every row as Arrow IPC stream bytes (for Apache.Arrow's <c>ArrowStreamReader</c>).</summary>
        public Task<byte[]> ToArrowIpcAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Errors.Translate(_ffi.ToIpc(cancellationToken));
        }

        /// <summary>Runs the query; its output is read batch by batch with <see cref="BatchReader.NextAsync"/>.</summary>
        public async Task<BatchReader> ExecuteAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new BatchReader(await Errors.Translate(_ffi.Execute(cancellationToken)).ConfigureAwait(false));
        }

#if NET8
        /// <summary>
        /// Runs the query when enumerated and yields its output batch by batch
        /// (<c>await foreach (var batch in query.ToBatchesAsync())</c>). Disposing the enumerator
        /// (leaving the loop) stops the query and frees its resources.
        /// </summary>
        public IAsyncEnumerable<Batch> ToBatchesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new BatchEnumerable(this, cancellationToken);
        }
#endif
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>What C# callers want beside the generated query builder.</summary>
    public partial class Query
    {
        /// <summary><c>Select("id", "text")</c>: the columns to return.</summary>
        public Query Select(params string[] columns) { return Select(new List<string>(columns)); }

        /// <summary>Runs the query; the rows as column name → value maps (see <see cref="Batch.ToRows"/>).</summary>
        public async Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> ToListAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return (await ToBatchAsync(cancellationToken).ConfigureAwait(false)).ToRows();
        }

#if NET8
        /// <summary>
        /// Runs the query when enumerated and yields its output batch by batch
        /// (<c>await foreach (var batch in query.ToBatchesAsync())</c>); each enumeration runs
        /// the query again. Leaving the loop stops the query and frees its resources.
        /// (<see cref="ExecuteAsync"/> gives the running query's <see cref="BatchStream"/>,
        /// which is itself an <c>IAsyncEnumerable&lt;Batch&gt;</c>, enumerable once.)
        /// </summary>
        public IAsyncEnumerable<Batch> ToBatchesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new Batches(this, cancellationToken);
        }

        // Written out by hand: C# 7.2 has no async iterators.
        private sealed class Batches : IAsyncEnumerable<Batch>
        {
            private readonly Query _query;
            private readonly CancellationToken _token;

            internal Batches(Query query, CancellationToken token)
            {
                _query = query;
                _token = token;
            }

            public IAsyncEnumerator<Batch> GetAsyncEnumerator(CancellationToken cancellationToken = default(CancellationToken))
            {
                return new Enumerator(_query, cancellationToken.CanBeCanceled ? cancellationToken : _token);
            }

            private sealed class Enumerator : IAsyncEnumerator<Batch>
            {
                private readonly Query _query;
                private readonly CancellationToken _token;
                private BatchStream _stream;

                internal Enumerator(Query query, CancellationToken token)
                {
                    _query = query;
                    _token = token;
                }

                public Batch Current { get; private set; }

                public ValueTask<bool> MoveNextAsync() { return new ValueTask<bool>(MoveNext()); }

                private async Task<bool> MoveNext()
                {
                    if (_stream == null) _stream = await _query.ExecuteAsync(_token).ConfigureAwait(false);
                    Current = await _stream.NextAsync(_token).ConfigureAwait(false);
                    return Current != null;
                }

                public ValueTask DisposeAsync()
                {
                    return _stream == null ? default(ValueTask) : _stream.DisposeAsync();
                }
            }
        }
#endif
    }
}

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
            return new Streamed<Batch>(this, (stream, token) => stream.NextAsync(token), cancellationToken);
        }

        /// <summary>
        /// Runs the query when enumerated and yields its output as consecutive pieces of one
        /// Arrow IPC stream, a batch at a time (the first piece also holds the schema, the last
        /// the end-of-stream marker): written one after another they are what
        /// <see cref="ToIpcAsync"/> returns, without the whole result in memory. Read each
        /// with Apache.Arrow's <c>ArrowStreamReader</c> over the pieces so far, or write them out.
        /// </summary>
        public IAsyncEnumerable<byte[]> ToIpcBatchesAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new Streamed<byte[]>(this, (stream, token) => stream.NextIpcAsync(token), cancellationToken);
        }

        // Written out by hand: C# 7.2 has no async iterators.
        private sealed class Streamed<T> : IAsyncEnumerable<T> where T : class
        {
            private readonly Query _query;
            private readonly System.Func<BatchStream, CancellationToken, Task<T>> _next;
            private readonly CancellationToken _token;

            internal Streamed(Query query, System.Func<BatchStream, CancellationToken, Task<T>> next, CancellationToken token)
            {
                _query = query;
                _next = next;
                _token = token;
            }

            public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default(CancellationToken))
            {
                return new Enumerator(this, cancellationToken.CanBeCanceled ? cancellationToken : _token);
            }

            private sealed class Enumerator : IAsyncEnumerator<T>
            {
                private readonly Streamed<T> _source;
                private readonly CancellationToken _token;
                private BatchStream _stream;

                internal Enumerator(Streamed<T> source, CancellationToken token)
                {
                    _source = source;
                    _token = token;
                }

                public T Current { get; private set; }

                public ValueTask<bool> MoveNextAsync() { return new ValueTask<bool>(MoveNext()); }

                private async Task<bool> MoveNext()
                {
                    if (_stream == null) _stream = await _source._query.ExecuteAsync(_token).ConfigureAwait(false);
                    Current = await _source._next(_stream, _token).ConfigureAwait(false);
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

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// A running query's output, read one batch at a time. Dispose it to stop the query early.
    /// </summary>
    public sealed class BatchReader : IDisposable
    {
        private readonly Handle<Ffi.BatchStream> _handle;

        internal BatchReader(Ffi.BatchStream ffi)
        {
            _handle = new Handle<Ffi.BatchStream>(ffi, () => "the batch reader is closed");
        }

        /// <summary>The next batch, or null at the end.</summary>
        public async Task<Batch> NextAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            var next = await Errors.Translate(_handle.Get().Next(cancellationToken)).ConfigureAwait(false);
            return next == null ? null : new Batch(next);
        }

        /// <summary>
        /// Stops the query. Releasing the handle drops the Rust stream, and with it the query's
        /// work, as soon as no call is using it.
        /// </summary>
        public void Dispose()
        {
            _handle.Close(ffi => { });
        }
    }

#if NET8
    /// <summary>
    /// <see cref="Query.ToBatchesAsync"/>'s sequence, written out by hand because C# 7.2 has no
    /// async iterators: each enumeration starts the query again.
    /// </summary>
    internal sealed class BatchEnumerable : System.Collections.Generic.IAsyncEnumerable<Batch>
    {
        private readonly Query _query;
        private readonly CancellationToken _token;

        internal BatchEnumerable(Query query, CancellationToken token)
        {
            _query = query;
            _token = token;
        }

        public System.Collections.Generic.IAsyncEnumerator<Batch> GetAsyncEnumerator(CancellationToken cancellationToken = default(CancellationToken))
        {
            var token = cancellationToken.CanBeCanceled ? cancellationToken : _token;
            return new Enumerator(_query, token);
        }

        private sealed class Enumerator : System.Collections.Generic.IAsyncEnumerator<Batch>
        {
            private readonly Query _query;
            private readonly CancellationToken _token;
            private BatchReader _reader;

            internal Enumerator(Query query, CancellationToken token)
            {
                _query = query;
                _token = token;
            }

            public Batch Current { get; private set; }

            public ValueTask<bool> MoveNextAsync()
            {
                return new ValueTask<bool>(MoveNext());
            }

            private async Task<bool> MoveNext()
            {
                if (_reader == null) _reader = await _query.ExecuteAsync(_token).ConfigureAwait(false);
                Current = await _reader.NextAsync(_token).ConfigureAwait(false);
                return Current != null;
            }

            public ValueTask DisposeAsync()
            {
                if (_reader != null) _reader.Dispose();
                return default(ValueTask);
            }
        }
    }
#endif
}

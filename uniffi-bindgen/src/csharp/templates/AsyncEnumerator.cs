#if NET8

    /// <summary>
    /// The enumerator of an object configured in [bindings.csharp.async_enumerable]: each
    /// MoveNextAsync awaits one call of its next method, with the enumerator's token, until the
    /// method returns null. An item ready at once completes synchronously (no state machine).
    /// </summary>
    internal sealed class UniffiAsyncEnumerator<TOwner, TRaw, T> : IAsyncEnumerator<T>
        where TOwner : class, IDisposable
    {
        private readonly TOwner _owner;
        private readonly Func<TOwner, CancellationToken, Task<TRaw>> _next;
        private readonly Func<TRaw, bool> _hasValue;
        private readonly Func<TRaw, T> _unwrap;
        private readonly bool _disposeOwner;
        private readonly CancellationToken _token;
        private bool _done;

        internal UniffiAsyncEnumerator(TOwner owner, Func<TOwner, CancellationToken, Task<TRaw>> next,
            Func<TRaw, bool> hasValue, Func<TRaw, T> unwrap, bool disposeOwner, CancellationToken token)
        {
            _owner = owner;
            _next = next;
            _hasValue = hasValue;
            _unwrap = unwrap;
            _disposeOwner = disposeOwner;
            _token = token;
        }

        public T Current { get; private set; }

        public ValueTask<bool> MoveNextAsync()
        {
            if (_done) return new ValueTask<bool>(false);
            var call = _next(_owner, _token);
            if (call.Status == TaskStatus.RanToCompletion) return new ValueTask<bool>(Take(call.Result));
            return new ValueTask<bool>(Await(call));
        }

        private async Task<bool> Await(Task<TRaw> call)
        {
            return Take(await call.ConfigureAwait(false));
        }

        private bool Take(TRaw raw)
        {
            if (_hasValue(raw))
            {
                Current = _unwrap(raw);
                return true;
            }
            _done = true;
            Current = default(T);
            return false;
        }

        public ValueTask DisposeAsync()
        {
            _done = true;
            if (!_disposeOwner) return default(ValueTask);
            var asyncOwner = _owner as IAsyncDisposable;
            if (asyncOwner != null) return asyncOwner.DisposeAsync();
            _owner.Dispose();
            return default(ValueTask);
        }
    }
#endif

#if NET8

    /// <summary>
    /// The enumerator of an object configured in [bindings.csharp.async_enumerable]: each
    /// MoveNextAsync awaits one call of its next method, with the enumerator's token, until the
    /// method returns null. An item ready at once completes synchronously (no state machine).
    /// </summary>
    internal sealed class UniffiAsyncEnumerator<TOwner, TRaw, T> : global::System.Collections.Generic.IAsyncEnumerator<T>
        where TOwner : class, IDisposable
    {
        private readonly TOwner _owner;
        private readonly global::System.Func<TOwner, global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<TRaw>> _next;
        private readonly global::System.Func<TRaw, bool> _hasValue;
        private readonly global::System.Func<TRaw, T> _unwrap;
        private readonly bool _disposeOwner;
        private readonly global::System.Threading.CancellationToken _token;
        private bool _done;

        internal UniffiAsyncEnumerator(TOwner owner, global::System.Func<TOwner, global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<TRaw>> next,
            global::System.Func<TRaw, bool> hasValue, global::System.Func<TRaw, T> unwrap, bool disposeOwner, global::System.Threading.CancellationToken token)
        {
            _owner = owner;
            _next = next;
            _hasValue = hasValue;
            _unwrap = unwrap;
            _disposeOwner = disposeOwner;
            _token = token;
        }

        public T Current { get; private set; }

        public global::System.Threading.Tasks.ValueTask<bool> MoveNextAsync()
        {
            if (_done) return new global::System.Threading.Tasks.ValueTask<bool>(false);
            var call = _next(_owner, _token);
            if (call.Status == global::System.Threading.Tasks.TaskStatus.RanToCompletion) return new global::System.Threading.Tasks.ValueTask<bool>(Take(call.Result));
            return new global::System.Threading.Tasks.ValueTask<bool>(Await(call));
        }

        private async global::System.Threading.Tasks.Task<bool> Await(global::System.Threading.Tasks.Task<TRaw> call)
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

        public global::System.Threading.Tasks.ValueTask DisposeAsync()
        {
            _done = true;
            if (!_disposeOwner) return default(global::System.Threading.Tasks.ValueTask);
            var asyncOwner = _owner as IAsyncDisposable;
            if (asyncOwner != null) return asyncOwner.DisposeAsync();
            _owner.Dispose();
            return default(global::System.Threading.Tasks.ValueTask);
        }
    }
#endif

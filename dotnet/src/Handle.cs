using System;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// Owns a generated object for a wrapper whose Dispose must release the Rust side at once
    /// rather than when the finalizer runs. After disposal, calls fail with the typed
    /// <see cref="LanceException.Closed"/> Rust gives for a closed object, not with the
    /// ObjectDisposedException the generated object would throw.
    /// </summary>
    internal sealed class Handle<T> where T : class, IDisposable
    {
        private readonly T _ffi;
        private readonly Func<string> _closedMessage;
        private int _closed;

        internal Handle(T ffi, Func<string> closedMessage)
        {
            _ffi = ffi;
            _closedMessage = closedMessage;
        }

        internal bool IsClosed { get { return Volatile.Read(ref _closed) != 0; } }

        internal T Get()
        {
            if (IsClosed) throw LanceException.ClosedError(_closedMessage());
            return _ffi;
        }

#if NET8
        /// <summary><see cref="Close"/> on a pool thread: closing may wait for writes in flight.</summary>
        internal ValueTask CloseAsync(Action<T> closeInRust)
        {
            return IsClosed ? default(ValueTask) : new ValueTask(Task.Run(() => Close(closeInRust)));
        }
#endif

        internal void Close(Action<T> closeInRust)
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            try
            {
                closeInRust(_ffi);
            }
            finally
            {
                _ffi.Dispose();
            }
        }
    }
}

    // ---- Rust futures -----------------------------------------------------------------------

    /// <summary>The rust_future_* functions for one FFI return type.</summary>
    internal abstract class UniffiFutureOps<TFfi>
    {
        public abstract void Poll(ulong handle, global::System.IntPtr callback, ulong data);
        public abstract void Cancel(ulong handle);
        public abstract TFfi Complete(ulong handle, ref UniffiRustCallStatus status);
        public abstract void Free(ulong handle);
    }
{%- for ops in future_types %}

    internal sealed class UniffiFutureOps{{ ops.suffix }} : UniffiFutureOps<{% if ops.tffi == "void" %}byte{% else %}{{ ops.tffi }}{% endif %}>
    {
        internal static readonly UniffiFutureOps{{ ops.suffix }} Instance = new UniffiFutureOps{{ ops.suffix }}();
        public override void Poll(ulong handle, global::System.IntPtr callback, ulong data) { UniffiLib.{{ ops.poll }}(handle, callback, data); }
        public override void Cancel(ulong handle) { UniffiLib.{{ ops.cancel }}(handle); }
{%- if ops.tffi == "void" %}
        public override byte Complete(ulong handle, ref UniffiRustCallStatus status) { UniffiLib.{{ ops.complete }}(handle, ref status); return 0; }
{%- else %}
        public override {{ ops.tffi }} Complete(ulong handle, ref UniffiRustCallStatus status) { return UniffiLib.{{ ops.complete }}(handle, ref status); }
{%- endif %}
        public override void Free(ulong handle) { UniffiLib.{{ ops.free }}(handle); }
    }
{%- endfor %}

    /// <summary>
    /// Dispatch target of the continuation callback: Rust hands back the data word we gave to
    /// poll, which is a GCHandle to the pending call.
    /// </summary>
    internal abstract class UniffiPendingFuture
    {
        internal abstract void OnPoll(sbyte pollResult);
    }

    internal static class UniffiAsync
    {
        internal const sbyte PollReady = 0;
        internal const sbyte PollWake = 1;

        // Kept in static fields for the life of the process: Rust may call the pointer from any
        // thread at any time, and a collected delegate would crash it.
        private static readonly UniffiRustFutureContinuationCallback s_continuation = OnContinuation;
        internal static readonly global::System.IntPtr ContinuationPtr = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_continuation);

        internal static readonly global::System.Func<byte, object> LiftVoid = v => null;

        private static void OnContinuation(ulong data, sbyte pollResult)
        {
            UniffiForeignThreads.Enter();
            var pending = (UniffiPendingFuture)global::System.Runtime.InteropServices.GCHandle.FromIntPtr(new global::System.IntPtr((long)data)).Target;
            pending.OnPoll(pollResult);
        }

        internal static global::System.Threading.Tasks.Task<T> Cancelled<T>(global::System.Threading.CancellationToken token)
        {
            var tcs = new global::System.Threading.Tasks.TaskCompletionSource<T>();
            tcs.SetCanceled();
            return tcs.Task;
        }

        internal static global::System.Threading.Tasks.Task<T> Call<TFfi, T>(
            ulong handle,
            UniffiFutureOps<TFfi> ops,
            global::System.Func<TFfi, T> lift,
            global::System.Func<RustBuffer, global::System.Exception> errorHandler,
            global::System.Threading.CancellationToken cancellationToken)
        {
            return new UniffiRustFuture<TFfi, T>(handle, ops, lift, errorHandler, cancellationToken).Start();
        }
    }

    /// <summary>
    /// One Rust future driven to completion: at most one TaskCompletionSource per call, no
    /// allocation per poll. A future ready at its first poll (the common case for cheap calls)
    /// is completed and freed inside the call, which returns a finished task: no
    /// TaskCompletionSource, nothing queued. A wake that arrives while our own poll is still on
    /// the stack is handled by the polling loop. A wake from another thread
    /// (a Tokio worker) re-polls on the thread pool, not on the waking thread: Rust code may
    /// call wake() holding a lock that polling would take again. A crate whose futures are
    /// never woken that way can say so in uniffi.toml (repoll_on_waking_thread); then a thread
    /// Rust created polls again itself and only the delivery goes to the pool.
    /// The task's continuations run on a thread of ours with a clean stack, never on a Rust
    /// thread, inside Rust's cancel() or inline in the caller's call: the pool work item that
    /// finished the future completes the task itself, so a call pays one thread hop, not two.
    /// </summary>
    internal sealed class UniffiRustFuture<TFfi, T> : UniffiPendingFuture
    {
        private const int Polling = 0;   // poll() is on some thread's stack
        private const int Waiting = 1;   // poll() returned; the next callback drives us
        private const int Signaled = 2;  // a callback arrived during poll(); the poller handles it

        private static readonly global::System.Threading.WaitCallback s_repoll = state => ((UniffiRustFuture<TFfi, T>)state).PollLoop(false);
        private static readonly global::System.Threading.WaitCallback s_finish = state => ((UniffiRustFuture<TFfi, T>)state).Finish();
        private static readonly global::System.Threading.WaitCallback s_deliver = state => ((UniffiRustFuture<TFfi, T>)state).Deliver();
        private static readonly global::System.Action<object> s_cancel = state => ((UniffiRustFuture<TFfi, T>)state).RequestCancel();

        private readonly ulong _handle;
        private readonly UniffiFutureOps<TFfi> _ops;
        private readonly global::System.Func<TFfi, T> _lift;
        private readonly global::System.Func<RustBuffer, global::System.Exception> _errorHandler;
        private readonly global::System.Threading.CancellationToken _token;
        // Created when the first poll does not finish the call, before any other thread can
        // reach it. Without RunContinuationsAsynchronously on purpose: Finish only ever runs
        // where inline continuations are safe (see the class summary).
        private global::System.Threading.Tasks.TaskCompletionSource<T> _tcs;
        // The one finished task every call ready at once with a default(T) result can share
        // (all void calls).
        private static readonly global::System.Threading.Tasks.Task<T> s_defaultResult = global::System.Threading.Tasks.Task.FromResult(default(T));
        private global::System.Runtime.InteropServices.GCHandle _self;
        private global::System.Threading.CancellationTokenRegistration _registration;
        private int _phase;
        private sbyte _signal;
        private int _finished;
        private UniffiRustCallStatus _status;
        private TFfi _ffiValue;

        internal UniffiRustFuture(ulong handle, UniffiFutureOps<TFfi> ops, global::System.Func<TFfi, T> lift,
            global::System.Func<RustBuffer, global::System.Exception> errorHandler, global::System.Threading.CancellationToken token)
        {
            _handle = handle;
            _ops = ops;
            _lift = lift;
            _errorHandler = errorHandler;
            _token = token;
        }

        internal global::System.Threading.Tasks.Task<T> Start()
        {
            _self = global::System.Runtime.InteropServices.GCHandle.Alloc(this);
            if (_token.CanBeCanceled) _registration = _token.Register(s_cancel, this);
            global::System.Threading.Volatile.Write(ref _phase, Polling);
            _ops.Poll(_handle, UniffiAsync.ContinuationPtr, (ulong)(long)global::System.Runtime.InteropServices.GCHandle.ToIntPtr(_self));
            // Signaled is final until we poll again: one callback per poll, and only the poller
            // (this thread) finishes a future whose callback came during its poll.
            if (global::System.Threading.Volatile.Read(ref _phase) == Signaled && _signal == UniffiAsync.PollReady)
            {
                CompleteInRust();
                return Outcome();
            }
            _tcs = new global::System.Threading.Tasks.TaskCompletionSource<T>();
            PollLoop(false, true);
            return _tcs.Task;
        }

        private void PollLoop(bool onWakingThread, bool polled = false)
        {
            var data = (ulong)(long)global::System.Runtime.InteropServices.GCHandle.ToIntPtr(_self);
            while (true)
            {
                if (!polled)
                {
                    global::System.Threading.Volatile.Write(ref _phase, Polling);
                    _ops.Poll(_handle, UniffiAsync.ContinuationPtr, data);
                }
                polled = false;
                if (global::System.Threading.Interlocked.CompareExchange(ref _phase, Waiting, Polling) == Polling)
                {
                    return;
                }
                if (_signal == UniffiAsync.PollReady)
                {
                    if (!onWakingThread) Finish();
                    else if (CompleteInRust()) global::System.Threading.ThreadPool.UnsafeQueueUserWorkItem(s_deliver, this);
                    return;
                }
            }
        }

        internal override void OnPoll(sbyte pollResult)
        {
            _signal = pollResult;
            if (global::System.Threading.Interlocked.CompareExchange(ref _phase, Signaled, Polling) == Polling)
            {
                return;
            }
{%- if config.repoll_on_waking_thread %}
            // uniffi.toml asks for it (repoll_on_waking_thread): this crate wakes its futures only
            // where no lock of its own is held, so a thread Rust created (a Tokio worker) polls
            // again at once, completes the future and queues just the delivery: one hop, as in
            // a hand-written completion callback.
            if (pollResult == UniffiAsync.PollWake && !global::System.Threading.Thread.CurrentThread.IsThreadPoolThread)
            {
                PollLoop(true);
                return;
            }
{%- endif %}
            // Only our own cancel() reports READY outside poll(), on the thread that cancelled:
            // finish on the pool, like a wake.
            global::System.Threading.ThreadPool.UnsafeQueueUserWorkItem(pollResult == UniffiAsync.PollReady ? s_finish : s_repoll, this);
        }

        private void RequestCancel()
        {
            // Cancel and free must never race: Finish() disposes the registration first, which
            // waits for a running cancel callback, and a finished future is never cancelled.
            if (global::System.Threading.Volatile.Read(ref _finished) != 0) return;
            _ops.Cancel(_handle);
        }

        private void Finish()
        {
            if (CompleteInRust()) Deliver();
        }

        /// <summary>complete() and free(): false if another thread already finished.</summary>
        private bool CompleteInRust()
        {
            if (global::System.Threading.Interlocked.Exchange(ref _finished, 1) != 0) return false;
            _registration.Dispose();
            // complete() is called outside any try block: on x64 Unix CoreCLR does not inline a
            // P/Invoke inside a try region and goes through a far slower stub instead.
            _ffiValue = _ops.Complete(_handle, ref _status);
            // Dropping the Rust future here is what releases everything it holds, including on
            // cancellation; after free no callback can reach this object any more. It happens
            // before the task completes, so an awaiting caller sees the future already dropped.
            // What complete() returned is ours, and stays valid.
            _ops.Free(_handle);
            _self.Free();
            return true;
        }

        /// <summary>Lifts the result and completes the task, on a thread where continuations may run inline.</summary>
        private void Deliver()
        {
            T value;
            global::System.Exception error;
            bool cancelled;
            Lift(out value, out error, out cancelled);
            // Here we are either still inside the caller's call (no continuation registered yet)
            // or in a pool work item of ours, so continuations may run inline.
            if (cancelled) _tcs.TrySetCanceled(_token);
            else if (error != null) _tcs.TrySetException(error);
            else _tcs.TrySetResult(value);
        }

        /// <summary>The finished task of a call ready at its first poll.</summary>
        private global::System.Threading.Tasks.Task<T> Outcome()
        {
            T value;
            global::System.Exception error;
            bool cancelled;
            Lift(out value, out error, out cancelled);
            if (error != null) return global::System.Threading.Tasks.Task.FromException<T>(error);
            if (cancelled)
            {
                _tcs = new global::System.Threading.Tasks.TaskCompletionSource<T>();
                _tcs.TrySetCanceled(_token);
                return _tcs.Task;
            }
            if (value == null) return s_defaultResult;
            return global::System.Threading.Tasks.Task.FromResult(value);
        }

        private void Lift(out T value, out global::System.Exception error, out bool cancelled)
        {
            value = default(T);
            error = null;
            cancelled = false;
            try
            {
                if (_status.code == UniffiHelpers.CallCancelled)
                {
                    cancelled = true;
                }
                else
                {
                    UniffiHelpers.CheckStatus(ref _status, _errorHandler);
                    value = _lift(_ffiValue);
                }
            }
            catch (global::System.OperationCanceledException)
            {
                cancelled = true;
            }
            catch (global::System.Exception e)
            {
                error = e;
            }
        }
    }

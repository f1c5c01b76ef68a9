    // ---- foreign objects handed to Rust ----------------------------------------------------

    /// <summary>
    /// Managed objects Rust holds by handle. Handles are odd, so Rust-side code can tell a
    /// foreign implementation of a trait from a Rust one (whose handles are even pointers).
    /// </summary>
    internal sealed class UniffiHandleMap<T> where T : class
    {
        private readonly ConcurrentDictionary<ulong, T> _map = new ConcurrentDictionary<ulong, T>();
        private long _next = -1;

        internal int Count { get { return _map.Count; } }

        internal ulong Insert(T obj)
        {
            ulong handle = (ulong)Interlocked.Add(ref _next, 2);
            _map[handle] = obj;
            return handle;
        }

        internal T Get(ulong handle)
        {
            T obj;
            if (!_map.TryGetValue(handle, out obj)) throw new InternalException($"UniffiHandleMap: invalid handle {handle}");
            return obj;
        }

        internal ulong Clone(ulong handle) { return Insert(Get(handle)); }

        internal T Remove(ulong handle)
        {
            T obj;
            if (!_map.TryRemove(handle, out obj)) throw new InternalException($"UniffiHandleMap: invalid handle {handle}");
            return obj;
        }
    }

    /// <summary>Bookkeeping for threads entering managed code through a callback.</summary>
    internal static class UniffiForeignThreads
    {
        [ThreadStatic] private static bool t_seen;

        internal static void Enter()
        {
            if (t_seen) return;
            t_seen = true;
            if (UniffiMonoExit.IsMono) UniffiMonoExit.OnThreadEntered();
        }
    }

    /// <summary>
    /// Mono hangs at exit once a thread Rust created (a Tokio worker) has run a callback: Mono
    /// attached it as a background thread, and at shutdown it aborts background threads and
    /// waits for them without a timeout, but a thread parked in native code never sees the
    /// abort. (.NET 8 does not wait for such threads.) So on Mono, after the first foreign
    /// thread enters, a ProcessExit handler ends the process with libc's exit() and the exit
    /// code already set by Main: atexit handlers and stdio flushing still run; Mono's wait is
    /// skipped. ProcessExit handlers registered after it do not run.
    /// </summary>
    internal static class UniffiMonoExit
    {
        internal static readonly bool IsMono = Type.GetType("Mono.Runtime") != null;
        private static int s_hooked;

        internal static void OnThreadEntered()
        {
            try
            {
                if (mono_thread_is_foreign(mono_thread_current()) == 0) return;
            }
            catch (Exception)
            {
                // An embedded Mono without these exports: assume the thread is foreign.
            }
            if (Interlocked.Exchange(ref s_hooked, 1) != 0) return;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        private static void OnProcessExit(object sender, EventArgs e)
        {
            Console.Out.Flush();
            Console.Error.Flush();
            exit(Environment.ExitCode);
        }

        [DllImport("__Internal")] private static extern IntPtr mono_thread_current();
        [DllImport("__Internal")] private static extern int mono_thread_is_foreign(IntPtr thread);
        [DllImport("libc")] private static extern void exit(int code);
    }

    /// <summary>Delegates for function pointers Rust passes in, converted once per pointer.</summary>
    internal static class UniffiFnPtrCache<T> where T : class
    {
        private static Tuple<IntPtr, T> s_last;

        internal static T Get(IntPtr ptr)
        {
            var last = s_last;
            if (last != null && last.Item1 == ptr) return last.Item2;
            var d = (T)(object)Marshal.GetDelegateForFunctionPointer(ptr, typeof(T));
            s_last = Tuple.Create(ptr, d);
            return d;
        }
    }

    /// <summary>
    /// Async C# methods called by Rust: when Rust drops its future, the token passed to the
    /// C# method is cancelled.
    /// </summary>
    internal static class UniffiForeignFutures
    {
        private static readonly UniffiHandleMap<CancellationTokenSource> s_pending = new UniffiHandleMap<CancellationTokenSource>();
        private static readonly UniffiForeignFutureDroppedCallback s_dropped = OnDropped;
        private static readonly IntPtr s_droppedPtr = Marshal.GetFunctionPointerForDelegate(s_dropped);

        internal static int PendingCount { get { return s_pending.Count; } }

        internal static UniffiForeignFutureDroppedCallbackStruct Track(CancellationTokenSource cts)
        {
            var s = new UniffiForeignFutureDroppedCallbackStruct();
            s.handle = s_pending.Insert(cts);
            s.free = s_droppedPtr;
            return s;
        }

        private static void OnDropped(ulong handle)
        {
            UniffiForeignThreads.Enter();
            CancellationTokenSource cts;
            try { cts = s_pending.Remove(handle); }
            catch (Exception) { return; }
            // Not disposed: the C# task may still be observing the token.
            try { cts.Cancel(); }
            catch (Exception) { }
        }

        internal static Task Failed(Exception e)
        {
            var tcs = new TaskCompletionSource<object>();
            tcs.SetException(e);
            return tcs.Task;
        }

        internal static Task<T> Failed<T>(Exception e)
        {
            var tcs = new TaskCompletionSource<T>();
            tcs.SetException(e);
            return tcs.Task;
        }

        internal static Exception Unwrap(AggregateException e)
        {
            return e.InnerExceptions.Count == 1 ? e.InnerException : e;
        }
    }

    // ---- foreign objects handed to Rust ----------------------------------------------------

    /// <summary>
    /// Managed objects Rust holds by handle. Handles are odd, so Rust-side code can tell a
    /// foreign implementation of a trait from a Rust one (whose handles are even pointers).
    /// </summary>
    internal sealed class UniffiHandleMap<T> where T : class
    {
        private readonly global::System.Collections.Concurrent.ConcurrentDictionary<ulong, T> _map = new global::System.Collections.Concurrent.ConcurrentDictionary<ulong, T>();
        private long _next = -1;

        internal int Count { get { return _map.Count; } }

        internal ulong Insert(T obj)
        {
            ulong handle = (ulong)global::System.Threading.Interlocked.Add(ref _next, 2);
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
        [global::System.ThreadStatic] private static bool t_seen;

        internal static void Enter()
        {
            if (t_seen) return;
            t_seen = true;
            if (UniffiMonoThreads.IsMono) UniffiMonoThreads.OnThreadEntered();
        }
    }

    /// <summary>
    /// Keeps Mono from hanging at exit once a thread Rust created (a Tokio worker) has run a
    /// callback. Mono attaches such a thread as a background managed thread; at shutdown
    /// (mono_thread_manage in metadata/threads.c) it aborts every background thread and waits
    /// for each without a timeout, and a thread parked in native code never takes the abort.
    /// Both that abort-and-wait (remove_and_abort_threads) and the suspend done by
    /// Environment.Exit (mono_thread_suspend_all_other_threads) skip a thread whose
    /// MonoInternalThread.flags has MONO_THREAD_FLAG_DONT_MANAGE (= 1, metadata/object-internals.h),
    /// the flag Mono sets on its own helper threads (profiler, debugger agent). Managed code sees
    /// that struct as System.Threading.InternalThread, reached from Thread.internal_thread, with
    /// `flags` as an IntPtr (gsize); so the foreign thread sets the flag on itself, by reflection,
    /// the first time it enters. Mono then neither aborts nor waits for it: the process exits
    /// with Main's code after every ProcessExit handler has run.
    /// Managed-only on purpose: an earlier version P/Invoked mono_thread_current() from Tokio
    /// threads and ended the process with libc exit(), which under Mono's default (hybrid)
    /// suspend aborted ~5% of runs ("Cannot transition thread ... from STATE_BLOCKING with
    /// DO_BLOCKING").
    /// .NET does not wait for or abort background threads at exit, so none of this runs there.
    /// If a Mono build lacks these fields, nothing is done: exit may hang, as before any fix.
    /// </summary>
    internal static class UniffiMonoThreads
    {
        internal static readonly bool IsMono = global::System.Type.GetType("Mono.Runtime") != null;

        private const long DontManage = 1; // MONO_THREAD_FLAG_DONT_MANAGE

        private const global::System.Reflection.BindingFlags Instance =
            global::System.Reflection.BindingFlags.Instance | global::System.Reflection.BindingFlags.NonPublic;

        // Looked up once, on the first foreign entry; null when this Mono lays things out
        // differently.
        private static readonly global::System.Reflection.FieldInfo s_internalThread = Field(typeof(global::System.Threading.Thread), "internal_thread", null);
        private static readonly global::System.Reflection.FieldInfo s_flags = s_internalThread == null ? null : Field(s_internalThread.FieldType, "flags", typeof(global::System.IntPtr));
        // Set on threads started with `new Thread(...)`; null on threads the runtime attached.
        private static readonly global::System.Reflection.FieldInfo s_startDelegate = Field(typeof(global::System.Threading.Thread), "m_Delegate", null);

        internal static void OnThreadEntered()
        {
            if (s_flags == null) return;
            try
            {
                var thread = global::System.Threading.Thread.CurrentThread;
                // Only threads Mono attached because native code called in: callbacks can
                // also run on the caller's own thread (a future ready at the first poll) or
                // the thread pool, and a foreground thread the program started must still be
                // waited for at exit. Attached foreign threads are background, outside the
                // pool, and have no start delegate.
                if (!thread.IsBackground || thread.IsThreadPoolThread) return;
                if (s_startDelegate != null && s_startDelegate.GetValue(thread) != null) return;
                var internalThread = s_internalThread.GetValue(thread);
                if (internalThread == null) return;
                // Only this thread writes its own flags here; Mono itself sets them with a
                // plain `|=` too.
                long flags = ((global::System.IntPtr)s_flags.GetValue(internalThread)).ToInt64();
                s_flags.SetValue(internalThread, new global::System.IntPtr(flags | DontManage));
            }
            catch (global::System.Exception)
            {
                // Reflection denied or the layout changed under us: leave Mono's default.
            }
        }

        private static global::System.Reflection.FieldInfo Field(global::System.Type type, string name, global::System.Type expected)
        {
            if (!IsMono) return null;
            try
            {
                var field = type.GetField(name, Instance);
                if (field == null || (expected != null && field.FieldType != expected)) return null;
                return field;
            }
            catch (global::System.Exception)
            {
                return null;
            }
        }
    }

    /// <summary>Delegates for function pointers Rust passes in, converted once per pointer.</summary>
    internal static class UniffiFnPtrCache<T> where T : class
    {
        private static global::System.Tuple<global::System.IntPtr, T> s_last;

        internal static T Get(global::System.IntPtr ptr)
        {
            var last = s_last;
            if (last != null && last.Item1 == ptr) return last.Item2;
            var d = (T)(object)global::System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer(ptr, typeof(T));
            s_last = global::System.Tuple.Create(ptr, d);
            return d;
        }
    }

    /// <summary>
    /// Async C# methods called by Rust: when Rust drops its future, the token passed to the
    /// C# method is cancelled.
    /// </summary>
    internal static class UniffiForeignFutures
    {
        private static readonly UniffiHandleMap<global::System.Threading.CancellationTokenSource> s_pending = new UniffiHandleMap<global::System.Threading.CancellationTokenSource>();
        private static readonly UniffiForeignFutureDroppedCallback s_dropped = OnDropped;
        private static readonly global::System.IntPtr s_droppedPtr = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_dropped);

        internal static int PendingCount { get { return s_pending.Count; } }

        internal static UniffiForeignFutureDroppedCallbackStruct Track(global::System.Threading.CancellationTokenSource cts)
        {
            var s = new UniffiForeignFutureDroppedCallbackStruct();
            s.handle = s_pending.Insert(cts);
            s.free = s_droppedPtr;
            return s;
        }

        private static void OnDropped(ulong handle)
        {
            UniffiForeignThreads.Enter();
            global::System.Threading.CancellationTokenSource cts;
            try { cts = s_pending.Remove(handle); }
            catch (global::System.Exception) { return; }
            // Not disposed: the C# task may still be observing the token.
            try { cts.Cancel(); }
            catch (global::System.Exception) { }
        }

        internal static global::System.Threading.Tasks.Task Failed(global::System.Exception e)
        {
            var tcs = new global::System.Threading.Tasks.TaskCompletionSource<object>();
            tcs.SetException(e);
            return tcs.Task;
        }

        internal static global::System.Threading.Tasks.Task<T> Failed<T>(global::System.Exception e)
        {
            var tcs = new global::System.Threading.Tasks.TaskCompletionSource<T>();
            tcs.SetException(e);
            return tcs.Task;
        }

        internal static global::System.Exception Unwrap(global::System.AggregateException e)
        {
            return e.InnerExceptions.Count == 1 ? e.InnerException : e;
        }
    }

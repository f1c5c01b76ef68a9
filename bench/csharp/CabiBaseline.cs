using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Unilance.Bench
{
    /// <summary>
    /// The hand-written async C ABI of bench/cabi-baseline: one call, one completion callback
    /// that completes a TaskCompletionSource. Built like the generated code (a GCHandle as the
    /// data word, continuations run asynchronously) so only the protocol differs.
    /// </summary>
    internal static class CabiBaseline
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void Completion(ulong data);

        [DllImport("cabi_baseline")]
        private static extern void cabi_spawn_noop(IntPtr complete, ulong data);

        [DllImport("cabi_baseline")]
        private static extern void cabi_ready_noop(IntPtr complete, ulong data);

        // Static: Rust may call it at any time, a collected delegate would crash the process.
        private static readonly Completion s_complete = OnComplete;
        private static readonly IntPtr s_completePtr = Marshal.GetFunctionPointerForDelegate(s_complete);

        // The generated code's per-callback bookkeeping for threads Rust created (on Mono it
        // keeps Tokio threads from hanging process exit). The baseline runs it too, found by
        // name in whichever assembly holds the generated bindings: both paths pay for it, and
        // the benchmark process can exit on Mono.
        private static readonly Action s_enterForeignThread = FindEnterForeignThread();

        private static Action FindEnterForeignThread()
        {
            var type = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => a == typeof(CabiBaseline).Assembly
                    || a.GetName().Name.StartsWith("Unilance", StringComparison.OrdinalIgnoreCase))
                .SelectMany(a => a.GetTypes())
                .First(t => t.Name == "UniffiForeignThreads");
            var enter = type.GetMethod("Enter", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);
            return (Action)Delegate.CreateDelegate(typeof(Action), enter);
        }

        private static void OnComplete(ulong data)
        {
            s_enterForeignThread();
            var handle = GCHandle.FromIntPtr(new IntPtr((long)data));
            var tcs = (TaskCompletionSource<bool>)handle.Target;
            handle.Free();
            tcs.SetResult(true);
        }

        /// <summary>Completed by a Tokio worker.</summary>
        internal static Task SpawnNoop()
        {
            return Call(true);
        }

        /// <summary>Completed on the calling thread before the call returns.</summary>
        internal static Task ReadyNoop()
        {
            return Call(false);
        }

        private static Task Call(bool spawn)
        {
            var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var data = (ulong)(long)GCHandle.ToIntPtr(GCHandle.Alloc(tcs));
            if (spawn) cabi_spawn_noop(s_completePtr, data);
            else cabi_ready_noop(s_completePtr, data);
            return tcs.Task;
        }
    }
}

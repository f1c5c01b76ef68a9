using System;
using System.Runtime.InteropServices;

namespace Unilance
{
    /// <summary>
    /// Works around a Mono shutdown hang. Tokio worker threads become managed threads when they
    /// run a continuation callback; at exit Mono aborts every such background thread and waits
    /// for it to end, but a thread parked inside Rust never returns to managed code, so the wait
    /// never ends (.NET 8 does not wait). The real fix is in the generated code: flag foreign
    /// threads MONO_THREAD_FLAG_DONT_MANAGE when they first enter (reported to the generator's
    /// owner). Until then, on Mono only, the process ends itself once the ProcessExit handlers
    /// run, keeping the exit code Main returned or Environment.Exit was given.
    /// </summary>
    internal static class MonoExit
    {
        private static int s_installed;

        internal static void Install()
        {
            if (Type.GetType("Mono.Runtime") == null) return;
            if (System.Threading.Interlocked.Exchange(ref s_installed, 1) != 0) return;
            AppDomain.CurrentDomain.ProcessExit += (sender, e) =>
            {
                // Cost of the workaround: ProcessExit handlers registered after this one (after
                // the first call into Unilance) do not run, nor do finalizers at exit.
                Console.Out.Flush();
                Console.Error.Flush();
                _exit(Environment.ExitCode);
            };
        }

        [DllImport("libc", EntryPoint = "_exit")]
        private static extern void _exit(int status);
    }
}

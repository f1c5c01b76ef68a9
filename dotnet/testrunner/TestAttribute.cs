using System;

namespace UniLance.Testing
{
    /// <summary>Marks a public method (sync, or returning a Task) as a test.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestAttribute : Attribute
    {
        /// <summary>Seconds before an async test counts as hung (default 60).</summary>
        public int TimeoutSeconds { get; set; }
    }
}

using System;
using System.Threading.Tasks;

namespace UniLance.Testing
{
    /// <summary>Marks a public method (sync, or returning a Task) as a test.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestAttribute : Attribute
    {
        /// <summary>Seconds before an async test counts as hung (default 60).</summary>
        public int TimeoutSeconds { get; set; }
    }

    /// <summary>
    /// Marks a public static method returning <c>IEnumerable&lt;TestCase&gt;</c>: each case runs and
    /// reports as a test of its own (a data-driven suite, like JUnit's @TestFactory).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestCasesAttribute : Attribute
    {
        /// <summary>Seconds before a case counts as hung (default 60).</summary>
        public int TimeoutSeconds { get; set; }
    }

    /// <summary>One case of a <see cref="TestCasesAttribute"/> suite.</summary>
    public sealed class TestCase
    {
        public TestCase(string name, Func<Task> run)
        {
            Name = name;
            Run = run;
        }

        public string Name { get; private set; }
        public Func<Task> Run { get; private set; }
    }
}

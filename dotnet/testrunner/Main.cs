using System.Reflection;

namespace UniLance.Testing
{
    /// <summary>Entry point: compile this file with the tests to get a test executable.</summary>
    public static class RunnerMain
    {
        public static int Main(string[] args)
        {
            return TestRunner.Run(Assembly.GetExecutingAssembly(), args);
        }
    }
}

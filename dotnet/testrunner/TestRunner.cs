using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace UniLance.Testing
{
    /// <summary>
    /// Finds public methods marked [Test] in an assembly, runs them (awaiting Task-returning
    /// ones), and reports. The last line of output is always "N passed, N failed".
    /// </summary>
    public static class TestRunner
    {
        /// <summary>Runs the tests; arguments are name filters (substring match).</summary>
        public static int Run(Assembly assembly, string[] filters)
        {
            var tests = Discover(assembly)
                .Where(m => filters.Length == 0 || filters.Any(f => FullName(m).IndexOf(f, StringComparison.Ordinal) >= 0))
                .ToList();
            int passed = 0, failed = 0;
            foreach (var method in tests)
            {
                Exception error = RunOne(method);
                if (error == null)
                {
                    passed++;
                    Console.WriteLine($"PASS {FullName(method)}");
                }
                else
                {
                    failed++;
                    Console.WriteLine($"FAIL {FullName(method)}");
                    string details = error.ToString().Replace("\n", "\n     ");
                    Console.WriteLine($"     {details}");
                }
            }
            if (tests.Count == 0) Console.WriteLine("no tests matched");
            Console.Out.Flush();
            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 && tests.Count > 0 ? 0 : 1;
        }

        private static IEnumerable<MethodInfo> Discover(Assembly assembly)
        {
            return assembly.GetTypes()
                .Where(t => t.IsPublic && t.IsClass)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(m => m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0)
                    .OrderBy(m => m.MetadataToken));
        }

        private static string FullName(MethodInfo m)
        {
            return $"{m.DeclaringType.Name}.{m.Name}";
        }

        private static Exception RunOne(MethodInfo method)
        {
            var attr = (TestAttribute)method.GetCustomAttributes(typeof(TestAttribute), false)[0];
            int timeout = attr.TimeoutSeconds > 0 ? attr.TimeoutSeconds : 60;
            try
            {
                if (method.GetParameters().Length != 0) throw new InvalidOperationException("[Test] methods take no parameters");
                object instance = method.IsStatic ? null : Activator.CreateInstance(method.DeclaringType);
                object result = method.Invoke(instance, null);
                var task = result as Task;
                if (task != null)
                {
                    if (!task.Wait(TimeSpan.FromSeconds(timeout)))
                    {
                        throw new TimeoutException($"test did not finish within {timeout} s");
                    }
                }
                var disposable = instance as IDisposable;
                if (disposable != null) disposable.Dispose();
                return null;
            }
            catch (TargetInvocationException e)
            {
                return e.InnerException;
            }
            catch (AggregateException e)
            {
                return e.InnerExceptions.Count == 1 ? e.InnerException : e;
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }
}

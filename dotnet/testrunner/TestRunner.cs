using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace UniLance.Testing
{
    /// <summary>
    /// Finds public methods marked [Test] in an assembly, and the cases of [TestCases] methods,
    /// runs them (awaiting Task-returning ones), and reports. The last line of output is always
    /// "N passed, N failed".
    /// </summary>
    public static class TestRunner
    {
        /// <summary>Runs the tests; arguments are name filters (substring match).</summary>
        public static int Run(Assembly assembly, string[] filters)
        {
            var tests = Discover(assembly)
                .Where(t => filters.Length == 0 || filters.Any(f => t.Name.IndexOf(f, StringComparison.Ordinal) >= 0))
                .ToList();
            int passed = 0, failed = 0;
            foreach (var test in tests)
            {
                Exception error = RunOne(test);
                if (error == null)
                {
                    passed++;
                    Console.WriteLine($"PASS {test.Name}");
                }
                else
                {
                    failed++;
                    Console.WriteLine($"FAIL {test.Name}");
                    string details = error.ToString().Replace("\n", "\n     ");
                    Console.WriteLine($"     {details}");
                }
            }
            if (tests.Count == 0) Console.WriteLine("no tests matched");
            Console.Out.Flush();
            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 && tests.Count > 0 ? 0 : 1;
        }

        /// <summary>A test to run: its name and a body that runs it to the end (or throws).</summary>
        private sealed class Runnable
        {
            public string Name;
            public Action Body;
        }

        private static IEnumerable<Runnable> Discover(Assembly assembly)
        {
            var methods = assembly.GetTypes()
                .Where(t => t.IsPublic && t.IsClass)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .OrderBy(m => m.MetadataToken));
            foreach (var method in methods)
            {
                var test = (TestAttribute)method.GetCustomAttributes(typeof(TestAttribute), false).FirstOrDefault();
                if (test != null) yield return FromMethod(method, Timeout(test.TimeoutSeconds));
                var cases = (TestCasesAttribute)method.GetCustomAttributes(typeof(TestCasesAttribute), false).FirstOrDefault();
                if (cases == null) continue;
                foreach (var runnable in FromCases(method, Timeout(cases.TimeoutSeconds))) yield return runnable;
            }
        }

        private static int Timeout(int seconds) { return seconds > 0 ? seconds : 60; }

        private static string FullName(MethodInfo m)
        {
            return $"{m.DeclaringType.Name}.{m.Name}";
        }

        private static Runnable FromMethod(MethodInfo method, int timeout)
        {
            return new Runnable
            {
                Name = FullName(method),
                Body = () =>
                {
                    if (method.GetParameters().Length != 0) throw new InvalidOperationException("[Test] methods take no parameters");
                    object instance = method.IsStatic ? null : Activator.CreateInstance(method.DeclaringType);
                    Wait(method.Invoke(instance, null) as Task, timeout);
                    var disposable = instance as IDisposable;
                    if (disposable != null) disposable.Dispose();
                },
            };
        }

        private static IEnumerable<Runnable> FromCases(MethodInfo method, int timeout)
        {
            List<TestCase> cases;
            try
            {
                cases = ((IEnumerable<TestCase>)method.Invoke(null, null)).ToList();
            }
            catch (Exception e)
            {
                // A suite that cannot list its cases fails as one test instead of stopping the run.
                return new[] { new Runnable { Name = FullName(method), Body = () => { throw e; } } };
            }
            return cases.Select(c => new Runnable
            {
                Name = $"{FullName(method)}.{c.Name}",
                Body = () => Wait(c.Run(), timeout),
            });
        }

        private static void Wait(Task task, int timeout)
        {
            if (task != null && !task.Wait(TimeSpan.FromSeconds(timeout)))
            {
                throw new TimeoutException($"test did not finish within {timeout} s");
            }
        }

        private static Exception RunOne(Runnable test)
        {
            try
            {
                test.Body();
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

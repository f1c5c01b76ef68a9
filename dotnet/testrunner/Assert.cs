using System;
using System.Collections;
using System.Threading.Tasks;

namespace UniLance.Testing
{
    public sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message) { }
    }

    /// <summary>Minimal assertions; failures throw AssertionException.</summary>
    public static class Assert
    {
        public static void True(bool condition, string message = null)
        {
            if (!condition) throw new AssertionException(message ?? "expected true");
        }

        public static void False(bool condition, string message = null)
        {
            if (condition) throw new AssertionException(message ?? "expected false");
        }

        public static void Null(object value, string message = null)
        {
            if (value != null) throw new AssertionException($"{message ?? "expected null"}, got {Show(value)}");
        }

        public static void NotNull(object value, string message = null)
        {
            if (value == null) throw new AssertionException(message ?? "expected non-null");
        }

        public static void Equal<T>(T expected, T actual, string message = null)
        {
            if (!Same(expected, actual))
            {
                throw new AssertionException($"{Prefix(message)}expected {Show(expected)}, got {Show(actual)}");
            }
        }

        public static void NotEqual<T>(T notExpected, T actual, string message = null)
        {
            if (Same(notExpected, actual))
            {
                throw new AssertionException($"{Prefix(message)}did not expect {Show(actual)}");
            }
        }

        public static T Throws<T>(Action action) where T : Exception
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                return Expect<T>(e);
            }
            throw new AssertionException($"expected {typeof(T).Name}, nothing was thrown");
        }

        public static async Task<T> ThrowsAsync<T>(Func<Task> action) where T : Exception
        {
            try
            {
                await action();
            }
            catch (Exception e)
            {
                return Expect<T>(e);
            }
            throw new AssertionException($"expected {typeof(T).Name}, nothing was thrown");
        }

        public static void Fail(string message)
        {
            throw new AssertionException(message);
        }

        private static T Expect<T>(Exception e) where T : Exception
        {
            var typed = e as T;
            if (typed == null)
            {
                throw new AssertionException($"expected {typeof(T).FullName}, got {e.GetType().FullName}: {e}");
            }
            return typed;
        }

        // Sequences compare element-wise so tests can compare lists and arrays directly.
        private static bool Same(object a, object b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) return false;
            if (a is string || b is string) return a.Equals(b);
            var ea = a as IEnumerable;
            var eb = b as IEnumerable;
            if (ea != null && eb != null && !(a is IDictionary))
            {
                var ia = ea.GetEnumerator();
                var ib = eb.GetEnumerator();
                while (true)
                {
                    bool ma = ia.MoveNext(), mb = ib.MoveNext();
                    if (ma != mb) return false;
                    if (!ma) return true;
                    if (!Same(ia.Current, ib.Current)) return false;
                }
            }
            var da = a as IDictionary;
            var db = b as IDictionary;
            if (da != null && db != null)
            {
                if (da.Count != db.Count) return false;
                foreach (DictionaryEntry e in da)
                {
                    if (!db.Contains(e.Key) || !Same(e.Value, db[e.Key])) return false;
                }
                return true;
            }
            return a.Equals(b);
        }

        private static string Prefix(string message)
        {
            return message == null ? "" : $"{message}: ";
        }

        private static string Show(object v)
        {
            if (v == null) return "null";
            if (v is string) return $"\"{v}\"";
            var d = v as IDictionary;
            if (d != null)
            {
                var entries = new System.Collections.Generic.List<string>();
                foreach (DictionaryEntry entry in d) entries.Add($"{entry.Key}: {Show(entry.Value)}");
                return $"{{{string.Join(", ", entries)}}}";
            }
            var e = v as IEnumerable;
            if (e != null)
            {
                var parts = new System.Collections.Generic.List<string>();
                foreach (var item in e) parts.Add(Show(item));
                return $"[{string.Join(", ", parts)}]";
            }
            return v.ToString();
        }
    }
}

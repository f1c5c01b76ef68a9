using System;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// Every failure reported by LanceDB: one subclass per kind, the message is the whole
    /// explanation (<c>catch (LanceException.TableNotFound e)</c>).
    /// </summary>
    /// <remarks>
    /// The generated bindings have the same hierarchy in <c>Unilance.Ffi</c>; it is mirrored here
    /// so that <c>using Unilance;</c> alone is enough, without the name clashes (Connection,
    /// Table, Query, Batch) that importing both namespaces would bring.
    /// </remarks>
    public abstract class LanceException : Exception
    {
        private LanceException(string message, Exception inner) : base(message, inner) { }

        /// <summary>The named table does not exist, or was dropped.</summary>
        public sealed class TableNotFound : LanceException { internal TableNotFound(string m, Exception i) : base(m, i) { } }

        /// <summary>A table with that name already exists.</summary>
        public sealed class TableAlreadyExists : LanceException { internal TableAlreadyExists(string m, Exception i) : base(m, i) { } }

        /// <summary>An argument was wrong: a bad vector dimension, a bad name, bad data.</summary>
        public sealed class InvalidInput : LanceException { internal InvalidInput(string m, Exception i) : base(m, i) { } }

        /// <summary>Data does not match the table's schema.</summary>
        public sealed class SchemaMismatch : LanceException { internal SchemaMismatch(string m, Exception i) : base(m, i) { } }

        /// <summary>A filter or SQL expression could not be parsed or names an unknown column.</summary>
        public sealed class InvalidFilter : LanceException { internal InvalidFilter(string m, Exception i) : base(m, i) { } }

        /// <summary>The storage failed: a file, a directory, an object store.</summary>
        public sealed class Io : LanceException { internal Io(string m, Exception i) : base(m, i) { } }

        /// <summary>The operation is not supported for this table or database.</summary>
        public sealed class NotSupported : LanceException { internal NotSupported(string m, Exception i) : base(m, i) { } }

        /// <summary>The connection or table was closed by the caller.</summary>
        public sealed class Closed : LanceException { internal Closed(string m, Exception i) : base(m, i) { } }

        /// <summary>A bug in unilance or LanceDB, including a Rust panic.</summary>
        public sealed class Internal : LanceException { internal Internal(string m, Exception i) : base(m, i) { } }

        internal static LanceException From(Ffi.LanceException e)
        {
            if (e is Ffi.LanceException.TableNotFound) return new TableNotFound(e.Message, e);
            if (e is Ffi.LanceException.TableAlreadyExists) return new TableAlreadyExists(e.Message, e);
            if (e is Ffi.LanceException.InvalidInput) return new InvalidInput(e.Message, e);
            if (e is Ffi.LanceException.SchemaMismatch) return new SchemaMismatch(e.Message, e);
            if (e is Ffi.LanceException.InvalidFilter) return new InvalidFilter(e.Message, e);
            if (e is Ffi.LanceException.Io) return new Io(e.Message, e);
            if (e is Ffi.LanceException.NotSupported) return new NotSupported(e.Message, e);
            if (e is Ffi.LanceException.Closed) return new Closed(e.Message, e);
            return new Internal(e.Message, e);
        }

        internal static LanceException ClosedError(string message)
        {
            return new Closed(message, null);
        }
    }

    /// <summary>Translates the generated exceptions into the package's own at the API boundary.</summary>
    internal static class Errors
    {
        internal static Task<T> Translate<T>(Task<T> call)
        {
            // Most calls succeed, many synchronously (ready at the first poll): no state machine then.
            return call.Status == TaskStatus.RanToCompletion ? call : TranslateAsync(call);
        }

        private static async Task<T> TranslateAsync<T>(Task<T> call)
        {
            try
            {
                return await call.ConfigureAwait(false);
            }
            catch (Ffi.LanceException e)
            {
                throw LanceException.From(e);
            }
        }

        internal static Task Translate(Task call)
        {
            return call.Status == TaskStatus.RanToCompletion ? call : TranslateAsync(call);
        }

        private static async Task TranslateAsync(Task call)
        {
            try
            {
                await call.ConfigureAwait(false);
            }
            catch (Ffi.LanceException e)
            {
                throw LanceException.From(e);
            }
        }
    }
}

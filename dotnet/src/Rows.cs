using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// Rows as .NET values into the columnar <see cref="Batch"/>: from dictionaries (column name →
    /// value) or from objects (their public readable properties). Given a schema (the table's,
    /// on <c>AddAsync</c>), each value is converted to its column's type (RowValues.cs), and a
    /// property matches a column case-insensitively (<c>Id</c> → <c>id</c>); without one, the
    /// type is inferred from the values (RowTypes.cs). A missing key or a null is a null value.
    /// Lists and structs nest: a list is any <c>IEnumerable</c>, a struct a dictionary or an
    /// object, at any depth; values read back by <see cref="Batch.GetColumn"/> go in again.
    /// </summary>
    public static partial class Rows
    {
        /// <summary>A batch of <paramref name="rows"/>, typed by <paramref name="schema"/> when given.</summary>
        public static Batch ToBatch(IEnumerable<IDictionary<string, object>> rows, Schema schema = null)
        {
            if (rows == null) throw new ArgumentNullException("rows");
            var list = rows.ToList();
            var names = new List<string>();
            var seen = new HashSet<string>();
            foreach (var row in list)
            {
                if (row == null) throw new ArgumentException("a row is null", "rows");
                foreach (var key in row.Keys) if (seen.Add(key)) names.Add(key);
            }
            return Build(names, list.Count, (name, i) =>
            {
                object value;
                return list[i].TryGetValue(name, out value) ? value : null;
            }, name => null, schema);
        }

        /// <summary>A batch of <paramref name="rows"/>' public properties, typed by <paramref name="schema"/> when given.</summary>
        public static Batch ToBatch<T>(IEnumerable<T> rows, Schema schema = null)
        {
            if (rows == null) throw new ArgumentNullException("rows");
            var dictionaries = rows as IEnumerable<IDictionary<string, object>>;
            if (dictionaries != null) return ToBatch(dictionaries, schema);
            // The rows a query gives back (Batch.ToRows) go in again.
            var readOnly = rows as IEnumerable<IReadOnlyDictionary<string, object>>;
            if (readOnly != null) return ToBatch(readOnly.Select(r => r == null ? null : (IDictionary<string, object>)r.ToDictionary(kv => kv.Key, kv => kv.Value)), schema);
            var list = rows.ToList();
            var properties = Properties(typeof(T));
            if (properties.Length == 0) throw new ArgumentException($"{typeof(T).Name} has no public readable properties", "rows");
            var byName = properties.ToDictionary(p => ColumnName(p.Name, schema), p => p);
            return Build(byName.Keys.ToList(), list.Count, (name, i) =>
            {
                if (list[i] == null) throw new ArgumentException($"row {i} is null", "rows");
                return byName[name].GetValue(list[i]);
            }, name => byName[name].PropertyType, schema);
        }

        /// <summary>The schema's column a property name stands for, matched ignoring case.</summary>
        private static string ColumnName(string property, Schema schema)
        {
            int at = schema == null ? -1 : Match(property, schema.Fields);
            return at < 0 ? property : schema.Fields[at].Name;
        }

        /// <summary>The index of the field <paramref name="name"/> stands for (the same name, else ignoring case), or -1.</summary>
        private static int Match(string name, IList<Field> fields)
        {
            for (int i = 0; i < fields.Count; i++) if (fields[i].Name == name) return i;
            for (int i = 0; i < fields.Count; i++) if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }

        /// <summary>A type's public readable properties (not indexers), looked up once per type.</summary>
        private static PropertyInfo[] Properties(Type type)
        {
            return PropertyCache.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .ToArray());
        }

        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new ConcurrentDictionary<Type, PropertyInfo[]>();

        /// <summary><paramref name="declared"/>: a column's .NET type if known (a property's), else null.</summary>
        private static Batch Build(List<string> names, int count, Func<string, int, object> value, Func<string, Type> declared, Schema schema)
        {
            var builder = new BatchBuilder();
            foreach (var name in names)
            {
                var slots = new Slots(name);
                for (int i = 0; i < count; i++) slots.Add(value(name, i), i, false);
                Field field = schema == null ? null : schema.Fields.FirstOrDefault(f => f.Name == name);
                // A column the table does not have keeps its inferred type: Rust then names it in a SchemaMismatch.
                var type = field != null ? field.DataType : Infer(name, declared(name), slots.Values);
                // The batch's own field is nullable: a null in a non-nullable column is the table's to refuse.
                builder.Column(name, type, ColumnOf(slots, type, true), count);
            }
            return builder.Build();
        }
    }

    public partial class Table
    {
        /// <summary>Adds rows given as dictionaries (column name → value), converted to the table's column types.</summary>
        public async Task<AddResult> AddAsync(IEnumerable<IDictionary<string, object>> rows, AddMode? mode = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
            return await AddAsync(Rows.ToBatch(rows, schema), mode, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Adds rows given as objects: each public property is a column (matched ignoring case), converted to the table's type.</summary>
        public async Task<AddResult> AddAsync<T>(IEnumerable<T> rows, AddMode? mode = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
            return await AddAsync(Rows.ToBatch(rows, schema), mode, cancellationToken).ConfigureAwait(false);
        }
    }

    public partial class Connection
    {
        /// <summary>Creates a table from rows given as dictionaries; column types are inferred (see <see cref="Rows"/>).</summary>
        public Task<Table> CreateTableAsync(string name, IEnumerable<IDictionary<string, object>> rows, CreateMode? mode = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return CreateTableAsync(name, Rows.ToBatch(rows), mode, null, cancellationToken);
        }

        /// <summary>Creates a table from objects: each public property is a column, its type inferred (see <see cref="Rows"/>).</summary>
        public Task<Table> CreateTableAsync<T>(string name, IEnumerable<T> rows, CreateMode? mode = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return CreateTableAsync(name, Rows.ToBatch(rows), mode, null, cancellationToken);
        }
    }
}

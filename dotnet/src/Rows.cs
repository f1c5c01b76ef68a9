using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    /// <summary>
    /// Rows as .NET values into the columnar <see cref="Batch"/>: from dictionaries (column name →
    /// value) or from objects (their public readable properties). Given a schema (the table's,
    /// on <c>AddAsync</c>), each value is converted to its column's type, and a property matches
    /// a column case-insensitively (<c>Id</c> → <c>id</c>); without one, the type is inferred from
    /// the first non-null value: long/int/short/byte, float, double, decimal, bool, string,
    /// byte[], float[] (a vector), DateTimeOffset/DateTime (UTC microseconds). A missing key or a
    /// null is a null value.
    /// </summary>
    public static class Rows
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
            var list = rows.ToList();
            var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .ToList();
            if (properties.Count == 0) throw new ArgumentException($"{typeof(T).Name} has no public readable properties", "rows");
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
            if (schema == null) return property;
            var exact = schema.Fields.FirstOrDefault(f => f.Name == property);
            if (exact != null) return exact.Name;
            var loose = schema.Fields.FirstOrDefault(f => string.Equals(f.Name, property, StringComparison.OrdinalIgnoreCase));
            return loose == null ? property : loose.Name;
        }

        /// <summary><paramref name="declared"/>: a column's .NET type if known (a property's), else null.</summary>
        private static Batch Build(List<string> names, int count, Func<string, int, object> value, Func<string, Type> declared, Schema schema)
        {
            var builder = new BatchBuilder();
            foreach (var name in names)
            {
                var values = new object[count];
                for (int i = 0; i < count; i++) values[i] = value(name, i);
                Field field = schema == null ? null : schema.Fields.FirstOrDefault(f => f.Name == name);
                // A column the table does not have keeps its inferred type: Rust then names it in a SchemaMismatch.
                var first = values.FirstOrDefault(v => v != null);
                var dotnetType = declared(name);
                if (dotnetType == null || dotnetType == typeof(object)) dotnetType = first == null ? null : first.GetType();
                var type = field != null ? field.DataType : Infer(name, dotnetType, values);
                AddColumn(builder, name, type, values);
            }
            return builder.Build();
        }

        /// <summary>The column type for .NET type <paramref name="type"/> (a property's, or the first non-null value's).</summary>
        private static DataType Infer(string name, Type type, object[] values)
        {
            if (type == null) return new DataType.Utf8();  // every value null: any nullable type will do
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong)) return new DataType.Int64();
            if (type == typeof(int)) return values.Any(v => v is long) ? (DataType)new DataType.Int64() : new DataType.Int32();
            if (type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort)) return new DataType.Int32();
            if (type == typeof(float)) return new DataType.Float32();
            if (type == typeof(double)) return new DataType.Float64();
            if (type == typeof(decimal))
            {
                int scale = values.OfType<decimal>().Select(Scale).DefaultIfEmpty(0).Max();
                return new DataType.Decimal128(38, scale);
            }
            if (type == typeof(bool)) return new DataType.Bool();
            if (type == typeof(string)) return new DataType.Utf8();
            if (type == typeof(byte[])) return new DataType.Binary();
            if (type == typeof(float[]))
            {
                var first = values.OfType<float[]>().FirstOrDefault();
                if (first == null) throw new ArgumentException($"column '{name}': a vector column needs one non-null vector to take its dimension from");
                return new DataType.Vector(first.Length);
            }
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return new DataType.Timestamp(TimeUnit.Microsecond, "UTC");
            throw new ArgumentException($"column '{name}': cannot infer a column type from {type.Name}; give a schema or use BatchBuilder");
        }

        private static int Scale(decimal d) { return (decimal.GetBits(d)[3] >> 16) & 0xFF; }

        private static void AddColumn(BatchBuilder builder, string name, DataType type, object[] values)
        {
            try
            {
                if (type is DataType.Int64) builder.Int64(name, values.Select(v => v == null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Int32) builder.Int32(name, values.Select(v => v == null ? (int?)null : Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Float32) builder.Float32(name, values.Select(v => v == null ? (float?)null : Convert.ToSingle(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Float64) builder.Float64(name, values.Select(v => v == null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Bool) builder.Bool(name, values.Select(v => v == null ? (bool?)null : Convert.ToBoolean(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Utf8) builder.Utf8(name, values.Select(v => v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray());
                else if (type is DataType.Binary) builder.Binary(name, values.Select(v => (byte[])v).ToArray());
                else if (type is DataType.Vector) builder.Vectors(name, ((DataType.Vector)type).Dim, values.Select(FloatVector).ToArray(), ((DataType.Vector)type).Element);
                else if (type is DataType.Timestamp)
                {
                    var ts = (DataType.Timestamp)type;
                    builder.Timestamp(name, ts.Unit, values.Select(v => v == null ? (long?)null : TimestampCount(v, ts.Unit)).ToArray(), ts.Timezone);
                }
                else if (type is DataType.Date32) builder.Date32(name, values.Select(v => v == null ? (DateTime?)null : DateOf(v)).ToArray());
                else if (type is DataType.Decimal128)
                {
                    var d = (DataType.Decimal128)type;
                    builder.Decimal(name, d.Precision, d.Scale, values.Select(v => v == null ? (decimal?)null : Convert.ToDecimal(v, CultureInfo.InvariantCulture)).ToArray());
                }
                else throw new ArgumentException($"column '{name}' is {type}: build it with BatchBuilder.Column");
            }
            catch (Exception e) when (e is InvalidCastException || e is FormatException || e is OverflowException)
            {
                throw new ArgumentException($"column '{name}' is {type}: {e.Message}", e);
            }
        }

        private static float[] FloatVector(object value)
        {
            if (value == null) return null;
            var floats = value as float[];
            if (floats != null) return floats;
            var bytes = value as byte[];
            if (bytes != null) return bytes.Select(b => (float)b).ToArray();
            var items = value as IEnumerable;
            if (items != null) return items.Cast<object>().Select(v => Convert.ToSingle(v, CultureInfo.InvariantCulture)).ToArray();
            throw new InvalidCastException($"{value.GetType().Name} is not a vector (float[], byte[] or numbers)");
        }

        private static long TimestampCount(object value, TimeUnit unit)
        {
            if (value is long || value is int) return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            DateTimeOffset instant;
            if (value is DateTimeOffset) instant = (DateTimeOffset)value;
            else if (value is DateTime) instant = new DateTimeOffset(DateTime.SpecifyKind((DateTime)value, ((DateTime)value).Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : ((DateTime)value).Kind));
            else throw new InvalidCastException($"{value.GetType().Name} is not a timestamp (DateTimeOffset, DateTime or a count)");
            long ticks = (instant - Batch.Epoch).Ticks;
            switch (unit)
            {
                case TimeUnit.Second: return ticks / TimeSpan.TicksPerSecond;
                case TimeUnit.Millisecond: return ticks / TimeSpan.TicksPerMillisecond;
                case TimeUnit.Microsecond: return ticks / 10;
                default: return checked(ticks * 100);
            }
        }

        private static DateTime DateOf(object value)
        {
            if (value is DateTime) return ((DateTime)value).Date;
            if (value is DateTimeOffset) return ((DateTimeOffset)value).UtcDateTime.Date;
            throw new InvalidCastException($"{value.GetType().Name} is not a date (DateTime or DateTimeOffset)");
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

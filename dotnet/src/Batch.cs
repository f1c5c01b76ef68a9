using System;
using System.Collections.Generic;
using System.Linq;

namespace Unilance
{
    /// <summary>
    /// Typed reads of the generated columnar <c>Batch</c> record, which needs no Arrow library:
    /// build one with <see cref="BatchBuilder"/>, read one with <c>GetInt64("id")</c>; a null
    /// value reads as null.
    /// </summary>
    public partial class Batch
    {
        /// <summary><see cref="NumRows"/> as an <c>int</c>, for indexing.</summary>
        public int RowCount { get { return checked((int)NumRows); } }

        public IReadOnlyList<string> ColumnNames { get { return Schema.Fields.Select(f => f.Name).ToList(); } }

        /// <summary>The field named <paramref name="name"/>.</summary>
        public Field Field(string name)
        {
            Column column;
            return Find(name, out column);
        }

        public bool?[] GetBools(string name) { return Values<ColumnValues.Bool, bool>(Named(name), name, c => c.Values); }

        public int?[] GetInt32(string name) { return Values<ColumnValues.Int32, int>(Named(name), name, c => c.Values); }

        public long?[] GetInt64(string name) { return Values<ColumnValues.Int64, long>(Named(name), name, c => c.Values); }

        public float?[] GetFloat32(string name) { return Values<ColumnValues.Float32, float>(Named(name), name, c => c.Values); }

        public double?[] GetFloat64(string name) { return Values<ColumnValues.Float64, double>(Named(name), name, c => c.Values); }

        public string[] GetStrings(string name) { return Objects<ColumnValues.Utf8, string>(Named(name), name, c => c.Values); }

        public byte[][] GetBinaries(string name) { return Objects<ColumnValues.Binary, byte[]>(Named(name), name, c => c.Values); }

        /// <summary>Counts of the column's time unit since the Unix epoch.</summary>
        public long?[] GetTimestamps(string name) { return Values<ColumnValues.Timestamp, long>(Named(name), name, c => c.Values); }

        /// <summary>Timestamps as UTC instants; nanoseconds are truncated to .NET's 100 ns ticks.</summary>
        public DateTimeOffset?[] GetDateTimes(string name) { return DateTimes(Named(name), Field(name).DataType, name); }

        /// <summary>One float array per row (null for a null row).</summary>
        public float[][] GetVectors(string name) { return Vectors(Named(name), Field(name).DataType, RowCount, name); }

        /// <summary>Uint8 vectors as bytes, one array per row (null for a null row).</summary>
        public byte[][] GetUint8Vectors(string name)
        {
            var type = Typed<DataType.Vector>(Field(name).DataType, name);
            if (type.Element != VectorElement.UInt8) throw new InvalidOperationException($"column '{name}' is {type}, not a uint8 vector column");
            return GetVectors(name).Select(v => v == null ? null : v.Select(f => (byte)f).ToArray()).ToArray();
        }

        /// <summary>Dates (days since the epoch) as UTC midnight <see cref="DateTime"/>s.</summary>
        public DateTime?[] GetDates(string name) { return Dates(Named(name), name); }

        public decimal?[] GetDecimals(string name) { return Decimals(Named(name), name); }

        /// <summary>
        /// A list or fixed-size list column: each row's items as an <c>object[]</c> (values as in
        /// <see cref="GetColumn"/>), null for a null row.
        /// </summary>
        public object[][] GetLists(string name)
        {
            var type = Field(name).DataType;
            if (!(type is DataType.ListOf || type is DataType.FixedListOf)) throw new InvalidOperationException($"column '{name}' is {type}, not a list column");
            return GetColumn(name).Select(v => (object[])v).ToArray();
        }

        /// <summary>A struct column: each row as field name → value (as in <see cref="GetColumn"/>), null for a null row.</summary>
        public IReadOnlyDictionary<string, object>[] GetStructs(string name)
        {
            Typed<DataType.Struct>(Field(name).DataType, name);
            return GetColumn(name).Select(v => (IReadOnlyDictionary<string, object>)v).ToArray();
        }

        /// <summary>
        /// A column's values boxed, whatever its type: long, int, float, double, bool, string,
        /// byte[], float[] (vectors), DateTimeOffset (timestamps), DateTime (dates), decimal,
        /// object[] (lists and fixed-size lists), IReadOnlyDictionary&lt;string, object&gt; (structs,
        /// field name → value); null for a null value. These are also what <see cref="Rows"/>
        /// takes back.
        /// </summary>
        public object[] GetColumn(string name) { return Boxed(Field(name).DataType, Named(name), RowCount, name); }

        /// <summary>
        /// The <paramref name="rows"/> values of <paramref name="column"/>, of type
        /// <paramref name="type"/>, boxed; recursive, as a list's items and a struct's fields are
        /// columns themselves.
        /// </summary>
        private static object[] Boxed(DataType type, Column column, int rows, string name)
        {
            if (type is DataType.Bool) return Box(Values<ColumnValues.Bool, bool>(column, name, c => c.Values));
            if (type is DataType.Int32) return Box(Values<ColumnValues.Int32, int>(column, name, c => c.Values));
            if (type is DataType.Int64) return Box(Values<ColumnValues.Int64, long>(column, name, c => c.Values));
            if (type is DataType.Float32) return Box(Values<ColumnValues.Float32, float>(column, name, c => c.Values));
            if (type is DataType.Float64) return Box(Values<ColumnValues.Float64, double>(column, name, c => c.Values));
            if (type is DataType.Utf8) return Objects<ColumnValues.Utf8, string>(column, name, c => c.Values);
            if (type is DataType.Binary) return Objects<ColumnValues.Binary, byte[]>(column, name, c => c.Values);
            if (type is DataType.Vector) return Vectors(column, type, rows, name);
            if (type is DataType.Date32) return Box(Dates(column, name));
            if (type is DataType.Decimal128) return Box(Decimals(column, name));
            if (type is DataType.Timestamp) return Box(DateTimes(column, type, name));
            var result = new object[rows];
            var list = type as DataType.ListOf;
            if (list != null)
            {
                var values = Typed<ColumnValues.ListOf>(column.Values, name);
                var offsets = values.Offsets;
                var items = Boxed(list.Item.DataType, values.Items, offsets[rows], name);
                for (int i = 0; i < rows; i++) result[i] = Slice(items, offsets[i], offsets[i + 1] - offsets[i]);
            }
            var fixedList = type as DataType.FixedListOf;
            if (fixedList != null)
            {
                int size = fixedList.Size;
                var items = Boxed(fixedList.Item.DataType, Typed<ColumnValues.FixedListOf>(column.Values, name).Items, rows * size, name);
                for (int i = 0; i < rows; i++) result[i] = Slice(items, i * size, size);
            }
            var structType = type as DataType.Struct;
            if (structType != null)
            {
                var children = Typed<ColumnValues.Struct>(column.Values, name).Children;
                var fields = structType.Fields.Select((f, k) => Boxed(f.DataType, children[k], rows, name)).ToArray();
                for (int i = 0; i < rows; i++)
                {
                    var row = new Dictionary<string, object>(fields.Length);
                    for (int k = 0; k < fields.Length; k++) row[structType.Fields[k].Name] = fields[k][i];
                    result[i] = row;
                }
            }
            if (list == null && fixedList == null && structType == null) throw new NotSupportedException($"column '{name}' is {type}: read its Column directly");
            for (int i = 0; i < rows; i++) if (column.Validity != null && !column.Validity[i]) result[i] = null;
            return result;
        }

        private static object[] Slice(object[] items, int start, int count)
        {
            var slice = new object[count];
            Array.Copy(items, start, slice, 0, count);
            return slice;
        }

        private static DateTimeOffset?[] DateTimes(Column column, DataType type, string name)
        {
            var unit = Typed<DataType.Timestamp>(type, name).Unit;
            return Values<ColumnValues.Timestamp, long>(column, name, c => c.Values)
                .Select(v => v == null ? (DateTimeOffset?)null : Instant(v.Value, unit)).ToArray();
        }

        private static float[][] Vectors(Column column, DataType type, int count, string name)
        {
            var values = Typed<ColumnValues.Vector>(column.Values, name).Values;
            int dim = Typed<DataType.Vector>(type, name).Dim;
            var rows = new float[count][];
            for (int i = 0; i < rows.Length; i++)
            {
                if (column.Validity != null && !column.Validity[i]) continue;
                rows[i] = new float[dim];
                Array.Copy(values, i * dim, rows[i], 0, dim);
            }
            return rows;
        }

        private static DateTime?[] Dates(Column column, string name)
        {
            return Values<ColumnValues.Date32, int>(column, name, c => c.Values)
                .Select(d => d == null ? (DateTime?)null : Epoch.UtcDateTime.AddDays(d.Value)).ToArray();
        }

        private static decimal?[] Decimals(Column column, string name)
        {
            return Objects<ColumnValues.Decimal, string>(column, name, c => c.Values)
                .Select(d => d == null ? (decimal?)null : decimal.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        /// <summary>The rows as column name → value maps (values as in <see cref="GetColumn"/>).</summary>
        public IReadOnlyList<IReadOnlyDictionary<string, object>> ToRows()
        {
            var names = ColumnNames;
            var columns = names.Select(GetColumn).ToArray();
            var rows = new List<IReadOnlyDictionary<string, object>>(RowCount);
            for (int i = 0; i < RowCount; i++)
            {
                var row = new Dictionary<string, object>(names.Count);
                for (int c = 0; c < names.Count; c++) row[names[c]] = columns[c][i];
                rows.Add(row);
            }
            return rows;
        }

        private static object[] Box<T>(T?[] values) where T : struct
        {
            return values.Select(v => v.HasValue ? (object)v.Value : null).ToArray();
        }

        internal static DateTimeOffset Instant(long count, TimeUnit unit)
        {
            switch (unit)
            {
                case TimeUnit.Second: return DateTimeOffset.FromUnixTimeSeconds(count);
                case TimeUnit.Millisecond: return DateTimeOffset.FromUnixTimeMilliseconds(count);
                case TimeUnit.Microsecond: return Epoch.AddTicks(count * 10);
                default: return Epoch.AddTicks(count / 100);
            }
        }

        internal static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private static T?[] Values<TV, T>(Column column, string name, Func<TV, IList<T>> values) where TV : ColumnValues where T : struct
        {
            var plain = values(Typed<TV>(column.Values, name));
            var result = new T?[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
        }

        private static T[] Objects<TV, T>(Column column, string name, Func<TV, IList<T>> values) where TV : ColumnValues where T : class
        {
            var plain = values(Typed<TV>(column.Values, name));
            var result = new T[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
        }

        private Column Named(string name)
        {
            Column column;
            Find(name, out column);
            return column;
        }

        private Field Find(string name, out Column column)
        {
            for (int i = 0; i < Schema.Fields.Count; i++)
            {
                if (Schema.Fields[i].Name != name) continue;
                column = Columns[i];
                return Schema.Fields[i];
            }
            throw new KeyNotFoundException($"no column '{name}' in the batch (columns: {string.Join(", ", ColumnNames)})");
        }

        private static TV Typed<TV>(object value, string name) where TV : class
        {
            var typed = value as TV;
            if (typed == null) throw new InvalidOperationException($"column '{name}' is {value}, not {typeof(TV).Name}");
            return typed;
        }
    }
}

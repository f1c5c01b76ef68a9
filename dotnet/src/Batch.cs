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

        public bool?[] GetBools(string name) { return Values<ColumnValues.Bool, bool>(name, c => c.Values); }

        public int?[] GetInt32(string name) { return Values<ColumnValues.Int32, int>(name, c => c.Values); }

        public long?[] GetInt64(string name) { return Values<ColumnValues.Int64, long>(name, c => c.Values); }

        public float?[] GetFloat32(string name) { return Values<ColumnValues.Float32, float>(name, c => c.Values); }

        public double?[] GetFloat64(string name) { return Values<ColumnValues.Float64, double>(name, c => c.Values); }

        public string[] GetStrings(string name) { return Objects<ColumnValues.Utf8, string>(name, c => c.Values); }

        public byte[][] GetBinaries(string name) { return Objects<ColumnValues.Binary, byte[]>(name, c => c.Values); }

        /// <summary>Counts of the column's time unit since the Unix epoch.</summary>
        public long?[] GetTimestamps(string name) { return Values<ColumnValues.Timestamp, long>(name, c => c.Values); }

        /// <summary>Timestamps as UTC instants; nanoseconds are truncated to .NET's 100 ns ticks.</summary>
        public DateTimeOffset?[] GetDateTimes(string name)
        {
            var type = Typed<DataType.Timestamp>(Field(name).DataType, name);
            return GetTimestamps(name).Select(v => v == null ? (DateTimeOffset?)null : Instant(v.Value, type.Unit)).ToArray();
        }

        /// <summary>One float array per row (null for a null row).</summary>
        public float[][] GetVectors(string name)
        {
            Column column;
            var field = Find(name, out column);
            var values = Typed<ColumnValues.Vector>(column.Values, name).Values;
            int dim = Typed<DataType.Vector>(field.DataType, name).Dim;
            var rows = new float[RowCount][];
            for (int i = 0; i < rows.Length; i++)
            {
                if (column.Validity != null && !column.Validity[i]) continue;
                rows[i] = new float[dim];
                Array.Copy(values, i * dim, rows[i], 0, dim);
            }
            return rows;
        }

        /// <summary>Uint8 vectors as bytes, one array per row (null for a null row).</summary>
        public byte[][] GetUint8Vectors(string name)
        {
            var type = Typed<DataType.Vector>(Field(name).DataType, name);
            if (type.Element != VectorElement.UInt8) throw new InvalidOperationException($"column '{name}' is {type}, not a uint8 vector column");
            return GetVectors(name).Select(v => v == null ? null : v.Select(f => (byte)f).ToArray()).ToArray();
        }

        /// <summary>Dates (days since the epoch) as UTC midnight <see cref="DateTime"/>s.</summary>
        public DateTime?[] GetDates(string name)
        {
            return Values<ColumnValues.Date32, int>(name, c => c.Values)
                .Select(d => d == null ? (DateTime?)null : Epoch.UtcDateTime.AddDays(d.Value)).ToArray();
        }

        public decimal?[] GetDecimals(string name)
        {
            return Objects<ColumnValues.Decimal, string>(name, c => c.Values)
                .Select(d => d == null ? (decimal?)null : decimal.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        /// <summary>
        /// A column's values boxed, whatever its type: long, int, float, double, bool, string,
        /// byte[], float[] (vectors), DateTimeOffset (timestamps), DateTime (dates), decimal;
        /// null for a null value.
        /// </summary>
        public object[] GetColumn(string name)
        {
            var type = Field(name).DataType;
            if (type is DataType.Bool) return Box(GetBools(name));
            if (type is DataType.Int32) return Box(GetInt32(name));
            if (type is DataType.Int64) return Box(GetInt64(name));
            if (type is DataType.Float32) return Box(GetFloat32(name));
            if (type is DataType.Float64) return Box(GetFloat64(name));
            if (type is DataType.Utf8) return GetStrings(name);
            if (type is DataType.Binary) return GetBinaries(name);
            if (type is DataType.Vector) return GetVectors(name);
            if (type is DataType.Date32) return Box(GetDates(name));
            if (type is DataType.Decimal128) return Box(GetDecimals(name));
            if (type is DataType.Timestamp) return Box(GetDateTimes(name));
            throw new NotSupportedException($"column '{name}' is {type}: read its Column directly");
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

        private T?[] Values<TV, T>(string name, Func<TV, IList<T>> values) where TV : ColumnValues where T : struct
        {
            Column column;
            Find(name, out column);
            var plain = values(Typed<TV>(column.Values, name));
            var result = new T?[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
        }

        private T[] Objects<TV, T>(string name, Func<TV, IList<T>> values) where TV : ColumnValues where T : class
        {
            Column column;
            Find(name, out column);
            var plain = values(Typed<TV>(column.Values, name));
            var result = new T[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
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

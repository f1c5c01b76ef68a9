using System;
using System.Collections.Generic;
using System.Linq;

namespace Unilance
{
    /// <summary>
    /// Rows in columnar form, needing no Arrow library: build one with <see cref="BatchBuilder"/>,
    /// read one with the typed getters (<c>GetInt64("id")</c>); null values read as null.
    /// </summary>
    public sealed class Batch
    {
        internal readonly Ffi.Batch Native;
        private Schema _schema;

        internal Batch(Ffi.Batch native)
        {
            Native = native;
        }

        public Schema Schema { get { return _schema ?? (_schema = Schema.FromFfi(Native.Schema)); } }

        public int NumRows { get { return checked((int)Native.NumRows); } }

        public IReadOnlyList<string> ColumnNames { get { return Schema.Fields.Select(f => f.Name).ToList(); } }

        public bool?[] GetBools(string name) { return Values<Ffi.ColumnValues.Bool, bool>(name, c => c.Values); }

        public int?[] GetInt32(string name) { return Values<Ffi.ColumnValues.Int32, int>(name, c => c.Values); }

        public long?[] GetInt64(string name) { return Values<Ffi.ColumnValues.Int64, long>(name, c => c.Values); }

        public float?[] GetFloat32(string name) { return Values<Ffi.ColumnValues.Float32, float>(name, c => c.Values); }

        public double?[] GetFloat64(string name) { return Values<Ffi.ColumnValues.Float64, double>(name, c => c.Values); }

        public string[] GetStrings(string name) { return Objects<Ffi.ColumnValues.Utf8, string>(name, c => c.Values); }

        public byte[][] GetBinaries(string name) { return Objects<Ffi.ColumnValues.Binary, byte[]>(name, c => c.Values); }

        /// <summary>Counts of the column's <see cref="DataType.Unit"/> since the Unix epoch.</summary>
        public long?[] GetTimestamps(string name) { return Values<Ffi.ColumnValues.Timestamp, long>(name, c => c.Values); }

        /// <summary>Timestamps as UTC instants; nanoseconds are truncated to .NET's 100 ns ticks.</summary>
        public DateTimeOffset?[] GetDateTimes(string name)
        {
            var unit = Schema[name].DataType.Unit;
            return GetTimestamps(name).Select(v => v == null ? (DateTimeOffset?)null : Instant(v.Value, unit)).ToArray();
        }

        /// <summary>One float array per row (null for a null row).</summary>
        public float[][] GetVectors(string name)
        {
            Ffi.Column column;
            var field = Find(name, out column);
            var values = Typed<Ffi.ColumnValues.Vector>(column, field).Values;
            int dim = field.DataType.Dim;
            var rows = new float[NumRows][];
            for (int i = 0; i < rows.Length; i++)
            {
                if (column.Validity != null && !column.Validity[i]) continue;
                rows[i] = new float[dim];
                values.CopyTo(i * dim, rows[i], 0, dim);
            }
            return rows;
        }

        /// <summary>
        /// A column's values boxed, whatever its type: long, int, float, double, bool, string,
        /// byte[], float[] (vectors), DateTimeOffset (timestamps); null for a null value.
        /// </summary>
        public object[] GetColumn(string name)
        {
            switch (Schema[name].DataType.Kind)
            {
                case DataTypeKind.Bool: return Box(GetBools(name));
                case DataTypeKind.Int32: return Box(GetInt32(name));
                case DataTypeKind.Int64: return Box(GetInt64(name));
                case DataTypeKind.Float32: return Box(GetFloat32(name));
                case DataTypeKind.Float64: return Box(GetFloat64(name));
                case DataTypeKind.Utf8: return GetStrings(name);
                case DataTypeKind.Binary: return GetBinaries(name);
                case DataTypeKind.Vector: return GetVectors(name);
                default: return Box(GetDateTimes(name));
            }
        }

        /// <summary>The rows as column name → value maps (values as in <see cref="GetColumn"/>).</summary>
        public IReadOnlyList<IReadOnlyDictionary<string, object>> ToRows()
        {
            var names = ColumnNames;
            var columns = names.Select(GetColumn).ToArray();
            var rows = new List<IReadOnlyDictionary<string, object>>(NumRows);
            for (int i = 0; i < NumRows; i++)
            {
                var row = new Dictionary<string, object>(names.Count);
                for (int c = 0; c < names.Count; c++) row[names[c]] = columns[c][i];
                rows.Add(row);
            }
            return rows;
        }

        public override string ToString() { return "Batch(" + NumRows + " rows, " + Schema + ")"; }

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

        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private T?[] Values<TV, T>(string name, Func<TV, List<T>> values) where TV : Ffi.ColumnValues where T : struct
        {
            Ffi.Column column;
            var field = Find(name, out column);
            var plain = values(Typed<TV>(column, field));
            var result = new T?[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
        }

        private T[] Objects<TV, T>(string name, Func<TV, List<T>> values) where TV : Ffi.ColumnValues where T : class
        {
            Ffi.Column column;
            var field = Find(name, out column);
            var plain = values(Typed<TV>(column, field));
            var result = new T[plain.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (column.Validity == null || column.Validity[i]) result[i] = plain[i];
            }
            return result;
        }

        private Field Find(string name, out Ffi.Column column)
        {
            var field = Schema[name];
            column = Native.Columns[Schema.IndexOf(name)];
            return field;
        }

        private static TV Typed<TV>(Ffi.Column column, Field field) where TV : Ffi.ColumnValues
        {
            var typed = column.Values as TV;
            if (typed == null)
            {
                throw new InvalidOperationException("column '" + field.Name + "' is " + field.DataType + ", not " + typeof(TV).Name);
            }
            return typed;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Unilance
{
    /// <summary>
    /// Builds a <see cref="Batch"/> column by column:
    /// <c>new BatchBuilder().Int64("id", ids).Utf8("text", texts).Vectors("vector", 128, vectors).Build()</c>.
    /// A null element (in a nullable overload, a string, byte or vector array) is a null value.
    /// </summary>
    /// <remarks>
    /// Columns of different lengths are not rejected here: Rust validates every batch, whoever
    /// built it, and reports <see cref="LanceException.InvalidInput"/>.
    /// </remarks>
    public sealed class BatchBuilder
    {
        private readonly List<Field> _fields = new List<Field>();
        private readonly List<Column> _columns = new List<Column>();
        private int? _rows;

        public BatchBuilder Bool(string name, bool[] values) { return Bool(name, values.Select(v => (bool?)v).ToArray()); }
        public BatchBuilder Bool(string name, bool?[] values)
        {
            return Add(name, new DataType.Bool(), values.Length, Validity(values), new ColumnValues.Bool(Plain(values)));
        }

        public BatchBuilder Int32(string name, int[] values) { return Int32(name, values.Select(v => (int?)v).ToArray()); }
        public BatchBuilder Int32(string name, int?[] values)
        {
            return Add(name, new DataType.Int32(), values.Length, Validity(values), new ColumnValues.Int32(Plain(values)));
        }

        public BatchBuilder Int64(string name, long[] values) { return Int64(name, values.Select(v => (long?)v).ToArray()); }
        public BatchBuilder Int64(string name, long?[] values)
        {
            return Add(name, new DataType.Int64(), values.Length, Validity(values), new ColumnValues.Int64(Plain(values)));
        }

        public BatchBuilder Float32(string name, float[] values) { return Float32(name, values.Select(v => (float?)v).ToArray()); }
        public BatchBuilder Float32(string name, float?[] values)
        {
            return Add(name, new DataType.Float32(), values.Length, Validity(values), new ColumnValues.Float32(Plain(values)));
        }

        public BatchBuilder Float64(string name, double[] values) { return Float64(name, values.Select(v => (double?)v).ToArray()); }
        public BatchBuilder Float64(string name, double?[] values)
        {
            return Add(name, new DataType.Float64(), values.Length, Validity(values), new ColumnValues.Float64(Plain(values)));
        }

        public BatchBuilder Utf8(string name, string[] values)
        {
            var plain = values.Select(v => v ?? "").ToList();
            return Add(name, new DataType.Utf8(), values.Length, Validity(values), new ColumnValues.Utf8(plain));
        }

        public BatchBuilder Binary(string name, byte[][] values)
        {
            var plain = values.Select(v => v ?? new byte[0]).ToList();
            return Add(name, new DataType.Binary(), values.Length, Validity(values), new ColumnValues.Binary(plain));
        }

        /// <summary>
        /// A vector column of dimension <paramref name="dim"/>, one float array per row; stored as
        /// float32, or as <paramref name="element"/> (float16, rounded; uint8, integers 0..255).
        /// </summary>
        public BatchBuilder Vectors(string name, int dim, float[][] values, VectorElement? element = null)
        {
            var flat = new List<float>(values.Length * dim);
            foreach (var row in values)
            {
                if (row == null) flat.AddRange(new float[dim]);
                else flat.AddRange(row);
            }
            return Add(name, new DataType.Vector(dim, element), values.Length, Validity(values), new ColumnValues.Vector(flat.ToArray()));
        }

        /// <summary>Float16 vectors, given as floats (rounded to the nearest float16 when stored).</summary>
        public BatchBuilder Float16Vectors(string name, int dim, float[][] values)
        {
            return Vectors(name, dim, values, VectorElement.Float16);
        }

        /// <summary>Uint8 vectors (binary codes, for <c>DistanceType.Hamming</c>), one byte array per row.</summary>
        public BatchBuilder Uint8Vectors(string name, int dim, byte[][] values)
        {
            var floats = values.Select(row => row == null ? null : row.Select(b => (float)b).ToArray()).ToArray();
            return Vectors(name, dim, floats, VectorElement.UInt8);
        }

        /// <summary>Days since the Unix epoch, from the dates' <c>Date</c> part.</summary>
        public BatchBuilder Date32(string name, DateTime?[] values)
        {
            var days = values.Select(v => v == null ? 0 : Days(v.Value)).ToArray();
            return Add(name, new DataType.Date32(), values.Length, Validity(values), new ColumnValues.Date32(days));
        }

        internal static int Days(DateTime date) { return (int)(date.Date - Batch.Epoch.UtcDateTime).TotalDays; }

        /// <summary>Exact decimals of <paramref name="precision"/> digits, <paramref name="scale"/> after the point.</summary>
        public BatchBuilder Decimal(string name, int precision, int scale, decimal?[] values)
        {
            var text = values.Select(v => v == null ? "0" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return Add(name, new DataType.Decimal128(precision, scale), values.Length, Validity(values), new ColumnValues.Decimal(text));
        }

        /// <summary>Any column already in the batch format: lists, structs, fixed-size lists.</summary>
        public BatchBuilder Column(string name, DataType type, Column column, int rows)
        {
            if (name == null) throw new ArgumentNullException("name");
            _fields.Add(new Field(name, type, true));
            _columns.Add(column);
            if (_rows == null) _rows = rows;
            return this;
        }

        /// <summary>Sets the Arrow metadata of the column <paramref name="name"/> added before (stored with the table on create).</summary>
        public BatchBuilder Metadata(string name, IDictionary<string, string> metadata)
        {
            int at = _fields.FindIndex(f => f.Name == name);
            if (at < 0) throw new ArgumentException($"no column '{name}' added yet (columns: {string.Join(", ", _fields.Select(f => f.Name))})", "name");
            var field = _fields[at];
            _fields[at] = new Field(field.Name, field.DataType, field.Nullable, new Dictionary<string, string>(metadata));
            return this;
        }

        /// <summary>Timestamps as counts of <paramref name="unit"/> since the Unix epoch.</summary>
        public BatchBuilder Timestamp(string name, TimeUnit unit, long?[] values, string timezone = null)
        {
            return Add(name, new DataType.Timestamp(unit, timezone), values.Length, Validity(values), new ColumnValues.Timestamp(Plain(values)));
        }

        public BatchBuilder Timestamp(string name, TimeUnit unit, long[] values, string timezone = null)
        {
            return Timestamp(name, unit, values.Select(v => (long?)v).ToArray(), timezone);
        }

        /// <summary>Instants stored with microsecond precision (.NET's ticks are 100 ns).</summary>
        public BatchBuilder Timestamp(string name, DateTimeOffset?[] values, string timezone = "UTC")
        {
            var epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var micros = values.Select(v => v == null ? (long?)null : (v.Value - epoch).Ticks / 10).ToArray();
            return Timestamp(name, TimeUnit.Microsecond, micros, timezone);
        }

        /// <summary>The batch; metadata goes into its schema (and the table's, on create).</summary>
        public Batch Build(IDictionary<string, string> metadata = null)
        {
            var meta = metadata == null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata);
            return new Batch(new Schema(new List<Field>(_fields), meta), new List<Column>(_columns), _rows ?? 0);
        }

        private BatchBuilder Add(string name, DataType type, int rows, bool[] validity, ColumnValues values)
        {
            return Column(name, type, new Column(values, validity), rows);
        }

        private static T[] Plain<T>(T?[] values) where T : struct
        {
            var plain = new T[values.Length];
            for (int i = 0; i < values.Length; i++) plain[i] = values[i].GetValueOrDefault();
            return plain;
        }

        // Null when every value is present: the batch then carries no validity list at all.
        private static bool[] Validity<T>(T?[] values) where T : struct
        {
            if (values.All(v => v.HasValue)) return null;
            return values.Select(v => v.HasValue).ToArray();
        }

        private static bool[] Validity<T>(T[] values) where T : class
        {
            if (values.All(v => v != null)) return null;
            return values.Select(v => v != null).ToArray();
        }
    }
}

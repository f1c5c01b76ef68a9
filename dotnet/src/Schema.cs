using System;
using System.Collections.Generic;
using System.Linq;

namespace Unilance
{
    public enum DataTypeKind { Bool, Int32, Int64, Float32, Float64, Utf8, Binary, Vector, Timestamp }

    /// <summary>
    /// A column type every language reads and writes without Arrow. <see cref="Vector"/> is a
    /// fixed-size list of float32 (an embedding); <see cref="Timestamp"/> counts
    /// <see cref="Unit"/>s since the Unix epoch.
    /// </summary>
    public sealed class DataType : IEquatable<DataType>
    {
        private DataType(DataTypeKind kind, int dim, TimeUnit unit, string timezone)
        {
            Kind = kind;
            Dim = dim;
            Unit = unit;
            Timezone = timezone;
        }

        public DataTypeKind Kind { get; private set; }
        /// <summary>The vector length of a <see cref="DataTypeKind.Vector"/> column, else 0.</summary>
        public int Dim { get; private set; }
        public TimeUnit Unit { get; private set; }
        /// <summary>The timezone of a timestamp column, or null for a naive timestamp.</summary>
        public string Timezone { get; private set; }

        public static readonly DataType Bool = new DataType(DataTypeKind.Bool, 0, default(TimeUnit), null);
        public static readonly DataType Int32 = new DataType(DataTypeKind.Int32, 0, default(TimeUnit), null);
        public static readonly DataType Int64 = new DataType(DataTypeKind.Int64, 0, default(TimeUnit), null);
        public static readonly DataType Float32 = new DataType(DataTypeKind.Float32, 0, default(TimeUnit), null);
        public static readonly DataType Float64 = new DataType(DataTypeKind.Float64, 0, default(TimeUnit), null);
        public static readonly DataType Utf8 = new DataType(DataTypeKind.Utf8, 0, default(TimeUnit), null);
        public static readonly DataType Binary = new DataType(DataTypeKind.Binary, 0, default(TimeUnit), null);

        public static DataType Vector(int dim)
        {
            return new DataType(DataTypeKind.Vector, (int)Mapping.Count(dim, "dim"), default(TimeUnit), null);
        }

        public static DataType Timestamp(TimeUnit unit, string timezone = null)
        {
            return new DataType(DataTypeKind.Timestamp, 0, unit, timezone);
        }

        public bool Equals(DataType other)
        {
            return other != null && Kind == other.Kind && Dim == other.Dim && Unit == other.Unit && Timezone == other.Timezone;
        }

        public override bool Equals(object obj) { return Equals(obj as DataType); }

        public override int GetHashCode() { return ((int)Kind * 397) ^ Dim ^ ((int)Unit << 8) ^ (Timezone ?? "").GetHashCode(); }

        public override string ToString()
        {
            switch (Kind)
            {
                case DataTypeKind.Vector: return "Vector(" + Dim + ")";
                case DataTypeKind.Timestamp: return "Timestamp(" + Unit + (Timezone == null ? "" : ", " + Timezone) + ")";
                default: return Kind.ToString();
            }
        }

        internal Ffi.DataType ToFfi()
        {
            switch (Kind)
            {
                case DataTypeKind.Bool: return new Ffi.DataType.Bool();
                case DataTypeKind.Int32: return new Ffi.DataType.Int32();
                case DataTypeKind.Int64: return new Ffi.DataType.Int64();
                case DataTypeKind.Float32: return new Ffi.DataType.Float32();
                case DataTypeKind.Float64: return new Ffi.DataType.Float64();
                case DataTypeKind.Utf8: return new Ffi.DataType.Utf8();
                case DataTypeKind.Binary: return new Ffi.DataType.Binary();
                case DataTypeKind.Vector: return new Ffi.DataType.Vector((uint)Dim);
                default: return new Ffi.DataType.Timestamp(Mapping.ToFfi(Unit), Timezone);
            }
        }

        internal static DataType FromFfi(Ffi.DataType t)
        {
            if (t is Ffi.DataType.Bool) return Bool;
            if (t is Ffi.DataType.Int32) return Int32;
            if (t is Ffi.DataType.Int64) return Int64;
            if (t is Ffi.DataType.Float32) return Float32;
            if (t is Ffi.DataType.Float64) return Float64;
            if (t is Ffi.DataType.Utf8) return Utf8;
            if (t is Ffi.DataType.Binary) return Binary;
            var vector = t as Ffi.DataType.Vector;
            if (vector != null) return Vector((int)vector.Dim);
            var ts = (Ffi.DataType.Timestamp)t;
            return Timestamp(Mapping.FromFfi(ts.Unit), ts.Timezone);
        }
    }

    public sealed class Field : IEquatable<Field>
    {
        public Field(string name, DataType dataType, bool nullable = true)
        {
            if (name == null) throw new ArgumentNullException("name");
            if (dataType == null) throw new ArgumentNullException("dataType");
            Name = name;
            DataType = dataType;
            Nullable = nullable;
        }

        public string Name { get; private set; }
        public DataType DataType { get; private set; }
        public bool Nullable { get; private set; }

        public bool Equals(Field other)
        {
            return other != null && Name == other.Name && DataType.Equals(other.DataType) && Nullable == other.Nullable;
        }

        public override bool Equals(object obj) { return Equals(obj as Field); }

        public override int GetHashCode() { return Name.GetHashCode() ^ DataType.GetHashCode(); }

        public override string ToString() { return Name + ": " + DataType + (Nullable ? "?" : ""); }

        internal Ffi.Field ToFfi() { return new Ffi.Field(Name, DataType.ToFfi(), Nullable); }

        internal static Field FromFfi(Ffi.Field f) { return new Field(f.Name, DataType.FromFfi(f.DataType), f.Nullable); }
    }

    public sealed class Schema
    {
        public Schema(IEnumerable<Field> fields, IDictionary<string, string> metadata = null)
        {
            Fields = fields.ToList().AsReadOnly();
            Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        }

        public IReadOnlyList<Field> Fields { get; private set; }
        public IReadOnlyDictionary<string, string> Metadata { get; private set; }

        /// <summary>The field called <paramref name="name"/>.</summary>
        /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
        public Field this[string name]
        {
            get
            {
                int i = IndexOf(name);
                if (i < 0) throw new KeyNotFoundException("no column '" + name + "' (columns: " + string.Join(", ", Fields.Select(f => f.Name)) + ")");
                return Fields[i];
            }
        }

        public int IndexOf(string name)
        {
            for (int i = 0; i < Fields.Count; i++)
            {
                if (Fields[i].Name == name) return i;
            }
            return -1;
        }

        public override string ToString() { return "Schema(" + string.Join(", ", Fields) + ")"; }

        internal Ffi.Schema ToFfi()
        {
            return new Ffi.Schema(Fields.Select(f => f.ToFfi()).ToList(), Metadata.ToDictionary(kv => kv.Key, kv => kv.Value));
        }

        internal static Schema FromFfi(Ffi.Schema s)
        {
            return new Schema(s.Fields.Select(Field.FromFfi), s.Metadata);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Unilance
{
    /// <summary>
    /// The column type rows imply when no schema is given (<c>CreateTableAsync(rows)</c>): from a
    /// property's declared type, else from the first non-null value. Scalars: long/int/short/byte,
    /// float, double, decimal, bool, string, byte[], DateTimeOffset/DateTime (UTC microseconds);
    /// <c>float[]</c> is a vector; any other IEnumerable but a string or
    /// <c>byte[]</c> is a list, its item type inferred the same way from its items (<c>string[]</c>
    /// → <c>list&lt;utf8&gt;</c>, <c>List&lt;long&gt;</c> → <c>list&lt;int64&gt;</c>); a dictionary
    /// (string keys, the union over the rows) or an object of a class with public properties (the
    /// caller's, not .NET's own such as Uri) is a struct, each field inferred from its values.
    /// Every inferred field is nullable.
    /// </summary>
    public static partial class Rows
    {
        /// <summary>The column type of <paramref name="values"/>, declared as <paramref name="declared"/> (null or object if unknown).</summary>
        private static DataType Infer(string path, Type declared, IList<object> values)
        {
            var first = values.FirstOrDefault(v => v != null);
            var type = declared == null || declared == typeof(object) ? (first == null ? null : first.GetType()) : declared;
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
                var vector = values.OfType<float[]>().FirstOrDefault();
                if (vector == null) throw new ArgumentException($"column '{path}': a vector column needs one non-null vector to take its dimension from");
                return new DataType.Vector(vector.Length);
            }
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return new DataType.Timestamp(TimeUnit.Microsecond, "UTC");
            if (IsMap(type)) return MapStruct(path, values);
            if (typeof(IEnumerable).IsAssignableFrom(type))
            {
                var items = values.Where(v => v != null).SelectMany(v => ((IEnumerable)v).Cast<object>()).ToList();
                return new DataType.ListOf(new Field("item", Infer($"{path}[]", ElementType(type), items), true));
            }
            if (!type.IsValueType && IsRecord(type))
            {
                var fields = Properties(type).Select(p => new Field(p.Name,
                    Infer($"{path}.{p.Name}", p.PropertyType, values.Select(v => v == null ? null : p.GetValue(v)).ToList()), true));
                return new DataType.Struct(fields.ToList());
            }
            throw new ArgumentException($"column '{path}': cannot infer a column type from {type.Name}; give a schema or use BatchBuilder");
        }

        /// <summary>A struct of the keys of dictionary values, in the order they first appear.</summary>
        private static DataType MapStruct(string path, IList<object> values)
        {
            var maps = values.Select(v => v == null ? null : Members(v).ToDictionary(m => m.Key, m => m.Value)).ToList();
            var names = maps.Where(m => m != null).SelectMany(m => m.Keys).Distinct().ToList();
            var fields = names.Select(name => new Field(name,
                Infer($"{path}.{name}", null, maps.Select(m => m != null && m.ContainsKey(name) ? m[name] : null).ToList()), true));
            return new DataType.Struct(fields.ToList());
        }

        private static int Scale(decimal d) { return (decimal.GetBits(d)[3] >> 16) & 0xFF; }

        private static bool IsMap(Type type)
        {
            return typeof(IDictionary<string, object>).IsAssignableFrom(type)
                || typeof(IReadOnlyDictionary<string, object>).IsAssignableFrom(type)
                || typeof(IDictionary).IsAssignableFrom(type);
        }

        /// <summary>
        /// A type whose public properties make a struct: not a scalar, not a collection, and not
        /// one of .NET's own (a Uri or a TimeSpan has properties, but is a value, not a record).
        /// </summary>
        private static bool IsRecord(Type type)
        {
            return !type.IsPrimitive && !type.IsEnum && !typeof(IEnumerable).IsAssignableFrom(type)
                && !(type.Namespace ?? "").StartsWith("System", StringComparison.Ordinal)
                && Properties(type).Length > 0;
        }

        /// <summary>The item type a collection type declares (<c>T</c> of <c>T[]</c> or <c>IEnumerable&lt;T&gt;</c>), or null.</summary>
        private static Type ElementType(Type type)
        {
            if (type.IsArray) return type.GetElementType();
            var generic = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return generic == null ? null : generic.GetGenericArguments()[0];
        }
    }
}

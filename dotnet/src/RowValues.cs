using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Unilance
{
    /// <summary>
    /// Row values of one column type into a <see cref="Column"/>, in the shape
    /// <see cref="Batch.GetColumn"/> reads back: a list column holds offsets and one items
    /// column, a fixed-size list <c>size</c> items per row, a struct one column per field, each
    /// with its own validity. One recursive function serves every depth, so a list of structs
    /// holding lists converts item by item with the same rules as a top-level value.
    /// </summary>
    public static partial class Rows
    {
        /// <summary>
        /// The values of one column at any depth (a struct's field, a list's items): each value's
        /// top-level row, for errors, and whether a null parent stands over it (a null struct's
        /// fields, a null fixed-size list's items), where a field that is not nullable holds a
        /// placeholder instead of a null.
        /// </summary>
        private sealed class Slots
        {
            public readonly string Path;
            public readonly List<object> Values = new List<object>();
            public readonly List<int> Rows = new List<int>();
            public readonly List<bool> UnderNull = new List<bool>();

            public Slots(string path) { Path = path; }

            public void Add(object value, int row, bool underNull)
            {
                Values.Add(value);
                Rows.Add(row);
                UnderNull.Add(underNull);
            }

            public ArgumentException Error(int i, string what, Exception inner = null)
            {
                return new ArgumentException($"column '{Path}' row {Rows[i]}: {what}", inner);
            }
        }

        private static Column ColumnOf(Slots slots, DataType type, bool nullable)
        {
            return new Column(ValuesOf(slots, type), Validity(slots, nullable));
        }

        private static ColumnValues ValuesOf(Slots slots, DataType type)
        {
            var inv = CultureInfo.InvariantCulture;
            if (type is DataType.Int64) return new ColumnValues.Int64(Each(slots, type, 0L, v => Convert.ToInt64(v, inv)));
            if (type is DataType.Int32) return new ColumnValues.Int32(Each(slots, type, 0, v => Convert.ToInt32(v, inv)));
            if (type is DataType.Float32) return new ColumnValues.Float32(Each(slots, type, 0f, v => Convert.ToSingle(v, inv)));
            if (type is DataType.Float64) return new ColumnValues.Float64(Each(slots, type, 0d, v => Convert.ToDouble(v, inv)));
            if (type is DataType.Bool) return new ColumnValues.Bool(Each(slots, type, false, v => Convert.ToBoolean(v, inv)));
            if (type is DataType.Utf8) return new ColumnValues.Utf8(Each(slots, type, "", v => Convert.ToString(v, inv)).ToList());
            if (type is DataType.Binary) return new ColumnValues.Binary(Each(slots, type, new byte[0], v => (byte[])v).ToList());
            var vector = type as DataType.Vector;
            if (vector != null)
            {
                var rows = Each(slots, type, new float[vector.Dim], FloatVector);
                for (int i = 0; i < rows.Length; i++) Sized(slots, i, rows[i].Length, vector.Dim);
                return new ColumnValues.Vector(rows.SelectMany(r => r).ToArray());
            }
            var timestamp = type as DataType.Timestamp;
            if (timestamp != null) return new ColumnValues.Timestamp(Each(slots, type, 0L, v => TimestampCount(v, timestamp.Unit)));
            if (type is DataType.Date32) return new ColumnValues.Date32(Each(slots, type, 0, v => BatchBuilder.Days(DateOf(v))));
            if (type is DataType.Decimal128) return new ColumnValues.Decimal(Each(slots, type, "0", v => Convert.ToDecimal(v, inv).ToString(inv)).ToList());
            var list = type as DataType.ListOf;
            if (list != null) return ListOf(slots, list);
            var fixedList = type as DataType.FixedListOf;
            if (fixedList != null) return FixedListOf(slots, fixedList);
            var structType = type as DataType.Struct;
            if (structType != null) return Struct(slots, structType);
            throw new ArgumentException($"column '{slots.Path}' is {TypeName(type)}, which rows cannot hold: build it with BatchBuilder.Column");
        }

        /// <summary>Each value converted, <paramref name="blank"/> for a null; a value that does not convert names its column and row.</summary>
        private static T[] Each<T>(Slots slots, DataType type, T blank, Func<object, T> convert)
        {
            var result = new T[slots.Values.Count];
            for (int i = 0; i < result.Length; i++)
            {
                var value = slots.Values[i];
                if (value == null) { result[i] = blank; continue; }
                try
                {
                    result[i] = convert(value);
                }
                catch (Exception e) when (e is InvalidCastException || e is FormatException || e is OverflowException)
                {
                    throw slots.Error(i, $"{value.GetType().Name} '{value}' does not convert to {TypeName(type)}: {e.Message}", e);
                }
            }
            return result;
        }

        /// <summary>Null where a value is null (or no validity when none is); a placeholder under a null parent if the field is not nullable.</summary>
        private static bool[] Validity(Slots slots, bool nullable)
        {
            var validity = new bool[slots.Values.Count];
            bool all = true;
            for (int i = 0; i < validity.Length; i++)
            {
                bool present = slots.Values[i] != null;
                if (!present && !nullable)
                {
                    if (!slots.UnderNull[i]) throw slots.Error(i, "null, but the field is not nullable");
                    present = true;
                }
                validity[i] = present;
                all &= present;
            }
            return all ? null : validity;
        }

        /// <summary>Row i's items are <c>offsets[i]..offsets[i+1]</c> of one items column; a null row holds none.</summary>
        private static ColumnValues ListOf(Slots slots, DataType.ListOf type)
        {
            var items = new Slots($"{slots.Path}[]");
            var offsets = new int[slots.Values.Count + 1];
            for (int i = 0; i < slots.Values.Count; i++)
            {
                if (slots.Values[i] != null) foreach (var item in Items(slots, i)) items.Add(item, slots.Rows[i], false);
                offsets[i + 1] = items.Values.Count;
            }
            return new ColumnValues.ListOf(offsets, ColumnOf(items, type.Item.DataType, type.Item.Nullable));
        }

        /// <summary>Exactly <c>size</c> items per row; a null row holds <c>size</c> placeholders.</summary>
        private static ColumnValues FixedListOf(Slots slots, DataType.FixedListOf type)
        {
            var items = new Slots($"{slots.Path}[]");
            for (int i = 0; i < slots.Values.Count; i++)
            {
                var row = slots.Values[i] == null ? Enumerable.Repeat<object>(null, type.Size).ToList() : Items(slots, i).Cast<object>().ToList();
                Sized(slots, i, row.Count, type.Size);
                foreach (var item in row) items.Add(item, slots.Rows[i], slots.Values[i] == null);
            }
            return new ColumnValues.FixedListOf(ColumnOf(items, type.Item.DataType, type.Item.Nullable));
        }

        /// <summary>One column per field, from a dictionary's keys or an object's properties (matched ignoring case); a missing one is null.</summary>
        private static ColumnValues Struct(Slots slots, DataType.Struct type)
        {
            var fields = type.Fields;
            var children = fields.Select(f => new Slots($"{slots.Path}.{f.Name}")).ToList();
            for (int i = 0; i < slots.Values.Count; i++)
            {
                var value = slots.Values[i];
                var found = new object[fields.Count];
                if (value != null)
                {
                    var members = Members(value);
                    if (members == null) throw slots.Error(i, $"{value.GetType().Name} is not a struct (a dictionary or an object with properties)");
                    foreach (var member in members)
                    {
                        int at = Match(member.Key, fields);
                        if (at < 0) throw slots.Error(i, $"the struct has no field '{member.Key}' (fields: {string.Join(", ", fields.Select(f => f.Name))})");
                        found[at] = member.Value;
                    }
                }
                for (int k = 0; k < fields.Count; k++) children[k].Add(found[k], slots.Rows[i], value == null);
            }
            return new ColumnValues.Struct(children.Select((c, k) => ColumnOf(c, fields[k].DataType, fields[k].Nullable)).ToList());
        }

        /// <summary>A value as a list: any IEnumerable but a string or a dictionary.</summary>
        private static IEnumerable Items(Slots slots, int i)
        {
            var value = slots.Values[i];
            var items = value as IEnumerable;
            if (items == null || value is string || IsMap(value.GetType())) throw slots.Error(i, $"{value.GetType().Name} is not a list (an array or another IEnumerable)");
            return items;
        }

        private static void Sized(Slots slots, int i, int count, int size)
        {
            if (count != size) throw slots.Error(i, $"{count} items where the fixed-size list holds {size}");
        }

        /// <summary>A struct value's named members: a dictionary's entries or an object's properties; null if it is neither.</summary>
        private static IEnumerable<KeyValuePair<string, object>> Members(object value)
        {
            var dictionary = value as IDictionary<string, object>;
            if (dictionary != null) return dictionary;
            var readOnly = value as IReadOnlyDictionary<string, object>;
            if (readOnly != null) return readOnly;
            var map = value as IDictionary;
            if (map != null) return map.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>(Convert.ToString(e.Key, CultureInfo.InvariantCulture), e.Value));
            if (!IsRecord(value.GetType())) return null;
            return Properties(value.GetType()).Select(p => new KeyValuePair<string, object>(p.Name, p.GetValue(value)));
        }

        /// <summary>A column type as Arrow spells it (<c>list&lt;int64&gt;</c>), for errors.</summary>
        private static string TypeName(DataType type)
        {
            var list = type as DataType.ListOf;
            if (list != null) return $"list<{TypeName(list.Item.DataType)}>";
            var fixedList = type as DataType.FixedListOf;
            if (fixedList != null) return $"fixed_size_list<{TypeName(fixedList.Item.DataType)}, {fixedList.Size}>";
            var structType = type as DataType.Struct;
            if (structType != null) return $"struct<{string.Join(", ", structType.Fields.Select(f => $"{f.Name}: {TypeName(f.DataType)}"))}>";
            var vector = type as DataType.Vector;
            if (vector != null) return $"vector({vector.Dim})";
            return type.GetType().Name.ToLowerInvariant();
        }

        private static float[] FloatVector(object value)
        {
            var floats = value as float[];
            if (floats != null) return floats;
            var bytes = value as byte[];
            if (bytes != null) return bytes.Select(b => (float)b).ToArray();
            var items = value as IEnumerable;
            if (items != null && !(value is string)) return items.Cast<object>().Select(v => Convert.ToSingle(v, CultureInfo.InvariantCulture)).ToArray();
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
}

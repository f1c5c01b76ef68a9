using System;
using System.Collections.Generic;

namespace Unilance
{
    /// <summary>What <c>CreateTableAsync</c> does when the table already exists.</summary>
    public enum CreateMode
    {
        /// <summary>Fail with <see cref="LanceException.TableAlreadyExists"/>.</summary>
        Create,
        /// <summary>Replace the existing table.</summary>
        Overwrite,
        /// <summary>Open the existing table and ignore the data.</summary>
        ExistOk,
    }

    public enum AddMode
    {
        Append,
        /// <summary>Replace every row; the table keeps its name and history.</summary>
        Overwrite,
    }

    public enum DistanceType { L2, Cosine, Dot, Hamming }

    public enum TimeUnit { Second, Millisecond, Microsecond, Nanosecond }

    /// <summary>Options of <see cref="LanceDb.ConnectAsync"/>.</summary>
    public sealed class ConnectOptions
    {
        /// <summary>Object-store settings passed to Lance (credentials, endpoints, ...).</summary>
        public IDictionary<string, string> StorageOptions { get; set; }

        /// <summary>
        /// How stale a table's view may get before a read looks for versions written by other
        /// processes: null never checks (fastest), zero checks on every read.
        /// </summary>
        public TimeSpan? ReadConsistencyInterval { get; set; }

        internal Ffi.ConnectOptions ToFfi()
        {
            var storage = StorageOptions == null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>(StorageOptions);
            return new Ffi.ConnectOptions(storage, ReadConsistencyInterval);
        }
    }

    public sealed class DeleteResult
    {
        internal DeleteResult(Ffi.DeleteResult r) { RowsDeleted = (long)r.RowsDeleted; Version = (long)r.Version; }
        public long RowsDeleted { get; private set; }
        /// <summary>The table's version after the delete.</summary>
        public long Version { get; private set; }
        public override string ToString() { return "DeleteResult(rowsDeleted=" + RowsDeleted + ", version=" + Version + ")"; }
    }

    public sealed class UpdateResult
    {
        internal UpdateResult(Ffi.UpdateResult r) { RowsUpdated = (long)r.RowsUpdated; Version = (long)r.Version; }
        public long RowsUpdated { get; private set; }
        /// <summary>The table's version after the update.</summary>
        public long Version { get; private set; }
        public override string ToString() { return "UpdateResult(rowsUpdated=" + RowsUpdated + ", version=" + Version + ")"; }
    }

    public sealed class IndexInfo
    {
        internal IndexInfo(Ffi.IndexInfo i) { Name = i.Name; IndexType = i.IndexType; Columns = i.Columns.AsReadOnly(); }
        public string Name { get; private set; }
        /// <summary>LanceDB's name for the kind, e.g. <c>IVF_PQ</c>, <c>BTREE</c>.</summary>
        public string IndexType { get; private set; }
        public IReadOnlyList<string> Columns { get; private set; }
        public override string ToString() { return Name + " " + IndexType + " (" + string.Join(", ", Columns) + ")"; }
    }

    /// <summary>The kind of index <c>CreateIndexAsync</c> builds. A null parameter leaves it to LanceDB.</summary>
    public sealed class IndexConfig
    {
        internal readonly Ffi.IndexConfig Native;

        private IndexConfig(Ffi.IndexConfig native) { Native = native; }

        /// <summary>LanceDB picks: IVF_PQ for vectors, BTree for scalars.</summary>
        public static IndexConfig Auto() { return new IndexConfig(new Ffi.IndexConfig.Auto()); }

        public static IndexConfig IvfPq(DistanceType distanceType = DistanceType.L2, int? numPartitions = null, int? numSubVectors = null)
        {
            return new IndexConfig(new Ffi.IndexConfig.IvfPq(Mapping.ToFfi(distanceType), Mapping.Count(numPartitions), Mapping.Count(numSubVectors)));
        }

        public static IndexConfig IvfFlat(DistanceType distanceType = DistanceType.L2, int? numPartitions = null)
        {
            return new IndexConfig(new Ffi.IndexConfig.IvfFlat(Mapping.ToFfi(distanceType), Mapping.Count(numPartitions)));
        }

        public static IndexConfig IvfHnswSq(DistanceType distanceType = DistanceType.L2, int? numPartitions = null)
        {
            return new IndexConfig(new Ffi.IndexConfig.IvfHnswSq(Mapping.ToFfi(distanceType), Mapping.Count(numPartitions)));
        }

        public static IndexConfig BTree() { return new IndexConfig(new Ffi.IndexConfig.BTree()); }

        public static IndexConfig Bitmap() { return new IndexConfig(new Ffi.IndexConfig.Bitmap()); }

        public static IndexConfig LabelList() { return new IndexConfig(new Ffi.IndexConfig.LabelList()); }

        /// <summary>Full-text search over a string column.</summary>
        public static IndexConfig Fts() { return new IndexConfig(new Ffi.IndexConfig.Fts()); }
    }

    /// <summary>Conversions between the package's types and the generated ones.</summary>
    internal static class Mapping
    {
        // The package's enums list their members in the generated order, so a cast is exact.
        internal static Ffi.DistanceType ToFfi(DistanceType d) { return (Ffi.DistanceType)(int)d; }
        internal static Ffi.CreateMode ToFfi(CreateMode m) { return (Ffi.CreateMode)(int)m; }
        internal static Ffi.AddMode ToFfi(AddMode m) { return (Ffi.AddMode)(int)m; }
        internal static Ffi.TimeUnit ToFfi(TimeUnit u) { return (Ffi.TimeUnit)(int)u; }
        internal static TimeUnit FromFfi(Ffi.TimeUnit u) { return (TimeUnit)(int)u; }

        internal static uint? Count(int? n)
        {
            if (n == null) return null;
            return Count(n.Value, "count");
        }

        internal static uint Count(int n, string what)
        {
            if (n < 0) throw new ArgumentOutOfRangeException(what, n, what + " must not be negative");
            return (uint)n;
        }
    }
}

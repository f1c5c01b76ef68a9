    // ---- converters of the built-in types --------------------------------------------------

    // Numbers cross the FFI as themselves; inside RustBuffers they are big-endian.

    internal static class FfiConverterUInt8
    {
        public static byte Lift(byte v) { return v; }
        public static byte Lower(byte v) { return v; }
        public static byte Read(UniffiReader r) { return r.ReadU8(); }
        public static void Write(byte v, UniffiWriter w) { w.WriteU8(v); }
        public static readonly global::System.Func<byte, byte> LiftFunc = Lift;
    }

    internal static class FfiConverterInt8
    {
        public static sbyte Lift(sbyte v) { return v; }
        public static sbyte Lower(sbyte v) { return v; }
        public static sbyte Read(UniffiReader r) { return r.ReadI8(); }
        public static void Write(sbyte v, UniffiWriter w) { w.WriteI8(v); }
        public static readonly global::System.Func<sbyte, sbyte> LiftFunc = Lift;
    }

    internal static class FfiConverterUInt16
    {
        public static ushort Lift(ushort v) { return v; }
        public static ushort Lower(ushort v) { return v; }
        public static ushort Read(UniffiReader r) { return r.ReadU16(); }
        public static void Write(ushort v, UniffiWriter w) { w.WriteU16(v); }
        public static readonly global::System.Func<ushort, ushort> LiftFunc = Lift;
    }

    internal static class FfiConverterInt16
    {
        public static short Lift(short v) { return v; }
        public static short Lower(short v) { return v; }
        public static short Read(UniffiReader r) { return r.ReadI16(); }
        public static void Write(short v, UniffiWriter w) { w.WriteI16(v); }
        public static readonly global::System.Func<short, short> LiftFunc = Lift;
    }

    internal static class FfiConverterUInt32
    {
        public static uint Lift(uint v) { return v; }
        public static uint Lower(uint v) { return v; }
        public static uint Read(UniffiReader r) { return r.ReadU32(); }
        public static void Write(uint v, UniffiWriter w) { w.WriteU32(v); }
        public static readonly global::System.Func<uint, uint> LiftFunc = Lift;
    }

    internal static class FfiConverterInt32
    {
        public static int Lift(int v) { return v; }
        public static int Lower(int v) { return v; }
        public static int Read(UniffiReader r) { return r.ReadI32(); }
        public static void Write(int v, UniffiWriter w) { w.WriteI32(v); }
        public static readonly global::System.Func<int, int> LiftFunc = Lift;
    }

    internal static class FfiConverterUInt64
    {
        public static ulong Lift(ulong v) { return v; }
        public static ulong Lower(ulong v) { return v; }
        public static ulong Read(UniffiReader r) { return r.ReadU64(); }
        public static void Write(ulong v, UniffiWriter w) { w.WriteU64(v); }
        public static readonly global::System.Func<ulong, ulong> LiftFunc = Lift;
    }

    internal static class FfiConverterInt64
    {
        public static long Lift(long v) { return v; }
        public static long Lower(long v) { return v; }
        public static long Read(UniffiReader r) { return r.ReadI64(); }
        public static void Write(long v, UniffiWriter w) { w.WriteI64(v); }
        public static readonly global::System.Func<long, long> LiftFunc = Lift;
    }

    internal static class FfiConverterFloat32
    {
        public static float Lift(float v) { return v; }
        public static float Lower(float v) { return v; }
        public static float Read(UniffiReader r) { return r.ReadF32(); }
        public static void Write(float v, UniffiWriter w) { w.WriteF32(v); }
        public static readonly global::System.Func<float, float> LiftFunc = Lift;
    }

    internal static class FfiConverterFloat64
    {
        public static double Lift(double v) { return v; }
        public static double Lower(double v) { return v; }
        public static double Read(UniffiReader r) { return r.ReadF64(); }
        public static void Write(double v, UniffiWriter w) { w.WriteF64(v); }
        public static readonly global::System.Func<double, double> LiftFunc = Lift;
    }

    internal static class FfiConverterBoolean
    {
        public static bool Lift(sbyte v) { return v != 0; }
        public static sbyte Lower(bool v) { return v ? (sbyte)1 : (sbyte)0; }
        public static bool Read(UniffiReader r) { return r.ReadI8() != 0; }
        public static void Write(bool v, UniffiWriter w) { w.WriteI8(Lower(v)); }
        public static readonly global::System.Func<sbyte, bool> LiftFunc = Lift;
    }

    // Top-level strings travel as raw UTF-8 in the buffer; nested ones carry an i32 length.
    internal static class FfiConverterString
    {
        public static string Lift(RustBuffer rb)
        {
            try
            {
                var bytes = new byte[checked((int)rb.len)];
                if (bytes.Length > 0) global::System.Runtime.InteropServices.Marshal.Copy(rb.data, bytes, 0, bytes.Length);
                return global::System.Text.Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            }
            finally
            {
                RustBuffer.Free(rb);
            }
        }

        public static RustBuffer Lower(string v)
        {
            if (v == null) throw new global::System.ArgumentNullException("value", "null passed where Rust expects a String");
            var bytes = global::System.Text.Encoding.UTF8.GetBytes(v);
            var rb = RustBuffer.Alloc(bytes.Length);
            if (bytes.Length > 0) global::System.Runtime.InteropServices.Marshal.Copy(bytes, 0, rb.data, bytes.Length);
            rb.len = (ulong)bytes.Length;
            return rb;
        }

        public static string Read(UniffiReader r) { return r.ReadUtf8(r.ReadI32()); }

        public static void Write(string v, UniffiWriter w)
        {
            if (v == null) throw new global::System.ArgumentNullException("value", "null passed where Rust expects a String");
            var bytes = global::System.Text.Encoding.UTF8.GetBytes(v);
            w.WriteI32(bytes.Length);
            w.WriteBytes(bytes);
        }

        public static readonly global::System.Func<RustBuffer, string> LiftFunc = Lift;
    }

    internal static class FfiConverterBytes
    {
        public static byte[] Read(UniffiReader r) { return r.ReadBytes(r.ReadI32()); }

        public static void Write(byte[] v, UniffiWriter w)
        {
            if (v == null) throw new global::System.ArgumentNullException("value", "null passed where Rust expects bytes");
            w.WriteI32(v.Length);
            w.WriteBytes(v);
        }
{{ r.rb_lift_lower("byte[]") }}
    }

    // SystemTime: signed seconds from the Unix epoch plus nanoseconds of the absolute offset.
    // DateTime keeps 100 ns ticks, so sub-tick nanoseconds are truncated.
    internal static class FfiConverterTimestamp
    {
        private static readonly global::System.DateTime Epoch = new global::System.DateTime(1970, 1, 1, 0, 0, 0, global::System.DateTimeKind.Utc);

        public static global::System.DateTime Read(UniffiReader r)
        {
            long seconds = r.ReadI64();
            uint nanos = r.ReadU32();
            long ticks = seconds * global::System.TimeSpan.TicksPerSecond;
            long nanoTicks = nanos / 100;
            return Epoch.AddTicks(seconds >= 0 ? ticks + nanoTicks : ticks - nanoTicks);
        }

        public static void Write(global::System.DateTime v, UniffiWriter w)
        {
            long ticks = (v.ToUniversalTime() - Epoch).Ticks;
            long sign = ticks < 0 ? -1 : 1;
            long abs = ticks < 0 ? -ticks : ticks;
            w.WriteI64(sign * (abs / global::System.TimeSpan.TicksPerSecond));
            w.WriteU32((uint)(abs % global::System.TimeSpan.TicksPerSecond * 100));
        }
{{ r.rb_lift_lower("DateTime") }}
    }

    // Duration: u64 seconds plus u32 nanoseconds; Rust has no negative durations.
    internal static class FfiConverterDuration
    {
        public static global::System.TimeSpan Read(UniffiReader r)
        {
            ulong seconds = r.ReadU64();
            uint nanos = r.ReadU32();
            return global::System.TimeSpan.FromTicks(checked((long)seconds * global::System.TimeSpan.TicksPerSecond + nanos / 100));
        }

        public static void Write(global::System.TimeSpan v, UniffiWriter w)
        {
            if (v.Ticks < 0) throw new global::System.ArgumentOutOfRangeException("value", "Rust durations cannot be negative");
            w.WriteU64((ulong)(v.Ticks / global::System.TimeSpan.TicksPerSecond));
            w.WriteU32((uint)(v.Ticks % global::System.TimeSpan.TicksPerSecond * 100));
        }
{{ r.rb_lift_lower("TimeSpan") }}
    }

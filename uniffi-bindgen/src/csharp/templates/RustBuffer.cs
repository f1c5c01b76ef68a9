    // ---- FFI buffers and call status ------------------------------------------------------

    /// <summary>A byte buffer owned by Rust; layout of uniffi_core's RustBuffer.</summary>
    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct RustBuffer
    {
        public ulong capacity;
        public ulong len;
        public global::System.IntPtr data;

        internal static RustBuffer Alloc(int size)
        {
            var status = new UniffiRustCallStatus();
            var buffer = UniffiLib.{{ ci.ffi_rustbuffer_alloc().name() }}((ulong)size, ref status);
            UniffiHelpers.CheckStatus(ref status, null);
            return buffer;
        }

        internal static void Free(RustBuffer buffer)
        {
            var status = new UniffiRustCallStatus();
            UniffiLib.{{ ci.ffi_rustbuffer_free().name() }}(buffer, ref status);
            UniffiHelpers.CheckStatus(ref status, null);
        }
    }

    /// <summary>Bytes owned by C#, borrowed by Rust for the duration of one call.</summary>
    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct ForeignBytes
    {
        public int len;
        public global::System.IntPtr data;
    }

    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct UniffiRustCallStatus
    {
        public sbyte code;
        public RustBuffer errorBuf;
    }

    /// <summary>Base class of every exception the generated bindings throw.</summary>
    public abstract class UniffiException : global::System.Exception
    {
        protected UniffiException() { }
        protected UniffiException(string message) : base(message) { }
        protected UniffiException(string message, global::System.Exception inner) : base(message, inner) { }
    }

    /// <summary>A Rust panic or another failure outside the declared error types.</summary>
    public class InternalException : UniffiException
    {
        public InternalException(string message) : base(message) { }
    }

    /// <summary>The native library does not match these bindings.</summary>
    public class UniffiContractException : UniffiException
    {
        public UniffiContractException(string message) : base(message) { }
    }

    /// <summary>
    /// Big-endian serialisation into a managed array; copied into a RustBuffer in one step.
    /// </summary>
    internal sealed class UniffiWriter
    {
        private byte[] _buf = new byte[64];
        private int _pos;

        private void Reserve(int n)
        {
            if (_pos + n <= _buf.Length) return;
            int size = global::System.Math.Max(_buf.Length * 2, _pos + n);
            global::System.Array.Resize(ref _buf, size);
        }

        public void WriteU8(byte v) { Reserve(1); _buf[_pos++] = v; }
        public void WriteI8(sbyte v) { WriteU8((byte)v); }
        public void WriteU16(ushort v) { Reserve(2); _buf[_pos++] = (byte)(v >> 8); _buf[_pos++] = (byte)v; }
        public void WriteI16(short v) { WriteU16((ushort)v); }
        public void WriteU32(uint v)
        {
            Reserve(4);
            _buf[_pos++] = (byte)(v >> 24); _buf[_pos++] = (byte)(v >> 16);
            _buf[_pos++] = (byte)(v >> 8); _buf[_pos++] = (byte)v;
        }
        public void WriteI32(int v) { WriteU32((uint)v); }
        public void WriteU64(ulong v) { WriteU32((uint)(v >> 32)); WriteU32((uint)v); }
        public void WriteI64(long v) { WriteU64((ulong)v); }
        public void WriteF32(float v) { var bits = new UniffiFloatBits(); bits.F = v; WriteI32(bits.I); }
        public void WriteF64(double v) { WriteI64(global::System.BitConverter.DoubleToInt64Bits(v)); }
        public void WriteBytes(byte[] v) { WriteRaw(v, v.Length); }
        public void WriteRaw(byte[] v, int count) { Reserve(count); global::System.Buffer.BlockCopy(v, 0, _buf, _pos, count); _pos += count; }

        // For the bindings of another crate of the library, which has its own writer class.
        internal byte[] UniffiBytes { get { return _buf; } }
        internal int UniffiLength { get { return _pos; } }

        public RustBuffer ToRustBuffer()
        {
            var rb = RustBuffer.Alloc(_pos);
            if (_pos > 0) global::System.Runtime.InteropServices.Marshal.Copy(_buf, 0, rb.data, _pos);
            rb.len = (ulong)_pos;
            return rb;
        }
    }

    /// <summary>Reads a RustBuffer's bytes (copied once) big-endian.</summary>
    internal sealed class UniffiReader
    {
        private readonly byte[] _buf;
        private int _pos;

        public UniffiReader(RustBuffer rb)
        {
            _buf = new byte[checked((int)rb.len)];
            if (_buf.Length > 0) global::System.Runtime.InteropServices.Marshal.Copy(rb.data, _buf, 0, _buf.Length);
        }

        // For the bindings of another crate of the library, which has its own reader class:
        // it reads on from where this one is.
        internal UniffiReader(byte[] buf, int pos)
        {
            _buf = buf;
            _pos = pos;
        }

        internal byte[] UniffiBytes { get { return _buf; } }
        internal int UniffiPosition { get { return _pos; } set { _pos = value; } }

        private int Take(int n)
        {
            if (_pos + n > _buf.Length) throw new InternalException("RustBuffer underflow: the bindings and the library disagree");
            int at = _pos;
            _pos += n;
            return at;
        }

        public byte ReadU8() { return _buf[Take(1)]; }
        public sbyte ReadI8() { return (sbyte)ReadU8(); }
        public ushort ReadU16() { int i = Take(2); return (ushort)((_buf[i] << 8) | _buf[i + 1]); }
        public short ReadI16() { return (short)ReadU16(); }
        public uint ReadU32()
        {
            int i = Take(4);
            return ((uint)_buf[i] << 24) | ((uint)_buf[i + 1] << 16) | ((uint)_buf[i + 2] << 8) | _buf[i + 3];
        }
        public int ReadI32() { return (int)ReadU32(); }
        public ulong ReadU64() { ulong hi = ReadU32(); return (hi << 32) | ReadU32(); }
        public long ReadI64() { return (long)ReadU64(); }
        public float ReadF32() { var bits = new UniffiFloatBits(); bits.I = ReadI32(); return bits.F; }
        public double ReadF64() { return global::System.BitConverter.Int64BitsToDouble(ReadI64()); }
        public byte[] ReadBytes(int n) { int i = Take(n); var v = new byte[n]; global::System.Buffer.BlockCopy(_buf, i, v, 0, n); return v; }
        public string ReadUtf8(int n) { int i = Take(n); return global::System.Text.Encoding.UTF8.GetString(_buf, i, n); }

        public void CheckEnd()
        {
            if (_pos != _buf.Length) throw new InternalException("junk remaining in RustBuffer: the bindings and the library disagree");
        }
    }

    // BitConverter.SingleToInt32Bits is missing on Mono's profile; a union works everywhere.
    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Explicit)]
    internal struct UniffiFloatBits
    {
        [global::System.Runtime.InteropServices.FieldOffset(0)] public float F;
        [global::System.Runtime.InteropServices.FieldOffset(0)] public int I;
    }

    internal static class UniffiHelpers
    {
        /// <summary>
        /// Disposes every object a field holds: the object itself, or those in an option, a
        /// list, a set, a dictionary (keys and values) or a record or enum that holds objects.
        /// </summary>
        internal static void DisposeAll(object v)
        {
            if (v == null) return;
            var disposable = v as global::System.IDisposable;
            if (disposable != null)
            {
                disposable.Dispose();
                return;
            }
            var dict = v as global::System.Collections.IDictionary;
            if (dict != null)
            {
                foreach (global::System.Collections.DictionaryEntry e in dict)
                {
                    DisposeAll(e.Key);
                    DisposeAll(e.Value);
                }
                return;
            }
            var items = v as global::System.Collections.IEnumerable;
            if (items != null)
            {
                foreach (var item in items) DisposeAll(item);
            }
        }

        /// <summary>Reads one value that must fill the buffer, then frees the buffer.</summary>
        internal static T ReadAll<T>(RustBuffer rb, global::System.Func<UniffiReader, T> read)
        {
            try
            {
                var r = new UniffiReader(rb);
                var v = read(r);
                r.CheckEnd();
                return v;
            }
            finally
            {
                RustBuffer.Free(rb);
            }
        }

        internal const sbyte CallSuccess = 0;
        internal const sbyte CallError = 1;
        internal const sbyte CallUnexpectedError = 2;
        internal const sbyte CallCancelled = 3;

        internal static void CheckStatus(ref UniffiRustCallStatus status, global::System.Func<RustBuffer, global::System.Exception> errorHandler)
        {
            // An if-chain, not a switch: mcs crashes compiling a switch on sbyte against .NET 8's CoreLib.
            sbyte code = status.code;
            if (code == CallSuccess) return;
            if (code == CallError)
            {
                if (errorHandler != null) throw errorHandler(status.errorBuf);
                RustBuffer.Free(status.errorBuf);
                throw new InternalException("Rust returned an error the bindings did not declare");
            }
            if (code == CallUnexpectedError)
            {
                // Rust sends the panic message; an empty buffer means formatting it failed too.
                if (status.errorBuf.len > 0) throw new InternalException(FfiConverterString.Lift(status.errorBuf));
                throw new InternalException("Rust panic");
            }
            if (code == CallCancelled) throw new global::System.OperationCanceledException();
            throw new InternalException($"unknown RustCallStatus code {code}");
        }

        /// <summary>Records a managed exception for Rust in a callback's call status.</summary>
        internal static void SetUnexpected(ref UniffiRustCallStatus status, global::System.Exception e)
        {
            status.code = CallUnexpectedError;
            try { status.errorBuf = FfiConverterString.Lower(e.ToString()); }
            catch { status.errorBuf = default(RustBuffer); }
        }

        internal static bool DeepEquals(object a, object b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) return false;
            var la = a as global::System.Collections.IList;
            var lb = b as global::System.Collections.IList;
            if (la != null && lb != null)
            {
                if (la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++) if (!DeepEquals(la[i], lb[i])) return false;
                return true;
            }
            var da = a as global::System.Collections.IDictionary;
            var db = b as global::System.Collections.IDictionary;
            if (da != null && db != null)
            {
                if (da.Count != db.Count) return false;
                foreach (global::System.Collections.DictionaryEntry e in da)
                {
                    if (!db.Contains(e.Key) || !DeepEquals(e.Value, db[e.Key])) return false;
                }
                return true;
            }
            return a.Equals(b);
        }

        internal static int DeepHash(object a)
        {
            if (a == null) return 0;
            var list = a as global::System.Collections.IList;
            if (list != null)
            {
                int h = 17;
                foreach (var item in list) h = h * 31 + DeepHash(item);
                return h;
            }
            // Dictionaries hash by size only: entry order is not part of their identity.
            var dict = a as global::System.Collections.IDictionary;
            if (dict != null) return dict.Count;
            return a.GetHashCode();
        }
    }

    /// <summary>Selects the constructor that adopts an existing Rust handle.</summary>
    internal struct UniffiHandleTag { }

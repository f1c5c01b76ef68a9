class _UniffiRustBufferBuilder:
    """
    Helper for structured writing of bytes into a _UniffiRustBuffer.

    (unilance's uniffi-bindgen: the bytes gather in a bytearray and `finalize` copies them into
    a Rust buffer with one FFI call. UniFFI's own builder entered a context manager and copied
    into the Rust buffer for every value, and made an FFI call each time the buffer grew: about
    10 us per float of a query vector.)
    """

    _PACK_I8 = struct.Struct(">b").pack
    _PACK_U8 = struct.Struct(">B").pack
    _PACK_I16 = struct.Struct(">h").pack
    _PACK_U16 = struct.Struct(">H").pack
    _PACK_I32 = struct.Struct(">i").pack
    _PACK_U32 = struct.Struct(">I").pack
    _PACK_I64 = struct.Struct(">q").pack
    _PACK_U64 = struct.Struct(">Q").pack
    _PACK_FLOAT = struct.Struct(">f").pack
    _PACK_DOUBLE = struct.Struct(">d").pack

    def __init__(self):
        self._bytes = bytearray()

    def finalize(self):
        data = self._bytes
        self._bytes = None
        rbuf = _UniffiRustBuffer.alloc(len(data))
        if data:
            ctypes.memmove(rbuf.data, (ctypes.c_char * len(data)).from_buffer(data), len(data))
        rbuf.len = len(data)
        return rbuf

    def discard(self):
        self._bytes = None

    def _pack_into(self, size, format, value):
        self._bytes += struct.pack(format, value)

    def write(self, value):
        self._bytes += value

    def write_i8(self, v):
        self._bytes += self._PACK_I8(v)

    def write_u8(self, v):
        self._bytes += self._PACK_U8(v)

    def write_i16(self, v):
        self._bytes += self._PACK_I16(v)

    def write_u16(self, v):
        self._bytes += self._PACK_U16(v)

    def write_i32(self, v):
        self._bytes += self._PACK_I32(v)

    def write_u32(self, v):
        self._bytes += self._PACK_U32(v)

    def write_i64(self, v):
        self._bytes += self._PACK_I64(v)

    def write_u64(self, v):
        self._bytes += self._PACK_U64(v)

    def write_float(self, v):
        self._bytes += self._PACK_FLOAT(v)

    def write_double(self, v):
        self._bytes += self._PACK_DOUBLE(v)

    def write_c_size_t(self, v):
        self._pack_into(ctypes.sizeof(ctypes.c_size_t) , "@N", v)

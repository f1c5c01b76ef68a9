{%- let cls = r.class_name(obj.name()) %}
{%- let conv = r.converter(obj) %}
{%- let tname = r.type_name(obj) %}
{%- let is_trait = obj.has_callback_interface() %}
{%- let close = r.close_method(obj) %}
{%- let net8 = r.net8_interfaces(obj)? %}
{%- let is_error = r.is_error_object(obj)? %}
{%- if is_trait %}

{{ r.doc(obj.docstring(), 4) -}}
    public interface {{ r.unqualified(tname) }}
    {
{%- for m in obj.methods() %}
{{ r.doc(m.docstring(), 8) -}}
        {{ r.return_type(m) }} {{ r.call_name(cls, m.name(), m.is_async()) }}({{ r.params_plain(m.arguments(), m.is_async()) }});
{%- endfor %}
    }
{%- endif %}

{{ r.doc(obj.docstring(), 4) -}}
    public {{ r.partial() }}class {{ cls }} : {% if is_error %}UniffiException, {% endif %}{% if is_trait %}{{ tname }}, {% endif %}global::System.IDisposable{{ r.comparable(cls, obj.uniffi_trait_methods()) }}
{%- if !net8.is_empty() %}
#if NET8
        {{ net8 }}
#endif
{%- endif %}
    {
        private readonly ulong _handle;
        // One count for the reference this object owns, plus one per clone in progress: the
        // handle is freed when Dispose (or the finalizer) drops the count to zero.
        private long _callCounter = 1;
        private int _released;
{%- if close.is_some() %}
        // Set by the first Dispose/DisposeAsync: Rust's close method runs once.
        private int _closing;
{%- endif %}

        internal {{ cls }}(UniffiHandleTag tag, ulong handle)
        {
            _handle = handle;
        }
{%- if is_error %}

        /// <summary>Thrown by Rust as an error: the message is its ToString().</summary>
        public override string Message { get { return ToString(); } }
{%- endif %}
{%- if let Some(cons) = obj.primary_constructor() %}
{%- if !cons.is_async() %}

{{ r.doc(cons.docstring(), 8) -}}
        public {{ cls }}({{ r.params(cons.arguments(), false)? }})
            : this(default(UniffiHandleTag), UniffiConstruct({% for a in cons.arguments() %}{{ r.var_name(a.name()) }}{% if !loop.last %}, {% endif %}{% endfor %}))
        {
        }

        private static ulong UniffiConstruct({{ r.params_plain(cons.arguments(), false) }})
        {
{{ r.call_body(cons, cons.ffi_func(), None, 12, false)? -}}
        }
{%- endif %}
{%- endif %}

        ~{{ cls }}()
        {
            UniffiRelease();
        }

{%- if let Some(sync_close) = r.sync_close_name(obj) %}

        /// <summary>Calls {{ sync_close }}() once, then releases the Rust object now instead of at garbage collection.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closing, 1) != 0) return;
            try
            {
                {{ sync_close }}();
            }
            finally
            {
                UniffiRelease();
                GC.SuppressFinalize(this);
            }
        }
{%- else %}

        /// <summary>Releases the Rust object now instead of at garbage collection.</summary>
        public void Dispose()
        {
            UniffiRelease();
            global::System.GC.SuppressFinalize(this);
        }
{%- endif %}

        private void UniffiRelease()
        {
            if (global::System.Threading.Interlocked.Exchange(ref _released, 1) != 0) return;
            if (global::System.Threading.Interlocked.Decrement(ref _callCounter) == 0) UniffiFree();
        }

        private void UniffiFree()
        {
            var status = new UniffiRustCallStatus();
            UniffiLib.{{ obj.ffi_object_free().name() }}(_handle, ref status);
        }

        /// <summary>A new handle for Rust to own; Rust frees it when done with the call.</summary>
        internal ulong UniffiCloneHandle()
        {
            long c;
            do
            {
                c = global::System.Threading.Volatile.Read(ref _callCounter);
                if (c == 0) throw new global::System.ObjectDisposedException(GetType().Name);
            } while (global::System.Threading.Interlocked.CompareExchange(ref _callCounter, c + 1, c) != c);
            try
            {
                var status = new UniffiRustCallStatus();
                var handle = UniffiLib.{{ obj.ffi_object_clone().name() }}(_handle, ref status);
                UniffiHelpers.CheckStatus(ref status, null);
                return handle;
            }
            finally
            {
                if (global::System.Threading.Interlocked.Decrement(ref _callCounter) == 0) UniffiFree();
            }
        }
{%- for cons in obj.constructors() %}
{%- if !cons.is_primary_constructor() || cons.is_async() %}

{{ r.doc(cons.docstring(), 8) -}}
        public static {{ r.return_type(cons) }} {{ r.ctor_name(cls, cons) }}({{ r.params(cons.arguments(), cons.is_async())? }})
        {
{{ r.call_body(cons, cons.ffi_func(), None, 12, true)? -}}
        }
{%- endif %}
{%- endfor %}
{%- for m in obj.methods() %}

{{ r.doc(m.docstring(), 8) -}}
        public {{ r.return_type(m) }} {{ r.call_name(cls, m.name(), m.is_async()) }}({{ r.params(m.arguments(), m.is_async())? }})
        {
{{ r.call_body(m, m.ffi_func(), Some("UniffiCloneHandle()"), 12, true)? -}}
        }
{%- endfor %}
{%- if !net8.is_empty() %}
{% include "ObjectNet8.cs" %}
{%- endif %}
{%- if !is_trait %}
{{ r.trait_members(cls, "UniffiCloneHandle()", obj.uniffi_trait_methods())? }}
{%- endif %}
    }

    internal static class {{ conv }}
    {
{%- if is_trait %}
        internal static readonly UniffiHandleMap<{{ tname }}> HandleMap = new UniffiHandleMap<{{ tname }}>();

        // Even handles are Rust objects; odd ones are C# implementations Rust is giving back.
        public static {{ tname }} Lift(ulong handle)
        {
            if ((handle & 1) == 0) return new {{ cls }}(default(UniffiHandleTag), handle);
            return HandleMap.Remove(handle);
        }

        public static ulong Lower({{ tname }} v)
        {
            var rust = v as {{ cls }};
            return rust != null ? rust.UniffiCloneHandle() : HandleMap.Insert(v);
        }
{%- else %}
        public static {{ cls }} Lift(ulong handle) { return new {{ cls }}(default(UniffiHandleTag), handle); }

        public static ulong Lower({{ cls }} v) { return v.UniffiCloneHandle(); }
{%- endif %}

        public static {{ tname }} Read(UniffiReader r) { return Lift(r.ReadU64()); }

        public static void Write({{ tname }} v, UniffiWriter w) { w.WriteU64(Lower(v)); }

        public static readonly global::System.Func<ulong, {{ tname }}> LiftFunc = Lift;
{%- if is_error %}

        // Thrown by Rust: the handle comes in a RustBuffer.
        internal static readonly global::System.Func<RustBuffer, global::System.Exception> ErrorHandler =
            rb => UniffiHelpers.ReadAll<{{ tname }}>(rb, Read);
{%- endif %}
    }

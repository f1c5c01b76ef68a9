{%- if declare_interface %}

{{ r.doc(docstring.as_deref(), 4) -}}
    public interface {{ r.unqualified(iface) }}
    {
{%- for m in methods %}
{{ r.doc(m.docstring(), 8) -}}
        {{ r.return_type(m) }} {{ r.call_name(vt_name, m.name(), m.is_async()) }}({{ r.params_plain(m.arguments(), m.is_async()) }});
{%- endfor %}
    }

    internal static class {{ converter }}
    {
        internal static readonly UniffiHandleMap<{{ iface }}> HandleMap = new UniffiHandleMap<{{ iface }}>();

        public static {{ iface }} Lift(ulong handle) { return HandleMap.Get(handle); }

        public static ulong Lower({{ iface }} v) { return HandleMap.Insert(v); }

        public static {{ iface }} Read(UniffiReader r) { return Lift(r.ReadU64()); }

        public static void Write({{ iface }} v, UniffiWriter w) { w.WriteU64(Lower(v)); }

        public static readonly global::System.Func<ulong, {{ iface }}> LiftFunc = Lift;
    }
{%- endif %}

    /// <summary>The vtable through which Rust calls C# implementations of {{ iface }}.</summary>
    internal static class UniffiVTable{{ vt_name }}
    {
        // Delegates live in static fields for the whole process: Rust keeps the pointers.
        private static readonly UniffiCallbackInterfaceFree s_free = Free;
        private static readonly UniffiCallbackInterfaceClone s_clone = Clone;
{%- for (cb, m) in vtable_methods %}
        private static readonly {{ r.ffi_callback_name(cb.name()) }} s_{{ r.fn_name(m.name()) }} = {{ r.method_name(vt_name, m.name()) }};
{%- endfor %}

        internal static void Register()
        {
            var vtable = new {{ r.ffi_struct_name(vtable.name()) }}();
            vtable.uniffiFree = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_free);
            vtable.uniffiClone = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_clone);
{%- for (cb, m) in vtable_methods %}
            vtable.{{ r.var_name(m.name()) }} = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_{{ r.fn_name(m.name()) }});
{%- endfor %}
            // Rust keeps this pointer for the life of the process, so the memory is never freed.
            global::System.IntPtr ptr = global::System.Runtime.InteropServices.Marshal.AllocHGlobal(global::System.Runtime.InteropServices.Marshal.SizeOf(typeof({{ r.ffi_struct_name(vtable.name()) }})));
            global::System.Runtime.InteropServices.Marshal.StructureToPtr(vtable, ptr, false);
            UniffiLib.{{ init_fn }}(ptr);
        }

        private static void Free(ulong handle)
        {
            UniffiForeignThreads.Enter();
            try { {{ converter }}.HandleMap.Remove(handle); }
            catch (global::System.Exception) { }
        }

        private static ulong Clone(ulong handle)
        {
            UniffiForeignThreads.Enter();
            return {{ converter }}.HandleMap.Clone(handle);
        }
{%- for (cb, m) in vtable_methods %}

        private static void {{ r.method_name(vt_name, m.name()) }}({{ r.callback_params(cb) }})
        {
            UniffiForeignThreads.Enter();
{%- if !m.is_async() %}
            try
            {
                var uniffiObj = {{ converter }}.HandleMap.Get(uniffiHandle);
                {% if m.return_type().is_some() %}var uniffiRet = {% endif %}uniffiObj.{{ r.call_name(vt_name, m.name(), m.is_async()) }}({{ r.lifted_args(m) }});
{%- if let Some(rt) = m.return_type() %}
                uniffiOutReturn = {{ r.converter(rt) }}.Lower(uniffiRet);
{%- endif %}
            }
{%- if let Some(et) = m.throws_type() %}
            catch ({{ r.type_name(et) }} e)
            {
                uniffiCallStatus.code = UniffiHelpers.CallError;
                uniffiCallStatus.errorBuf = {{ r.converter(et) }}.Lower(e);
            }
{%- endif %}
            catch (global::System.Exception e)
            {
                UniffiHelpers.SetUnexpected(ref uniffiCallStatus, e);
            }
{%- else %}
{%- let suffix = r.future_suffix_of(m.return_type()) %}
            var cts = new global::System.Threading.CancellationTokenSource();
            {{ r.return_type(m) }} task;
            try
            {
                var uniffiObj = {{ converter }}.HandleMap.Get(uniffiHandle);
                task = uniffiObj.{{ r.call_name(vt_name, m.name(), m.is_async()) }}({{ r.lifted_args(m) }}{% if !m.arguments().is_empty() %}, {% endif %}cts.Token);
                if (task == null) throw new global::System.InvalidOperationException("{{ iface }}.{{ r.call_name(vt_name, m.name(), m.is_async()) }} returned a null Task");
            }
            catch (global::System.Exception e)
            {
                task = UniffiForeignFutures.Failed{% if let Some(rt) = m.return_type() %}<{{ r.type_name(rt) }}>{% endif %}(e);
            }
            uniffiOutDroppedCallback = UniffiForeignFutures.Track(cts);
            var complete = UniffiFnPtrCache<UniffiForeignFutureComplete{{ suffix }}>.Get(uniffiFutureCallback);
            ulong data = uniffiCallbackData;
            task.ContinueWith(t =>
            {
                var result = new UniffiForeignFutureResult{{ suffix }}();
                try
                {
                    if (t.IsFaulted) throw UniffiForeignFutures.Unwrap(t.Exception);
                    if (t.IsCanceled) throw new global::System.OperationCanceledException("{{ iface }}.{{ r.call_name(vt_name, m.name(), m.is_async()) }} was cancelled");
{%- if let Some(rt) = m.return_type() %}
                    result.returnValue = {{ r.converter(rt) }}.Lower(t.Result);
{%- endif %}
                }
{%- if let Some(et) = m.throws_type() %}
                catch ({{ r.type_name(et) }} e)
                {
                    result.callStatus.code = UniffiHelpers.CallError;
                    result.callStatus.errorBuf = {{ r.converter(et) }}.Lower(e);
                }
{%- endif %}
                catch (global::System.Exception e)
                {
                    UniffiHelpers.SetUnexpected(ref result.callStatus, e);
                }
                complete(data, result);
            }, global::System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously);
{%- endif %}
        }
{%- endfor %}
    }

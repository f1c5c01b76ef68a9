    // ---- native library -----------------------------------------------------------------

{%- for cb in ffi_callbacks %}

    [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
    internal delegate {{ r.ffi_return(cb.return_type()) }} {{ r.ffi_callback_name(cb.name()) }}({{ r.callback_params(cb) }});
{%- endfor %}
{%- for s in ffi_structs %}

    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct {{ r.ffi_struct_name(s.name()) }}
    {
{%- for field in s.fields() %}
        public {{ r.ffi_field_type(field.type_()) }} {{ r.var_name(field.name()) }};
{%- endfor %}
    }
{%- endfor %}

    internal static class UniffiLib
    {
        internal const string LibraryName = "{{ config.cdylib_name() }}";

        // Runs before the first call into the library (the class has no beforefieldinit):
        // mismatched bindings must fail loudly here instead of corrupting memory later.
        static UniffiLib()
        {
            UniffiCheckContractVersion();
            UniffiCheckApiChecksums();
{%- for reg in vtable_registrations %}
            {{ reg }}
{%- endfor %}
        }

        /// <summary>Forces the checks and callback registrations to run now.</summary>
        internal static void EnsureInitialized() { }

        private static void UniffiCheckContractVersion()
        {
            uint scaffolding = {{ self.contract_version_fn() }}();
            if (scaffolding != {{ self.contract_version() }})
            {
                throw new UniffiContractException($"UniFFI contract version mismatch: bindings expect {{ self.contract_version() }}, `{LibraryName}` has {scaffolding}. Rebuild the library and regenerate the bindings together.");
            }
        }

        private static void UniffiCheckApiChecksums()
        {
{%- for (name, checksum) in checksums %}
            if ({{ name }}() != {{ checksum }})
            {
                throw new UniffiContractException($"UniFFI API checksum mismatch in {{ name }}: the bindings do not match `{LibraryName}`. Rebuild the library and regenerate the bindings together.");
            }
{%- endfor %}
        }
{%- for f in ffi_functions %}

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
        internal static extern {{ r.ffi_return(f.return_type()) }} {{ f.name() }}({{ r.ffi_params(f) }});
{%- endfor %}
    }

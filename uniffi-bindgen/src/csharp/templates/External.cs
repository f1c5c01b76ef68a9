{%- let tname = r.type_name(t) %}
{%- let conv = r.converter(t) %}
{%- let ext = r.external_converter(t)? %}
{%- let ns = r.external_namespace(t)? %}

    // {{ tname }} comes from another crate of the library, whose own generated file (namespace
    // {{ ns }}) must be compiled into the same assembly. Values cross through its converter;
    // only the reader and writer classes, one per generated file, are bridged here.
    internal static class {{ conv }}
    {
        public static {{ tname }} Read(UniffiReader r)
        {
            var theirs = new global::{{ ns }}.UniffiReader(r.UniffiBytes, r.UniffiPosition);
            var v = {{ ext }}.Read(theirs);
            r.UniffiPosition = theirs.UniffiPosition;
            return v;
        }

        public static void Write({{ tname }} v, UniffiWriter w)
        {
            var theirs = new global::{{ ns }}.UniffiWriter();
            {{ ext }}.Write(v, theirs);
            w.WriteRaw(theirs.UniffiBytes, theirs.UniffiLength);
        }
{%- if r.ffi_type_of(t) == "RustBuffer" %}
{{ r.rb_lift_lower(tname) }}
{%- else %}

        public static {{ tname }} Lift({{ r.ffi_type_of(t) }} v) { return {{ ext }}.Lift(v); }
        public static {{ r.ffi_type_of(t) }} Lower({{ tname }} v) { return {{ ext }}.Lower(v); }
        public static readonly global::System.Func<{{ r.ffi_type_of(t) }}, {{ tname }}> LiftFunc = Lift;
{%- endif %}
{%- if r.o.ci.is_name_used_as_error(t.name().unwrap_or_default()) %}

        internal static readonly global::System.Func<RustBuffer, global::System.Exception> ErrorHandler =
            rb => UniffiHelpers.ReadAll<{{ tname }}>(rb, Read);
{%- endif %}
    }

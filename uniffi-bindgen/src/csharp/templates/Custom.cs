{%- let tname = r.type_name(t) %}
{%- let bconv = r.converter(builtin) %}
{%- let btype = r.type_name(builtin) %}

    internal static class {{ r.converter(t) }}
    {
{%- match r.custom_config(name) %}
{%- when Some(c) %}
{%- if c.type_name.is_some() %}
        // Configured in uniffi.toml: converted from and into the builtin {{ btype }}.
        public static {{ tname }} FromBuiltin({{ btype }} v) { return {{ c.lift_expr("v") }}; }
        public static {{ btype }} ToBuiltin({{ tname }} v) { return {{ c.lower_expr("v") }}; }
{%- else %}
        public static {{ tname }} FromBuiltin({{ btype }} v) { return v; }
        public static {{ btype }} ToBuiltin({{ tname }} v) { return v; }
{%- endif %}
{%- when None %}
        public static {{ tname }} FromBuiltin({{ btype }} v) { return v; }
        public static {{ btype }} ToBuiltin({{ tname }} v) { return v; }
{%- endmatch %}

        public static {{ tname }} Read(UniffiReader r) { return FromBuiltin({{ bconv }}.Read(r)); }
        public static void Write({{ tname }} v, UniffiWriter w) { {{ bconv }}.Write(ToBuiltin(v), w); }
        public static {{ tname }} Lift({{ r.ffi_type_of(builtin) }} v) { return FromBuiltin({{ bconv }}.Lift(v)); }
        public static {{ r.ffi_type_of(builtin) }} Lower({{ tname }} v) { return {{ bconv }}.Lower(ToBuiltin(v)); }
        public static readonly global::System.Func<{{ r.ffi_type_of(builtin) }}, {{ tname }}> LiftFunc = Lift;
    }

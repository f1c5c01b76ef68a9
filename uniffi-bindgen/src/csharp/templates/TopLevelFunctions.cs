{%- if !ci.function_definitions().is_empty() %}

    /// <summary>Top-level functions of the `{{ ci.namespace() }}` crate.</summary>
    public static class {{ config.functions_class() }}
    {
{%- for f in ci.function_definitions() %}

{{ r.doc(f.docstring(), 8) -}}
        public static {{ r.return_type(f) }} {{ r.call_name(config.functions_class(), f.name(), f.is_async()) }}({{ r.params(f.arguments(), f.is_async())? }})
        {
{{ r.call_body(f, f.ffi_func(), None, 12, true)? -}}
        }
{%- endfor %}
    }
{%- endif %}

{%- let cls = r.class_name(e.name()) %}
{%- let conv = r.converter(e) %}

{{ r.doc(e.docstring(), 4) -}}
    public abstract {{ r.partial() }}class {{ cls }} : UniffiException
    {
        private {{ cls }}(string message) : base(message) { }
{%- for v in e.variants() %}
{%- let vcls = r.class_name(v.name()) %}

{%- if e.is_flat() %}
        // A flat error: Rust sends only the variant and its Display text.
{{ r.doc(v.docstring(), 8) -}}
        public sealed {{ r.partial() }}class {{ vcls }} : {{ cls }}
        {
            public {{ vcls }}(string message) : base(message) { }
        }
{%- else %}
{{ r.doc(v.docstring(), 8) -}}
        public sealed {{ r.partial() }}class {{ vcls }} : {{ cls }}
        {
{%- for f in v.fields() %}
{{ r.doc(f.docstring(), 12) -}}
            public {{ r.exception_prop_modifier(vcls, f.name()) }}{{ r.type_name(f) }} {{ r.prop(vcls, f.name()) }} { get; private set; }
{%- endfor %}

            public {{ vcls }}({% for f in v.fields() %}{{ r.type_name(f) }} {{ r.var_name(f.name()) }}{% if !loop.last %}, {% endif %}{% endfor %})
                : base($"{{ vcls }}{% if v.has_fields() %}({% for f in v.fields() %}{{ f.name() }}={{ "{" }}{{ r.var_name(f.name()) }}{{ "}" }}{% if !loop.last %}, {% endif %}{% endfor %}){% endif %}")
            {
{%- for f in v.fields() %}
                this.{{ r.prop(vcls, f.name()) }} = {{ r.var_name(f.name()) }};
{%- endfor %}
            }
        }
{%- endif %}
{%- endfor %}
    }

    internal static class {{ conv }}
    {
        internal static readonly global::System.Func<RustBuffer, global::System.Exception> ErrorHandler = rb => Lift(rb);

        public static {{ cls }} Read(UniffiReader r)
        {
            int index = r.ReadI32();
            switch (index)
            {
{%- for v in e.variants() %}
{%- if e.is_flat() %}
                case {{ loop.index }}: return new {{ cls }}.{{ r.class_name(v.name()) }}(FfiConverterString.Read(r));
{%- else %}
                case {{ loop.index }}: return new {{ cls }}.{{ r.class_name(v.name()) }}({% for f in v.fields() %}{{ r.converter(f) }}.Read(r){% if !loop.last %}, {% endif %}{% endfor %});
{%- endif %}
{%- endfor %}
                default: throw new InternalException($"invalid {{ cls }} variant {index}");
            }
        }

        public static void Write({{ cls }} v, UniffiWriter w)
        {
{%- for v in e.variants() %}
{%- let vcls = r.class_name(v.name()) %}
{%- let vi = loop.index %}
            var v{{ vi }} = v as {{ cls }}.{{ vcls }};
            if (v{{ vi }} != null)
            {
                w.WriteI32({{ vi }});
{%- if !e.is_flat() %}
{%- for f in v.fields() %}
                {{ r.converter(f) }}.Write(v{{ vi }}.{{ r.prop(vcls, f.name()) }}, w);
{%- endfor %}
{%- endif %}
                return;
            }
{%- endfor %}
            throw new global::System.ArgumentException($"unknown {{ cls }} variant {v}");
        }
{{ r.rb_lift_lower(cls) }}
    }

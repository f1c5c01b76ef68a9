{%- let cls = r.class_name(e.name()) %}
{%- let conv = r.converter(e) %}
{%- let tm = e.uniffi_trait_methods() %}
{%- if e.is_flat() %}

{{ r.doc(e.docstring(), 4) -}}
    public enum {{ cls }}{{ r.enum_underlying(e)? }}
    {
{%- for (v, value) in r.enum_values(e)? %}
{{ r.doc(v.docstring(), 8) -}}
        {{ r.enum_member_name(v.name()) }} = {{ value }},
{%- endfor %}
    }

    // Variants travel as their 1-based position, whatever their Rust discriminant.
    internal static class {{ conv }}
    {
        public static {{ cls }} Read(UniffiReader r)
        {
            int index = r.ReadI32();
            switch (index)
            {
{%- for v in e.variants() %}
                case {{ loop.index }}: return {{ cls }}.{{ r.enum_member_name(v.name()) }};
{%- endfor %}
                default: throw new InternalException($"invalid {{ cls }} variant {index}");
            }
        }

        public static void Write({{ cls }} v, UniffiWriter w)
        {
            switch (v)
            {
{%- for v in e.variants() %}
                case {{ cls }}.{{ r.enum_member_name(v.name()) }}: w.WriteI32({{ loop.index }}); return;
{%- endfor %}
                default: throw new global::System.ArgumentException($"unknown {{ cls }} value {v}");
            }
        }
{{ r.rb_lift_lower(cls) }}
    }
{%- if !e.methods().is_empty() || !e.constructors().is_empty() %}

    /// <summary>Methods of {{ cls }}, which as a C# enum cannot have its own.</summary>
    public static class {{ cls }}Extensions
    {
{{- r.value_methods(cls, r.lower_this(conv).replace("this", "self").as_str(), e.constructors(), e.methods(), Some(format!("this {cls} self")))? }}
    }
{%- endif %}
{%- else %}

{{ r.doc(e.docstring(), 4) -}}
    public abstract {{ r.partial() }}class {{ cls }}{{ r.value_bases(cls, e, e.uniffi_trait_methods()) }}
    {
        private {{ cls }}() { }
{%- if r.holds_objects(e) %}

        /// <summary>Disposes the objects this value holds: it owns them.</summary>
        public abstract void Dispose();
{%- endif %}
{{ r.value_methods(cls, r.lower_this(conv).as_str(), e.constructors(), e.methods(), None)? }}
{{ r.trait_members(cls, r.lower_this(conv).as_str(), e.uniffi_trait_methods())? }}
{%- for v in e.variants() %}
{%- let vcls = r.class_name(v.name()) %}

{{ r.doc(v.docstring(), 8) -}}
        public sealed {{ r.partial() }}class {{ vcls }} : {{ cls }}
        {
{%- for f in v.fields() %}
{{ r.doc(f.docstring(), 12) -}}
            public {{ r.type_name(f) }} {{ r.prop(vcls, f.name()) }} { get; set; }
{%- endfor %}

{%- if r.holds_objects(e) %}

            public override void Dispose()
            {
{{ r.dispose_fields(vcls, v.fields(), 16) -}}
            }
{%- endif %}

            public {{ vcls }}({{ r.field_params(v.fields())? }})
            {
{%- for (prop, value) in r.field_inits(vcls, v.fields())? %}
                this.{{ prop }} = {{ value }};
{%- endfor %}
            }

{%- if tm.eq_eq.is_none() %}

            public override bool Equals(object obj)
            {
                var other = obj as {{ vcls }};
                if (other == null) return false;
{%- for f in v.fields() %}
                if (!UniffiHelpers.DeepEquals(this.{{ r.prop(vcls, f.name()) }}, other.{{ r.prop(vcls, f.name()) }})) return false;
{%- endfor %}
                return true;
            }

            public override int GetHashCode()
            {
                int h = {{ loop.index }};
{%- for f in v.fields() %}
                h = h * 31 + UniffiHelpers.DeepHash(this.{{ r.prop(vcls, f.name()) }});
{%- endfor %}
                return h;
            }
{%- endif %}
{%- if tm.display_fmt.is_none() && tm.debug_fmt.is_none() %}

            public override string ToString()
            {
                return $"{{ cls }}.{{ vcls }} {{ "{{" }}{% for f in v.fields() %} {{ r.prop(vcls, f.name()) }} = {{ "{" }}this.{{ r.prop(vcls, f.name()) }}{{ "}" }}{% if !loop.last %},{% endif %}{% endfor %} {{ "}}" }}";
            }
{%- endif %}
        }
{%- endfor %}
    }

    internal static class {{ conv }}
    {
        public static {{ cls }} Read(UniffiReader r)
        {
            int index = r.ReadI32();
            switch (index)
            {
{%- for v in e.variants() %}
                case {{ loop.index }}: return new {{ cls }}.{{ r.class_name(v.name()) }}({% for f in v.fields() %}{{ r.converter(f) }}.Read(r){% if !loop.last %}, {% endif %}{% endfor %});
{%- endfor %}
                default: throw new InternalException($"invalid {{ cls }} variant {index}");
            }
        }

        public static void Write({{ cls }} v, UniffiWriter w)
        {
{%- for v in e.variants() %}
{%- let vcls = r.class_name(v.name()) %}
{%- let vi = loop.index %}
            var v{{ loop.index }} = v as {{ cls }}.{{ vcls }};
            if (v{{ loop.index }} != null)
            {
                w.WriteI32({{ loop.index }});
{%- for f in v.fields() %}
                {{ r.converter(f) }}.Write(v{{ vi }}.{{ r.prop(vcls, f.name()) }}, w);
{%- endfor %}
                return;
            }
{%- endfor %}
            throw new global::System.ArgumentException($"unknown {{ cls }} variant {v}");
        }
{{ r.rb_lift_lower(cls) }}
    }
{%- endif %}

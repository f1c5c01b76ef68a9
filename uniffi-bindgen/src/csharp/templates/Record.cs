{%- let cls = r.class_name(rec.name()) %}
{%- let conv = r.converter(rec) %}
{%- let tm = rec.uniffi_trait_methods() %}

{{ r.doc(rec.docstring(), 4) -}}
    public {{ r.partial() }}class {{ cls }}{{ r.value_bases(cls, rec, rec.uniffi_trait_methods()) }}
    {
{%- for f in rec.fields() %}
{{ r.doc(f.docstring(), 8) -}}
        public {{ r.type_name(f) }} {{ r.prop(cls, f.name()) }} { get; set; }
{%- endfor %}

        public {{ cls }}({{ r.field_params(rec.fields())? }})
        {
{%- for (prop, value) in r.field_inits(cls, rec.fields())? %}
            this.{{ prop }} = {{ value }};
{%- endfor %}
        }

{%- if tm.eq_eq.is_none() %}

        public override bool Equals(object obj)
        {
            var other = obj as {{ cls }};
            if (other == null) return false;
{%- for f in rec.fields() %}
            if (!UniffiHelpers.DeepEquals(this.{{ r.prop(cls, f.name()) }}, other.{{ r.prop(cls, f.name()) }})) return false;
{%- endfor %}
            return true;
        }

        public override int GetHashCode()
        {
            int h = 17;
{%- for f in rec.fields() %}
            h = h * 31 + UniffiHelpers.DeepHash(this.{{ r.prop(cls, f.name()) }});
{%- endfor %}
            return h;
        }
{%- endif %}
{%- if tm.display_fmt.is_none() && tm.debug_fmt.is_none() %}

        public override string ToString()
        {
            return $"{{ cls }} {{ "{{" }}{% for f in rec.fields() %} {{ r.prop(cls, f.name()) }} = {{ "{" }}this.{{ r.prop(cls, f.name()) }}{{ "}" }}{% if !loop.last %},{% endif %}{% endfor %} {{ "}}" }}";
        }
{%- endif %}
{%- if r.holds_objects(rec) %}

        /// <summary>Disposes the objects this record holds: it owns them.</summary>
        public void Dispose()
        {
{{ r.dispose_fields(cls, rec.fields(), 12) -}}
        }
{%- endif %}
{{ r.value_methods(cls, r.lower_this(conv).as_str(), rec.constructors(), rec.methods(), None)? }}
{{ r.trait_members(cls, r.lower_this(conv).as_str(), rec.uniffi_trait_methods())? }}
    }

    internal static class {{ conv }}
    {
        public static {{ cls }} Read(UniffiReader r)
        {
            return new {{ cls }}({% for f in rec.fields() %}{{ r.converter(f) }}.Read(r){% if !loop.last %}, {% endif %}{% endfor %});
        }

        public static void Write({{ cls }} v, UniffiWriter w)
        {
{%- for f in rec.fields() %}
            {{ r.converter(f) }}.Write(v.{{ r.prop(cls, f.name()) }}, w);
{%- endfor %}
        }
{{ r.rb_lift_lower(cls) }}
    }

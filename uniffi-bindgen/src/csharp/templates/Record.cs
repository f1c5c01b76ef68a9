{%- let cls = r.class_name(rec.name()) %}
{%- let conv = r.converter(rec) %}

{{ r.doc(rec.docstring(), 4) -}}
    public class {{ cls }}
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

        public override string ToString()
        {
            return $"{{ cls }} {{ "{{" }}{% for f in rec.fields() %} {{ r.prop(cls, f.name()) }} = {{ "{" }}this.{{ r.prop(cls, f.name()) }}{{ "}" }}{% if !loop.last %},{% endif %}{% endfor %} {{ "}}" }}";
        }
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

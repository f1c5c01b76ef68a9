{%- let tname = r.type_name(t) %}
{%- let kind = r.compound_kind(t) %}
{%- let inner = r.inner_types(t) %}

    internal static class {{ r.converter(t) }}
    {
{%- if kind == "optional" %}
        public static {{ tname }} Read(UniffiReader r)
        {
            if (r.ReadI8() == 0) return null;
            return {{ r.converter(inner[0]) }}.Read(r);
        }

        public static void Write({{ tname }} v, UniffiWriter w)
        {
            if (v == null)
            {
                w.WriteI8(0);
                return;
            }
            w.WriteI8(1);
            {{ r.converter(inner[0]) }}.Write(v{% if r.is_value_type(inner[0]) %}.Value{% endif %}, w);
        }
{%- else if kind == "map" %}
        public static {{ tname }} Read(UniffiReader r)
        {
            int count = r.ReadI32();
            var v = new {{ tname }}(count);
            for (int i = 0; i < count; i++)
            {
                var key = {{ r.converter(inner[0]) }}.Read(r);
                v[key] = {{ r.converter(inner[1]) }}.Read(r);
            }
            return v;
        }

        public static void Write({{ tname }} v, UniffiWriter w)
        {
            w.WriteI32(v.Count);
            foreach (var entry in v)
            {
                {{ r.converter(inner[0]) }}.Write(entry.Key, w);
                {{ r.converter(inner[1]) }}.Write(entry.Value, w);
            }
        }
{%- else if kind == "array" %}
        public static {{ tname }} Read(UniffiReader r)
        {
            int count = r.ReadI32();
            var v = new {{ r.type_name(inner[0]) }}[count];
            for (int i = 0; i < count; i++) v[i] = {{ r.converter(inner[0]) }}.Read(r);
            return v;
        }

        public static void Write({{ tname }} v, UniffiWriter w)
        {
            w.WriteI32(v.Length);
            for (int i = 0; i < v.Length; i++) {{ r.converter(inner[0]) }}.Write(v[i], w);
        }
{%- else %}
        public static {{ tname }} Read(UniffiReader r)
        {
            int count = r.ReadI32();
            var v = new {{ tname }}({% if kind == "sequence" %}count{% endif %});
            for (int i = 0; i < count; i++) v.Add({{ r.converter(inner[0]) }}.Read(r));
            return v;
        }

        public static void Write({{ tname }} v, UniffiWriter w)
        {
            w.WriteI32(v.Count);
            foreach (var item in v) {{ r.converter(inner[0]) }}.Write(item, w);
        }
{%- endif %}
{{ r.rb_lift_lower(tname) }}
    }

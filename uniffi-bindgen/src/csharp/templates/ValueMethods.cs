{%- for cons in constructors %}

{{ r.doc(cons.docstring(), 8) -}}
        public static {{ r.return_type(cons) }} {{ r.fn_name(cons.name()) }}({{ r.params(cons.arguments(), cons.is_async())? }})
        {
{{ r.call_body(cons, cons.ffi_func(), None, 12, true)? -}}
        }
{%- endfor %}
{%- for m in methods %}

{{ r.doc(m.docstring(), 8) -}}
        public {% if this_param.is_some() %}static {% endif %}{{ r.return_type(m) }} {{ r.method_name(cls, m.name()) }}({% if let Some(p) = this_param %}{{ p }}{% if !m.arguments().is_empty() || m.is_async() %}, {% endif %}{% endif %}{{ r.params(m.arguments(), m.is_async())? }})
        {
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- endfor %}

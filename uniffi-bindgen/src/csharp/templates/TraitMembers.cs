{%- if let Some(m) = tm.display_fmt %}

        /// <summary>Rust's Display.</summary>
        public override string ToString()
        {
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- else if let Some(m) = tm.debug_fmt %}

        /// <summary>Rust's Debug.</summary>
        public override string ToString()
        {
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- endif %}
{%- if let Some(m) = tm.eq_eq %}

        /// <summary>Rust's PartialEq.</summary>
        public override bool Equals(object obj)
        {
            var {{ r.eq_arg(m) }} = obj as {{ cls }};
            if ({{ r.eq_arg(m) }} == null) return false;
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- endif %}
{%- if let Some(m) = tm.hash_hash %}

        /// <summary>Rust's Hash, folded to 32 bits.</summary>
        public override int GetHashCode()
        {
            ulong h = UniffiRustHash();
            return (int)(h ^ (h >> 32));
        }

        private ulong UniffiRustHash()
        {
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- else if tm.eq_eq.is_some() %}

        /// <summary>
        /// Rust's PartialEq is exported without Hash: equal values must hash alike, and only
        /// Rust knows which are equal, so every value hashes alike.
        /// </summary>
        public override int GetHashCode()
        {
            return 0;
        }
{%- endif %}
{%- if let Some(m) = tm.ord_cmp %}

        /// <summary>Rust's Ord: negative, zero or positive; null sorts first.</summary>
        public int CompareTo({{ cls }} {{ r.eq_arg(m) }})
        {
            if ({{ r.eq_arg(m) }} == null) return 1;
{{ r.call_body(m, m.ffi_func(), Some(receiver), 12, true)? -}}
        }
{%- endif %}

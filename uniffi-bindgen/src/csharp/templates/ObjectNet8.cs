#if NET8
{%- if let Some(m) = close %}

        /// <summary>
        /// Awaits {{ r.call_name(cls, m.name(), m.is_async()) }}() (once), then releases the Rust object like Dispose.
        /// A second call, or a call after Dispose, does nothing.
        /// </summary>
        public global::System.Threading.Tasks.ValueTask DisposeAsync()
        {
            if (global::System.Threading.Volatile.Read(ref _released) != 0 || global::System.Threading.Interlocked.Exchange(ref _closing, 1) != 0) return default(global::System.Threading.Tasks.ValueTask);
            return new global::System.Threading.Tasks.ValueTask(UniffiCloseThenRelease());
        }

        private async global::System.Threading.Tasks.Task UniffiCloseThenRelease()
        {
            try
            {
{%- if m.is_async() %}
                await {{ r.call_name(cls, m.name(), true) }}().ConfigureAwait(false);
{%- else %}
                // Closing may block (waiting for work in flight): not on the caller's thread.
                await global::System.Threading.Tasks.Task.Run(() => { {{ r.call_name(cls, m.name(), false) }}(); }).ConfigureAwait(false);
{%- endif %}
            }
            catch (global::System.ObjectDisposedException)
            {
                // A Dispose() on another thread won the race: the object is released already.
            }
            finally
            {
                UniffiRelease();
                global::System.GC.SuppressFinalize(this);
            }
        }
{%- endif %}
{%- if let Some(e) = r.async_enumerable(obj)? %}

        /// <summary>
        /// Items from {{ e.next }}() until it returns null; the token cancels the pending call
        /// (its Rust future is dropped).{% if e.dispose_object %} Disposing the enumerator disposes this object.{% else %} Disposing the enumerator leaves this object open.{% endif %}
        /// </summary>
        public global::System.Collections.Generic.IAsyncEnumerator<{{ e.item }}> GetAsyncEnumerator(global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return new UniffiAsyncEnumerator<{{ cls }}, {{ e.item }}{% if e.value_type %}?{% endif %}, {{ e.item }}>(
                this, (self, ct) => self.{{ e.next }}(ct),
{%- if e.value_type %}
                v => v.HasValue, v => v.Value,
{%- else %}
                v => v != null, v => v,
{%- endif %}
                {% if e.dispose_object %}true{% else %}false{% endif %}, cancellationToken);
        }
{%- endif %}
#endif

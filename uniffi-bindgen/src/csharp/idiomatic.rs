//! The settings that let a package ship the generated C# as its own public API instead of
//! wrapping it (`async_suffix`, `sequences_as_arrays`, `error_suffix`, `partial_types`,
//! `async_enumerable`, `async_dispose` in `[bindings.csharp]`): names .NET users expect, arrays
//! for vectors, `partial` classes to add hand-written members to, and the .NET 8 async
//! interfaces (`IAsyncEnumerable<T>`, `IAsyncDisposable`) on the objects that fit them.
//!
//! Every setting is checked against the crate when rendering starts, so a misspelt object or
//! method name fails generation with a message instead of silently doing nothing.

use anyhow::{bail, Result};
use uniffi_bindgen::interface::{Callable, Constructor, Method, Object, Type};

use super::config::{ArrayElements, OneOrMany};
use super::oracle::Oracle;
use super::render::R;

/// Rust names of the element types `sequences_as_arrays = true` turns into arrays.
const ARRAY_ELEMENTS: &[&str] =
    &["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64", "bool"];

fn rust_primitive_name(t: &Type) -> Option<&'static str> {
    Some(match t {
        Type::UInt8 => "u8",
        Type::Int8 => "i8",
        Type::UInt16 => "u16",
        Type::Int16 => "i16",
        Type::UInt32 => "u32",
        Type::Int32 => "i32",
        Type::UInt64 => "u64",
        Type::Int64 => "i64",
        Type::Float32 => "f32",
        Type::Float64 => "f64",
        Type::Boolean => "bool",
        _ => return None,
    })
}

impl Oracle<'_> {
    /// Whether a `Vec` of this element type is a C# array.
    pub fn is_array_element(&self, t: &Type) -> bool {
        let Some(name) = rust_primitive_name(t) else { return false };
        match &self.config.idiomatic.sequences_as_arrays {
            ArrayElements::All(all) => *all,
            ArrayElements::Some(names) => names.iter().any(|n| n == name),
        }
    }
}

/// How an object configured in `async_enumerable` yields its items.
pub struct AsyncEnumerable {
    /// C# type of an item (`long`, `string`).
    pub item: String,
    /// C# name of the method giving the next item.
    pub next: String,
    /// Whether `next` returns a nullable value type (`long?`), unwrapped with `.Value`.
    pub value_type: bool,
    pub dispose_object: bool,
}

impl R<'_> {
    /// A callable's C# name: `async_suffix` appends `Async` to async ones (never twice).
    /// A method's or function's C# name in `class`: `Async`-suffixed when configured, and
    /// renamed like `method_name` where it would clash with the class or an Object member.
    pub fn call_name(&self, class: &str, name: &str, is_async: bool) -> String {
        let base = self.fn_name(name);
        if is_async && self.o.config.idiomatic.async_suffix && !base.ends_with("Async") {
            let suffixed = format!("{base}Async");
            // `DisposeAsync` belongs to IAsyncDisposable.
            if suffixed == class || suffixed == "DisposeAsync" {
                format!("{suffixed}_")
            } else {
                suffixed
            }
        } else {
            self.method_name(class, name)
        }
    }

    /// Name of a static factory for a constructor; an async primary constructor becomes `NewAsync`.
    pub fn ctor_name(&self, class: &str, c: &Constructor) -> String {
        if c.is_primary_constructor() {
            "NewAsync".into()
        } else {
            self.call_name(class, c.name(), c.is_async())
        }
    }

    /// `partial ` before `class` when `partial_types` is on.
    pub fn partial(&self) -> &'static str {
        if self.o.config.idiomatic.partial_types {
            "partial "
        } else {
            ""
        }
    }

    /// The object's `IAsyncEnumerable<T>` shape, if `async_enumerable` names it.
    pub fn async_enumerable(&self, obj: &Object) -> Result<Option<AsyncEnumerable>> {
        let Some(cfg) = self.o.config.idiomatic.async_enumerable.get(obj.name()) else {
            return Ok(None);
        };
        let what = format!("[bindings.csharp.async_enumerable] {}", obj.name());
        let Some(m) = obj.methods().into_iter().find(|m| m.name() == cfg.method) else {
            bail!("{what}: the object has no method `{}`", cfg.method);
        };
        let item = match m.return_type() {
            Some(Type::Optional { inner_type }) if m.is_async() && m.arguments().is_empty() => {
                (**inner_type).clone()
            }
            _ => bail!(
                "{what}: `{}` must be `async fn {}(&self) -> Option<T>` (or `Result<Option<T>, E>`)",
                cfg.method,
                cfg.method
            ),
        };
        Ok(Some(AsyncEnumerable {
            item: self.type_name(&item),
            next: self.call_name(&self.o.class_name(obj.name()), m.name(), true),
            value_type: self.is_value_type(&item),
            dispose_object: cfg.dispose_object,
        }))
    }

    /// The argument-less method `async_dispose` names on this object, if any.
    pub fn close_method<'o>(&self, obj: &'o Object) -> Option<&'o Method> {
        let names = &self.o.config.idiomatic.async_dispose;
        obj.methods().into_iter().find(|m| names.contains(m.name()) && m.arguments().is_empty())
    }

    /// C# name of the object's close method when it is synchronous: `Dispose()` calls it.
    pub fn sync_close_name(&self, obj: &Object) -> Option<String> {
        self.close_method(obj).filter(|m| !m.is_async()).map(|m| self.call_name(&self.o.class_name(obj.name()), m.name(), false))
    }

    /// The `#if NET8` interfaces an object implements (`, IAsyncDisposable, IAsyncEnumerable<T>`).
    pub fn net8_interfaces(&self, obj: &Object) -> Result<String> {
        let mut out = String::new();
        if self.close_method(obj).is_some() {
            out.push_str(", global::System.IAsyncDisposable");
        }
        if let Some(e) = self.async_enumerable(obj)? {
            out.push_str(&format!(", global::System.Collections.Generic.IAsyncEnumerable<{}>", e.item));
        }
        Ok(out)
    }

    /// Whether any object uses the shared async enumerator.
    pub fn any_async_enumerable(&self) -> bool {
        !self.o.config.idiomatic.async_enumerable.is_empty()
    }
}

/// Fails on settings that name nothing in the crate, or an object that does not fit.
pub fn check(r: &R) -> Result<()> {
    let ci = r.o.ci;
    let idiomatic = &r.o.config.idiomatic;
    if let ArrayElements::Some(names) = &idiomatic.sequences_as_arrays {
        for n in names {
            if !ARRAY_ELEMENTS.contains(&n.as_str()) {
                bail!(
                    "[bindings.csharp] sequences_as_arrays: `{n}` is not one of {}",
                    ARRAY_ELEMENTS.join(", ")
                );
            }
        }
    }
    // A --config file is laid over every crate of the library: a name must exist in one of them.
    let crates = || r.o.all.iter().map(|c| &c.ci);
    for name in idiomatic.async_enumerable.keys() {
        match ci.get_object_definition(name) {
            Some(obj) => drop(r.async_enumerable(obj)?),
            None if crates().any(|c| c.get_object_definition(name).is_some()) => {}
            None => bail!("[bindings.csharp.async_enumerable] {name}: no such object in the library"),
        }
    }
    let names: Vec<&String> = match &idiomatic.async_dispose {
        OneOrMany::None => vec![],
        OneOrMany::One(n) => vec![n],
        OneOrMany::Many(ns) => ns.iter().collect(),
    };
    for n in names {
        let used = crates().any(|c| {
            c.object_definitions().iter().any(|o| {
                o.methods().iter().any(|m| m.name() == n && m.arguments().is_empty())
            })
        });
        if !used {
            bail!("[bindings.csharp] async_dispose: no object has an argument-less method `{n}`");
        }
    }
    Ok(())
}

//! `[bindings.csharp]` in a crate's uniffi.toml.

use anyhow::Result;
use heck::ToUpperCamelCase;
use serde::Deserialize;
use std::collections::BTreeMap;
use uniffi_bindgen::ComponentInterface;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// C# namespace of the generated file; also its file name.
    pub namespace: Option<String>,
    /// Library name given to `[DllImport]` (no `lib` prefix, no extension).
    pub cdylib_name: Option<String>,
    /// Static class holding the crate's top-level functions.
    pub functions_class: Option<String>,
    pub rename: toml::Table,
    pub exclude: Vec<String>,
    pub custom_types: BTreeMap<String, CustomTypeConfig>,
    /// Skip the checksum checks at load (the contract version is always checked).
    pub omit_checksums: bool,
    /// A wake from a thread Rust created (not the .NET pool) polls the future again on that
    /// thread instead of on the pool, which gets only the finished result. Only for crates
    /// that never wake an exported future while holding a lock the next poll takes (e.g. every
    /// exported future only awaits Tokio join handles).
    pub repoll_on_waking_thread: bool,
    /// Settings that make the generated code a package's public API (see `idiomatic.rs`).
    #[serde(flatten)]
    pub idiomatic: IdiomaticConfig,
}

/// How a custom type appears in C#: `{}` in `into_custom`/`from_custom` is the value.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CustomTypeConfig {
    pub type_name: Option<String>,
    pub into_custom: String,
    pub from_custom: String,
    pub lift: String,
    pub lower: String,
    /// Extra `using` directives the conversion needs.
    pub imports: Vec<String>,
}

/// The `[bindings.csharp]` keys that shape the public API the way .NET users expect, so a
/// package can ship the generated types as its own instead of wrapping them.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct IdiomaticConfig {
    /// Async functions and methods end in `Async` (`CountRowsAsync`).
    pub async_suffix: bool,
    /// `Vec<T>` of these primitive element types becomes `T[]` instead of `List<T>`.
    pub sequences_as_arrays: ArrayElements,
    /// What replaces a trailing `Error` in an error type's name (or is appended to it).
    pub error_suffix: String,
    /// Objects, records, enums with data and errors are `partial` classes.
    pub partial_types: bool,
    /// Objects whose `async fn next(&self) -> Option<T>` makes them `IAsyncEnumerable<T>` (net8.0).
    pub async_enumerable: BTreeMap<String, AsyncEnumerableConfig>,
    /// Names of argument-less close methods: an object with one is `IAsyncDisposable` (net8.0).
    pub async_dispose: OneOrMany,
}

impl Default for IdiomaticConfig {
    fn default() -> Self {
        IdiomaticConfig {
            async_suffix: false,
            sequences_as_arrays: ArrayElements::default(),
            error_suffix: "Exception".into(),
            partial_types: false,
            async_enumerable: BTreeMap::new(),
            async_dispose: OneOrMany::default(),
        }
    }
}

/// `true` (every primitive element type), `false`, or a list of Rust element types (`["f32"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ArrayElements {
    All(bool),
    Some(Vec<String>),
}

impl Default for ArrayElements {
    fn default() -> Self {
        ArrayElements::All(false)
    }
}

/// A string or a list of strings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn contains(&self, name: &str) -> bool {
        match self {
            OneOrMany::None => false,
            OneOrMany::One(n) => n == name,
            OneOrMany::Many(names) => names.iter().any(|n| n == name),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AsyncEnumerableConfig {
    /// The Rust method giving the next item, `None` at the end.
    pub method: String,
    /// Disposing the enumerator (the end of `await foreach`) also disposes the object.
    pub dispose_object: bool,
}

impl Default for AsyncEnumerableConfig {
    fn default() -> Self {
        AsyncEnumerableConfig { method: "next".into(), dispose_object: false }
    }
}

impl CustomTypeConfig {
    pub fn lift_expr(&self, value: &str) -> String {
        let template = if self.lift.is_empty() { &self.into_custom } else { &self.lift };
        template.replace("{}", value)
    }
    pub fn lower_expr(&self, value: &str) -> String {
        let template = if self.lower.is_empty() { &self.from_custom } else { &self.lower };
        template.replace("{}", value)
    }
}

impl Config {
    pub fn from_toml(
        ci: &ComponentInterface,
        root: toml::Value,
        cdylib: Option<String>,
    ) -> Result<Self> {
        let mut config: Config = match root.get("bindings").and_then(|b| b.get("csharp")) {
            Some(v) => v.clone().try_into()?,
            None => Config::default(),
        };
        config
            .namespace
            .get_or_insert_with(|| format!("UniFFI.{}", ci.namespace().to_upper_camel_case()));
        config.cdylib_name.get_or_insert_with(|| {
            cdylib.unwrap_or_else(|| format!("uniffi_{}", ci.namespace()))
        });
        config.functions_class.get_or_insert_with(|| {
            let class = ci.namespace().to_upper_camel_case();
            let last_segment = config.namespace.as_deref().unwrap().rsplit('.').next().unwrap();
            if class == last_segment {
                format!("{class}Functions")
            } else {
                class
            }
        });
        Ok(config)
    }

    pub fn namespace(&self) -> &str {
        self.namespace.as_deref().expect("namespace set in from_toml")
    }
    pub fn cdylib_name(&self) -> &str {
        self.cdylib_name.as_deref().expect("cdylib_name set in from_toml")
    }
    pub fn functions_class(&self) -> &str {
        self.functions_class.as_deref().expect("functions_class set in from_toml")
    }
}

/// Recursively overlays `over` on `base` (tables merge, other values replace).
pub fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

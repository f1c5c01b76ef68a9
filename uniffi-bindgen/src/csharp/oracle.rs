//! C# names for UniFFI types, FFI types and identifiers.

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use uniffi_bindgen::interface::{AsType, FfiType, ObjectImpl, Type};
use uniffi_bindgen::{Component, ComponentInterface};

use super::Config;

/// C# keywords that cannot be used as identifiers without `@`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked",
    "class", "const", "continue", "decimal", "default", "delegate", "do", "double", "else",
    "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
    "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
    "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
    "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
    "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true",
    "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual",
    "void", "volatile", "while",
];

#[derive(Clone, Copy)]
pub struct Oracle<'a> {
    pub ci: &'a ComponentInterface,
    pub config: &'a Config,
    /// Every crate of the library: external types are named and described by their own.
    pub all: &'a [Component<Config>],
}

impl<'a> Oracle<'a> {
    /// Types, methods, properties, enum members: PascalCase; an error enum's trailing `Error`
    /// becomes `error_suffix` (`Exception` unless configured), which is appended when absent.
    pub fn class_name(&self, name: &str) -> String {
        let class = name.to_upper_camel_case();
        if !self.ci.is_name_used_as_error(name) {
            return class;
        }
        let suffix = &self.config.idiomatic.error_suffix;
        match class.strip_suffix("Error") {
            // `Error` alone would become `Exception`, hiding System.Exception.
            Some(stem) if !stem.is_empty() => format!("{stem}{suffix}"),
            None if class.ends_with(suffix.as_str()) => class,
            _ => format!("{class}{suffix}"),
        }
    }

    /// A member of a flat C# enum.
    pub fn enum_member_name(&self, name: &str) -> String {
        self.class_name(name)
    }

    pub fn fn_name(&self, name: &str) -> String {
        name.to_upper_camel_case()
    }

    /// Parameters and locals: camelCase, keywords escaped.
    pub fn var_name(&self, name: &str) -> String {
        let name = name.to_lower_camel_case();
        if KEYWORDS.contains(&name.as_str()) {
            format!("@{name}")
        } else {
            name
        }
    }

    /// The oracle of the crate defining `t`, when that is another crate of the library.
    pub fn owner_of(&self, t: &Type) -> Option<Oracle<'a>> {
        let krate = t.crate_name()?;
        if krate == self.ci.crate_name() {
            return None;
        }
        self.all
            .iter()
            .find(|c| c.ci.crate_name() == krate)
            .map(|c| Oracle { ci: &c.ci, config: &c.config, all: self.all })
    }

    /// Whether values of `t` hold object handles (directly, or in options, collections,
    /// records or enums): records and enums holding them are IDisposable.
    pub fn holds_objects(&self, t: &Type) -> bool {
        self.holds_objects_seen(t, &mut Vec::new())
    }

    fn holds_objects_seen(&self, t: &Type, seen: &mut Vec<String>) -> bool {
        match t {
            Type::Object { .. } => true,
            Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type }
            | Type::Box { inner_type } => self.holds_objects_seen(inner_type, seen),
            Type::Map { key_type, value_type } => {
                self.holds_objects_seen(key_type, seen) || self.holds_objects_seen(value_type, seen)
            }
            Type::Custom { builtin, .. } => self.holds_objects_seen(builtin, seen),
            Type::Record { .. } | Type::Enum { .. } if self.owner_of(t).is_some() => {
                self.owner_of(t).unwrap().holds_objects_seen(t, seen)
            }
            Type::Record { name, .. } | Type::Enum { name, .. } => {
                // Enums may be recursive through Box.
                if seen.contains(name) {
                    return false;
                }
                seen.push(name.clone());
                let fields: Vec<Type> = match self.ci.get_record_definition(name) {
                    Some(rec) => rec.fields().iter().map(|f| f.as_type()).collect(),
                    None => self
                        .ci
                        .get_enum_definition(name)
                        .map(|e| e.variants().iter().flat_map(|v| v.fields()).map(|f| f.as_type()).collect())
                        .unwrap_or_default(),
                };
                fields.iter().any(|f| self.holds_objects_seen(f, seen))
            }
            _ => false,
        }
    }

    /// A type of the generated namespace, named from the global namespace.
    pub fn qualified(&self, class: &str) -> String {
        format!("global::{}.{class}", self.config.namespace())
    }

    pub fn is_value_type(&self, t: &Type) -> bool {
        if let Some(owner) = self.owner_of(t) {
            return owner.is_value_type(t);
        }
        match t {
            Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32
            | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean
            | Type::Timestamp | Type::Duration => true,
            Type::Enum { name, .. } => {
                let e = self.ci.get_enum_definition(name).expect("enum");
                e.is_flat() && !self.ci.is_name_used_as_error(name)
            }
            Type::Custom { name, builtin, .. } => match self.config.custom_types.get(name) {
                Some(c) if c.type_name.is_some() => false,
                _ => self.is_value_type(builtin),
            },
            Type::Box { inner_type } => self.is_value_type(inner_type),
            _ => false,
        }
    }

    /// Whether an object is a foreign-implementable trait (C# interface + Rust-backed class).
    pub fn is_foreign_trait(&self, imp: &ObjectImpl) -> bool {
        imp.has_callback_interface()
    }

    pub fn type_name(&self, t: &Type) -> String {
        if let Some(owner) = self.owner_of(t) {
            return owner.type_name(t);
        }
        match t {
            Type::UInt8 => "byte".into(),
            Type::Int8 => "sbyte".into(),
            Type::UInt16 => "ushort".into(),
            Type::Int16 => "short".into(),
            Type::UInt32 => "uint".into(),
            Type::Int32 => "int".into(),
            Type::UInt64 => "ulong".into(),
            Type::Int64 => "long".into(),
            Type::Float32 => "float".into(),
            Type::Float64 => "double".into(),
            Type::Boolean => "bool".into(),
            Type::String => "string".into(),
            Type::Bytes => "byte[]".into(),
            Type::Timestamp => "global::System.DateTime".into(),
            Type::Duration => "global::System.TimeSpan".into(),
            // Qualified: inside a variant class `Shape.Point`, a plain `Point` would mean the
            // variant, and a type named `Task` must not be taken for System's (or vice versa).
            Type::Object { name, imp, .. } => {
                if self.is_foreign_trait(imp) {
                    self.qualified(&format!("I{}", self.class_name(name)))
                } else {
                    self.qualified(&self.class_name(name))
                }
            }
            Type::CallbackInterface { name, .. } => {
                self.qualified(&format!("I{}", self.class_name(name)))
            }
            Type::Record { name, .. } | Type::Enum { name, .. } => {
                self.qualified(&self.class_name(name))
            }
            Type::Custom { name, builtin, .. } => match self.config.custom_types.get(name) {
                Some(c) if c.type_name.is_some() => c.type_name.clone().unwrap(),
                _ => self.type_name(builtin),
            },
            Type::Optional { inner_type } => {
                if self.is_value_type(inner_type) {
                    format!("{}?", self.type_name(inner_type))
                } else {
                    self.type_name(inner_type)
                }
            }
            Type::Sequence { inner_type } if self.is_array_element(inner_type) => {
                format!("{}[]", self.type_name(inner_type))
            }
            Type::Sequence { inner_type } => format!("global::System.Collections.Generic.List<{}>", self.type_name(inner_type)),
            Type::Set { inner_type } => format!("global::System.Collections.Generic.HashSet<{}>", self.type_name(inner_type)),
            Type::Map { key_type, value_type } => format!(
                "global::System.Collections.Generic.Dictionary<{}, {}>",
                self.type_name(key_type),
                self.type_name(value_type)
            ),
            Type::Box { inner_type } => self.type_name(inner_type),
        }
    }

    /// Unique, identifier-safe name of a type, used to name its converter.
    pub fn canonical_name(&self, t: &Type) -> String {
        match t {
            Type::UInt8 => "UInt8".into(),
            Type::Int8 => "Int8".into(),
            Type::UInt16 => "UInt16".into(),
            Type::Int16 => "Int16".into(),
            Type::UInt32 => "UInt32".into(),
            Type::Int32 => "Int32".into(),
            Type::UInt64 => "UInt64".into(),
            Type::Int64 => "Int64".into(),
            Type::Float32 => "Float32".into(),
            Type::Float64 => "Float64".into(),
            Type::Boolean => "Boolean".into(),
            Type::String => "String".into(),
            Type::Bytes => "Bytes".into(),
            Type::Timestamp => "Timestamp".into(),
            Type::Duration => "Duration".into(),
            Type::Object { name, .. }
            | Type::CallbackInterface { name, .. }
            | Type::Record { name, .. }
            | Type::Enum { name, .. }
            | Type::Custom { name, .. } => format!("Type{}", name.to_upper_camel_case()),
            Type::Optional { inner_type } => format!("Optional{}", self.canonical_name(inner_type)),
            Type::Sequence { inner_type } => format!("Sequence{}", self.canonical_name(inner_type)),
            Type::Set { inner_type } => format!("Set{}", self.canonical_name(inner_type)),
            Type::Map { key_type, value_type } => format!(
                "Map{}{}",
                self.canonical_name(key_type),
                self.canonical_name(value_type)
            ),
            Type::Box { inner_type } => self.canonical_name(inner_type),
        }
    }

    pub fn converter(&self, t: &Type) -> String {
        format!("FfiConverter{}", self.canonical_name(t))
    }

    /// The C# type of a value of `ffi_type` in `[DllImport]` signatures and FFI structs.
    pub fn ffi_type(&self, ffi_type: &FfiType) -> String {
        match ffi_type {
            FfiType::UInt8 => "byte".into(),
            FfiType::Int8 => "sbyte".into(),
            FfiType::UInt16 => "ushort".into(),
            FfiType::Int16 => "short".into(),
            FfiType::UInt32 => "uint".into(),
            FfiType::Int32 => "int".into(),
            FfiType::UInt64 | FfiType::Handle => "ulong".into(),
            FfiType::Int64 => "long".into(),
            FfiType::Float32 => "float".into(),
            FfiType::Float64 => "double".into(),
            FfiType::RustBuffer(_) => "RustBuffer".into(),
            FfiType::ForeignBytes => "ForeignBytes".into(),
            FfiType::RustCallStatus => "UniffiRustCallStatus".into(),
            // Function pointers cross as raw pointers: delegates are converted once and cached,
            // so no per-call marshalling of delegates happens.
            FfiType::Callback(_) => "IntPtr".into(),
            FfiType::Struct(name) => self.ffi_struct_name(name),
            FfiType::Reference(_) | FfiType::MutReference(_) | FfiType::VoidPointer => {
                "IntPtr".into()
            }
        }
    }

    /// Like [`Self::ffi_type`], but pointers to values become `ref` parameters, which is how
    /// callbacks receive their out-return slot, call status and dropped-callback struct.
    pub fn ffi_param_type(&self, ffi_type: &FfiType) -> String {
        match ffi_type {
            FfiType::Reference(inner) | FfiType::MutReference(inner) => {
                format!("ref {}", self.ffi_type(inner))
            }
            other => self.ffi_type(other),
        }
    }

    pub fn ffi_struct_name(&self, name: &str) -> String {
        format!("Uniffi{}", name.to_upper_camel_case())
    }

    pub fn ffi_callback_name(&self, name: &str) -> String {
        format!("Uniffi{}", name.to_upper_camel_case())
    }

    /// Suffix of the `rust_future_*` functions and of our per-return-type future ops class.
    pub fn future_suffix(&self, ffi_type: Option<&FfiType>) -> String {
        FfiType::return_type_name(ffi_type).to_upper_camel_case()
    }
}

//! Askama templates and the helpers they call.
//!
//! Each type kind has its own template struct; the wrapper concatenates their output in the
//! order UniFFI lists the types, so the same input always gives the same bytes.

use anyhow::{bail, Result};
use askama::Template;
use heck::ToUpperCamelCase;
use std::collections::BTreeSet;
use uniffi_bindgen::interface::{
    Argument, AsType, Callable, CallbackInterface, Enum, FfiCallbackFunction, FfiDefinition,
    DefaultValue, FfiFunction, FfiStruct, FfiType, Constructor, Field, Literal, Method, Object, Record, Type, UniffiTraitMethods, Variant,
};
use uniffi_bindgen::{Component, ComponentInterface};

use super::defaults::{trailing_defaults, CsDefault};
use super::oracle::Oracle;
use super::Config;

/// The last parameter of every async call.
const CANCELLATION_PARAM: &str = "global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken)";

/// Members of `object` that generated classes define or cannot hide with a property.
const OBJECT_MEMBERS: &[&str] =
    &["Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

/// Properties of System.Exception an error variant's field may hide.
const EXCEPTION_MEMBERS: &[&str] = &[
    "Message", "Data", "Source", "StackTrace", "InnerException", "HResult", "HelpLink", "TargetSite",
];

/// Helpers shared by every template (`r.` in the templates).
pub struct R<'a> {
    pub o: Oracle<'a>,
}

impl<'a> R<'a> {
    pub fn type_name<T: AsType>(&self, t: &T) -> String {
        self.o.type_name(&t.as_type())
    }
    pub fn converter<T: AsType>(&self, t: &T) -> String {
        self.o.converter(&t.as_type())
    }
    pub fn is_value_type<T: AsType>(&self, t: &T) -> bool {
        self.o.is_value_type(&t.as_type())
    }
    pub fn class_name(&self, name: &str) -> String {
        self.o.class_name(name)
    }
    /// The name a qualified type is declared with.
    pub fn unqualified<'s>(&self, name: &'s str) -> &'s str {
        name.rsplit('.').next().unwrap_or(name)
    }

    /// The C# property of field `field` in class `class`: PascalCase, with `_` appended where
    /// C# forbids the name (the class's own name, and the `object` members records override).
    pub fn prop(&self, class: &str, field: &str) -> String {
        let p = self.fn_name(field);
        if p == class || OBJECT_MEMBERS.contains(&p.as_str()) {
            format!("{p}_")
        } else {
            p
        }
    }

    /// A method's C# name: PascalCase, with `_` appended where it would clash with its class
    /// or with a member every generated class has (`ToString`, `Equals`, `Dispose`...).
    pub fn method_name(&self, class: &str, name: &str) -> String {
        let m = self.fn_name(name);
        if m == class || m == "Dispose" || OBJECT_MEMBERS.contains(&m.as_str()) {
            format!("{m}_")
        } else {
            m
        }
    }

    /// `new ` for an exception's property that hides a member of System.Exception (`Message`).
    pub fn exception_prop_modifier(&self, class: &str, field: &str) -> &'static str {
        if EXCEPTION_MEMBERS.contains(&self.prop(class, field).as_str()) {
            "new "
        } else {
            ""
        }
    }

    pub fn trait_members(
        &self,
        cls: &str,
        receiver: &str,
        tm: UniffiTraitMethods,
    ) -> Result<String> {
        Ok(TraitMembersT { r: self, cls, receiver, tm }.render()?)
    }

    pub fn holds_objects<T: AsType>(&self, t: &T) -> bool {
        self.o.holds_objects(&t.as_type())
    }

    /// Body of `Dispose()`: disposes what each field holding objects holds.
    pub fn dispose_fields(&self, class: &str, fields: &[Field], indent: usize) -> String {
        let pad = " ".repeat(indent);
        let mut body: String = fields
            .iter()
            .filter(|f| self.holds_objects(*f))
            .map(|f| format!("{pad}UniffiHelpers.DisposeAll(this.{});\n", self.prop(class, f.name())))
            .collect();
        body.push_str(&" ".repeat(indent.saturating_sub(4)));
        body
    }

    /// ` : IComparable<T>, IDisposable` as a record or enum needs (Ord exported, objects held).
    pub fn value_bases<T: AsType>(&self, cls: &str, t: &T, tm: UniffiTraitMethods) -> String {
        let mut bases = self.comparable(cls, tm);
        if self.holds_objects(t) {
            bases.push_str(", global::System.IDisposable");
        }
        match bases.strip_prefix(", ") {
            Some(list) => format!(" : {list}"),
            None => String::new(),
        }
    }

    /// A record's or enum's own value, lowered for Rust (the receiver of its methods).
    pub fn lower_this(&self, conv: &str) -> String {
        format!("{conv}.Lower(this)")
    }

    /// `, IComparable<T>` for a type exporting Ord.
    pub fn comparable(&self, cls: &str, tm: UniffiTraitMethods) -> String {
        match tm.ord_cmp {
            Some(_) => format!(", global::System.IComparable<{cls}>"),
            None => String::new(),
        }
    }

    /// Methods and constructors of a record or enum; `this_param` makes them extension methods.
    pub fn value_methods(
        &self,
        cls: &str,
        receiver: &str,
        constructors: &[Constructor],
        methods: &[Method],
        this_param: Option<String>,
    ) -> Result<String> {
        Ok(ValueMethodsT { r: self, cls, receiver, constructors, methods, this_param }.render()?)
    }

    /// The converter of an external type in its own crate's generated namespace.
    pub fn external_converter(&self, t: &Type) -> Result<String> {
        Ok(format!("global::{}.{}", self.external_namespace(t)?, self.converter(t)))
    }

    pub fn external_namespace(&self, t: &Type) -> Result<String> {
        match self.o.owner_of(t) {
            Some(owner) => Ok(owner.config.namespace().to_string()),
            None => bail!(
                "{t:?} comes from crate {}, which is not part of this library: the C# backend \
                 supports external types only between crates of one library",
                t.crate_name().unwrap_or("?")
            ),
        }
    }

    pub fn enum_member_name(&self, name: &str) -> String {
        self.o.enum_member_name(name)
    }

    /// `: byte` for a `#[repr(u8)]` enum; nothing for the default (`int`), unless a value
    /// needs `long`.
    pub fn enum_underlying(&self, e: &Enum) -> Result<String> {
        let t = match e.variant_discr_type() {
            Some(t) => self.o.type_name(t),
            None => {
                let fits_int = self.discriminants(e)?.iter().all(|v| i32::try_from(*v).is_ok());
                if fits_int { return Ok(String::new()) }
                "long".into()
            }
        };
        Ok(if t == "int" { String::new() } else { format!(" : {t}") })
    }

    /// Each variant with its Rust discriminant, as a C# constant.
    pub fn enum_values<'e>(&self, e: &'e Enum) -> Result<Vec<(&'e Variant, String)>> {
        Ok(e.variants().iter().zip(self.discriminants(e)?).map(|(v, d)| (v, d.to_string())).collect())
    }

    fn discriminants(&self, e: &Enum) -> Result<Vec<i128>> {
        (0..e.variants().len())
            .map(|i| match e.variant_discr(i)? {
                Literal::UInt(v, _, _) => Ok(v as i128),
                Literal::Int(v, _, _) => Ok(v as i128),
                other => bail!("enum {}: unexpected discriminant {other:?}", e.name()),
            })
            .collect()
    }

    pub fn fn_name(&self, name: &str) -> String {
        self.o.fn_name(name)
    }
    pub fn var_name(&self, name: &str) -> String {
        self.o.var_name(name)
    }
    pub fn ffi_type(&self, t: &FfiType) -> String {
        self.o.ffi_type(t)
    }
    pub fn ffi_struct_name(&self, name: &str) -> String {
        self.o.ffi_struct_name(name)
    }
    pub fn ffi_callback_name(&self, name: &str) -> String {
        self.o.ffi_callback_name(name)
    }

    /// An XML doc comment (`/// <summary>`) for a docstring, indented by `indent` spaces.
    /// Templates write `{{ r.doc(..) -}}`, which strips the next line's indentation: the
    /// returned text ends with that indentation.
    pub fn doc(&self, docstring: Option<&str>, indent: usize) -> String {
        let pad = " ".repeat(indent);
        let Some(text) = docstring else { return pad };
        let mut out = format!("{pad}/// <summary>\n");
        for line in text.trim().lines() {
            let line = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            out.push_str(format!("{pad}/// {line}").trim_end());
            out.push('\n');
        }
        out.push_str(&format!("{pad}/// </summary>\n{pad}"));
        out
    }

    /// `int a, string b` (+ the cancellation token of async calls), without defaults: for
    /// interface declarations, whose implementations always receive every argument.
    pub fn params_plain(&self, args: Vec<&Argument>, is_async: bool) -> String {
        let mut parts: Vec<String> = args
            .iter()
            .map(|a| format!("{} {}", self.type_name(*a), self.var_name(a.name())))
            .collect();
        if is_async {
            parts.push(CANCELLATION_PARAM.into());
        }
        parts.join(", ")
    }

    /// Like [`Self::params_plain`], with Rust's default values as optional parameters.
    pub fn params(&self, args: Vec<&Argument>, is_async: bool) -> Result<String> {
        let mut parts = self.declare(&Param::of_args(&args))?;
        if is_async {
            parts.push(CANCELLATION_PARAM.into());
        }
        Ok(parts.join(", "))
    }

    /// `x = x ?? <default>;` for each argument whose default is not a C# constant.
    fn sentinel_fills(&self, args: &[&Argument]) -> Result<Vec<String>> {
        Ok(self
            .initial_values(&Param::of_args(args))?
            .into_iter()
            .filter(|(v, value)| v != value)
            .map(|(v, value)| format!("{v} = {value};"))
            .collect())
    }

    /// Constructor parameters for record or variant fields, with their defaults.
    pub fn field_params(&self, fields: &[Field]) -> Result<String> {
        Ok(self.declare(&Param::of_fields(fields))?.join(", "))
    }

    /// `(property, value)` for each field a constructor sets: the parameter, or its default.
    pub fn field_inits(&self, class: &str, fields: &[Field]) -> Result<Vec<(String, String)>> {
        Ok(fields
            .iter()
            .zip(self.initial_values(&Param::of_fields(fields))?)
            .map(|(f, (_, value))| (self.prop(class, f.name()), value))
            .collect())
    }

    /// The C# default each parameter keeps (see `defaults.rs`).
    fn defaults(&self, params: &[Param]) -> Result<Vec<Option<CsDefault>>> {
        let defaults = params
            .iter()
            .map(|p| {
                let what = format!("{} `{}`", p.kind, p.name);
                p.default.as_ref().map(|d| self.o.cs_default(&p.ty, d, &what)).transpose()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(trailing_defaults(defaults))
    }

    /// `Type name` or `Type name = default` for each parameter.
    fn declare(&self, params: &[Param]) -> Result<Vec<String>> {
        Ok(params
            .iter()
            .zip(self.defaults(params)?)
            .map(|(p, d)| {
                let decl = format!("{} {}", self.o.type_name(&p.ty), self.var_name(&p.name));
                match d {
                    Some(d) => format!("{decl} = {}", d.param_default()),
                    None => decl,
                }
            })
            .collect())
    }

    /// `(parameter, value)`: the value is `param ?? default` where null stands for the default.
    fn initial_values(&self, params: &[Param]) -> Result<Vec<(String, String)>> {
        Ok(params
            .iter()
            .zip(self.defaults(params)?)
            .map(|(p, d)| {
                let v = self.var_name(&p.name);
                let value = match d {
                    Some(CsDefault::Sentinel(e)) => format!("{v} ?? {e}"),
                    _ => v.clone(),
                };
                (v, value)
            })
            .collect())
    }

    /// The C# return type of a callable.
    pub fn return_type(&self, c: &dyn Callable) -> String {
        match (c.return_type(), c.is_async()) {
            (None, false) => "void".into(),
            (Some(t), false) => self.type_name(t),
            (None, true) => "global::System.Threading.Tasks.Task".into(),
            (Some(t), true) => format!("global::System.Threading.Tasks.Task<{}>", self.type_name(t)),
        }
    }

    /// The local holding the other operand of an exported `Eq`.
    pub fn eq_arg(&self, m: &Method) -> String {
        m.arguments().first().map(|a| self.var_name(a.name())).unwrap_or_else(|| "other".into())
    }

    /// The converter function turning Rust's error buffer into the exception to throw.
    pub fn error_handler(&self, throws: Option<&Type>) -> Result<String> {
        Ok(match throws {
            // A custom type over an error crosses as that error: C# throws the error's exception,
            // so the custom type must not be mapped to another C# type.
            Some(Type::Custom { name, builtin, .. }) => {
                if self.o.config.custom_types.get(name).is_some_and(|c| c.type_name.is_some()) {
                    bail!(
                        "custom type {name} is used as an error: it cannot have a C# type_name in \
                         uniffi.toml (C# throws the {} it wraps)",
                        self.type_name(&**builtin)
                    );
                }
                self.error_handler(Some(builtin))?
            }
            Some(t @ Type::Enum { .. }) | Some(t @ Type::Object { .. }) => {
                format!("{}.ErrorHandler", self.o.converter(t))
            }
            Some(t) => bail!("{} cannot be thrown: only error enums and objects can", self.type_name(t)),
            None => "null".into(),
        })
    }

    /// Whether an object is thrown as an error (it then derives from UniffiException).
    pub fn is_error_object(&self, obj: &Object) -> Result<bool> {
        let used = self.o.ci.is_name_used_as_error(obj.name());
        if used && obj.has_callback_interface() {
            bail!("{}: a trait implementable in C# cannot be used as an error", obj.name());
        }
        Ok(used)
    }

    /// Lowered arguments, each followed by `, ` so the status or nothing can follow.
    fn lowered_args(&self, handle: Option<&str>, args: &[&Argument]) -> Result<String> {
        let mut out = String::new();
        if let Some(h) = handle {
            out.push_str(h);
            out.push_str(", ");
        }
        for a in args {
            if a.is_borrowed_bytes() {
                // Pinned by `pin_borrowed_bytes` for the duration of the call.
                let v = self.var_name(a.name());
                out.push_str(&format!(
                    "new ForeignBytes {{ len = {v}.Length, data = {}.AddrOfPinnedObject() }}, ",
                    pin_name(a.name())
                ));
            } else {
                out.push_str(&format!("{}.Lower({}), ", self.converter(*a), self.var_name(a.name())));
            }
        }
        Ok(out)
    }

    /// Wraps a synchronous call's lines so each borrowed `&[u8]` argument stays pinned (Rust
    /// reads the C# array in place) until the call returns.
    fn pin_borrowed_bytes(&self, c: &dyn Callable, call: Vec<String>) -> Result<Vec<String>> {
        let borrowed: Vec<&Argument> = c.arguments().into_iter().filter(|a| a.is_borrowed_bytes()).collect();
        if borrowed.is_empty() {
            return Ok(call);
        }
        if c.is_async() {
            bail!("borrowed byte slices (&[u8]) in async calls are not supported by the C# backend: take Vec<u8>");
        }
        let mut lines = Vec::new();
        for a in &borrowed {
            let v = self.var_name(a.name());
            lines.push(format!(
                "if ({v} == null) throw new global::System.ArgumentNullException(\"{}\");",
                a.name()
            ));
        }
        for a in &borrowed {
            lines.push(format!(
                "var {} = global::System.Runtime.InteropServices.GCHandle.Alloc({}, global::System.Runtime.InteropServices.GCHandleType.Pinned);",
                pin_name(a.name()),
                self.var_name(a.name())
            ));
        }
        lines.push("try".into());
        lines.push("{".into());
        lines.extend(call.into_iter().map(|l| format!("    {l}")));
        lines.push("}".into());
        lines.push("finally".into());
        lines.push("{".into());
        for a in &borrowed {
            lines.push(format!("    {}.Free();", pin_name(a.name())));
        }
        lines.push("}".into());
        Ok(lines)
    }

    /// Body of a method calling Rust: `handle` is the receiver's cloned handle expression.
    pub fn call_body(
        &self,
        c: &dyn Callable,
        ffi: &FfiFunction,
        handle: Option<&str>,
        indent: usize,
        lift: bool,
    ) -> Result<String> {
        let pad = " ".repeat(indent);
        let args = self.lowered_args(handle, &c.arguments())?;
        let errh = self.error_handler(c.throws_type())?;
        let mut lines = Vec::new();
        if c.is_async() {
            let ret_ffi = c.return_type().map(FfiType::from);
            let suffix = self.o.future_suffix(ret_ffi.as_ref());
            let args = args.trim_end_matches(", ");
            let (tffi, t, lift) = match c.return_type() {
                Some(rt) => (
                    self.o.ffi_type(ret_ffi.as_ref().unwrap()),
                    self.type_name(rt),
                    format!("{}.LiftFunc", self.converter(rt)),
                ),
                None => ("byte".into(), "object".into(), "UniffiAsync.LiftVoid".into()),
            };
            lines.push(format!(
                "if (cancellationToken.IsCancellationRequested) return UniffiAsync.Cancelled<{t}>(cancellationToken);"
            ));
            lines.push(format!(
                "return UniffiAsync.Call<{tffi}, {t}>(UniffiLib.{}({args}), UniffiFutureOps{suffix}.Instance, {lift}, {errh}, cancellationToken);",
                ffi.name()
            ));
        } else {
            lines.push("var _uniffiStatus = new UniffiRustCallStatus();".into());
            let assign = if c.return_type().is_some() { "var _uniffiRet = " } else { "" };
            lines.push(format!("{assign}UniffiLib.{}({args}ref _uniffiStatus);", ffi.name()));
            lines.push(format!("UniffiHelpers.CheckStatus(ref _uniffiStatus, {errh});"));
            match c.return_type() {
                Some(rt) if lift => {
                    lines.push(format!("return {}.Lift(_uniffiRet);", self.converter(rt)))
                }
                Some(_) => lines.push("return _uniffiRet;".into()),
                None => {}
            }
        }
        let lines = [self.sentinel_fills(&c.arguments())?, self.pin_borrowed_bytes(c, lines)?].concat();
        // Templates write `{{ r.call_body(..) -}}` then the closing brace, whose indentation
        // the `-` strips: end with it.
        let mut body: String = lines.iter().map(|l| format!("{pad}{l}\n")).collect();
        body.push_str(&" ".repeat(indent.saturating_sub(4)));
        Ok(body)
    }

    /// Lift/Lower/LiftFunc of a converter whose values travel in a RustBuffer via Read/Write.
    pub fn rb_lift_lower(&self, type_name: &str) -> String {
        format!(
            r#"        // Cached: a method group would allocate a delegate per call.
        private static readonly global::System.Func<UniffiReader, {t}> ReadFunc = Read;

        public static {t} Lift(RustBuffer rb) {{ return UniffiHelpers.ReadAll(rb, ReadFunc); }}

        public static RustBuffer Lower({t} v)
        {{
            var w = new UniffiWriter();
            Write(v, w);
            return w.ToRustBuffer();
        }}

        public static readonly global::System.Func<RustBuffer, {t}> LiftFunc = Lift;"#,
            t = type_name
        )
    }

    /// `[DllImport]` parameter list of an FFI function.
    pub fn ffi_params(&self, f: &FfiFunction) -> String {
        let mut parts: Vec<String> = f
            .arguments()
            .iter()
            .map(|a| format!("{} {}", self.o.ffi_type(&a.type_()), self.var_name(a.name())))
            .collect();
        if f.has_rust_call_status_arg() {
            parts.push("ref UniffiRustCallStatus uniffiStatus".into());
        }
        parts.join(", ")
    }

    pub fn ffi_return(&self, t: Option<&FfiType>) -> String {
        t.map(|t| self.o.ffi_type(t)).unwrap_or_else(|| "void".into())
    }

    /// Parameter list of a native-to-managed callback delegate.
    pub fn callback_params(&self, cb: &FfiCallbackFunction) -> String {
        let mut parts: Vec<String> = cb
            .arguments()
            .iter()
            .map(|a| format!("{} {}", self.o.ffi_param_type(&a.type_()), self.var_name(a.name())))
            .collect();
        if cb.has_rust_call_status_arg() {
            parts.push("ref UniffiRustCallStatus uniffiCallStatus".into());
        }
        parts.join(", ")
    }

    /// Field type inside FFI structs: pointers stay raw.
    pub fn ffi_field_type(&self, t: FfiType) -> String {
        self.o.ffi_type(&t)
    }

    /// Lifted callback arguments for a foreign method implementation.
    pub fn lifted_args(&self, m: &Method) -> String {
        m.arguments()
            .iter()
            .map(|a| format!("{}.Lift({})", self.converter(*a), self.var_name(a.name())))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn future_suffix_of(&self, t: Option<&Type>) -> String {
        self.o.future_suffix(t.map(FfiType::from).as_ref())
    }

    /// The element types of a compound type: `[inner]` or `[key, value]`.
    pub fn inner_types(&self, t: &Type) -> Vec<Type> {
        match t {
            Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type } => {
                vec![(**inner_type).clone()]
            }
            Type::Map { key_type, value_type } => vec![(**key_type).clone(), (**value_type).clone()],
            _ => vec![],
        }
    }

    pub fn compound_kind(&self, t: &Type) -> &'static str {
        match t {
            Type::Optional { .. } => "optional",
            Type::Sequence { inner_type } if self.o.is_array_element(inner_type) => "array",
            Type::Sequence { .. } => "sequence",
            Type::Set { .. } => "set",
            Type::Map { .. } => "map",
            _ => "",
        }
    }

    pub fn custom_config(&self, name: &str) -> Option<&'a super::config::CustomTypeConfig> {
        self.o.config.custom_types.get(name)
    }

    pub fn ffi_type_of<T: AsType>(&self, t: &T) -> String {
        self.o.ffi_type(&FfiType::from(&t.as_type()))
    }

}

/// The pinning handle of a borrowed `&[u8]` argument.
fn pin_name(arg: &str) -> String {
    format!("_uniffiPin{}", arg.to_upper_camel_case())
}

/// What defaults apply to: a function argument or a record/variant field.
struct Param {
    kind: &'static str,
    name: String,
    ty: Type,
    default: Option<DefaultValue>,
}

impl Param {
    fn new(kind: &'static str, name: &str, ty: Type, default: Option<&DefaultValue>) -> Param {
        Param { kind, name: name.to_string(), ty, default: default.cloned() }
    }

    fn of_args(args: &[&Argument]) -> Vec<Param> {
        args.iter().map(|a| Param::new("argument", a.name(), a.as_type(), a.default_value())).collect()
    }

    fn of_fields(fields: &[Field]) -> Vec<Param> {
        fields.iter().map(|f| Param::new("field", f.name(), f.as_type(), f.default_value())).collect()
    }
}

/// `ToString`/`Equals`/`GetHashCode`/`CompareTo` calling the Rust traits a type exports.
#[derive(Template)]
#[template(path = "TraitMembers.cs", escape = "none")]
struct TraitMembersT<'a> {
    r: &'a R<'a>,
    cls: &'a str,
    /// Expression giving Rust the receiver: a cloned handle, or the lowered value.
    receiver: &'a str,
    tm: UniffiTraitMethods,
}

/// Methods and constructors of records and enums.
#[derive(Template)]
#[template(path = "ValueMethods.cs", escape = "none")]
struct ValueMethodsT<'a> {
    r: &'a R<'a>,
    cls: &'a str,
    receiver: &'a str,
    constructors: &'a [Constructor],
    methods: &'a [Method],
    /// `this Color self` for extension methods of flat enums.
    this_param: Option<String>,
}

#[derive(Template)]
#[template(path = "Record.cs", escape = "none")]
struct RecordT<'a> {
    r: &'a R<'a>,
    rec: &'a Record,
}

#[derive(Template)]
#[template(path = "Enum.cs", escape = "none")]
struct EnumT<'a> {
    r: &'a R<'a>,
    e: &'a Enum,
}

#[derive(Template)]
#[template(path = "Error.cs", escape = "none")]
struct ErrorT<'a> {
    r: &'a R<'a>,
    e: &'a Enum,
}

#[derive(Template)]
#[template(path = "Object.cs", escape = "none")]
struct ObjectT<'a> {
    r: &'a R<'a>,
    obj: &'a Object,
}

/// The managed side of a vtable: used for callback interfaces and foreign-implementable traits.
#[derive(Template)]
#[template(path = "CallbackInterface.cs", escape = "none")]
struct CallbackT<'a> {
    r: &'a R<'a>,
    /// C# interface implemented by users.
    iface: String,
    /// Suffix of the `UniffiVTable*` class.
    vt_name: String,
    converter: String,
    methods: Vec<Method>,
    vtable_methods: Vec<(FfiCallbackFunction, Method)>,
    vtable: FfiStruct,
    init_fn: String,
    docstring: Option<String>,
    /// Callback interfaces declare the C# interface here; traits declare it in Object.cs.
    declare_interface: bool,
}

#[derive(Template)]
#[template(path = "Compound.cs", escape = "none")]
struct CompoundT<'a> {
    r: &'a R<'a>,
    t: &'a Type,
}

/// The local converter of a type from another crate of the library.
#[derive(Template)]
#[template(path = "External.cs", escape = "none")]
struct ExternalT<'a> {
    r: &'a R<'a>,
    t: &'a Type,
}

#[derive(Template)]
#[template(path = "Custom.cs", escape = "none")]
struct CustomT<'a> {
    r: &'a R<'a>,
    t: &'a Type,
    name: &'a str,
    builtin: &'a Type,
}

#[derive(Template)]
#[template(path = "wrapper.cs", escape = "none")]
struct WrapperT<'a> {
    r: &'a R<'a>,
    ci: &'a ComponentInterface,
    config: &'a Config,
    type_sections: Vec<String>,
    ffi_functions: Vec<FfiFunction>,
    ffi_callbacks: Vec<FfiCallbackFunction>,
    ffi_structs: Vec<FfiStruct>,
    future_types: Vec<FutureOps>,
    vtable_registrations: Vec<String>,
    checksums: Vec<(String, u16)>,
    imports: BTreeSet<String>,
}

/// The `rust_future_*` functions for one FFI return type.
struct FutureOps {
    suffix: String,
    /// C# type `complete` returns (`void` for unit).
    tffi: String,
    poll: String,
    cancel: String,
    complete: String,
    free: String,
}

impl WrapperT<'_> {
    fn contract_version(&self) -> u32 {
        self.ci.uniffi_contract_version()
    }
    fn contract_version_fn(&self) -> String {
        self.ci.ffi_uniffi_contract_version().name().to_string()
    }
}

pub fn render(config: &Config, ci: &ComponentInterface, all: &[Component<Config>]) -> Result<String> {
    let r = R { o: Oracle { ci, config, all } };
    super::idiomatic::check(&r)?;
    let mut sections = Vec::new();
    let mut vtable_registrations = Vec::new();
    let mut imports = BTreeSet::new();
    for t in ci.iter_local_types() {
        match t {
            Type::Record { name, .. } => {
                let rec = ci.get_record_definition(name).expect("record");
                sections.push(RecordT { r: &r, rec }.render()?);
            }
            Type::Enum { name, .. } => {
                let e = ci.get_enum_definition(name).expect("enum");
                if ci.is_name_used_as_error(name) {
                    sections.push(ErrorT { r: &r, e }.render()?);
                } else {
                    sections.push(EnumT { r: &r, e }.render()?);
                }
            }
            Type::Object { name, .. } => {
                let obj = ci.get_object_definition(name).expect("object");
                sections.push(ObjectT { r: &r, obj }.render()?);
                if obj.has_callback_interface() {
                    let cb = CallbackT {
                        r: &r,
                        iface: r.type_name(t),
                        vt_name: r.class_name(name),
                        converter: r.converter(t),
                        methods: obj.methods().into_iter().cloned().collect(),
                        vtable_methods: obj.vtable_methods(),
                        vtable: obj.vtable_definition().expect("trait vtable"),
                        init_fn: obj.ffi_init_callback().name().to_string(),
                        docstring: obj.docstring().map(str::to_string),
                        declare_interface: false,
                    };
                    vtable_registrations.push(format!("UniffiVTable{}.Register();", r.class_name(name)));
                    sections.push(cb.render()?);
                }
            }
            Type::CallbackInterface { name, .. } => {
                let cbi: &CallbackInterface =
                    ci.get_callback_interface_definition(name).expect("callback interface");
                let cb = CallbackT {
                    r: &r,
                    iface: r.type_name(t),
                    vt_name: r.class_name(name),
                    converter: r.converter(t),
                    methods: cbi.methods().into_iter().cloned().collect(),
                    vtable_methods: cbi.vtable_methods(),
                    vtable: cbi.vtable_definition(),
                    init_fn: cbi.ffi_init_callback().name().to_string(),
                    docstring: cbi.docstring().map(str::to_string),
                    declare_interface: true,
                };
                vtable_registrations.push(format!("UniffiVTable{}.Register();", r.class_name(name)));
                sections.push(cb.render()?);
            }
            Type::Optional { .. } | Type::Sequence { .. } | Type::Map { .. } | Type::Set { .. } => {
                sections.push(CompoundT { r: &r, t }.render()?);
            }
            Type::Custom { name, builtin, .. } => {
                if let Some(c) = config.custom_types.get(name) {
                    imports.extend(c.imports.iter().cloned());
                }
                sections.push(CustomT { r: &r, t, name, builtin }.render()?);
            }
            // Primitives, strings, bytes, timestamps and durations have fixed converters.
            _ => {}
        }
    }
    for t in ci.iter_external_types() {
        sections.push(ExternalT { r: &r, t }.render()?);
    }

    let mut ffi_callbacks = Vec::new();
    let mut ffi_structs = Vec::new();
    let mut ffi_functions = Vec::new();
    for def in ci.ffi_definitions() {
        match def {
            FfiDefinition::CallbackFunction(cb) => ffi_callbacks.push(cb),
            FfiDefinition::Struct(s) => ffi_structs.push(s),
            FfiDefinition::Function(f) => ffi_functions.push(f),
        }
    }
    // One ops class per `rust_future_*` family the crate's async calls use.
    let mut future_types = Vec::new();
    let mut seen = BTreeSet::new();
    for c in ci.iter_callables().filter(|c| c.is_async()) {
        let ret = c.return_type().map(FfiType::from);
        let suffix = r.o.future_suffix(ret.as_ref());
        if seen.insert(suffix.clone()) {
            future_types.push(FutureOps {
                tffi: ret.as_ref().map(|t| r.ffi_type(t)).unwrap_or_else(|| "void".into()),
                poll: ci.ffi_rust_future_poll(ret.clone()).name().to_string(),
                cancel: ci.ffi_rust_future_cancel(ret.clone()).name().to_string(),
                complete: ci.ffi_rust_future_complete(ret.clone()).name().to_string(),
                free: ci.ffi_rust_future_free(ret).name().to_string(),
                suffix,
            });
        }
    }

    let wrapper = WrapperT {
        r: &r,
        ci,
        config,
        type_sections: sections,
        ffi_functions,
        ffi_callbacks,
        ffi_structs,
        future_types,
        vtable_registrations,
        checksums: if config.omit_checksums { vec![] } else { ci.iter_checksums().collect() },
        imports,
    };
    let mut out = wrapper.render()?;
    // Templates leave runs of blank lines where blocks are skipped; collapse them.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    Ok(out)
}

//! Default values of arguments and record/variant fields (`#[uniffi::export(default(..))]`,
//! `#[uniffi(default = ..)]`) as C# optional parameters.
//!
//! C# optional parameters need compile-time constants. Numbers, `bool`, strings, `null`,
//! flat-enum members and `default(TimeSpan)` are constants and become ordinary optional
//! parameters (`uint limit = 10`). Every other default (an empty list/map/set/byte array, a
//! record's or object's default constructor, a custom type with a C# class) is expressed with a
//! `null` sentinel on a reference-typed parameter (`List<string> columns = null`) replaced in the
//! body (`columns = columns ?? new List<string>()`): passing `null` means "the default".
//! Where `null` already means something (`Option<T>` defaulting to a non-constant `Some(..)`),
//! or a type has no C# default we can name, generation fails with a message instead.
//!
//! C# requires optional parameters after the required ones: a default followed by a required
//! parameter is dropped (the parameter becomes required), as Rust allows defaults anywhere.

use anyhow::{bail, Result};
use uniffi_bindgen::interface::{DefaultValue, Literal, Radix, Type};

use super::oracle::Oracle;

/// How a default reaches C#.
#[derive(Debug, Clone, PartialEq)]
pub enum CsDefault {
    /// A compile-time constant, usable as `= value` on the parameter.
    Constant(String),
    /// A non-constant expression: the parameter defaults to `null`, replaced by this.
    Sentinel(String),
}

impl CsDefault {
    pub fn param_default(&self) -> &str {
        match self {
            CsDefault::Constant(c) => c,
            CsDefault::Sentinel(_) => "null",
        }
    }
}

impl Oracle<'_> {
    /// The C# form of `default` for a value of type `t`; `what` names it in errors.
    pub fn cs_default(&self, t: &Type, default: &DefaultValue, what: &str) -> Result<CsDefault> {
        let d = self.default_expr(t, default, what)?;
        if let CsDefault::Sentinel(_) = d {
            // `null` must be free to mean "the default".
            if matches!(t, Type::Optional { .. }) || self.is_value_type(t) {
                bail!(
                    "{what}: C# cannot express the default {default:?} of a {} parameter \
                     (no constant, and null is a value of the type); use a constant default",
                    self.type_name(t)
                );
            }
        }
        Ok(d)
    }

    fn default_expr(&self, t: &Type, default: &DefaultValue, what: &str) -> Result<CsDefault> {
        use CsDefault::*;
        if let Some(owner) = self.owner_of(t) {
            return owner.default_expr(t, default, what);
        }
        let tname = self.type_name(t);
        Ok(match (t, default) {
            (Type::Box { inner_type }, _) => self.default_expr(inner_type, default, what)?,
            (Type::Custom { name, builtin, .. }, _) => {
                let inner = self.default_expr(builtin, default, what)?;
                match self.config.custom_types.get(name) {
                    Some(c) if c.type_name.is_some() => Sentinel(format!(
                        "{}.FromBuiltin({})",
                        self.converter(t),
                        match &inner {
                            Constant(e) | Sentinel(e) => e,
                        }
                    )),
                    _ => inner,
                }
            }
            (_, DefaultValue::Literal(lit)) => self.literal(t, lit, what)?,
            (
                Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32
                | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64,
                _,
            ) => Constant("0".into()),
            (Type::Boolean, _) => Constant("false".into()),
            (Type::String, _) => Constant("\"\"".into()),
            (Type::Duration, _) => Constant("default(global::System.TimeSpan)".into()),
            (Type::Bytes, _) => Sentinel("new byte[0]".into()),
            (Type::Optional { .. }, _) => Constant("null".into()),
            (Type::Sequence { .. } | Type::Map { .. } | Type::Set { .. }, _) => match tname.strip_suffix("[]") {
                // sequences_as_arrays
                Some(element) => Sentinel(format!("new {element}[0]")),
                None => Sentinel(format!("new {tname}()")),
            },
            (Type::Record { name, .. }, _) => {
                let rec = self.ci.get_record_definition(name).expect("record");
                if let Some(f) = rec.fields().iter().find(|f| f.default_value().is_none()) {
                    bail!("{what}: defaults to {tname}'s default, but its field `{}` has no default", f.name());
                }
                Sentinel(format!("new {tname}()"))
            }
            (Type::Object { name, .. }, _) => {
                let obj = self.ci.get_object_definition(name).expect("object");
                match obj.primary_constructor() {
                    Some(c) if !c.is_async() && c.arguments().iter().all(|a| a.default_value().is_some()) => {
                        Sentinel(format!("new {}()", self.class_name(name)))
                    }
                    _ => bail!("{what}: defaults to {tname}'s default, but it has no synchronous constructor callable without arguments"),
                }
            }
            _ => bail!(
                "{what}: a default value for {tname} is not supported by the C# backend \
                 (the metadata does not say which value Rust's Default gives)"
            ),
        })
    }

    fn literal(&self, t: &Type, lit: &Literal, what: &str) -> Result<CsDefault> {
        use CsDefault::*;
        Ok(match lit {
            Literal::Boolean(b) => Constant(b.to_string()),
            Literal::String(s) => Constant(string_literal(s)),
            Literal::UInt(v, radix, ty) => Constant(int_literal(&v.to_string(), *v, *radix, ty)),
            Literal::Int(v, radix, ty) => {
                Constant(int_literal(&v.to_string(), v.unsigned_abs(), *radix, ty))
            }
            Literal::Float(s, Type::Float32) => Constant(format!("{s}f")),
            Literal::Float(s, _) => Constant(format!("{s}d")),
            Literal::Enum(variant, ty) => match ty {
                Type::Enum { name, .. }
                    if self.is_value_type(ty) =>
                {
                    Constant(format!("{}.{}", self.class_name(name), self.enum_member_name(variant)))
                }
                _ => bail!("{what}: enum default {variant} of a non-flat enum is not supported"),
            },
            Literal::EmptySequence | Literal::EmptyMap | Literal::EmptySet => match t {
                Type::Bytes => Sentinel("new byte[0]".into()),
                _ => match self.type_name(t).strip_suffix("[]") {
                    // sequences_as_arrays
                    Some(element) => Sentinel(format!("new {element}[0]")),
                    None => Sentinel(format!("new {}()", self.type_name(t))),
                },
            },
            Literal::None => Constant("null".into()),
            Literal::Some { inner } => match t {
                Type::Optional { inner_type } => match self.default_expr(inner_type, inner, what)? {
                    c @ Constant(_) => c,
                    Sentinel(_) => bail!(
                        "{what}: defaults to Some of a non-constant value; C# cannot tell it from \
                         None (null): use None or a constant"
                    ),
                },
                _ => bail!("{what}: Some(..) default for a non-optional {}", self.type_name(t)),
            },
        })
    }
}

/// An integer constant typed like the parameter (`10UL` for ulong) so it always converts.
fn int_literal(decimal: &str, magnitude: u64, radix: Radix, ty: &Type) -> String {
    let digits = match radix {
        Radix::Hexadecimal => {
            let sign = if decimal.starts_with('-') { "-" } else { "" };
            format!("{sign}0x{magnitude:x}")
        }
        // C# has no octal literals.
        _ => decimal.to_string(),
    };
    let suffix = match ty {
        Type::UInt64 => "UL",
        Type::Int64 => "L",
        Type::UInt32 => "U",
        _ => "",
    };
    format!("{digits}{suffix}")
}

/// A C# regular string literal.
pub fn string_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// For each item in order, the default it keeps in C#: defaults followed by a required item are
/// dropped, since C# optional parameters must come last.
pub fn trailing_defaults(defaults: Vec<Option<CsDefault>>) -> Vec<Option<CsDefault>> {
    let mut out = defaults;
    let mut required_seen = false;
    for d in out.iter_mut().rev() {
        if d.is_none() {
            required_seen = true;
        } else if required_seen {
            *d = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_escaped() {
        assert_eq!(string_literal("say \"hi\"\n\\ ✓\u{1}"), r#""say \"hi\"\n\\ ✓\u0001""#);
    }

    #[test]
    fn integer_literals_carry_the_parameter_type() {
        assert_eq!(int_literal("18446744073709551615", u64::MAX, Radix::Decimal, &Type::UInt64), "18446744073709551615UL");
        assert_eq!(int_literal("-128", 128, Radix::Decimal, &Type::Int8), "-128");
        assert_eq!(int_literal("-255", 255, Radix::Hexadecimal, &Type::Int64), "-0xffL");
    }

    #[test]
    fn defaults_before_a_required_item_are_dropped() {
        let c = |s: &str| Some(CsDefault::Constant(s.into()));
        assert_eq!(trailing_defaults(vec![c("1"), None, c("2"), c("3")]), vec![None, None, c("2"), c("3")]);
    }
}

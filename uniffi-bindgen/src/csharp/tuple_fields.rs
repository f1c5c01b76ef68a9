//! Names for the unnamed fields of tuple variants (`Both(String, i64)`, `Oops(String)`).
//!
//! UniFFI's metadata gives such fields an empty name. Like UniFFI's Kotlin backend, which calls
//! them `v1`, `v2`..., we name them by 1-based position before rendering, so every template and
//! helper sees an ordinary field: C# properties `V1`, `V2`, constructor parameters `v1`, `v2`.

use std::cell::Cell;
use uniffi_bindgen::interface::{
    Constructor, Enum, Field, Function, Method, Object, Record, Type, Variant,
};
use uniffi_bindgen::{ComponentInterface, VisitMut};

pub fn name_tuple_fields(ci: &mut ComponentInterface) {
    ci.visit_mut(&Namer { position: Cell::new(0) });
}

/// `visit_mut` visits a variant, then each of its fields in order.
struct Namer {
    position: Cell<usize>,
}

impl VisitMut for Namer {
    fn visit_variant(&self, _is_error: bool, _variant: &mut Variant) {
        self.position.set(0);
    }
    fn visit_record(&self, _record: &mut Record) {
        self.position.set(0);
    }
    fn visit_field(&self, field: &mut Field) {
        self.position.set(self.position.get() + 1);
        if field.name().is_empty() {
            field.rename(format!("v{}", self.position.get()));
        }
    }
    fn visit_object(&self, _object: &mut Object) {}
    fn visit_enum(&self, _is_error: bool, _enum: &mut Enum) {}
    fn visit_type(&self, _type: &mut Type) {}
    fn visit_error_name(&self, _name: &mut String) {}
    fn visit_method(&self, _object_name: &str, _method: &mut Method) {}
    fn visit_constructor(&self, _object_name: &str, _constructor: &mut Constructor) {}
    fn visit_function(&self, _function: &mut Function) {}
}

//! A second UniFFI crate, linked into the fixture's library: the fixture's functions take and
//! return these types, which are "external types" for its bindings. Each crate gets its own
//! generated file (C# namespace, Python module, Kotlin package).

use std::fmt;
use std::sync::Arc;

uniffi::setup_scaffolding!();

/// A record defined here and used by the fixture crate.
#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct ExtPoint {
    pub x: i32,
    pub y: i32,
}

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq)]
pub enum ExtLevel {
    Low,
    High,
}

#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum ExtShape {
    Dot { at: ExtPoint },
    Line { from: ExtPoint, to: ExtPoint },
}

/// An error defined here and thrown by the fixture crate.
#[derive(uniffi::Error, Debug, Clone, PartialEq)]
pub enum ExtError {
    OutOfRange { value: i32 },
}

impl fmt::Display for ExtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for ExtError {}

/// An object defined here.
#[derive(uniffi::Object, Debug)]
pub struct ExtTally {
    total: std::sync::atomic::AtomicI64,
}

#[uniffi::export]
impl ExtTally {
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(ExtTally { total: 0.into() })
    }

    pub fn add(&self, v: i64) -> i64 {
        self.total.fetch_add(v, std::sync::atomic::Ordering::SeqCst) + v
    }
}

/// A function of this crate itself.
#[uniffi::export]
pub fn ext_origin() -> ExtPoint {
    ExtPoint { x: 0, y: 0 }
}

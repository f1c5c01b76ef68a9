//! `update`: set columns to new values or to SQL expressions.
//!
//! The official SDK takes `update({"title": "x"})` (values) or
//! `update(updates_sql={"n": "n + 1"})` (SQL). UniFFI has no dynamic value
//! type, so values come as a small `ScalarValue` enum, rendered here to SQL
//! literals the way the official SDK renders Python values (quotes doubled,
//! NaN and infinities spelled as casts), so a value can never turn into SQL.

use std::collections::HashMap;

use crate::error::{LanceError, Result};
use crate::filter::{validate_expression, validate_filter};
use crate::runtime::write;
use crate::table::{column_list, version, Table};

/// One value for `update`: the types every language can spell without Arrow.
#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum ScalarValue {
    Null,
    Bool { value: bool },
    Int { value: i64 },
    Float { value: f64 },
    String { value: String },
    Binary { value: Vec<u8> },
    /// A vector (fixed-size list of floats) column's value.
    Vector { value: Vec<f32> },
}

impl ScalarValue {
    /// The SQL literal for this value.
    pub(crate) fn to_sql(&self) -> String {
        match self {
            Self::Null => "NULL".into(),
            Self::Bool { value } => (if *value { "TRUE" } else { "FALSE" }).to_string(),
            Self::Int { value } => value.to_string(),
            Self::Float { value } => float_sql(*value),
            Self::String { value } => format!("'{}'", value.replace('\'', "''")),
            Self::Binary { value } => {
                format!("X'{}'", value.iter().map(|b| format!("{b:02x}")).collect::<String>())
            }
            Self::Vector { value } => {
                let items: Vec<String> = value.iter().map(|v| float_sql(*v as f64)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}

fn float_sql(value: f64) -> String {
    if value.is_nan() {
        "CAST('NaN' AS DOUBLE)".into()
    } else if value.is_infinite() {
        format!("CAST('{}Infinity' AS DOUBLE)", if value < 0.0 { "-" } else { "" })
    } else {
        // `{:?}` keeps a decimal point or exponent (1.0, 1e300): SQL reads a float, not an integer.
        format!("{value:?}")
    }
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct UpdateResult {
    pub rows_updated: i64,
    pub version: i64,
}

#[uniffi::export]
impl Table {
    /// Sets columns on the rows matching `filter` (all rows if `None`):
    /// `updates` to values, or `updates_sql` to SQL expressions over the old
    /// row (`"price * 2"`). Exactly one of the two must be given.
    #[uniffi::method(default(updates = None, filter = None, updates_sql = None))]
    pub async fn update(
        &self,
        updates: Option<HashMap<String, ScalarValue>>,
        filter: Option<String>,
        updates_sql: Option<HashMap<String, String>>,
    ) -> Result<UpdateResult> {
        let updates: HashMap<String, String> = match (updates, updates_sql) {
            (Some(_), Some(_)) => {
                return Err(LanceError::InvalidInput("pass either updates or updates_sql, not both".into()))
            }
            (None, None) => return Err(LanceError::InvalidInput("update needs updates or updates_sql".into())),
            (Some(values), None) => values.into_iter().map(|(k, v)| (k, v.to_sql())).collect(),
            (None, Some(sql)) => sql,
        };
        if updates.is_empty() {
            return Err(LanceError::InvalidInput("update needs at least one column".into()));
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            let mut builder = table.update();
            if let Some(filter) = filter {
                validate_filter(&schema, &filter)?;
                builder = builder.only_if(filter);
            }
            // Sorted so the same call always builds the same plan.
            let mut updates: Vec<_> = updates.into_iter().collect();
            updates.sort();
            for (column, expression) in updates {
                if schema.field_with_name(&column).is_err() {
                    return Err(LanceError::InvalidInput(format!(
                        "cannot update unknown column '{column}' (columns: {})",
                        column_list(&schema)
                    )));
                }
                validate_expression(&schema, &expression)?;
                builder = builder.column(column, expression);
            }
            let result = builder.execute().await?;
            Ok(UpdateResult { rows_updated: result.rows_updated as i64, version: version(result.version)? })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::ScalarValue as V;

    #[test]
    fn literals_are_quoted_and_escaped() {
        assert_eq!(V::String { value: "it's".into() }.to_sql(), "'it''s'");
        assert_eq!(V::String { value: "'; DROP TABLE t; --".into() }.to_sql(), "'''; DROP TABLE t; --'");
        assert_eq!(V::Int { value: -5 }.to_sql(), "-5");
        assert_eq!(V::Float { value: 1.0 }.to_sql(), "1.0");
        assert_eq!(V::Float { value: f64::NAN }.to_sql(), "CAST('NaN' AS DOUBLE)");
        assert_eq!(V::Float { value: f64::NEG_INFINITY }.to_sql(), "CAST('-Infinity' AS DOUBLE)");
        assert_eq!(V::Bool { value: true }.to_sql(), "TRUE");
        assert_eq!(V::Null.to_sql(), "NULL");
        assert_eq!(V::Binary { value: vec![0, 255] }.to_sql(), "X'00ff'");
        assert_eq!(V::Vector { value: vec![1.0, 2.5] }.to_sql(), "[1.0, 2.5]");
    }
}

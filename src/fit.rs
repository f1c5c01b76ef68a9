//! Values that would change on their way into a narrower column.
//!
//! LanceDB casts appended data to the table's column types. Arrow's float
//! cast turns a float64 beyond float32's range into infinity without a word,
//! so `1e300` would be stored as `inf`. Such values are refused with a
//! `SchemaMismatch` naming the column and the value, before anything is
//! written. (Rounding to the nearest float32 is what a float32 column is for,
//! and is accepted.) Integers that do not fit the table's narrower integer
//! type are refused the same way.

use arrow::compute::{cast_with_options, CastOptions};
use arrow::util::display::array_value_to_string;
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, Schema};

use crate::error::{LanceError, Result};

/// Fails if a value in `batches` cannot be stored exactly enough in the
/// `table` column of the same name.
pub(crate) fn check_values_fit(table: &Schema, batches: &[RecordBatch]) -> Result<()> {
    for batch in batches {
        for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
            let Ok(target) = table.field_with_name(field.name()) else { continue };
            if let Some(value) = first_misfit(column.as_ref(), target.data_type()) {
                return Err(LanceError::SchemaMismatch(format!(
                    "column '{}' is {} in the table, and the value {value} does not fit it",
                    field.name(),
                    target.data_type()
                )));
            }
        }
    }
    Ok(())
}

/// The first value of `column` that would not survive a cast to `target`.
fn first_misfit(column: &dyn Array, target: &DataType) -> Option<String> {
    match (column.data_type(), target) {
        (DataType::Float64, DataType::Float32 | DataType::Float16) => {
            let max = if *target == DataType::Float32 { f32::MAX as f64 } else { 65504.0 };
            let values = column.as_primitive::<Float64Type>();
            values.iter().flatten().find(|v| v.is_finite() && v.abs() > max).map(|v| format!("{v:e}"))
        }
        (DataType::FixedSizeList(..), DataType::FixedSizeList(inner, _)) => {
            first_misfit(column.as_fixed_size_list().values().as_ref(), inner.data_type())
        }
        (from, to) if from.is_integer() && to.is_integer() && from != to => {
            // A safe cast turns what does not fit into null: find the first such row.
            let cast = cast_with_options(column, to, &CastOptions::default()).ok()?;
            (0..column.len())
                .find(|&i| column.is_valid(i) && cast.is_null(i))
                .and_then(|i| array_value_to_string(column, i).ok())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{Float64Array, Int64Array};
    use arrow_schema::Field;

    use super::*;

    fn check(table_type: DataType, column: Arc<dyn Array>) -> Result<()> {
        let table = Schema::new(vec![Field::new("x", table_type, true)]);
        let data = Arc::new(Schema::new(vec![Field::new("x", column.data_type().clone(), true)]));
        check_values_fit(&table, &[RecordBatch::try_new(data, vec![column]).unwrap()])
    }

    #[test]
    fn out_of_range_values_are_refused_with_the_column_and_value() {
        let err = check(DataType::Float32, Arc::new(Float64Array::from(vec![1.0, 1e300]))).unwrap_err();
        assert!(matches!(&err, LanceError::SchemaMismatch(m) if m.contains("'x'") && m.contains("1e300")), "{err:?}");
        let err = check(DataType::Int32, Arc::new(Int64Array::from(vec![Some(1), None, Some(1 << 40)]))).unwrap_err();
        assert!(matches!(&err, LanceError::SchemaMismatch(m) if m.contains("1099511627776")), "{err:?}");
    }

    #[test]
    fn values_that_fit_or_are_special_pass() {
        let floats = Float64Array::from(vec![Some(f64::INFINITY), Some(f64::NAN), None, Some(-3.4e38), Some(1e-300)]);
        check(DataType::Float32, Arc::new(floats)).unwrap();
        check(DataType::Int32, Arc::new(Int64Array::from(vec![i32::MIN as i64, i32::MAX as i64]))).unwrap();
    }
}

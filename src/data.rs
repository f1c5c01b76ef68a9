//! A columnar batch made of UniFFI records, so Kotlin and C# users need no
//! Arrow library. Conversion to and from Arrow is exact for every type here;
//! other Arrow types coming out of a table are widened to one of them when
//! that loses nothing, and refused with a typed error otherwise.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::types::{
    Decimal128Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, FixedSizeListArray,
    Float32Array, Float64Array, Int32Array, Int64Array, ListArray, PrimitiveArray, RecordBatch,
    StringArray, StructArray,
};
use arrow::compute::kernels::cast_utils::parse_decimal;
use arrow_buffer::{BooleanBuffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType as ArrowType, Field as ArrowField, Schema as ArrowSchema, SchemaRef};

use crate::error::{LanceError, Result};

/// The element type of a vector column other than the usual float32: a
/// `Vector` holds float32 values in every language, stored as this type.
#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum VectorElement {
    /// Half precision: values are rounded to the nearest float16.
    Float16,
    /// Bytes (binary codes, hamming distance): each value must be an integer in 0..=255.
    UInt8,
}

#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
}

/// The column types every language can read and write without Arrow.
#[derive(uniffi::Enum, Clone, Debug, PartialEq, Eq)]
pub enum DataType {
    Bool,
    Int32,
    Int64,
    Float32,
    Float64,
    Utf8,
    Binary,
    /// A fixed-size list of float32 (the usual embedding column), or of
    /// `element` (float16, uint8) when set.
    Vector {
        dim: i32,
        #[uniffi(default)]
        element: Option<VectorElement>,
    },
    Timestamp { unit: TimeUnit, timezone: Option<String> },
    /// Days since the Unix epoch.
    Date32,
    /// An exact decimal of `precision` digits, `scale` of them after the point.
    Decimal128 { precision: i32, scale: i32 },
    /// A list of any length per row (Arrow `list`; a `large_list` is read as one).
    ListOf { item: Box<Field> },
    /// `size` items per row, of any item type (a float32 one is a `Vector`).
    FixedListOf { item: Box<Field>, size: i32 },
    Struct { fields: Vec<Field> },
}

#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub data_type: DataType,
    pub nullable: bool,
    /// The field's Arrow metadata (`update_field_metadata` changes a table's).
    #[uniffi(default)]
    pub metadata: HashMap<String, String>,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct Schema {
    pub fields: Vec<Field>,
    pub metadata: HashMap<String, String>,
}

/// The values of one column. A null slot holds a placeholder value (0, "",
/// empty bytes, a zero vector) and is marked in `Column::validity`.
#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum ColumnValues {
    Bool { values: Vec<bool> },
    Int32 { values: Vec<i32> },
    Int64 { values: Vec<i64> },
    Float32 { values: Vec<f32> },
    Float64 { values: Vec<f64> },
    Utf8 { values: Vec<String> },
    Binary { values: Vec<Vec<u8>> },
    /// Row-major: row i is `values[i*dim .. (i+1)*dim]`.
    Vector { values: Vec<f32> },
    /// Counts of the field's time unit since the Unix epoch.
    Timestamp { values: Vec<i64> },
    /// Days since the Unix epoch.
    Date32 { values: Vec<i32> },
    /// Decimal text such as "-12.50" (exact; a null row holds "0").
    Decimal { values: Vec<String> },
    /// Row i holds items `offsets[i]..offsets[i+1]`: `offsets` has one
    /// entry more than the batch has rows. A null row holds no items.
    ListOf { offsets: Vec<i32>, items: Box<Column> },
    /// Row i holds items `i*size..(i+1)*size`.
    FixedListOf { items: Box<Column> },
    /// One column per field of the struct, each with a value per row.
    Struct { children: Vec<Column> },
}

#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct Column {
    pub values: ColumnValues,
    /// `None` when no value is null; otherwise `validity[i]` is false for a null row.
    pub validity: Option<Vec<bool>>,
}

#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct Batch {
    pub schema: Schema,
    pub columns: Vec<Column>,
    pub num_rows: i64,
}

// ---------- schema ----------

impl From<TimeUnit> for arrow_schema::TimeUnit {
    fn from(unit: TimeUnit) -> Self {
        match unit {
            TimeUnit::Second => Self::Second,
            TimeUnit::Millisecond => Self::Millisecond,
            TimeUnit::Microsecond => Self::Microsecond,
            TimeUnit::Nanosecond => Self::Nanosecond,
        }
    }
}

impl From<arrow_schema::TimeUnit> for TimeUnit {
    fn from(unit: arrow_schema::TimeUnit) -> Self {
        match unit {
            arrow_schema::TimeUnit::Second => Self::Second,
            arrow_schema::TimeUnit::Millisecond => Self::Millisecond,
            arrow_schema::TimeUnit::Microsecond => Self::Microsecond,
            arrow_schema::TimeUnit::Nanosecond => Self::Nanosecond,
        }
    }
}

impl DataType {
    pub(crate) fn to_arrow(&self) -> ArrowType {
        match self {
            Self::Bool => ArrowType::Boolean,
            Self::Int32 => ArrowType::Int32,
            Self::Int64 => ArrowType::Int64,
            Self::Float32 => ArrowType::Float32,
            Self::Float64 => ArrowType::Float64,
            Self::Utf8 => ArrowType::Utf8,
            Self::Binary => ArrowType::Binary,
            Self::Vector { dim, element } => ArrowType::FixedSizeList(
                Arc::new(ArrowField::new("item", vector_item(*element), true)),
                *dim,
            ),
            Self::Timestamp { unit, timezone } => {
                ArrowType::Timestamp((*unit).into(), timezone.as_deref().map(Arc::from))
            }
            Self::Date32 => ArrowType::Date32,
            Self::Decimal128 { precision, scale } => ArrowType::Decimal128(*precision as u8, *scale as i8),
            Self::ListOf { item } => ArrowType::List(Arc::new(item.to_arrow())),
            Self::FixedListOf { item, size } => ArrowType::FixedSizeList(Arc::new(item.to_arrow()), *size),
            Self::Struct { fields } => ArrowType::Struct(fields.iter().map(Field::to_arrow).collect()),
        }
    }

    /// The type a column of `arrow` type is read as, if it can be read exactly.
    pub(crate) fn from_arrow(arrow: &ArrowType) -> Option<Self> {
        Some(match arrow {
            ArrowType::Boolean => Self::Bool,
            ArrowType::Int8 | ArrowType::Int16 | ArrowType::UInt8 | ArrowType::UInt16 => {
                Self::Int32
            }
            ArrowType::Int32 => Self::Int32,
            ArrowType::Int64 | ArrowType::UInt32 | ArrowType::UInt64 => Self::Int64,
            ArrowType::Float16 | ArrowType::Float32 => Self::Float32,
            ArrowType::Float64 => Self::Float64,
            ArrowType::Utf8 | ArrowType::LargeUtf8 | ArrowType::Utf8View => Self::Utf8,
            ArrowType::Binary | ArrowType::LargeBinary | ArrowType::BinaryView => Self::Binary,
            ArrowType::FixedSizeList(item, dim) if item.data_type() == &ArrowType::Float32 => {
                Self::Vector { dim: *dim, element: None }
            }
            ArrowType::FixedSizeList(item, dim) if item.data_type() == &ArrowType::Float16 => {
                Self::Vector { dim: *dim, element: Some(VectorElement::Float16) }
            }
            ArrowType::FixedSizeList(item, dim) if item.data_type() == &ArrowType::UInt8 => {
                Self::Vector { dim: *dim, element: Some(VectorElement::UInt8) }
            }
            ArrowType::Timestamp(unit, tz) => Self::Timestamp {
                unit: (*unit).into(),
                timezone: tz.as_deref().map(str::to_string),
            },
            ArrowType::Date32 => Self::Date32,
            ArrowType::Decimal128(precision, scale) => {
                Self::Decimal128 { precision: *precision as i32, scale: *scale as i32 }
            }
            ArrowType::List(item) | ArrowType::LargeList(item) => {
                Self::ListOf { item: Box::new(Field::from_arrow(item)?) }
            }
            ArrowType::FixedSizeList(item, size) => {
                Self::FixedListOf { item: Box::new(Field::from_arrow(item)?), size: *size }
            }
            ArrowType::Struct(fields) => {
                Self::Struct { fields: fields.iter().map(|f| Field::from_arrow(f)).collect::<Option<_>>()? }
            }
            _ => return None,
        })
    }
}

/// The Arrow item type of a vector column.
fn vector_item(element: Option<VectorElement>) -> ArrowType {
    match element {
        None => ArrowType::Float32,
        Some(VectorElement::Float16) => ArrowType::Float16,
        Some(VectorElement::UInt8) => ArrowType::UInt8,
    }
}

impl Field {
    pub(crate) fn to_arrow(&self) -> ArrowField {
        ArrowField::new(&self.name, self.data_type.to_arrow(), self.nullable).with_metadata(self.metadata.clone())
    }

    fn from_arrow(field: &ArrowField) -> Option<Self> {
        let data_type = DataType::from_arrow(field.data_type())?;
        Some(Field {
            name: field.name().clone(),
            data_type,
            nullable: field.is_nullable(),
            metadata: field.metadata().clone(),
        })
    }
}

impl Schema {
    pub(crate) fn to_arrow(&self) -> Result<SchemaRef> {
        let fields = self
            .fields
            .iter()
            .map(|f| match f.data_type {
                DataType::Vector { dim, .. } if dim <= 0 => Err(LanceError::InvalidInput(format!(
                    "column '{}' is a vector of dimension {dim}: the dimension must be at least 1",
                    f.name
                ))),
                DataType::Decimal128 { precision, scale }
                    if !(1..=38).contains(&precision) || !(-38..=38).contains(&scale) =>
                {
                    Err(LanceError::InvalidInput(format!(
                        "column '{}' is a decimal of precision {precision}, scale {scale}: \
                         precision must be 1..=38 and scale -38..=38",
                        f.name
                    )))
                }
                _ => Ok(f.to_arrow()),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Arc::new(ArrowSchema::new_with_metadata(fields, self.metadata.clone())))
    }

    pub(crate) fn from_arrow(schema: &ArrowSchema) -> Result<Self> {
        let fields = schema
            .fields()
            .iter()
            .map(|f| {
                Field::from_arrow(f).ok_or_else(|| {
                    LanceError::NotSupported(format!(
                        "column '{}' has Arrow type {} which the batch type cannot hold; \
                         select other columns or use the Arrow API",
                        f.name(),
                        f.data_type()
                    ))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Schema { fields, metadata: schema.metadata().clone() })
    }
}

// ---------- batch -> arrow ----------

impl Batch {
    pub(crate) fn to_arrow(&self) -> Result<RecordBatch> {
        let schema = self.schema.to_arrow()?;
        if self.columns.len() != self.schema.fields.len() {
            return Err(LanceError::InvalidInput(format!(
                "the batch has {} columns but its schema has {} fields",
                self.columns.len(),
                self.schema.fields.len()
            )));
        }
        let rows = usize::try_from(self.num_rows).map_err(|_| {
            LanceError::InvalidInput(format!("num_rows must not be negative (got {})", self.num_rows))
        })?;
        let arrays = self
            .schema
            .fields
            .iter()
            .zip(&self.columns)
            .map(|(field, column)| column_to_arrow(field, column, rows))
            .collect::<Result<Vec<_>>>()?;
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        Ok(RecordBatch::try_new_with_options(schema, arrays, &options)?)
    }

    pub(crate) fn from_arrow(batch: &RecordBatch) -> Result<Self> {
        let schema = Schema::from_arrow(batch.schema_ref())?;
        let columns = schema
            .fields
            .iter()
            .zip(batch.columns())
            .map(|(field, array)| column_from_arrow(field, array))
            .collect::<Result<Vec<_>>>()?;
        Ok(Batch { schema, columns, num_rows: batch.num_rows() as i64 })
    }
}

fn column_to_arrow(field: &Field, column: &Column, rows: usize) -> Result<ArrayRef> {
    let name = &field.name;
    let mismatch = || {
        LanceError::InvalidInput(format!(
            "column '{name}' is declared {:?} but holds {} values",
            field.data_type,
            variant_name(&column.values)
        ))
    };
    let nulls = match &column.validity {
        None => None,
        Some(validity) if validity.len() != rows => {
            return Err(LanceError::InvalidInput(format!(
                "column '{name}' has {} validity entries for {rows} rows",
                validity.len()
            )))
        }
        Some(validity) => {
            let nulls = NullBuffer::new(BooleanBuffer::from(validity.as_slice()));
            if nulls.null_count() > 0 && !field.nullable {
                return Err(LanceError::InvalidInput(format!(
                    "column '{name}' is not nullable but has {} nulls",
                    nulls.null_count()
                )));
            }
            Some(nulls)
        }
    };
    let expect_len = |len: usize| -> Result<()> {
        if len == rows {
            Ok(())
        } else {
            Err(LanceError::InvalidInput(format!(
                "column '{name}' has {len} values but the batch has {rows} rows"
            )))
        }
    };
    let array: ArrayRef = match (&field.data_type, &column.values) {
        (DataType::Bool, ColumnValues::Bool { values }) => {
            expect_len(values.len())?;
            Arc::new(BooleanArray::new(BooleanBuffer::from(values.as_slice()), nulls))
        }
        (DataType::Int32, ColumnValues::Int32 { values }) => {
            expect_len(values.len())?;
            Arc::new(Int32Array::new(values.clone().into(), nulls))
        }
        (DataType::Int64, ColumnValues::Int64 { values }) => {
            expect_len(values.len())?;
            Arc::new(Int64Array::new(values.clone().into(), nulls))
        }
        (DataType::Float32, ColumnValues::Float32 { values }) => {
            expect_len(values.len())?;
            Arc::new(Float32Array::new(values.clone().into(), nulls))
        }
        (DataType::Float64, ColumnValues::Float64 { values }) => {
            expect_len(values.len())?;
            Arc::new(Float64Array::new(values.clone().into(), nulls))
        }
        (DataType::Utf8, ColumnValues::Utf8 { values }) => {
            expect_len(values.len())?;
            Arc::new(StringArray::from_iter(with_nulls(values, &nulls)))
        }
        (DataType::Binary, ColumnValues::Binary { values }) => {
            expect_len(values.len())?;
            Arc::new(BinaryArray::from_iter(with_nulls(values, &nulls)))
        }
        (DataType::Vector { dim, element }, ColumnValues::Vector { values }) => {
            let dim = usize::try_from(*dim).unwrap_or(0);
            if dim == 0 || values.len() != rows * dim {
                return Err(LanceError::InvalidInput(format!(
                    "column '{name}' is a vector of dimension {dim}: {rows} rows need {} floats, got {}",
                    rows * dim,
                    values.len()
                )));
            }
            if *element == Some(VectorElement::UInt8) {
                if let Some(at) = values.iter().position(|v| v.fract() != 0.0 || !(0.0..=255.0).contains(v)) {
                    return Err(LanceError::InvalidInput(format!(
                        "column '{name}' is a uint8 vector: value {} (row {}) is not an integer in 0..=255",
                        values[at],
                        at / dim
                    )));
                }
            }
            let item_type = vector_item(*element);
            let flat: ArrayRef = Arc::new(Float32Array::from(values.clone()));
            // Exact for uint8 (checked above); float16 rounds to nearest, as every SDK does.
            let flat = arrow::compute::cast(&flat, &item_type)?;
            let item = Arc::new(ArrowField::new("item", item_type, true));
            Arc::new(FixedSizeListArray::try_new(item, dim as i32, flat, nulls)?)
        }
        (DataType::Timestamp { unit, timezone }, ColumnValues::Timestamp { values }) => {
            expect_len(values.len())?;
            let tz = timezone.clone();
            let v = values.clone();
            match unit {
                TimeUnit::Second => timestamp::<TimestampSecondType>(v, nulls, tz),
                TimeUnit::Millisecond => timestamp::<TimestampMillisecondType>(v, nulls, tz),
                TimeUnit::Microsecond => timestamp::<TimestampMicrosecondType>(v, nulls, tz),
                TimeUnit::Nanosecond => timestamp::<TimestampNanosecondType>(v, nulls, tz),
            }
        }
        (DataType::Date32, ColumnValues::Date32 { values }) => {
            expect_len(values.len())?;
            Arc::new(Date32Array::new(values.clone().into(), nulls))
        }
        (DataType::Decimal128 { precision, scale }, ColumnValues::Decimal { values }) => {
            expect_len(values.len())?;
            let (p, s) = (*precision as u8, *scale as i8);
            let parsed = values
                .iter()
                .enumerate()
                .map(|(row, text)| match &nulls {
                    Some(n) if n.is_null(row) => Ok(0),
                    _ => parse_decimal::<Decimal128Type>(text, p, s).map_err(|e| {
                        LanceError::InvalidInput(format!("column '{name}' row {row}: '{text}' is not a decimal({p}, {s}): {e}"))
                    }),
                })
                .collect::<Result<Vec<i128>>>()?;
            Arc::new(Decimal128Array::new(parsed.into(), nulls).with_precision_and_scale(p, s)?)
        }
        (DataType::ListOf { item }, ColumnValues::ListOf { offsets, items }) => {
            if offsets.len() != rows + 1 || offsets[0] < 0 || offsets.windows(2).any(|w| w[1] < w[0]) {
                return Err(LanceError::InvalidInput(format!(
                    "column '{name}' needs {} non-decreasing, non-negative list offsets (got {})",
                    rows + 1,
                    offsets.len()
                )));
            }
            let values = column_to_arrow(item, items, offsets[rows] as usize)?;
            let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets.clone()));
            Arc::new(ListArray::try_new(Arc::new(item.to_arrow()), offsets, values, nulls)?)
        }
        (DataType::FixedListOf { item, size }, ColumnValues::FixedListOf { items }) => {
            let size = usize::try_from(*size).ok().filter(|s| *s > 0).ok_or_else(|| {
                LanceError::InvalidInput(format!("column '{name}' is a fixed-size list of size {size}: it must be at least 1"))
            })?;
            let values = column_to_arrow(item, items, rows * size)?;
            Arc::new(FixedSizeListArray::try_new(Arc::new(item.to_arrow()), size as i32, values, nulls)?)
        }
        (DataType::Struct { fields }, ColumnValues::Struct { children }) => {
            if fields.len() != children.len() {
                return Err(LanceError::InvalidInput(format!(
                    "column '{name}' is a struct of {} fields but holds {} children",
                    fields.len(),
                    children.len()
                )));
            }
            let arrays = fields
                .iter()
                .zip(children)
                .map(|(f, c)| column_to_arrow(f, c, rows))
                .collect::<Result<Vec<_>>>()?;
            let arrow_fields: arrow_schema::Fields = fields.iter().map(Field::to_arrow).collect();
            Arc::new(StructArray::try_new(arrow_fields, arrays, nulls)?)
        }
        _ => return Err(mismatch()),
    };
    Ok(array)
}

fn with_nulls<'a, T>(values: &'a [T], nulls: &'a Option<NullBuffer>) -> impl Iterator<Item = Option<&'a T>> {
    values.iter().enumerate().map(move |(i, v)| match nulls {
        Some(n) if n.is_null(i) => None,
        _ => Some(v),
    })
}

fn timestamp<T>(values: Vec<i64>, nulls: Option<NullBuffer>, tz: Option<String>) -> ArrayRef
where
    T: arrow_array::types::ArrowTimestampType,
{
    Arc::new(PrimitiveArray::<T>::new(values.into(), nulls).with_timezone_opt(tz))
}

fn variant_name(values: &ColumnValues) -> &'static str {
    match values {
        ColumnValues::Bool { .. } => "Bool",
        ColumnValues::Int32 { .. } => "Int32",
        ColumnValues::Int64 { .. } => "Int64",
        ColumnValues::Float32 { .. } => "Float32",
        ColumnValues::Float64 { .. } => "Float64",
        ColumnValues::Utf8 { .. } => "Utf8",
        ColumnValues::Binary { .. } => "Binary",
        ColumnValues::Vector { .. } => "Vector",
        ColumnValues::Timestamp { .. } => "Timestamp",
        ColumnValues::Date32 { .. } => "Date32",
        ColumnValues::Decimal { .. } => "Decimal",
        ColumnValues::ListOf { .. } => "ListOf",
        ColumnValues::FixedListOf { .. } => "FixedListOf",
        ColumnValues::Struct { .. } => "Struct",
    }
}

// ---------- arrow -> batch ----------

fn column_from_arrow(field: &Field, array: &ArrayRef) -> Result<Column> {
    // Widening casts are exact (Int8 -> Int32, UInt32 -> Int64, LargeUtf8 -> Utf8, f16 -> f32).
    let target = field.data_type.to_arrow();
    let array = if array.data_type() == &target {
        array.clone()
    } else {
        arrow::compute::cast_with_options(
            array,
            &target,
            &arrow::compute::CastOptions { safe: false, ..Default::default() },
        )
        .map_err(|e| {
            LanceError::NotSupported(format!("column '{}' cannot be read exactly: {e}", field.name))
        })?
    };
    let validity = array
        .logical_nulls()
        .filter(|n| n.null_count() > 0)
        .map(|n| n.iter().collect::<Vec<bool>>());
    let values = match &field.data_type {
        DataType::Bool => ColumnValues::Bool {
            values: downcast::<BooleanArray>(&array).values().iter().collect(),
        },
        DataType::Int32 => ColumnValues::Int32 {
            values: downcast::<Int32Array>(&array).values().to_vec(),
        },
        DataType::Int64 => ColumnValues::Int64 {
            values: downcast::<Int64Array>(&array).values().to_vec(),
        },
        DataType::Float32 => ColumnValues::Float32 {
            values: downcast::<Float32Array>(&array).values().to_vec(),
        },
        DataType::Float64 => ColumnValues::Float64 {
            values: downcast::<Float64Array>(&array).values().to_vec(),
        },
        DataType::Utf8 => {
            let strings = downcast::<StringArray>(&array);
            ColumnValues::Utf8 {
                values: (0..strings.len())
                    .map(|i| if strings.is_null(i) { String::new() } else { strings.value(i).to_string() })
                    .collect(),
            }
        }
        DataType::Binary => {
            let bytes = downcast::<BinaryArray>(&array);
            ColumnValues::Binary {
                values: (0..bytes.len())
                    .map(|i| if bytes.is_null(i) { Vec::new() } else { bytes.value(i).to_vec() })
                    .collect(),
            }
        }
        DataType::Vector { dim, .. } => {
            let list = downcast::<FixedSizeListArray>(&array);
            let dim = *dim as usize;
            let items = list.values().slice(list.offset() * dim, list.len() * dim);
            // float16 and uint8 widen exactly to float32.
            let items = arrow::compute::cast(&items, &ArrowType::Float32)?;
            ColumnValues::Vector { values: downcast::<Float32Array>(&items).values().to_vec() }
        }
        DataType::Timestamp { .. } => {
            let values = arrow::compute::cast(&array, &ArrowType::Int64)?;
            ColumnValues::Timestamp { values: downcast::<Int64Array>(&values).values().to_vec() }
        }
        DataType::Date32 => ColumnValues::Date32 { values: downcast::<Date32Array>(&array).values().to_vec() },
        DataType::Decimal128 { .. } => {
            let decimals = downcast::<Decimal128Array>(&array);
            ColumnValues::Decimal { values: (0..decimals.len()).map(|i| decimals.value_as_string(i)).collect() }
        }
        DataType::ListOf { item } => {
            let list = downcast::<ListArray>(&array);
            // Null rows may own items in storage; they get none here.
            let mut offsets = Vec::with_capacity(list.len() + 1);
            let mut keep = Vec::with_capacity(list.len());
            offsets.push(0i32);
            for row in 0..list.len() {
                let range = list.value_offsets()[row]..list.value_offsets()[row + 1];
                if !list.is_null(row) {
                    keep.push(range.clone());
                }
                let taken = if list.is_null(row) { 0 } else { range.end - range.start };
                offsets.push(offsets[row] + taken);
            }
            let slices: Vec<ArrayRef> = keep
                .iter()
                .map(|r| list.values().slice(r.start as usize, (r.end - r.start) as usize))
                .collect();
            let items = if slices.is_empty() {
                list.values().slice(0, 0)
            } else {
                arrow::compute::concat(&slices.iter().map(|a| a.as_ref()).collect::<Vec<_>>())?
            };
            ColumnValues::ListOf { offsets, items: Box::new(column_from_arrow(item, &items)?) }
        }
        DataType::FixedListOf { item, size } => {
            let list = downcast::<FixedSizeListArray>(&array);
            let size = *size as usize;
            let items = list.values().slice(list.offset() * size, list.len() * size);
            ColumnValues::FixedListOf { items: Box::new(column_from_arrow(item, &items)?) }
        }
        DataType::Struct { fields } => {
            let parts = downcast::<StructArray>(&array);
            ColumnValues::Struct {
                children: fields
                    .iter()
                    .zip(parts.columns())
                    .map(|(f, c)| column_from_arrow(f, c))
                    .collect::<Result<Vec<_>>>()?,
            }
        }
    };
    Ok(Column { values: blank_nulls(values, validity.as_deref(), &field.data_type), validity })
}

/// Storage keeps whatever bytes sit under a null; callers get the documented
/// placeholder instead, so equal data always compares equal.
fn blank_nulls(mut values: ColumnValues, validity: Option<&[bool]>, data_type: &DataType) -> ColumnValues {
    fn blank<T: Default>(values: &mut [T], validity: &[bool], width: usize) {
        for (row, _) in validity.iter().enumerate().filter(|(_, valid)| !**valid) {
            values[row * width..(row + 1) * width].iter_mut().for_each(|v| *v = T::default());
        }
    }
    let Some(validity) = validity else { return values };
    match &mut values {
        ColumnValues::Bool { values } => blank(values, validity, 1),
        ColumnValues::Int32 { values } => blank(values, validity, 1),
        ColumnValues::Int64 { values } | ColumnValues::Timestamp { values } => blank(values, validity, 1),
        ColumnValues::Float32 { values } => blank(values, validity, 1),
        ColumnValues::Float64 { values } => blank(values, validity, 1),
        ColumnValues::Utf8 { values } => blank(values, validity, 1),
        ColumnValues::Binary { values } => blank(values, validity, 1),
        ColumnValues::Vector { values } => {
            let DataType::Vector { dim, .. } = data_type else { unreachable!("vector values have a vector type") };
            blank(values, validity, *dim as usize)
        }
        ColumnValues::Date32 { values } => blank(values, validity, 1),
        ColumnValues::Decimal { values } => {
            validity.iter().zip(values.iter_mut()).filter(|(valid, _)| !**valid).for_each(|(_, v)| *v = "0".into())
        }
        // Nested values keep their own placeholders; list null rows are emptied when read.
        ColumnValues::ListOf { .. } | ColumnValues::FixedListOf { .. } | ColumnValues::Struct { .. } => {}
    }
    values
}

fn downcast<T: 'static>(array: &ArrayRef) -> &T {
    array
        .as_any()
        .downcast_ref::<T>()
        .expect("array was cast to the field's type just before")
}

/// Concatenates query output into one batch (an empty one carries the schema).
pub(crate) fn concat(schema: SchemaRef, batches: &[RecordBatch]) -> Result<Batch> {
    let batch = arrow::compute::concat_batches(&schema, batches)?;
    Batch::from_arrow(&batch)
}


/// A reader rather than a `Vec` so a table can be created from zero batches:
/// LanceDB then takes the schema from the reader.
pub(crate) fn reader(schema: SchemaRef, batches: Vec<RecordBatch>) -> Box<dyn arrow_array::RecordBatchReader + Send> {
    Box::new(arrow_array::RecordBatchIterator::new(batches.into_iter().map(Ok), schema))
}

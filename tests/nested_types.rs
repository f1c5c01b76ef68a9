//! Lists, fixed-size lists, structs, dates and decimals through the
//! library-independent `Batch`, with nulls at every level.

use std::collections::HashMap;

mod common;
use common::{db, field};

use unilance::{Batch, Column, ColumnValues, DataType, LanceError, Schema};

fn col(values: ColumnValues, validity: Option<Vec<bool>>) -> Column {
    Column { values, validity }
}

fn nested() -> Batch {
    let point = vec![field("x", DataType::Int32, true), field("label", DataType::Utf8, true)];
    Batch {
        schema: Schema {
            fields: vec![
                field("tags", DataType::ListOf { item: Box::new(field("item", DataType::Utf8, true)) }, true),
                field(
                    "bytes4",
                    DataType::FixedListOf { item: Box::new(field("item", DataType::Int32, true)), size: 2 },
                    true,
                ),
                field("point", DataType::Struct { fields: point.clone() }, true),
                field("day", DataType::Date32, true),
                field("price", DataType::Decimal128 { precision: 10, scale: 2 }, true),
            ],
            metadata: HashMap::new(),
        },
        columns: vec![
            col(
                ColumnValues::ListOf {
                    // rows: ["a", null], null, []
                    offsets: vec![0, 2, 2, 2],
                    items: Box::new(col(
                        ColumnValues::Utf8 { values: vec!["a".into(), String::new()] },
                        Some(vec![true, false]),
                    )),
                },
                Some(vec![true, false, true]),
            ),
            col(
                ColumnValues::FixedListOf { items: Box::new(col(ColumnValues::Int32 { values: vec![1, 2, 3, 4, 5, 6] }, None)) },
                None,
            ),
            col(
                ColumnValues::Struct {
                    children: vec![
                        col(ColumnValues::Int32 { values: vec![1, 0, 3] }, Some(vec![true, false, true])),
                        col(ColumnValues::Utf8 { values: vec!["p".into(), "q".into(), "r".into()] }, None),
                    ],
                },
                None,
            ),
            col(ColumnValues::Date32 { values: vec![0, 19000, 0] }, Some(vec![true, true, false])),
            col(
                ColumnValues::Decimal { values: vec!["12.50".into(), "-0.01".into(), "0".into()] },
                Some(vec![true, true, false]),
            ),
        ],
        num_rows: 3,
    }
}

#[tokio::test]
async fn nested_columns_round_trip_with_nulls() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), nested(), None, Default::default()).await.unwrap();
    assert_eq!(table.schema().await.unwrap().fields, nested().schema.fields);
    assert_eq!(table.clone().query().to_batch().await.unwrap(), nested());
    table.add(nested(), None).await.unwrap();
    assert_eq!(table.count_rows(None).await.unwrap(), 6);
}

#[tokio::test]
async fn bad_nested_data_is_invalid_input() {
    let (_dir, db) = db().await;
    let mut bad = nested();
    bad.columns[0].values = ColumnValues::ListOf {
        offsets: vec![0, 2, 1, 2],
        items: Box::new(col(ColumnValues::Utf8 { values: vec!["a".into(), "b".into()] }, None)),
    };
    let Err(err) = db.create_table("t".into(), bad, None, Default::default()).await else { panic!("bad data was accepted") };
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'tags'") && m.contains("offsets")), "{err:?}");
    let mut bad = nested();
    bad.columns[4].values = ColumnValues::Decimal { values: vec!["12.5x".into(), "1".into(), "0".into()] };
    let Err(err) = db.create_table("t".into(), bad, None, Default::default()).await else { panic!("bad data was accepted") };
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'price' row 0")), "{err:?}");
    assert!(db.table_names(None, None).await.unwrap().is_empty());
}


/// uint8 and float16 vector columns (made by other SDKs) are read as
/// `Vector`s with their element type, and rows in that shape append to them
/// and create such columns exactly.
#[tokio::test]
async fn uint8_and_float16_vectors_read_append_and_create() {
    use std::sync::Arc;
    use arrow::array::{FixedSizeListArray, UInt8Array};
    use arrow::datatypes::{DataType as A, Field as AF, Schema as AS};
    use unilance::VectorElement;

    let u8_item = Arc::new(AF::new("item", A::UInt8, true));
    let f16_item = Arc::new(AF::new("item", A::Float16, true));
    let schema = Arc::new(AS::new(vec![
        AF::new("codes", A::FixedSizeList(u8_item.clone(), 2), true),
        AF::new("halves", A::FixedSizeList(f16_item.clone(), 2), true),
    ]));
    let codes = FixedSizeListArray::try_new(u8_item, 2, Arc::new(UInt8Array::from(vec![1u8, 255])), None).unwrap();
    let halves = arrow::compute::cast(&arrow::array::Float32Array::from(vec![0.5f32, -2.0]), &A::Float16).unwrap();
    let halves = FixedSizeListArray::try_new(f16_item, 2, halves, None).unwrap();
    let batch = arrow::record_batch::RecordBatch::try_new(schema.clone(), vec![Arc::new(codes), Arc::new(halves)]).unwrap();
    let mut ipc = Vec::new();
    {
        let mut writer = arrow::ipc::writer::StreamWriter::try_new(&mut ipc, &schema).unwrap();
        writer.write(&batch).unwrap();
        writer.finish().unwrap();
    }
    let (_dir, db) = db().await;
    let table = db.create_table_ipc("v".into(), ipc, None, Default::default()).await.unwrap();
    let read = table.clone().query().to_batch().await.unwrap();
    assert_eq!(read.schema.fields[0].data_type, DataType::Vector { dim: 2, element: Some(VectorElement::UInt8) });
    assert_eq!(read.schema.fields[1].data_type, DataType::Vector { dim: 2, element: Some(VectorElement::Float16) });
    assert_eq!(read.columns[0].values, ColumnValues::Vector { values: vec![1.0, 255.0] });
    assert_eq!(read.columns[1].values, ColumnValues::Vector { values: vec![0.5, -2.0] });
    table.add(read.clone(), None).await.unwrap();
    let again = table.clone().query().to_batch().await.unwrap();
    assert_eq!(again.num_rows, 2);
    assert_eq!(again.columns[0].values, ColumnValues::Vector { values: vec![1.0, 255.0, 1.0, 255.0] });

    // The same batch creates a table with the same exact types.
    let copy = db.create_table("copy".into(), read.clone(), None, Default::default()).await.unwrap();
    assert_eq!(copy.schema().await.unwrap(), read.schema);

    // A uint8 vector holds integers 0..=255 only.
    let mut bad = read.clone();
    bad.columns[0].values = ColumnValues::Vector { values: vec![1.0, 256.0] };
    let Err(err) = table.add(bad, None).await else { panic!("256 was accepted as a uint8") };
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'codes'") && m.contains("256")), "{err:?}");
    assert_eq!(table.count_rows(None).await.unwrap(), 2);
}

//! The Rust API that every binding wraps, tested directly.

use std::collections::HashMap;

mod common;
use common::{db, field};

use unilance::{
    debug_call, AddMode, Batch, Column, ColumnValues, CreateMode, DataType, LanceError, Schema,
    TimeUnit,
};

fn sample(rows: i64) -> Batch {
    let dim = 4u32;
    Batch {
        schema: Schema {
            fields: vec![
                field("id", DataType::Int64, false),
                field("text", DataType::Utf8, true),
                field("vector", DataType::Vector { dim: dim as i32, element: None }, true),
            ],
            metadata: HashMap::new(),
        },
        columns: vec![
            Column { values: ColumnValues::Int64 { values: (0..rows).collect() }, validity: None },
            Column {
                values: ColumnValues::Utf8 { values: (0..rows).map(|i| format!("row {i}")).collect() },
                validity: None,
            },
            Column {
                values: ColumnValues::Vector {
                    values: (0..rows * dim as i64).map(|i| (i / dim as i64) as f32).collect(),
                },
                validity: None,
            },
        ],
        num_rows: rows,
    }
}

#[tokio::test]
async fn create_count_search_round_trip() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), sample(20), Some(CreateMode::Create), Default::default()).await.unwrap();
    assert_eq!(table.count_rows(None).await.unwrap(), 20);
    assert_eq!(table.count_rows(Some("id < 5".into())).await.unwrap(), 5);
    assert_eq!(table.clone().query().to_batch().await.unwrap(), sample(20));

    let hits = table.clone().vector_search(vec![7.2; 4]).limit(3).to_batch().await.unwrap();
    let ids = match &hits.columns[0].values {
        ColumnValues::Int64 { values } => values.clone(),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(ids, vec![7, 8, 6]);
    assert_eq!(hits.schema.fields.last().unwrap().name, "_distance");
}

#[tokio::test]
async fn every_type_round_trips_with_nulls() {
    let (_dir, db) = db().await;
    let fields = vec![
        field("b", DataType::Bool, true),
        field("i32", DataType::Int32, true),
        field("i64", DataType::Int64, true),
        field("f32", DataType::Float32, true),
        field("f64", DataType::Float64, true),
        field("s", DataType::Utf8, true),
        field("bin", DataType::Binary, true),
        field("v", DataType::Vector { dim: 2, element: None }, true),
        field("ts", DataType::Timestamp { unit: TimeUnit::Millisecond, timezone: Some("+01:00".into()) }, true),
    ];
    let nulls = Some(vec![true, false, true]);
    let col = |values| Column { values, validity: nulls.clone() };
    let batch = Batch {
        schema: Schema { fields, metadata: HashMap::from([("k".into(), "v".into())]) },
        columns: vec![
            col(ColumnValues::Bool { values: vec![true, false, false] }),
            col(ColumnValues::Int32 { values: vec![i32::MIN, 0, i32::MAX] }),
            col(ColumnValues::Int64 { values: vec![i64::MIN, 0, i64::MAX] }),
            col(ColumnValues::Float32 { values: vec![f32::MIN_POSITIVE, 0.0, -1.5] }),
            col(ColumnValues::Float64 { values: vec![f64::MAX, 0.0, -0.0] }),
            col(ColumnValues::Utf8 { values: vec!["ünï".into(), String::new(), String::new()] }),
            col(ColumnValues::Binary { values: vec![vec![0, 255], vec![], vec![]] }),
            col(ColumnValues::Vector { values: vec![1.0, 2.0, 0.0, 0.0, 3.0, 4.0] }),
            col(ColumnValues::Timestamp { values: vec![-1, 0, 1_700_000_000_000] }),
        ],
        num_rows: 3,
    };
    let table = db.create_table("types".into(), batch.clone(), Some(CreateMode::Create), Default::default()).await.unwrap();
    assert_eq!(table.clone().query().to_batch().await.unwrap(), batch);
}

#[tokio::test]
async fn errors_are_typed_and_leave_data_alone() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), sample(10), Some(CreateMode::Create), Default::default()).await.unwrap();
    let err = db.create_table("t".into(), sample(1), Some(CreateMode::Create), Default::default()).await.err().unwrap();
    assert!(matches!(err, LanceError::TableAlreadyExists(_)), "{err:?}");
    let err = db.open_table("missing".into(), None, Default::default()).await.err().unwrap();
    assert!(matches!(err, LanceError::TableNotFound(_)), "{err:?}");
    let err = table.count_rows(Some("id >".into())).await.unwrap_err();
    assert!(matches!(err, LanceError::InvalidFilter(_)), "{err:?}");
    let err = table.clone().vector_search(vec![1.0; 3]).to_batch().await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("dimension 3")), "{err:?}");
    let mut wrong = sample(1);
    wrong.schema.fields[2].data_type = DataType::Vector { dim: 1, element: None };
    wrong.columns[2].values = ColumnValues::Vector { values: vec![1.0] };
    let err = table.add(wrong, Some(AddMode::Append)).await.unwrap_err();
    assert!(matches!(err, LanceError::SchemaMismatch(_)), "{err:?}");
    assert_eq!(table.count_rows(None).await.unwrap(), 10);
    table.close().await;
    let err = table.count_rows(None).await.unwrap_err();
    assert!(matches!(err, LanceError::Closed(_)), "{err:?}");
}

#[tokio::test]
async fn panics_become_internal_errors_on_either_thread() {
    for on_runtime in [true, false] {
        let err = debug_call(Some("boom".into()), on_runtime).await.unwrap_err();
        assert!(matches!(&err, LanceError::Internal(m) if m.contains("boom")), "{err:?}");
    }
    debug_call(None, true).await.unwrap();
    debug_call(None, false).await.unwrap();
}

#[tokio::test]
async fn cancelled_heavy_call_is_aborted_and_table_stays_usable() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), sample(1000), Some(CreateMode::Create), Default::default()).await.unwrap();
    let query = table.clone().query();
    // Dropping the future after its first poll cancels the spawned task.
    let fut = query.to_batch();
    let _ = tokio::time::timeout(std::time::Duration::from_micros(1), fut).await;
    assert_eq!(table.count_rows(None).await.unwrap(), 1000);
    assert_eq!(db.table_names(None, None).await.unwrap(), vec!["t".to_string()]);
}

#[tokio::test]
async fn cancelled_write_commits_and_close_waits_for_it() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), sample(10), Some(CreateMode::Create), Default::default()).await.unwrap();
    // Polled once, which spawns the write, then dropped: the caller stopped waiting.
    let add = table.add(sample(50_000), Some(AddMode::Append));
    let _ = tokio::time::timeout(std::time::Duration::from_micros(1), add).await;
    // (debug_live_objects().writes is process-wide, and these tests run in parallel.)
    table.close().await;
    let reopened = db.open_table("t".into(), None, Default::default()).await.unwrap();
    assert_eq!(reopened.count_rows(None).await.unwrap(), 50_010);
    db.close().await;
}

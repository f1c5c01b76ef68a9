//! Helpers shared by the integration tests (each tests/*.rs file is its own crate): a database
//! in a temp dir and a small `id`/`text`/`price` table whose rows tests can read back sorted.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use unilance::{connect, Batch, Column, ColumnValues, Connection, DataType, Field, Schema, Table};

pub fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field { name: name.into(), data_type, nullable, metadata: Default::default() }
}

/// A connection to a fresh directory, removed when the `TempDir` drops.
pub async fn db() -> (tempfile::TempDir, Arc<Connection>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(dir.path().to_str().unwrap().into(), HashMap::new(), None, None).await.unwrap();
    (dir, conn)
}

/// Rows `(id, text)`; `price` is `id / 2`.
pub fn rows(rows: &[(i64, &str)]) -> Batch {
    let field = |name: &str, data_type| Field { name: name.into(), data_type, nullable: true, metadata: Default::default() };
    let column = |values| Column { values, validity: None };
    Batch {
        schema: Schema {
            fields: vec![field("id", DataType::Int64), field("text", DataType::Utf8), field("price", DataType::Float64)],
            metadata: HashMap::new(),
        },
        columns: vec![
            column(ColumnValues::Int64 { values: rows.iter().map(|r| r.0).collect() }),
            column(ColumnValues::Utf8 { values: rows.iter().map(|r| r.1.to_string()).collect() }),
            column(ColumnValues::Float64 { values: rows.iter().map(|r| r.0 as f64 / 2.0).collect() }),
        ],
        num_rows: rows.len() as i64,
    }
}

/// The table's `(id, text)` rows, sorted by id.
pub async fn contents(table: &Arc<Table>) -> Vec<(i64, String)> {
    let batch = table.clone().query().to_batch().await.unwrap();
    let ids = match &batch.columns[0].values {
        ColumnValues::Int64 { values } => values.clone(),
        other => panic!("unexpected {other:?}"),
    };
    let texts = match &batch.columns[1].values {
        ColumnValues::Utf8 { values } => values.clone(),
        other => panic!("unexpected {other:?}"),
    };
    let mut rows: Vec<_> = ids.into_iter().zip(texts).collect();
    rows.sort();
    rows
}

/// `contents` spelled as the test expects it.
pub fn expect(rows: &[(i64, &str)]) -> Vec<(i64, String)> {
    rows.iter().map(|(i, t)| (*i, t.to_string())).collect()
}

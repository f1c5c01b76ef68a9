//! update by values (quoted safely) and by SQL expressions.

mod common;

use std::collections::HashMap;

use common::{contents, db, expect, rows};
use unilance::{CreateMode, LanceError, ScalarValue};

#[tokio::test]
async fn values_are_literals_never_sql() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), rows(&[(1, "a"), (2, "b")]), Some(CreateMode::Create), Default::default()).await.unwrap();
    let sneaky = "x' || text || '".to_string();
    let updates = HashMap::from([("text".to_string(), ScalarValue::String { value: sneaky.clone() })]);
    let result = table.update(Some(updates), Some("id = 1".into()), None).await.unwrap();
    assert_eq!(result.rows_updated, 1);
    assert_eq!(result.version, table.version().await.unwrap());
    assert_eq!(contents(&table).await, vec![(1, sneaky), (2, "b".to_string())]);

    let updates = HashMap::from([
        ("price".to_string(), ScalarValue::Float { value: 2.0 }),
        ("id".to_string(), ScalarValue::Int { value: 7 }),
    ]);
    table.update(Some(updates), Some("id = 2".into()), None).await.unwrap();
    assert_eq!(table.count_rows(Some("id = 7 AND price = 2.0".into())).await.unwrap(), 1);

    let null = HashMap::from([("text".to_string(), ScalarValue::Null)]);
    assert_eq!(table.update(Some(null), None, None).await.unwrap().rows_updated, 2);
    assert_eq!(table.count_rows(Some("text IS NULL".into())).await.unwrap(), 2);
}

#[tokio::test]
async fn sql_updates_and_argument_errors() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), rows(&[(1, "a"), (2, "b")]), Some(CreateMode::Create), Default::default()).await.unwrap();
    let sql = HashMap::from([("text".to_string(), "concat(text, '!')".to_string())]);
    assert_eq!(table.update(None, None, Some(sql.clone())).await.unwrap().rows_updated, 2);
    assert_eq!(contents(&table).await, expect(&[(1, "a!"), (2, "b!")]));

    let version = table.version().await.unwrap();
    let values = HashMap::from([("text".to_string(), ScalarValue::Null)]);
    let err = table.update(Some(values), None, Some(sql)).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("not both")), "{err:?}");
    let err = table.update(None, None, None).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("updates_sql")), "{err:?}");
    let unknown = HashMap::from([("nope".to_string(), ScalarValue::Int { value: 1 })]);
    let err = table.update(Some(unknown), None, None).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'nope'")), "{err:?}");
    assert_eq!(table.version().await.unwrap(), version);
}

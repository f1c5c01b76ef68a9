//! merge_insert: upsert, insert-if-absent, replace-a-range, and bad input
//! that leaves the table unchanged.

mod common;

use std::sync::Arc;

use common::{contents, db, expect, rows};
use unilance::{CreateMode, LanceError, MergeResult, Table};

async fn table(db: &Arc<unilance::Connection>) -> Arc<Table> {
    let data = rows(&[(1, "a"), (2, "b"), (3, "c")]);
    db.create_table("t".into(), data, Some(CreateMode::Create), Default::default()).await.unwrap()
}

#[tokio::test]
async fn upsert_updates_matches_and_inserts_the_rest() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    let before = table.version().await.unwrap();
    let result = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_matched_update_all(None)
        .when_not_matched_insert_all()
        .execute(rows(&[(2, "B"), (3, "C"), (4, "D")]))
        .await
        .unwrap();
    assert_eq!(
        result,
        MergeResult { version: before + 1, num_inserted_rows: 1, num_updated_rows: 2, num_deleted_rows: 0, num_attempts: 1 }
    );
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "B"), (3, "C"), (4, "D")]));
    assert_eq!(table.version().await.unwrap(), before + 1);
}

#[tokio::test]
async fn insert_if_absent_keeps_existing_rows() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    let result = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_not_matched_insert_all()
        .execute(rows(&[(3, "X"), (5, "e")]))
        .await
        .unwrap();
    assert_eq!((result.num_inserted_rows, result.num_updated_rows), (1, 0));
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c"), (5, "e")]));
}

#[tokio::test]
async fn conditional_update_and_replace_range() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    // Only matched rows whose new text sorts after the old one are updated.
    let result = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_matched_update_all(Some("source.text > target.text".into()))
        .execute(rows(&[(1, "0"), (2, "z")]))
        .await
        .unwrap();
    assert_eq!(result.num_updated_rows, 1);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "z"), (3, "c")]));

    // Replace the rows with id >= 2 by the new data; id 1 is outside the range.
    let result = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_matched_update_all(None)
        .when_not_matched_insert_all()
        .when_not_matched_by_source_delete(Some("id >= 2".into()))
        .execute(rows(&[(2, "two"), (9, "nine")]))
        .await
        .unwrap();
    assert_eq!((result.num_inserted_rows, result.num_updated_rows, result.num_deleted_rows), (1, 1, 1));
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "two"), (9, "nine")]));
}

#[tokio::test]
async fn builders_are_immutable() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    let base = table.clone().merge_insert(vec!["id".into()]);
    let _upsert = base.when_matched_update_all(None).when_not_matched_insert_all();
    // `base` still has no action.
    let err = base.execute(rows(&[(7, "g")])).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("nothing to do")), "{err:?}");
}

#[tokio::test]
async fn bad_input_is_typed_and_leaves_the_table_unchanged() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    let version = table.version().await.unwrap();
    let merge = |on: &str| table.clone().merge_insert(vec![on.into()]).when_not_matched_insert_all();

    let err = merge("nope").execute(rows(&[(7, "g")])).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'nope'") && m.contains("id, text, price")), "{err:?}");

    let mut missing_key = rows(&[(7, "g")]);
    missing_key.schema.fields.remove(0);
    missing_key.columns.remove(0);
    let err = merge("id").execute(missing_key).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("not in the new data")), "{err:?}");

    let mut wrong_type = rows(&[(7, "g")]);
    wrong_type.schema.fields[1].data_type = unilance::DataType::Int64;
    wrong_type.columns[1].values = unilance::ColumnValues::Int64 { values: vec![1] };
    let err = merge("id").execute(wrong_type).await.unwrap_err();
    assert!(matches!(&err, LanceError::SchemaMismatch(m) if m.contains("'text'")), "{err:?}");

    let err = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_not_matched_by_source_delete(Some("nope >".into()))
        .execute(rows(&[(7, "g")]))
        .await
        .unwrap_err();
    assert!(matches!(err, LanceError::InvalidFilter(_)), "{err:?}");

    let err = table.clone().merge_insert(vec![]).when_not_matched_insert_all().execute(rows(&[])).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("key column")), "{err:?}");

    assert_eq!(table.version().await.unwrap(), version);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c")]));
}

#[tokio::test]
async fn a_checked_out_version_is_read_only() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    let v1 = table.version().await.unwrap();
    table.add(rows(&[(4, "d")]), None).await.unwrap();
    table.checkout(v1).await.unwrap();
    let err = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_not_matched_insert_all()
        .execute(rows(&[(5, "e")]))
        .await
        .unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("checked out")), "{err:?}");
    table.checkout_latest().await.unwrap();
    assert_eq!(table.version().await.unwrap(), v1 + 1);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")]));
}

#[tokio::test]
async fn ipc_input_and_timeout_option() {
    let (_dir, db) = db().await;
    let table = table(&db).await;
    // IPC bytes made by the crate itself from a query: the same rows, new texts via update.
    let bytes = table.clone().query().filter("id = 2".into()).to_ipc().await.unwrap();
    table.update(None, None, Some([("text".to_string(), "'changed'".to_string())].into())).await.unwrap();
    let result = table
        .clone()
        .merge_insert(vec!["id".into()])
        .when_matched_update_all(None)
        .use_index(false)
        .timeout(std::time::Duration::from_secs(30))
        .execute_ipc(bytes)
        .await
        .unwrap();
    assert_eq!(result.num_updated_rows, 1);
    assert_eq!(contents(&table).await, expect(&[(1, "changed"), (2, "b"), (3, "changed")]));
}

//! Versions and tags: list, checkout by number or tag, restore, open at a
//! version; missing versions and tags are typed errors that change nothing.

mod common;

use std::sync::Arc;

use common::{contents, db, expect, rows};
use unilance::{CreateMode, LanceError, Table, TagInfo};

/// Version v1: rows 1-2; v1+1: row 3 added; v1+2: row 1 deleted.
async fn history(db: &Arc<unilance::Connection>) -> (Arc<Table>, i64) {
    let table = db.create_table("t".into(), rows(&[(1, "a"), (2, "b")]), Some(CreateMode::Create), Default::default()).await.unwrap();
    let v1 = table.version().await.unwrap();
    table.add(rows(&[(3, "c")]), None).await.unwrap();
    table.delete("id = 1".into()).await.unwrap();
    (table, v1)
}

#[tokio::test]
async fn list_versions_oldest_first_with_timestamps() {
    let (_dir, db) = db().await;
    let (table, v1) = history(&db).await;
    let versions = table.list_versions().await.unwrap();
    let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
    assert_eq!(numbers, vec![v1, v1 + 1, v1 + 2]);
    assert!(versions.windows(2).all(|w| w[0].timestamp <= w[1].timestamp));
    let age = std::time::SystemTime::now().duration_since(versions[0].timestamp).unwrap();
    assert!(age.as_secs() < 600, "{age:?}");
}

#[tokio::test]
async fn checkout_restore_and_open_at_version() {
    let (_dir, db) = db().await;
    let (table, v1) = history(&db).await;
    table.checkout(v1 + 1).await.unwrap();
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c")]));
    let err = table.add(rows(&[(9, "x")]), None).await.unwrap_err();
    assert!(!matches!(err, LanceError::Internal(_)), "{err:?}");
    table.checkout_latest().await.unwrap();
    assert_eq!(contents(&table).await, expect(&[(2, "b"), (3, "c")]));

    let old = db.open_table("t".into(), Some(v1), Default::default()).await.unwrap();
    assert_eq!(old.version().await.unwrap(), v1);
    assert_eq!(contents(&old).await, expect(&[(1, "a"), (2, "b")]));

    // restore(version) makes v1's rows the latest, as a new version.
    table.restore(Some(v1)).await.unwrap();
    assert_eq!(table.version().await.unwrap(), v1 + 3);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b")]));
    table.add(rows(&[(4, "d")]), None).await.unwrap();

    // restore() of the checked-out version.
    table.checkout(v1 + 1).await.unwrap();
    table.restore(None).await.unwrap();
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c")]));
    assert_eq!(table.list_versions().await.unwrap().len(), 6);
}

#[tokio::test]
async fn missing_versions_are_typed_errors_and_change_nothing() {
    let (_dir, db) = db().await;
    let (table, v1) = history(&db).await;
    let latest = table.version().await.unwrap();
    let err = table.restore(Some(99)).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("version 99") && m.contains("does not exist")), "{err:?}");
    let err = table.checkout(99).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("version 99")), "{err:?}");
    let err = table.checkout(-1).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("negative")), "{err:?}");
    let err = db.open_table("t".into(), Some(99), Default::default()).await.err().unwrap();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("version 99")), "{err:?}");
    let err = table.restore(None).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("checkout")), "{err:?}");
    assert_eq!(table.version().await.unwrap(), latest);
    assert_eq!(table.list_versions().await.unwrap().len(), 3);
    assert_eq!(contents(&table).await, expect(&[(2, "b"), (3, "c")]));
    let _ = v1;
}

#[tokio::test]
async fn tags_create_list_get_update_delete_and_checkout() {
    let (_dir, db) = db().await;
    let (table, v1) = history(&db).await;
    let tags = table.clone().tags();
    assert!(tags.list().await.unwrap().is_empty());
    tags.create("first".into(), v1).await.unwrap();
    tags.create("second".into(), v1 + 1).await.unwrap();
    let listed = tags.list().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed["first"].version, v1);
    assert!(matches!(listed["second"], TagInfo { version, manifest_size } if version == v1 + 1 && manifest_size > 0));
    assert_eq!(tags.get_version("second".into()).await.unwrap(), v1 + 1);

    table.checkout_tag("first".into()).await.unwrap();
    assert_eq!(table.version().await.unwrap(), v1);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b")]));
    table.checkout_latest().await.unwrap();

    tags.update("first".into(), v1 + 2).await.unwrap();
    assert_eq!(tags.get_version("first".into()).await.unwrap(), v1 + 2);
    tags.delete("second".into()).await.unwrap();
    assert_eq!(tags.list().await.unwrap().into_keys().collect::<Vec<_>>(), vec!["first".to_string()]);
}

#[tokio::test]
async fn tag_errors_name_the_tag_and_change_nothing() {
    let (_dir, db) = db().await;
    let (table, v1) = history(&db).await;
    let tags = table.clone().tags();
    tags.create("keep".into(), v1).await.unwrap();
    let is_input = |err: &LanceError, words: &[&str]| {
        matches!(err, LanceError::InvalidInput(m) if words.iter().all(|w| m.contains(w)))
    };
    let err = table.checkout_tag("nope".into()).await.unwrap_err();
    assert!(is_input(&err, &["'nope'", "does not exist", "keep"]), "{err:?}");
    let err = tags.get_version("nope".into()).await.unwrap_err();
    assert!(is_input(&err, &["'nope'", "does not exist"]), "{err:?}");
    let err = tags.delete("nope".into()).await.unwrap_err();
    assert!(is_input(&err, &["'nope'"]), "{err:?}");
    let err = tags.update("nope".into(), v1).await.unwrap_err();
    assert!(is_input(&err, &["'nope'"]), "{err:?}");
    let err = tags.create("keep".into(), v1 + 1).await.unwrap_err();
    assert!(is_input(&err, &["'keep'", "already exists"]), "{err:?}");
    let err = tags.create("new".into(), 99).await.unwrap_err();
    assert!(is_input(&err, &["version 99"]), "{err:?}");
    assert_eq!(tags.list().await.unwrap().len(), 1);
    assert_eq!(tags.get_version("keep".into()).await.unwrap(), v1);
    assert_eq!(table.version().await.unwrap(), v1 + 2);
}

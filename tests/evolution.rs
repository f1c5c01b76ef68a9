//! Schema evolution, maintenance and rename_table through the Rust API that
//! every binding wraps.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

mod common;
use common::{db, field};

use unilance::{
    AddMode, Batch, Column, ColumnAlteration, ColumnValues, Connection, DataType,
    FieldMetadataUpdate, LanceError, Schema, Table,
};

/// Rows `start..start+rows` of (id int64, price float64, name utf8).
fn rows(start: i64, rows: i64) -> Batch {
    Batch {
        schema: Schema {
            fields: vec![
                field("id", DataType::Int64, false),
                field("price", DataType::Float64, true),
                field("name", DataType::Utf8, true),
            ],
            metadata: HashMap::new(),
        },
        columns: vec![
            Column { values: ColumnValues::Int64 { values: (start..start + rows).collect() }, validity: None },
            Column {
                values: ColumnValues::Float64 { values: (start..start + rows).map(|i| i as f64 * 1.5).collect() },
                validity: None,
            },
            Column {
                values: ColumnValues::Utf8 { values: (start..start + rows).map(|i| format!("n{i}")).collect() },
                validity: None,
            },
        ],
        num_rows: rows,
    }
}

async fn table(db: &Connection) -> Arc<Table> {
    db.create_table("t".into(), rows(0, 4), None, Default::default()).await.unwrap()
}

async fn column(table: &Arc<Table>, name: &str) -> Column {
    let batch = table.clone().query().to_batch().await.unwrap();
    let at = batch.schema.fields.iter().position(|f| f.name == name).unwrap_or_else(|| panic!("no column {name}"));
    batch.columns[at].clone()
}

fn names(schema: &Schema) -> Vec<&str> {
    schema.fields.iter().map(|f| f.name.as_str()).collect()
}

#[tokio::test]
async fn add_columns_from_sql_and_as_nulls() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    let before = t.version().await.unwrap();
    let added = t
        .add_columns(HashMap::from([("doubled".into(), "price * 2".into()), ("big".into(), "id > 1".into())]))
        .await
        .unwrap();
    assert_eq!(added.version, before + 1);
    assert_eq!(names(&t.schema().await.unwrap()), ["id", "price", "name", "big", "doubled"]);
    assert_eq!(column(&t, "doubled").await.values, ColumnValues::Float64 { values: vec![0.0, 3.0, 6.0, 9.0] });
    assert_eq!(column(&t, "big").await.values, ColumnValues::Bool { values: vec![false, false, true, true] });

    let schema = Schema { fields: vec![field("note", DataType::Utf8, true)], metadata: HashMap::new() };
    t.add_null_columns_schema(schema).await.unwrap();
    let note = column(&t, "note").await;
    assert_eq!(note.validity, Some(vec![false; 4]));
    assert_eq!(note.values, ColumnValues::Utf8 { values: vec![String::new(); 4] });
}

#[tokio::test]
async fn alter_columns_renames_casts_and_relaxes_nullability() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    t.alter_columns(vec![
        ColumnAlteration { path: "name".into(), rename: Some("label".into()), nullable: None, data_type: None },
        ColumnAlteration { path: "id".into(), rename: None, nullable: Some(true), data_type: None },
    ])
    .await
    .unwrap();
    // Lance rewrites a cast column; it cannot do that in the same commit as a nullability change.
    t.alter_columns(vec![ColumnAlteration {
        path: "price".into(),
        rename: None,
        nullable: None,
        data_type: Some(DataType::Float32),
    }])
    .await
    .unwrap();
    let schema = t.schema().await.unwrap();
    assert_eq!(
        schema.fields,
        vec![
            field("id", DataType::Int64, true),
            field("price", DataType::Float32, true),
            field("label", DataType::Utf8, true),
        ]
    );
    assert_eq!(column(&t, "price").await.values, ColumnValues::Float32 { values: vec![0.0, 1.5, 3.0, 4.5] });
    assert_eq!(
        column(&t, "label").await.values,
        ColumnValues::Utf8 { values: vec!["n0".into(), "n1".into(), "n2".into(), "n3".into()] }
    );
}

#[tokio::test]
async fn drop_columns_removes_them() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    t.drop_columns(vec!["price".into(), "name".into()]).await.unwrap();
    assert_eq!(names(&t.schema().await.unwrap()), ["id"]);
    assert_eq!(column(&t, "id").await.values, ColumnValues::Int64 { values: vec![0, 1, 2, 3] });
}

#[tokio::test]
async fn metadata_updates_are_stored() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    t.update_schema_metadata(HashMap::from([("owner".into(), "ml-team".into())])).await.unwrap();
    assert_eq!(t.schema().await.unwrap().metadata.get("owner").map(String::as_str), Some("ml-team"));
    let v = t.version().await.unwrap();
    let update = FieldMetadataUpdate {
        path: "name".into(),
        metadata: HashMap::from([("lancedb:description".into(), Some("display name".into()))]),
        replace: false,
    };
    assert_eq!(t.update_field_metadata(vec![update]).await.unwrap().version, v + 1);
    // Read back through the schema's fields, as every language sees them.
    let schema = t.schema().await.unwrap();
    let name = schema.fields.iter().find(|f| f.name == "name").unwrap();
    assert_eq!(name.metadata, HashMap::from([("lancedb:description".into(), "display name".into())]));
    assert!(schema.fields.iter().find(|f| f.name == "id").unwrap().metadata.is_empty());
}

/// Field metadata given on create is stored with the column.
#[tokio::test]
async fn field_metadata_given_on_create_is_stored() {
    let (_dir, db) = db().await;
    let mut with_meta = field("note", DataType::Utf8, true);
    with_meta.metadata = HashMap::from([("unit".into(), "words".into())]);
    let schema = Schema { fields: vec![with_meta.clone()], metadata: HashMap::new() };
    let t = db.create_empty_table("m".into(), schema, None, Default::default()).await.unwrap();
    assert_eq!(t.schema().await.unwrap().fields, vec![with_meta]);
}

#[tokio::test]
async fn bad_evolutions_are_typed_errors_and_leave_the_table_unchanged() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    let schema = t.schema().await.unwrap();
    let version = t.version().await.unwrap();

    let err = t.drop_columns(vec!["nope".into()]).await.unwrap_err();
    assert!(
        matches!(&err, LanceError::InvalidInput(m) if m.contains("'nope'") && m.contains("id, price, name")),
        "{err:?}"
    );
    let err = t
        .alter_columns(vec![ColumnAlteration {
            path: "name".into(),
            rename: None,
            nullable: None,
            data_type: Some(DataType::Vector { dim: 2, element: None }),
        }])
        .await
        .unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("cannot cast column 'name'")), "{err:?}");
    let err = t
        .alter_columns(vec![ColumnAlteration { path: "ghost".into(), rename: Some("x".into()), nullable: None, data_type: None }])
        .await
        .unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'ghost'")), "{err:?}");
    let err = t.add_columns(HashMap::from([("name".into(), "id".into())])).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("'name'")), "{err:?}");
    let err = t.add_columns(HashMap::from([("x".into(), "no_such_column + 1".into())])).await.unwrap_err();
    assert!(!matches!(err, LanceError::Internal(_)), "{err:?}");
    let err = t.drop_columns(vec!["id".into(), "price".into(), "name".into()]).await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("every column")), "{err:?}");

    assert_eq!(t.schema().await.unwrap(), schema);
    assert_eq!(t.version().await.unwrap(), version);
    assert_eq!(t.clone().query().to_batch().await.unwrap(), rows(0, 4));

    t.close().await;
    let err = t.optimize(None, false).await.unwrap_err();
    assert!(matches!(&err, LanceError::Closed(m) if m.contains("'t'")), "{err:?}");
    let err = t.drop_columns(vec!["price".into()]).await.unwrap_err();
    assert!(matches!(err, LanceError::Closed(_)), "{err:?}");
}

#[tokio::test]
async fn many_small_appends_then_optimize_compacts_and_prunes() {
    let (_dir, db) = db().await;
    let t = db.create_table("t".into(), rows(0, 1), None, Default::default()).await.unwrap();
    for i in 1..200 {
        t.add(rows(i, 1), Some(AddMode::Append)).await.unwrap();
    }
    let before = t.stats().await.unwrap();
    assert_eq!(before.num_rows, 200);
    assert_eq!(before.fragment_stats.num_fragments, 200);
    assert!(before.total_bytes > 0);

    let stats = t.optimize(Some(Duration::ZERO), false).await.unwrap();
    assert_eq!(stats.compaction.fragments_removed, 200);
    assert_eq!(stats.compaction.fragments_added, 1);
    assert!(stats.prune.old_versions_removed >= 199, "{stats:?}");

    let after = t.stats().await.unwrap();
    assert_eq!(after.fragment_stats.num_fragments, 1);
    assert_eq!(after.num_rows, 200);
    let mut ids = match column(&t, "id").await.values {
        ColumnValues::Int64 { values } => values,
        other => panic!("{other:?}"),
    };
    ids.sort();
    assert_eq!(ids, (0..200).collect::<Vec<_>>());
    // Pruned versions are gone; the latest is still there.
    let err = t.checkout(1).await.unwrap_err();
    assert!(!matches!(err, LanceError::Internal(_)), "{err:?}");
}

#[tokio::test]
async fn cleanup_old_versions_keeps_recent_ones_by_default() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    t.add(rows(4, 2), None).await.unwrap();
    assert_eq!(t.cleanup_old_versions(None, false).await.unwrap().old_versions_removed, 0);
    let removed = t.cleanup_old_versions(Some(Duration::ZERO), false).await.unwrap();
    assert_eq!(removed.old_versions_removed, 1);
    assert!(removed.bytes_removed > 0);
    assert_eq!(t.count_rows(None).await.unwrap(), 6);
}

#[tokio::test]
async fn uri_is_the_table_directory() {
    let (dir, db) = db().await;
    let t = table(&db).await;
    let uri = t.uri().await.unwrap();
    assert!(uri.ends_with("t.lance"), "{uri}");
    assert!(uri.contains(dir.path().file_name().unwrap().to_str().unwrap()), "{uri}");
}

#[tokio::test]
async fn rename_table_is_not_supported_locally() {
    let (_dir, db) = db().await;
    let t = table(&db).await;
    let err = db.rename_table("t".into(), "u".into()).await.unwrap_err();
    assert!(
        matches!(&err, LanceError::NotSupported(m) if m.contains("'t'") && m.contains("'u'") && m.contains("LanceDB Cloud")),
        "{err:?}"
    );
    assert_eq!(db.table_names(None, None).await.unwrap(), ["t"]);
    assert_eq!(t.count_rows(None).await.unwrap(), 4);
}

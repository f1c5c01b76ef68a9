//! Full-text search and index kinds through the Rust API every binding wraps.

use std::collections::HashMap;
use std::sync::Arc;

use unilance::{
    connect, Batch, Column, ColumnValues, Connection, DataType, Field, FtsQuery, IndexConfig, LanceError, Operator,
    Schema,
};

const WORDS: [&str; 4] = ["apple", "banana", "cherry", "zebra"];

/// Row `i`: text "WORDS[i % 4] WORDS[(i / 4) % 4]", vector [i, i].
fn docs(rows: i64) -> Batch {
    let text = (0..rows).map(|i| format!("{} {}", WORDS[(i % 4) as usize], WORDS[((i / 4) % 4) as usize]));
    Batch {
        schema: Schema {
            fields: vec![
                Field { name: "id".into(), data_type: DataType::Int64, nullable: false, metadata: Default::default() },
                Field { name: "text".into(), data_type: DataType::Utf8, nullable: true, metadata: Default::default() },
                Field { name: "vector".into(), data_type: DataType::Vector { dim: 2, element: None }, nullable: true, metadata: Default::default() },
            ],
            metadata: HashMap::new(),
        },
        columns: vec![
            Column { values: ColumnValues::Int64 { values: (0..rows).collect() }, validity: None },
            Column { values: ColumnValues::Utf8 { values: text.collect() }, validity: None },
            Column {
                values: ColumnValues::Vector { values: (0..rows * 2).map(|i| (i / 2) as f32).collect() },
                validity: None,
            },
        ],
        num_rows: rows,
    }
}

async fn db() -> (tempfile::TempDir, Arc<Connection>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(dir.path().to_str().unwrap().into(), HashMap::new(), None, None).await.unwrap();
    (dir, conn)
}

fn ids(batch: &Batch) -> Vec<i64> {
    let i = batch.schema.fields.iter().position(|f| f.name == "id").unwrap();
    match &batch.columns[i].values {
        ColumnValues::Int64 { values } => values.clone(),
        other => panic!("id is {other:?}"),
    }
}

fn fts() -> IndexConfig {
    IndexConfig::Fts {
        with_position: true,
        base_tokenizer: "simple".into(),
        language: "English".into(),
        max_token_length: Some(40),
        lower_case: true,
        stem: true,
        remove_stop_words: true,
        custom_stop_words: None,
        ascii_folding: true,
        ngram_min_length: 3,
        ngram_max_length: 3,
        prefix_only: false,
        block_size: 128,
        memory_limit: None,
        num_workers: None,
        document_granularity: None,
    }
}

fn matching(query: &str) -> FtsQuery {
    FtsQuery::Match {
        query: query.into(),
        column: Some("text".into()),
        boost: 1.0,
        fuzziness: 0,
        max_expansions: 50,
        operator: Some(Operator::And),
        prefix_length: 0,
    }
}

#[tokio::test]
async fn full_text_queries_find_the_right_rows() {
    let (_dir, db) = db().await;
    let table = db.create_table("docs".into(), docs(32), None, Default::default()).await.unwrap();
    table.create_index("text".into(), Some(fts()), true, None, None).await.unwrap();

    let query = table.clone().query().limit(100);
    let mut zebra = ids(&query.nearest_to_text("zebra".into(), None).to_batch().await.unwrap());
    zebra.sort();
    let expected: Vec<i64> = (0..32).filter(|i| i % 4 == 3 || (i / 4) % 4 == 3).collect();
    assert_eq!(zebra, expected);

    let mut both = ids(&query.nearest_to_text_query(matching("apple zebra")).to_batch().await.unwrap());
    both.sort();
    assert_eq!(both, vec![3, 12, 19, 28]);

    let phrase = FtsQuery::Phrase { query: "zebra apple".into(), column: Some("text".into()), slop: 0 };
    let mut phrased = ids(&query.nearest_to_text_query(phrase).to_batch().await.unwrap());
    phrased.sort();
    assert_eq!(phrased, vec![3, 19]);

    let boolean = FtsQuery::Boolean { must: vec![matching("apple")], should: vec![], must_not: vec![matching("zebra")] };
    let mut rows = ids(&query.nearest_to_text_query(boolean).to_batch().await.unwrap());
    rows.sort();
    assert_eq!(rows, vec![0, 1, 2, 4, 8, 16, 17, 18, 20, 24]);
}

#[tokio::test]
async fn fts_errors_are_typed() {
    let (_dir, db) = db().await;
    let table = db.create_table("docs".into(), docs(8), None, Default::default()).await.unwrap();
    let err = table.clone().query().nearest_to_text("apple".into(), None).to_batch().await.unwrap_err();
    assert!(matches!(err, LanceError::InvalidInput(_)), "{err:?}");
    let err = table.clone().query().nearest_to_text("apple".into(), Some(vec!["nope".into()])).to_batch().await;
    assert!(matches!(err, Err(LanceError::InvalidInput(m)) if m.contains("unknown column 'nope'")));
    let err = table.create_index("id".into(), Some(fts()), true, None, None).await;
    assert!(matches!(err, Err(LanceError::InvalidInput(m)) if m.contains("FTS index needs a string column")));
}

#[tokio::test]
async fn named_index_stats_and_drop() {
    let (_dir, db) = db().await;
    let table = db.create_table("docs".into(), docs(64), None, Default::default()).await.unwrap();
    let config = IndexConfig::IvfFlat {
        distance_type: None,
        num_partitions: Some(2),
        sample_rate: None,
        max_iterations: None,
        target_partition_size: None,
    };
    table.create_index("vector".into(), Some(config), true, Some("v".into()), None).await.unwrap();
    let stats = table.index_stats("v".into()).await.unwrap().unwrap();
    assert_eq!((stats.num_indexed_rows, stats.num_unindexed_rows, stats.index_type.as_str()), (64, 0, "IVF_FLAT"));
    table.drop_index("v".into()).await.unwrap();
    assert!(table.list_indices().await.unwrap().is_empty());
    assert!(matches!(table.drop_index("v".into()).await, Err(LanceError::InvalidInput(_))));
}

//! Arrow IPC piece by piece: query output as consecutive pieces of one IPC
//! stream (`BatchStream::next_ipc`), and appends fed with IPC bytes in pieces
//! (`Table::add_ipc_stream`), so neither side holds every row at once.

mod common;
use common::{contents, db, expect, rows};

use arrow::array::Array;
use unilance::{AddMode, LanceError};

#[tokio::test]
async fn next_ipc_pieces_concatenate_to_one_ipc_stream() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), rows(&[(1, "a"), (2, "b")]), None, Default::default()).await.unwrap();
    table.add(rows(&[(3, "c")]), None).await.unwrap();
    let stream = table.clone().query().execute().await.unwrap();
    let mut pieces = Vec::new();
    while let Some(piece) = stream.next_ipc().await.unwrap() {
        pieces.push(piece);
    }
    // Two fragments: schema+batch, batch, end marker.
    assert_eq!(pieces.len(), 3, "one piece per batch plus the end");
    assert!(stream.next_ipc().await.unwrap().is_none(), "stays at the end");
    let whole: Vec<u8> = pieces.concat();
    let reader = arrow::ipc::reader::StreamReader::try_new(whole.as_slice(), None).unwrap();
    let ids: Vec<i64> = reader
        .flat_map(|b| {
            let b = b.unwrap();
            let ids = b.column(0).as_any().downcast_ref::<arrow::array::Int64Array>().unwrap().values().to_vec();
            ids
        })
        .collect();
    assert_eq!(ids, [1, 2, 3]);

    // An empty result is still a stream: schema, then the end.
    let empty = table.clone().query().filter("id > 10".into()).execute().await.unwrap();
    let mut whole = Vec::new();
    while let Some(piece) = empty.next_ipc().await.unwrap() {
        whole.extend(piece);
    }
    let reader = arrow::ipc::reader::StreamReader::try_new(whole.as_slice(), None).unwrap();
    assert_eq!(reader.schema().fields().len(), 3);
    assert_eq!(reader.count(), 0);
}

#[tokio::test]
async fn add_ipc_stream_takes_bytes_in_any_pieces_and_commits_on_finish() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), rows(&[(1, "a")]), None, Default::default()).await.unwrap();
    let source = db.create_table("s".into(), rows(&[(2, "b"), (3, "c")]), None, Default::default()).await.unwrap();
    let bytes = source.clone().query().to_ipc().await.unwrap();
    let version = table.version().await.unwrap();

    let append = table.clone().add_ipc_stream(None);
    for piece in bytes.chunks(7) {
        append.write(piece.to_vec()).await.unwrap();
    }
    assert_eq!(table.version().await.unwrap(), version, "nothing committed before finish");
    assert_eq!(append.finish().await.unwrap().version, version + 1);
    assert_eq!(contents(&table).await, expect(&[(1, "a"), (2, "b"), (3, "c")]));
    let err = append.finish().await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("already finished")), "{err:?}");

    // Overwrite replaces the rows.
    let append = table.clone().add_ipc_stream(Some(AddMode::Overwrite));
    append.write(bytes.clone()).await.unwrap();
    append.finish().await.unwrap();
    assert_eq!(contents(&table).await, expect(&[(2, "b"), (3, "c")]));
}

#[tokio::test]
async fn an_abandoned_or_bad_ipc_append_writes_nothing() {
    let (_dir, db) = db().await;
    let table = db.create_table("t".into(), rows(&[(1, "a")]), None, Default::default()).await.unwrap();
    let bytes = table.clone().query().to_ipc().await.unwrap();
    let version = table.version().await.unwrap();

    // Dropped before finish, after a whole stream minus its end marker.
    let append = table.clone().add_ipc_stream(None);
    append.write(bytes[..bytes.len() - 8].to_vec()).await.unwrap();
    drop(append);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(table.version().await.unwrap(), version);

    // Not IPC at all.
    let append = table.clone().add_ipc_stream(None);
    let _ = append.write(b"definitely not arrow".to_vec()).await;
    let err = append.finish().await.unwrap_err();
    assert!(matches!(&err, LanceError::InvalidInput(m) if m.contains("not an Arrow IPC stream")), "{err:?}");

    // Columns the table does not have.
    let other = db.create_table("o".into(), common::rows(&[(5, "e")]), None, Default::default()).await.unwrap();
    other.add_columns([("extra".to_string(), "id * 2".to_string())].into()).await.unwrap();
    let wrong = other.clone().query().to_ipc().await.unwrap();
    let append = table.clone().add_ipc_stream(None);
    let _ = append.write(wrong).await;
    let err = append.finish().await.unwrap_err();
    assert!(matches!(&err, LanceError::SchemaMismatch(m) if m.contains("'extra'")), "{err:?}");
    assert_eq!(table.version().await.unwrap(), version);
    assert_eq!(contents(&table).await, expect(&[(1, "a")]));
}

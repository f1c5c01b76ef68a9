//! Measures how deep an SQL expression LanceDB can plan and run on a worker
//! thread with a given stack, to size unilance's worker stacks and its
//! expression depth limit (`src/limits.rs`). It calls LanceDB directly, not
//! through unilance, so unilance's own depth check does not stop it.
//!
//! `cargo run --example stack_probe -- SHAPE DEPTH STACK_KIB` exits 0 when
//! every operation answered (a count or an error), and dies of a stack
//! overflow otherwise. `bench/stack-depth.sh` bisects over it.

use std::sync::Arc;

use arrow_array::{Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use futures::TryStreamExt;
use lance_datafusion::planner::Planner;
use lancedb::query::{ExecutableQuery, QueryBase};

pub fn shape(name: &str, d: usize) -> String {
    match name {
        "not_paren" => format!("{}id > 1{}", "NOT (".repeat(d), ")".repeat(d)),
        "abs" => format!("{}id{} > 1", "abs(".repeat(d), ")".repeat(d)),
        "not_chain" => format!("{}id > 1", "NOT ".repeat(d)),
        "parens" => format!("{}id > 1{}", "(".repeat(d), ")".repeat(d)),
        "or_chain" => vec!["id = 1"; d.max(1)].join(" OR "),
        "and_chain" => vec!["id > 1"; d.max(1)].join(" AND "),
        "plus_chain" => format!("id{} > 1", " + 1".repeat(d)),
        "neg_chain" => format!("{}id > 1", "- ".repeat(d)),
        other => panic!("unknown shape {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (name, depth, stack_kib) = (&args[1], args[2].parse().unwrap(), args[3].parse::<usize>().unwrap());
    let filter = shape(name, depth);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(stack_kib * 1024)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let uri = dir.path().to_str().unwrap().to_string();
    let outcome = runtime.block_on(async move {
        runtime_work(uri, filter).await
    });
    println!("{outcome}");
}

async fn runtime_work(uri: String, filter: String) -> String {
    tokio::spawn(async move {
        let schema = Arc::new(Schema::new(vec![Field::new("id", DataType::Int64, false)]));
        let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(Int64Array::from_iter_values(0..10))]).unwrap();
        let conn = lancedb::connect(&uri).execute().await.unwrap();
        let table = conn.create_table("t", batch).execute().await.unwrap();
        let mut out = Vec::new();
        // What unilance's validate_filter does.
        let planner = Planner::new(schema.clone());
        let planned = planner
            .parse_filter(&filter)
            .and_then(|e| planner.optimize_expr(e))
            .and_then(|e| planner.create_physical_expr(&e).map(|_| ()));
        out.push(format!("plan={}", planned.is_ok()));
        out.push(format!("expr={}", planner.parse_expr(&filter).is_ok()));
        out.push(format!("count={:?}", table.count_rows(Some(filter.clone())).await.map_err(|_| ())));
        let scan = match table.query().only_if(filter.clone()).execute().await {
            Ok(stream) => stream.try_collect::<Vec<_>>().await.map(|b| b.len()).map_err(|_| ()),
            Err(_) => Err(()),
        };
        out.push(format!("scan={scan:?}"));
        let update = table.update().only_if(filter.clone()).column("id", "id + 1").execute().await;
        out.push(format!("update={}", update.is_ok()));
        let update = table.update().column("id", format!("CASE WHEN {filter} THEN 1 ELSE 0 END")).execute().await;
        out.push(format!("update_expr={}", update.is_ok()));
        out.push(format!("delete={}", table.delete(filter.as_str()).await.is_ok()));
        out.join(" ")
    })
    .await
    .unwrap()
}

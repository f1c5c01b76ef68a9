//! bench_merge's workload on the `lancedb` crate itself, with no foreign language and no
//! unilance code in between: the figure that says how much of unilance's time is lancedb 0.41's.
//!
//! unilance's `optimize` trails the official Python SDK's (bench/RESULTS.md, issue 8), and the
//! two run different engines (lancedb 0.41 on lance 14 here, lancedb 0.40 on lance 13 in the
//! official wheel). `bench/lance_versions.py` runs this beside both SDKs on the same data: if
//! lancedb from Rust takes what unilance takes, the gap is the engine's.
//!
//! `lancedb_workload DIR` reads `DIR/base.arrow`, `DIR/new.arrow` and `DIR/appends.arrow` (Arrow
//! IPC files; every batch of the last is one append), does what `bench_merge.one_repetition` does
//! (merge_insert on `id`, upserting; the appends; `optimize` as unilance's: compact, prune
//! versions older than 7 days, update indices) in `DIR/db`, and prints the seconds as JSON.
//! Build: `cargo build --release --example lancedb_workload` (bench/run-lance-versions.sh does).

use std::fs::File;
use std::time::Instant;

use arrow::ipc::reader::FileReader;
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use lancedb::table::{CompactionOptions, Duration, OptimizeAction, OptimizeOptions};

fn read(path: &str) -> Vec<RecordBatch> {
    let file = File::open(path).unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    FileReader::try_new(file, None).expect("an Arrow IPC file").map(|b| b.expect("a batch")).collect()
}

fn reader(batches: Vec<RecordBatch>) -> Box<dyn RecordBatchReader + Send> {
    let schema = batches[0].schema();
    Box::new(RecordBatchIterator::new(batches.into_iter().map(Ok), schema))
}

fn main() -> lancedb::Result<()> {
    // LANCEDB_WORKLOAD_STACK_MB: the stack of the runtime's threads (workers and blocking pool),
    // Tokio's 2 MiB by default; unilance's runtime gives its threads 32 MiB (`limits.rs`).
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Ok(mb) = std::env::var("LANCEDB_WORKLOAD_STACK_MB") {
        runtime.thread_stack_size(mb.parse::<usize>().expect("LANCEDB_WORKLOAD_STACK_MB: a number") << 20);
    }
    runtime.enable_all().build().expect("a Tokio runtime").block_on(run())
}

async fn run() -> lancedb::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: lancedb_workload DIR");
    let base = read(&format!("{dir}/base.arrow"));
    let new = read(&format!("{dir}/new.arrow"));
    let appends = read(&format!("{dir}/appends.arrow"));
    let db = lancedb::connect(&format!("{dir}/db")).execute().await?;

    let table = db.create_table("t", base).execute().await?;
    let start = Instant::now();
    let mut merge = table.merge_insert(&["id"]);
    merge.when_matched_update_all(None).when_not_matched_insert_all();
    let rows: usize = new.iter().map(|b| b.num_rows()).sum();
    let result = merge.execute(reader(new)).await?;
    let merged = start.elapsed().as_secs_f64();
    assert_eq!((result.num_updated_rows, result.num_inserted_rows), ((rows / 2) as u64, (rows - rows / 2) as u64));

    let append_rows: usize = appends.iter().map(|b| b.num_rows()).sum();
    let mut batches = appends.into_iter();
    let table = db.create_table("a", batches.next().expect("appends")).execute().await?;
    let start = Instant::now();
    for batch in batches {
        table.add(batch).execute().await?;
    }
    let appended = start.elapsed().as_secs_f64();

    let start = Instant::now();
    table.optimize(OptimizeAction::Compact { options: CompactionOptions::default(), remap_options: None }).await?;
    let compacted = start.elapsed().as_secs_f64();
    table
        .optimize(OptimizeAction::Prune {
            older_than: Some(Duration::try_days(7).expect("7 days")),
            delete_unverified: Some(false),
            error_if_tagged_old_versions: None,
        })
        .await?;
    let cleaned = start.elapsed().as_secs_f64() - compacted;
    table.optimize(OptimizeAction::Index(OptimizeOptions::default())).await?;
    let optimized = start.elapsed().as_secs_f64();
    assert_eq!(table.count_rows(None).await?, append_rows);
    println!(
        r#"{{"merge": {merged}, "appends": {appended}, "optimize": {optimized}, "compact": {compacted}, "cleanup": {cleaned}}}"#
    );
    Ok(())
}

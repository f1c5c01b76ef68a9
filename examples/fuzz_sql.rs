//! Fuzzes SQL filters and update expressions through unilance's public API
//! against a small table, for a bounded time. Not run by CI:
//!
//!     cargo run --example fuzz_sql -- [SECONDS] [SEED]
//!
//! Each input is random text assembled from SQL fragments (columns, literals
//! of every kind sqlparser knows, operators, functions, unbalanced and deep
//! nesting, stray bytes). Any answer is fine except `Internal` (a panic or a
//! bug) and, of course, the process dying: the input being tried is written
//! to `fuzz-last-input.txt` first, so a crash leaves it behind. Prints
//! iterations, iterations per second, the slowest input and every
//! `Internal` seen. Each finding
//! becomes a regression test in tests/hardening.rs.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use unilance::{connect, Batch, Column, ColumnValues, DataType, Field, LanceError, Schema};

/// xorshift64*: reproducible from the seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ATOMS: &[&str] = &[
    "id", "price", "text", "flag", "`id`", "\"text\"", "nosuch", "1", "-1", "0", "1.5", "1e308", "1e999",
    "9223372036854775808", "'a'", "''", "'it''s'", "NULL", "TRUE", "FALSE", "$1", "?", ":name", "@x",
    "N'x'", "X'ab'", "X'a'", "B'01'", "E'x\\n'", "U&'x'", "$$x$$", "'\u{1F600}'", "CAST(id AS string)",
    "CAST(price AS int)", "TIMESTAMP '2020-01-01'", "DATE '2020-01-01'", "INTERVAL '1 day'", "[1, 2]",
    "{'a': 1}", "id[1]", "text.a", "*",
];
const BINARY: &[&str] = &[
    " = ", " <> ", " != ", " < ", " >= ", " + ", " - ", " * ", " / ", " % ", " || ", " AND ", " OR ",
    " LIKE ", " ILIKE ", " IS ", " IS NOT ", " IN ", " NOT IN ", " == ", " :: ", " & ", " | ", " ^ ",
    " << ", " -> ", " @> ", " BETWEEN 1 AND ",
];
const PREFIX: &[&str] = &["NOT ", "-", "+", "~", "NOT (", "("];
const FUNCTIONS: &[&str] = &[
    "abs", "lower", "upper", "length", "coalesce", "is_valid", "regexp_match", "array_has", "nosuchfn",
    "round", "concat", "substr", "now", "arrow_cast", "date_part", "cast",
];
const GARBAGE: &[&str] = &[
    "(", ")", ",", "'", "\"", "`", ";", "--", "/*", "\\", "\0", "\u{FFFF}", "SELECT", "FROM", "WHERE",
    "CASE", "WHEN", "THEN", "END", "EXISTS", "ALL", "ANY",
];

fn expression(rng: &mut Rng, depth: usize, out: &mut String) {
    if depth > 12 || rng.below(3) == 0 {
        out.push_str(rng.pick(ATOMS));
        return;
    }
    match rng.below(7) {
        0 | 1 => {
            expression(rng, depth + 1, out);
            out.push_str(rng.pick(BINARY));
            expression(rng, depth + 1, out);
        }
        2 => {
            let prefix = rng.pick(PREFIX);
            out.push_str(prefix);
            expression(rng, depth + 1, out);
            if prefix.ends_with('(') {
                out.push(')');
            }
        }
        3 => {
            out.push_str(rng.pick(FUNCTIONS));
            out.push('(');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push_str(", ");
                }
                expression(rng, depth + 1, out);
            }
            out.push(')');
        }
        4 => {
            out.push_str("CASE WHEN ");
            expression(rng, depth + 1, out);
            out.push_str(" THEN ");
            expression(rng, depth + 1, out);
            out.push_str(" ELSE ");
            expression(rng, depth + 1, out);
            out.push_str(" END");
        }
        5 => {
            // Deep or long: the shapes that once overflowed the stack.
            let n = rng.below(120);
            let (open, close) = [("NOT (", ")"), ("abs(", ")"), ("(", ")"), ("- ", "")][rng.below(4)];
            out.push_str(&open.repeat(n));
            expression(rng, depth + 1, out);
            out.push_str(&close.repeat(n));
        }
        _ => out.push_str(rng.pick(GARBAGE)),
    }
}

fn table_data() -> Batch {
    let field = |name: &str, data_type| Field { name: name.into(), data_type, nullable: true, metadata: Default::default() };
    Batch {
        schema: Schema {
            fields: vec![
                field("id", DataType::Int64),
                field("price", DataType::Float64),
                field("text", DataType::Utf8),
                field("flag", DataType::Bool),
            ],
            metadata: HashMap::new(),
        },
        columns: vec![
            Column { values: ColumnValues::Int64 { values: (0..20).collect() }, validity: None },
            Column { values: ColumnValues::Float64 { values: (0..20).map(|i| i as f64 / 2.0).collect() }, validity: None },
            Column { values: ColumnValues::Utf8 { values: (0..20).map(|i| format!("t{i}")).collect() }, validity: None },
            Column { values: ColumnValues::Bool { values: (0..20).map(|i| i % 2 == 0).collect() }, validity: None },
        ],
        num_rows: 20,
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).map(|s| s.parse().unwrap()).unwrap_or(60);
    let seed: u64 = args.get(2).map(|s| s.parse().unwrap()).unwrap_or(0x5EED);
    std::panic::set_hook(Box::new(|_| {})); // panics are counted, not printed
    let dir = tempfile::tempdir().unwrap();
    let db = connect(dir.path().to_str().unwrap().into(), HashMap::new(), None, None).await.unwrap();
    let table = db.create_table("t".into(), table_data(), None, Default::default()).await.unwrap();
    let mut rng = Rng(seed | 1);
    let (start, deadline) = (Instant::now(), Duration::from_secs(seconds));
    let (mut iterations, mut internal) = (0u64, Vec::new());
    let mut slowest = (Duration::ZERO, String::new());
    while start.elapsed() < deadline {
        let mut sql = String::new();
        expression(&mut rng, 0, &mut sql);
        std::fs::write("fuzz-last-input.txt", &sql).unwrap();
        let began = Instant::now();
        // A filter that matches nothing after the fuzzed part keeps the table as it is.
        let results = [
            table.count_rows(Some(sql.clone())).await.map(|_| ()),
            table.clone().query().filter(sql.clone()).limit(5).to_batch().await.map(|_| ()),
            table
                .update(None, Some("id < 0".into()), Some(HashMap::from([("price".to_string(), sql.clone())])))
                .await
                .map(|_| ()),
        ];
        for result in results {
            if let Err(LanceError::Internal(message)) = result {
                internal.push((sql.clone(), message));
            }
        }
        if began.elapsed() > slowest.0 {
            slowest = (began.elapsed(), sql.clone());
        }
        iterations += 1;
    }
    let _ = std::fs::remove_file("fuzz-last-input.txt");
    let elapsed = start.elapsed().as_secs_f64();
    println!("{iterations} inputs in {elapsed:.0} s ({:.0}/s), seed {seed}, {} Internal", iterations as f64 / elapsed, internal.len());
    let shown: String = slowest.1.chars().take(200).collect();
    println!("slowest input: {:.2} s for {shown:?}", slowest.0.as_secs_f64());
    for (sql, message) in internal.iter().take(20) {
        println!("Internal on {:?}: {message}", sql.chars().take(200).collect::<String>());
    }
    std::process::exit(if internal.is_empty() { 0 } else { 1 });
}

//! Helpers shared by the integration tests (each tests/*.rs file is its own crate).

use std::collections::HashMap;
use std::sync::Arc;

use unilance::{connect, Connection, DataType, Field};

pub fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field { name: name.into(), data_type, nullable }
}

/// A connection to a fresh directory, removed when the `TempDir` drops.
pub async fn db() -> (tempfile::TempDir, Arc<Connection>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(dir.path().to_str().unwrap().into(), HashMap::new(), None).await.unwrap();
    (dir, conn)
}

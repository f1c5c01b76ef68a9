//! `merge_insert`: upsert, insert-if-absent and replace-a-range in one
//! atomic commit, joining new rows to the table on key columns.
//!
//! Shaped as the official SDK's builder: `table.merge_insert(on)` gives a
//! `MergeInsertBuilder`, each option returns a new builder (UniFFI objects
//! are shared, so a builder never changes under another holder), and
//! `execute` / `execute_arrow` / `execute_ipc` run it with data in any form
//! `add` takes. Key columns, actions and the data's schema are checked
//! before anything is written, so bad input leaves the table unchanged.

use std::sync::Arc;
use std::time::Duration;

use arrow_array::RecordBatch;
use arrow_schema::{Schema as ArrowSchema, SchemaRef};

use crate::data::{self, Batch};
use crate::error::{LanceError, Result};
use crate::filter::validate_filter;
use crate::limits::check_expression_depth;
use crate::runtime::write;
use crate::table::{check_schema_compatible, column_list, version, Table};
use crate::{cdata, ipc};

/// What `merge_insert` did.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct MergeResult {
    /// The table's version after the commit.
    pub version: i64,
    pub num_inserted_rows: i64,
    pub num_updated_rows: i64,
    pub num_deleted_rows: i64,
    /// 1 unless the commit had to be retried after a concurrent write.
    pub num_attempts: i64,
}

/// The chosen actions; `Some(None)` is an action without a condition.
#[derive(Clone, Debug)]
struct Plan {
    on: Vec<String>,
    update: Option<Option<String>>,
    insert: bool,
    delete: Option<Option<String>>,
    use_index: bool,
    timeout: Option<Duration>,
}

#[derive(uniffi::Object)]
pub struct MergeInsertBuilder {
    table: Arc<Table>,
    plan: Plan,
}

#[uniffi::export]
impl Table {
    /// Starts a merge of new rows into this table, matched on the key
    /// columns `on`. Choose what happens with the builder's `when_*`
    /// methods, then `execute` it.
    pub fn merge_insert(self: Arc<Self>, on: Vec<String>) -> Arc<MergeInsertBuilder> {
        let plan = Plan { on, update: None, insert: false, delete: None, use_index: true, timeout: None };
        Arc::new(MergeInsertBuilder { table: self, plan })
    }
}

impl MergeInsertBuilder {
    fn with(&self, change: impl FnOnce(&mut Plan)) -> Arc<Self> {
        let mut plan = self.plan.clone();
        change(&mut plan);
        Arc::new(Self { table: self.table.clone(), plan })
    }

    async fn run(&self, schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<MergeResult> {
        let plan = self.plan.clone();
        if plan.on.is_empty() {
            return Err(LanceError::InvalidInput("merge_insert needs at least one key column in `on`".into()));
        }
        if plan.update.is_none() && !plan.insert && plan.delete.is_none() {
            return Err(LanceError::InvalidInput(
                "merge_insert has nothing to do: call when_matched_update_all, when_not_matched_insert_all \
                 or when_not_matched_by_source_delete first"
                    .into(),
            ));
        }
        let table = self.table.handle()?;
        // LanceDB 0.41's merge_insert commits even from a checked-out (read-only) version,
        // where add, update and delete refuse: refuse here too.
        if let Some(dataset) = table.dataset() {
            dataset.ensure_mutable()?;
        }
        write(&self.table.writes(), async move {
            let table_schema = table.schema().await?;
            plan.check(&table_schema, &schema)?;
            let on: Vec<&str> = plan.on.iter().map(String::as_str).collect();
            let mut builder = table.merge_insert(&on);
            if let Some(condition) = plan.update {
                builder.when_matched_update_all(condition);
            }
            if plan.insert {
                builder.when_not_matched_insert_all();
            }
            if let Some(condition) = plan.delete {
                builder.when_not_matched_by_source_delete(condition);
            }
            builder.use_index(plan.use_index);
            if let Some(timeout) = plan.timeout {
                builder.timeout(timeout);
            }
            let result = builder.execute(data::reader(schema, batches)).await?;
            Ok(MergeResult {
                version: version(result.version)?,
                num_inserted_rows: result.num_inserted_rows as i64,
                num_updated_rows: result.num_updated_rows as i64,
                num_deleted_rows: result.num_deleted_rows as i64,
                num_attempts: result.num_attempts as i64,
            })
        })
        .await
    }
}

impl Plan {
    /// Everything that can be wrong with the input, before any I/O.
    fn check(&self, table: &SchemaRef, data: &ArrowSchema) -> Result<()> {
        for key in &self.on {
            if table.field_with_name(key).is_err() {
                return Err(LanceError::InvalidInput(format!(
                    "merge_insert key column '{key}' is not in the table (columns: {})",
                    column_list(table)
                )));
            }
            if data.field_with_name(key).is_err() {
                return Err(LanceError::InvalidInput(format!(
                    "merge_insert key column '{key}' is not in the new data (columns: {})",
                    column_list(data)
                )));
            }
        }
        check_schema_compatible(table, data)?;
        // The update condition names `target.` and `source.` columns, so it cannot be planned
        // against the table alone; its depth is still checked before LanceDB parses it.
        if let Some(Some(condition)) = &self.update {
            check_expression_depth(condition, "merge_insert condition")?;
        }
        if let Some(Some(filter)) = &self.delete {
            validate_filter(table, filter)?;
        }
        Ok(())
    }
}

#[uniffi::export]
impl MergeInsertBuilder {
    /// Rows whose keys match a table row replace it; with `filter`, only
    /// where it holds (`target.col` is the table's value, `source.col` the
    /// new one: `"target.updated_at < source.updated_at"`).
    #[uniffi::method(default(filter = None))]
    pub fn when_matched_update_all(&self, filter: Option<String>) -> Arc<Self> {
        self.with(|p| p.update = Some(filter))
    }

    /// Rows whose keys match no table row are inserted.
    pub fn when_not_matched_insert_all(&self) -> Arc<Self> {
        self.with(|p| p.insert = true)
    }

    /// Table rows that no new row matches are deleted; with `filter`, only
    /// those where it holds (replace a range: `"month = 'jan'"`).
    #[uniffi::method(default(filter = None))]
    pub fn when_not_matched_by_source_delete(&self, filter: Option<String>) -> Arc<Self> {
        self.with(|p| p.delete = Some(filter))
    }

    /// Use a scalar index on the key column if there is one (the default).
    pub fn use_index(&self, use_index: bool) -> Arc<Self> {
        self.with(|p| p.use_index = use_index)
    }

    /// Gives up after `timeout`, including the first attempt (by default
    /// only retries after a conflict are limited, to 30 s).
    pub fn timeout(&self, timeout: Duration) -> Arc<Self> {
        self.with(|p| p.timeout = Some(timeout))
    }

    /// The table this merge writes into.
    pub fn table(&self) -> Arc<Table> {
        self.table.clone()
    }

    /// Runs the merge with the new rows in a `Batch`.
    pub async fn execute(&self, data: Batch) -> Result<MergeResult> {
        let batch = data.to_arrow()?;
        self.run(batch.schema(), vec![batch]).await
    }

    /// Runs the merge with the new rows from an Arrow C `ArrowArrayStream` (taken over).
    pub async fn execute_arrow(&self, stream_address: i64) -> Result<MergeResult> {
        // Read here, on the caller's thread (a Python producer needs the GIL): a merge needs
        // all its rows before it starts anyway.
        let (schema, reader) = cdata::import_stream(stream_address)?;
        let batches = reader.collect::<std::result::Result<Vec<_>, _>>()?;
        self.run(schema, batches).await
    }

    /// Runs the merge with the new rows in Arrow IPC stream bytes.
    pub async fn execute_ipc(&self, data: Vec<u8>) -> Result<MergeResult> {
        let (schema, batches) = ipc::read_stream(&data)?;
        self.run(schema, batches).await
    }
}

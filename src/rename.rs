//! `Connection.rename_table`. LanceDB renames tables only on LanceDB Cloud;
//! a local (directory or object-store) database refuses, and the caller gets
//! `NotSupported` saying so instead of LanceDB's terse internal wording.

use crate::connection::Connection;
use crate::error::{LanceError, Result};
use crate::runtime::write;

#[uniffi::export]
impl Connection {
    /// Renames table `cur_name` to `new_name`. Tables opened under the old
    /// name then fail with `TableNotFound`. A local database does not support
    /// renaming: it fails with `NotSupported` and nothing changes.
    pub async fn rename_table(&self, cur_name: String, new_name: String) -> Result<()> {
        let conn = self.open()?;
        let state = self.state().clone();
        let writes = state.writes.clone();
        write(&[&writes], async move {
            match conn.rename_table(&cur_name, &new_name, &[], &[]).await {
                Err(lancedb::Error::NotSupported { message }) => Err(LanceError::NotSupported(format!(
                    "cannot rename table '{cur_name}' to '{new_name}': {message} \
                     (only LanceDB Cloud renames tables; copy the rows into a new table instead)"
                ))),
                result => {
                    result?;
                    state.record_drop(&cur_name);
                    Ok(())
                }
            }
        })
        .await
    }
}

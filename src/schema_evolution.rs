//! Schema evolution: columns added (computed by SQL or all null), altered
//! (renamed, made nullable, cast) and dropped, schema/field metadata and
//! the (unenforced) primary key,
//! without rewriting the table by hand.
//!
//! LanceDB reports a bad column name deep in its planner, sometimes as an
//! internal error; every method here checks the names against the current
//! schema first, so the caller gets `InvalidInput` naming the column and the
//! valid ones, and the table is left unchanged (no new version).

use std::collections::HashMap;

use arrow_schema::Schema as ArrowSchema;
use lancedb::table::NewColumnTransform;

use crate::cdata;
use crate::data::{DataType, Schema};
use crate::error::{LanceError, Result};
use crate::limits::check_expression_depth;
use crate::runtime::write;
use crate::table::{check_columns_exist, column_list, version, Table};

/// The table's version after `add_columns`.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct AddColumnsResult {
    pub version: i64,
}

/// The table's version after `alter_columns`.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct AlterColumnsResult {
    pub version: i64,
}

/// The table's version after `drop_columns`.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct DropColumnsResult {
    pub version: i64,
}

/// The table's version after a metadata update.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct UpdateMetadataResult {
    pub version: i64,
}

/// One change to an existing column; at least one of `rename`, `nullable`,
/// `data_type` must be set.
#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct ColumnAlteration {
    /// The column's name; a nested field is `"outer.inner"`.
    pub path: String,
    /// The new name.
    #[uniffi(default)]
    pub rename: Option<String>,
    /// `true` makes a column nullable (the reverse is not supported by Lance).
    #[uniffi(default)]
    pub nullable: Option<bool>,
    /// The type existing values are cast to.
    #[uniffi(default)]
    pub data_type: Option<DataType>,
}

/// Metadata changes for one field: `metadata` keys with a value are set,
/// keys with `None` removed; `replace` drops every other key first.
#[derive(uniffi::Record, Clone, Debug, PartialEq)]
pub struct FieldMetadataUpdate {
    pub path: String,
    pub metadata: HashMap<String, Option<String>>,
    #[uniffi(default = false)]
    pub replace: bool,
}

impl Table {
    /// Adds all-null columns for every field of `schema` (none may exist yet).
    async fn add_null_columns(&self, schema: std::sync::Arc<ArrowSchema>) -> Result<AddColumnsResult> {
        if schema.fields().is_empty() {
            return Err(LanceError::InvalidInput("add_columns needs at least one field".into()));
        }
        if let Some(field) = schema.fields().iter().find(|f| !f.is_nullable()) {
            return Err(LanceError::InvalidInput(format!(
                "new column '{}' must be nullable: existing rows get null in it",
                field.name()
            )));
        }
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let table = self.handle()?;
        write(&self.writes(), async move {
            check_new(&*table.schema().await?, &names)?;
            let result = table.add_columns().transform(NewColumnTransform::AllNulls(schema)).execute().await?;
            Ok(AddColumnsResult { version: version(result.version)? })
        })
        .await
    }
}

/// `InvalidInput` if a new column's name is taken (or repeated).
fn check_new(schema: &ArrowSchema, names: &[String]) -> Result<()> {
    for (i, name) in names.iter().enumerate() {
        if schema.field_with_name(name).is_ok() || names[..i].contains(name) {
            return Err(LanceError::InvalidInput(format!(
                "cannot add column '{name}': a column with that name exists (columns: {})",
                column_list(schema)
            )));
        }
    }
    Ok(())
}

#[uniffi::export]
impl Table {
    /// Adds columns computed from SQL expressions over existing columns
    /// (`{"doubled": "price * 2"}`), in the order of their names.
    pub async fn add_columns(&self, transforms: HashMap<String, String>) -> Result<AddColumnsResult> {
        if transforms.is_empty() {
            return Err(LanceError::InvalidInput("add_columns needs at least one column".into()));
        }
        let mut transforms: Vec<(String, String)> = transforms.into_iter().collect();
        transforms.sort();
        // Too deep an expression would overflow the planner's stack (`limits`).
        for (_, expression) in &transforms {
            check_expression_depth(expression, "invalid expression")?;
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            let names: Vec<String> = transforms.iter().map(|(name, _)| name.clone()).collect();
            check_new(&*table.schema().await?, &names)?;
            let transform = NewColumnTransform::SqlExpressions(transforms);
            let result = table.add_columns().transform(transform).execute().await.map_err(expression_error)?;
            Ok(AddColumnsResult { version: version(result.version)? })
        })
        .await
    }

    /// Adds the fields of `schema` as new columns, null in every existing row.
    pub async fn add_null_columns_schema(&self, schema: Schema) -> Result<AddColumnsResult> {
        self.add_null_columns(schema.to_arrow()?).await
    }

    /// As `add_null_columns_schema`, from an Arrow C `ArrowSchema` (taken over).
    pub async fn add_null_columns_arrow(&self, schema_address: i64) -> Result<AddColumnsResult> {
        self.add_null_columns(cdata::import_schema(schema_address)?).await
    }

    /// Renames columns, makes them nullable, or casts their values to
    /// another type. All alterations apply in one new version, or none does.
    pub async fn alter_columns(&self, alterations: Vec<ColumnAlteration>) -> Result<AlterColumnsResult> {
        if alterations.is_empty() {
            return Err(LanceError::InvalidInput("alter_columns needs at least one alteration".into()));
        }
        let mut lance = Vec::with_capacity(alterations.len());
        for a in &alterations {
            if a.rename.is_none() && a.nullable.is_none() && a.data_type.is_none() {
                return Err(LanceError::InvalidInput(format!(
                    "the alteration of '{}' changes nothing: set rename, nullable or data_type",
                    a.path
                )));
            }
            lance.push(lancedb::table::ColumnAlteration {
                path: a.path.clone(),
                rename: a.rename.clone(),
                nullable: a.nullable,
                data_type: a.data_type.as_ref().map(DataType::to_arrow),
            });
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            check_columns_exist(&schema, "alter", alterations.iter().map(|a| &a.path))?;
            for a in &alterations {
                if let (Some(to), Ok(field)) = (&a.data_type, schema.field_with_name(&a.path)) {
                    let to = to.to_arrow();
                    if !arrow::compute::can_cast_types(field.data_type(), &to) {
                        return Err(LanceError::InvalidInput(format!(
                            "cannot cast column '{}' from {} to {to}",
                            a.path,
                            field.data_type()
                        )));
                    }
                }
            }
            let result = table.alter_columns(&lance).await?;
            Ok(AlterColumnsResult { version: version(result.version)? })
        })
        .await
    }

    /// Removes columns (and their data from later versions).
    pub async fn drop_columns(&self, columns: Vec<String>) -> Result<DropColumnsResult> {
        if columns.is_empty() {
            return Err(LanceError::InvalidInput("drop_columns needs at least one column".into()));
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            check_columns_exist(&schema, "drop", &columns)?;
            if columns.len() >= schema.fields().len() && columns.iter().all(|c| !c.contains('.')) {
                return Err(LanceError::InvalidInput(format!(
                    "cannot drop every column of the table (columns: {})",
                    column_list(&schema)
                )));
            }
            let names: Vec<&str> = columns.iter().map(String::as_str).collect();
            let result = table.drop_columns(&names).await?;
            Ok(DropColumnsResult { version: version(result.version)? })
        })
        .await
    }

    /// Sets or removes metadata keys on fields (see `FieldMetadataUpdate`).
    pub async fn update_field_metadata(&self, updates: Vec<FieldMetadataUpdate>) -> Result<UpdateMetadataResult> {
        if updates.is_empty() {
            return Err(LanceError::InvalidInput("update_field_metadata needs at least one update".into()));
        }
        let table = self.handle()?;
        write(&self.writes(), async move {
            check_columns_exist(&*table.schema().await?, "update metadata of", updates.iter().map(|u| &u.path))?;
            let lance: Vec<_> = updates
                .into_iter()
                .map(|u| lancedb::table::FieldMetadataUpdate { path: u.path, metadata: u.metadata, replace: u.replace })
                .collect();
            let result = table.update_field_metadata(&lance).await?;
            Ok(UpdateMetadataResult { version: version(result.version)? })
        })
        .await
    }

    /// Replaces the metadata of field `field_name` with `new_metadata`
    /// (the official SDK's deprecated form of `update_field_metadata` with
    /// `replace`: every other key is removed).
    pub async fn replace_field_metadata(
        &self,
        field_name: String,
        new_metadata: HashMap<String, String>,
    ) -> Result<UpdateMetadataResult> {
        let update = FieldMetadataUpdate {
            path: field_name,
            metadata: new_metadata.into_iter().map(|(k, v)| (k, Some(v))).collect(),
            replace: true,
        };
        self.update_field_metadata(vec![update]).await
    }

    /// Records `columns` (exactly one, not nullable, of an integer, string
    /// or binary type) as the table's primary key, which LanceDB does not
    /// enforce; it cannot be changed once set.
    pub async fn set_unenforced_primary_key(&self, columns: Vec<String>) -> Result<()> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            let schema = table.schema().await?;
            check_columns_exist(&schema, "key the table on", &columns)?;
            if let Some(column) = columns.iter().find(|c| schema.field_with_name(c).is_ok_and(|f| f.is_nullable())) {
                return Err(LanceError::InvalidInput(format!(
                    "column '{column}' is nullable: a primary key column must be declared not null"
                )));
            }
            Ok(table.set_unenforced_primary_key(columns).await?)
        })
        .await
    }

    /// Sets the given keys of the table's schema metadata (others are kept).
    pub async fn update_schema_metadata(&self, metadata: HashMap<String, String>) -> Result<UpdateMetadataResult> {
        let table = self.handle()?;
        write(&self.writes(), async move {
            let native = table.as_native().ok_or_else(|| {
                LanceError::NotSupported("schema metadata can only be set on a local table".into())
            })?;
            native.replace_schema_metadata(metadata).await?;
            Ok(UpdateMetadataResult { version: version(table.version().await?)? })
        })
        .await
    }
}

/// An SQL expression LanceDB cannot plan comes back as a generic error; the
/// caller passed it, so it is their input that is wrong.
fn expression_error(error: lancedb::Error) -> LanceError {
    match LanceError::from(error) {
        LanceError::Internal(message) => LanceError::InvalidFilter(message),
        other => other,
    }
}

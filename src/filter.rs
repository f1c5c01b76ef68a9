//! SQL filters are checked before they reach LanceDB, so a typo gives an
//! `InvalidFilter` naming the filter (and the table's columns) instead of a
//! planner error from deep inside a scan.

use arrow_schema::SchemaRef;
use lance_datafusion::planner::Planner;

use crate::error::{LanceError, Result};
use crate::table::column_list;

pub(crate) fn validate_filter(schema: &SchemaRef, filter: &str) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| {
        LanceError::InvalidFilter(format!(
            "invalid filter '{filter}': {e} (columns: {})",
            column_list(schema)
        ))
    };
    if filter.trim().is_empty() {
        return Err(LanceError::InvalidFilter("the filter is empty".into()));
    }
    let planner = Planner::new(schema.clone());
    let expr = planner.parse_filter(filter).map_err(|e| fail(&e))?;
    let expr = planner.optimize_expr(expr).map_err(|e| fail(&e))?;
    planner.create_physical_expr(&expr).map_err(|e| fail(&e))?;
    Ok(())
}

//! SQL filters are checked before they reach LanceDB, so a typo gives an
//! `InvalidFilter` naming the filter (and the table's columns) instead of a
//! planner error from deep inside a scan, and no filter can take the process
//! down: its depth is bounded first (`limits`), and a panic inside the
//! parser (lance-datafusion has `todo!()`s for literals it does not know,
//! such as `$1` or `N'x'`) is answered as the invalid filter it is.

use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow_schema::SchemaRef;
use lance_datafusion::planner::Planner;

use crate::error::{LanceError, Result};
use crate::limits::{abbreviate, check_expression_depth};
use crate::table::column_list;

pub(crate) fn validate_filter(schema: &SchemaRef, filter: &str) -> Result<()> {
    if filter.trim().is_empty() {
        return Err(LanceError::InvalidFilter("the filter is empty".into()));
    }
    plan(schema, filter, "invalid filter", Planner::parse_filter)
}

/// Checks an SQL value expression (`update`'s `SET column = expression`).
pub(crate) fn validate_expression(schema: &SchemaRef, expression: &str) -> Result<()> {
    if expression.trim().is_empty() {
        return Err(LanceError::InvalidFilter("the expression is empty".into()));
    }
    plan(schema, expression, "invalid expression", Planner::parse_expr)
}

/// Plans `sql` as LanceDB will, after bounding its depth.
fn plan(
    schema: &SchemaRef,
    sql: &str,
    what: &str,
    parse: fn(&Planner, &str) -> lance_core::Result<lancedb::datafusion::logical_expr::Expr>,
) -> Result<()> {
    check_expression_depth(sql, what)?;
    let fail = |e: &dyn std::fmt::Display| {
        LanceError::InvalidFilter(format!("{what} '{}': {e} (columns: {})", abbreviate(sql), column_list(schema)))
    };
    let planner = Planner::new(schema.clone());
    let planned = catch_unwind(AssertUnwindSafe(|| {
        let expr = parse(&planner, sql).map_err(|e| fail(&e))?;
        let expr = planner.optimize_expr(expr).map_err(|e| fail(&e))?;
        planner.create_physical_expr(&expr).map_err(|e| fail(&e))
    }));
    match planned {
        Ok(result) => result.map(|_| ()),
        Err(_) => Err(fail(&"unsupported syntax (the SQL planner cannot handle it)")),
    }
}

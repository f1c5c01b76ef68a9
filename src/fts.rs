//! Full-text search queries: the structured query shapes of LanceDB's BM25
//! search (match, phrase, boost, multi-match, combined fields, boolean), as one recursive enum so
//! that every language builds them the same way and a query tree is checked
//! (columns, numbers) once, here, before any I/O.
//!
//! Names and defaults are the official LanceDB Python SDK's (`MatchQuery`,
//! `PhraseQuery`, ... in `lancedb.query`). `Table.tokenize` shows what an
//! FTS index's tokenizer makes of a text, to explain what a search matches.

use std::collections::BTreeSet;

use arrow_schema::{DataType as ArrowType, Schema as ArrowSchema};
use lancedb::index::scalar::{
    BooleanQuery, BoostQuery, CombinedFieldsQuery, FullTextSearchQuery, FtsQuery as LanceFtsQuery, MatchQuery, MultiMatchQuery,
    Operator as LanceOperator, PhraseQuery,
};

use crate::error::{LanceError, Result};
use crate::table::{check_columns_exist, column_list, Table};

/// How the terms of a match query combine.
#[derive(uniffi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// Every term must match.
    And,
    /// At least one term must match (the default).
    Or,
}

impl From<Operator> for LanceOperator {
    fn from(o: Operator) -> Self {
        match o {
            Operator::And => Self::And,
            Operator::Or => Self::Or,
        }
    }
}

/// A structured full-text query. A `column` left `None` searches every column
/// with an FTS index.
#[derive(uniffi::Enum, Clone, Debug, PartialEq)]
pub enum FtsQuery {
    /// Rows containing the terms of `query`, scored by BM25.
    Match {
        query: String,
        #[uniffi(default)]
        column: Option<String>,
        /// Multiplies the score of each matching row.
        #[uniffi(default = 1.0)]
        boost: f32,
        /// Maximum edit distance per term (0: exact terms only).
        #[uniffi(default = 0)]
        fuzziness: i32,
        /// At most this many terms considered per fuzzy term.
        #[uniffi(default = 50)]
        max_expansions: i32,
        /// `Or` (the default) or `And`.
        #[uniffi(default)]
        operator: Option<Operator>,
        /// Characters at the start of a term that fuzzy matching keeps unchanged.
        #[uniffi(default = 0)]
        prefix_length: i32,
    },
    /// Rows containing the terms in this order; needs an index built `with_position`.
    Phrase {
        query: String,
        #[uniffi(default)]
        column: Option<String>,
        /// How many other terms may stand between the phrase's terms.
        #[uniffi(default = 0)]
        slop: i32,
    },
    /// `positive`'s rows, with the score of those also matching `negative`
    /// lowered by `negative_boost` times its score.
    Boost {
        positive: Box<FtsQuery>,
        negative: Box<FtsQuery>,
        #[uniffi(default = 0.5)]
        negative_boost: f32,
    },
    /// The same terms over several columns, each with its own boost.
    MultiMatch {
        query: String,
        columns: Vec<String>,
        /// One per column; `None` is 1.0 for every column.
        #[uniffi(default)]
        boosts: Option<Vec<f32>>,
        #[uniffi(default)]
        operator: Option<Operator>,
    },
    /// The same terms over several columns scored as one field (BM25F: term
    /// frequencies and lengths summed over the columns, each weighted by its
    /// boost), where `MultiMatch` scores each column alone and keeps the best.
    /// LanceDB's `combined_fields`; the official Python SDK 0.40 has no such query.
    CombinedFields {
        query: String,
        columns: Vec<String>,
        /// One per column, each in [1, 1048576]; `None` is 1.0 for every column.
        #[uniffi(default)]
        boosts: Option<Vec<f32>>,
        #[uniffi(default)]
        operator: Option<Operator>,
    },
    /// Rows matching every `must`, none of `must_not`, scored by `must` and `should`.
    Boolean {
        #[uniffi(default)]
        must: Vec<FtsQuery>,
        #[uniffi(default)]
        should: Vec<FtsQuery>,
        #[uniffi(default)]
        must_not: Vec<FtsQuery>,
    },
}

/// What the query's `nearest_to_text*` methods recorded.
#[derive(Clone, Debug)]
pub(crate) enum TextSearch {
    /// A plain string over `columns` (empty: every indexed column).
    Text { query: String, columns: Vec<String> },
    Structured(FtsQuery),
}

impl TextSearch {
    /// Checks the columns and numbers against the table's schema, then builds
    /// LanceDB's query.
    pub(crate) fn to_lance(&self, schema: &ArrowSchema) -> Result<FullTextSearchQuery> {
        match self {
            TextSearch::Text { query, columns } => {
                for column in columns {
                    check_text_column(schema, column)?;
                }
                let fts = FullTextSearchQuery::new(query.clone());
                if columns.is_empty() {
                    Ok(fts)
                } else {
                    Ok(fts.with_columns(columns)?)
                }
            }
            TextSearch::Structured(query) => Ok(FullTextSearchQuery::new_query(query.to_lance(schema)?)),
        }
    }
}

impl FtsQuery {
    /// The columns the query names (not those it leaves to the index).
    pub fn columns(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.collect_columns(&mut out);
        out
    }

    fn collect_columns(&self, out: &mut BTreeSet<String>) {
        match self {
            FtsQuery::Match { column, .. } | FtsQuery::Phrase { column, .. } => out.extend(column.clone()),
            FtsQuery::Boost { positive, negative, .. } => {
                positive.collect_columns(out);
                negative.collect_columns(out);
            }
            FtsQuery::MultiMatch { columns, .. } | FtsQuery::CombinedFields { columns, .. } => {
                out.extend(columns.iter().cloned())
            }
            FtsQuery::Boolean { must, should, must_not } => {
                for q in must.iter().chain(should).chain(must_not) {
                    q.collect_columns(out);
                }
            }
        }
    }

    fn to_lance(&self, schema: &ArrowSchema) -> Result<LanceFtsQuery> {
        for column in self.columns() {
            check_text_column(schema, &column)?;
        }
        self.convert()
    }

    fn convert(&self) -> Result<LanceFtsQuery> {
        Ok(match self {
            FtsQuery::Match { query, column, boost, fuzziness, max_expansions, operator, prefix_length } => {
                let fuzziness = Some(non_negative("fuzziness", *fuzziness)?);
                LanceFtsQuery::Match(
                    MatchQuery::new(query.clone())
                        .with_column(column.clone())
                        .with_boost(finite("boost", *boost)?)
                        .with_fuzziness(fuzziness)
                        .with_max_expansions(non_negative("max_expansions", *max_expansions)? as usize)
                        .with_operator(operator.unwrap_or(Operator::Or).into())
                        .with_prefix_length(non_negative("prefix_length", *prefix_length)?),
                )
            }
            FtsQuery::Phrase { query, column, slop } => LanceFtsQuery::Phrase(
                PhraseQuery::new(query.clone()).with_column(column.clone()).with_slop(non_negative("slop", *slop)?),
            ),
            FtsQuery::Boost { positive, negative, negative_boost } => {
                let negative_boost = finite("negative_boost", *negative_boost)?;
                if negative_boost < 0.0 {
                    return Err(LanceError::InvalidInput(format!(
                        "negative_boost must not be negative (got {negative_boost})"
                    )));
                }
                LanceFtsQuery::Boost(BoostQuery::new(positive.convert()?, negative.convert()?, Some(negative_boost)))
            }
            FtsQuery::MultiMatch { query, columns, boosts, operator } => {
                check_boosts("multi-match", columns, boosts)?;
                let mut multi = MultiMatchQuery::try_new(query.clone(), columns.clone())?;
                if let Some(boosts) = boosts {
                    multi = multi.try_with_boosts(boosts.clone())?;
                }
                LanceFtsQuery::MultiMatch(multi.with_operator(operator.unwrap_or(Operator::Or).into()))
            }
            FtsQuery::CombinedFields { query, columns, boosts, operator } => {
                check_boosts("combined-fields", columns, boosts)?;
                let mut combined = CombinedFieldsQuery::try_new(query.clone(), columns.clone())?;
                if let Some(boosts) = boosts {
                    combined = combined.try_with_boosts(boosts.clone())?;
                }
                LanceFtsQuery::CombinedFields(combined.with_operator(operator.unwrap_or(Operator::Or).into()))
            }
            FtsQuery::Boolean { must, should, must_not } => {
                if must.is_empty() && should.is_empty() {
                    return Err(LanceError::InvalidInput(
                        "a boolean query needs at least one `must` or `should` query".into(),
                    ));
                }
                let convert = |qs: &Vec<FtsQuery>| qs.iter().map(FtsQuery::convert).collect::<Result<Vec<_>>>();
                LanceFtsQuery::Boolean(BooleanQuery {
                    must: convert(must)?,
                    should: convert(should)?,
                    must_not: convert(must_not)?,
                })
            }
        })
    }
}

/// At least one column, one finite boost per column if any: checked here so
/// the message names the query kind.
fn check_boosts(kind: &str, columns: &[String], boosts: &Option<Vec<f32>>) -> Result<()> {
    if columns.is_empty() {
        return Err(LanceError::InvalidInput(format!("a {kind} query needs at least one column")));
    }
    if let Some(boosts) = boosts {
        if boosts.len() != columns.len() {
            return Err(LanceError::InvalidInput(format!(
                "a {kind} query needs one boost per column ({} columns, {} boosts)",
                columns.len(),
                boosts.len()
            )));
        }
        for b in boosts {
            finite("boosts", *b)?;
        }
    }
    Ok(())
}

fn check_text_column(schema: &ArrowSchema, column: &str) -> Result<()> {
    let field = schema.field_with_name(column).map_err(|_| {
        LanceError::InvalidInput(format!(
            "cannot search unknown column '{column}' (columns: {})",
            column_list(schema)
        ))
    })?;
    let is_text = |t: &ArrowType| matches!(t, ArrowType::Utf8 | ArrowType::LargeUtf8 | ArrowType::Utf8View);
    let ok = match field.data_type() {
        t if is_text(t) => true,
        ArrowType::List(f) | ArrowType::LargeList(f) => is_text(f.data_type()),
        _ => false,
    };
    if !ok {
        return Err(LanceError::InvalidInput(format!(
            "column '{column}' is {}, not a text column: full-text search needs a string column",
            field.data_type()
        )));
    }
    Ok(())
}

fn non_negative(what: &str, value: i32) -> Result<u32> {
    crate::connection::non_negative(what, value)
}

fn finite(what: &str, value: f32) -> Result<f32> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(LanceError::InvalidInput(format!("{what} must be a finite number (got {value})")))
    }
}

/// One token of `tokenize`: its text after the index's tokenizer and
/// filters (lower-casing, stemming, stop words), and its position.
#[derive(uniffi::Record, Clone, Debug, PartialEq, Eq)]
pub struct FtsToken {
    pub text: String,
    pub position: i64,
}

#[uniffi::export]
impl Table {
    /// Splits `query` into tokens as the full-text index of `column`, or the
    /// FTS index named `index_name`, does (give exactly one): what a search
    /// for `query` looks for.
    #[uniffi::method(default(column = None, index_name = None))]
    pub async fn tokenize(
        &self,
        query: String,
        column: Option<String>,
        index_name: Option<String>,
    ) -> Result<Vec<FtsToken>> {
        if column.is_some() == index_name.is_some() {
            return Err(LanceError::InvalidInput(
                "tokenize takes exactly one of column or index_name".into(),
            ));
        }
        let table = self.handle()?;
        crate::runtime::heavy(async move {
            let tokens = match (&column, &index_name) {
                (Some(column), _) => {
                    check_columns_exist(&*table.schema().await?, "tokenize for", [column])?;
                    table.tokenize_with_column(&query, column).await?
                }
                (None, Some(name)) => table.tokenize(&query, name).await?,
                (None, None) => unreachable!("checked above"),
            };
            Ok(tokens.into_iter().map(|t| FtsToken { text: t.text, position: i64::from(t.position) }).collect())
        })
        .await
    }
}

//! Limits that keep any input from killing the host process.
//!
//! LanceDB's SQL planner (lance-datafusion, DataFusion) walks an expression
//! tree recursively in a dozen passes, and nothing bounds that recursion:
//! sqlparser stops at 50 nested sub-expressions, but `a OR b OR c ...` is
//! parsed in a loop into a tree as deep as the chain is long, and even 16
//! nested `NOT (` overflowed a 2 MiB Tokio stack in a debug build. A stack
//! overflow is not a panic: it aborts the whole process, from any language.
//!
//! So every SQL text (filters, update expressions) is measured *before* it
//! reaches a parser, by [`check_expression_depth`], in one pass without
//! recursion, against two limits:
//! - [`MAX_NESTING`] for nesting (parentheses, calls, `NOT`, operators other
//!   than `AND`/`OR`): 48 is what sqlparser itself accepts (the official SDK
//!   answers `NOT (` x 23 and `abs(` x 40, both within it). It matters beyond
//!   the stack: past its own limit sqlparser backtracks exponentially (the
//!   official SDK spends minutes on 40 nested `NOT (`).
//! - [`MAX_RETRYING`] for nested `NOT (`, `CAST(`, `FLOOR(`...: when the text
//!   inside fails to parse, sqlparser parses it again as a function call, at
//!   every level, so a typo under 23 `NOT (` took minutes (found by
//!   `examples/fuzz_sql`).
//! - [`MAX_LEVELS`] for the whole tree, `AND`/`OR` chains included, which
//!   sqlparser builds without any limit.
//!
//! The worker threads get stacks ([`WORKER_STACK_BYTES`]) that hold the
//! deepest tree the limits let through, measured with `bench/stack-depth.sh`
//! in a debug build (which needs several times the stack of a release one):
//! with Tokio's default 2 MiB, `NOT (` x 14, `abs(` x 17, `NOT` x 19 and a
//! 226-term `OR` chain were the most that ran; 8 MiB held every nesting the
//! limits accept but only 944 `OR` terms; 16 MiB held everything accepted
//! (23 `NOT (`, 46 `abs(`, 999-term `OR`/`AND` chains). 32 MiB is twice that.

use lancedb::datafusion::sql::sqlparser::dialect::GenericDialect;
use lancedb::datafusion::sql::sqlparser::keywords::Keyword;
use lancedb::datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};

use crate::error::{LanceError, Result};

/// The deepest nesting accepted, as [`Depth::nesting`] counts it.
pub(crate) const MAX_NESTING: usize = 48;

/// The deepest nesting of `NOT (`, `CAST(`, ... accepted, as
/// [`Depth::retrying`] counts it: 16 takes at most ~1 s to refuse in a debug
/// build, and is what the issue's `NOT (` x 16 needs.
pub(crate) const MAX_RETRYING: usize = 16;

/// The deepest tree accepted, as [`Depth::levels`] counts it.
pub(crate) const MAX_LEVELS: usize = 1000;

/// Stack of every unilance worker thread (see the module docs). Only the
/// pages a thread touches are ever backed by memory, so the reservation costs
/// nothing until a deep expression needs it.
pub(crate) const WORKER_STACK_BYTES: usize = 32 * 1024 * 1024;

/// Fails with `InvalidFilter` if `sql` may nest deeper than the limits;
/// `what` names the text in the message.
pub(crate) fn check_expression_depth(sql: &str, what: &str) -> Result<()> {
    let depth = expression_depth(sql);
    let refuse = |kind: &str, limit: usize, this: usize| {
        Err(LanceError::InvalidFilter(format!(
            "{what} '{}': expression nested too deeply (limit {limit} {kind}, this one {this})",
            abbreviate(sql)
        )))
    };
    if depth.nesting > MAX_NESTING {
        return refuse("levels of nesting", MAX_NESTING, depth.nesting);
    }
    if depth.retrying > MAX_RETRYING {
        return refuse("levels of NOT (, CAST(, FLOOR(... nesting", MAX_RETRYING, depth.retrying);
    }
    if depth.levels > MAX_LEVELS {
        return refuse("levels counting AND/OR chains", MAX_LEVELS, depth.levels);
    }
    Ok(())
}

/// An upper bound on the depth of the tree any SQL parser can build from
/// `sql`, computed in one pass over its tokens, without recursion.
///
/// A parenthesised group (or a function's argument list) adds one level.
/// Inside it, between commas, `AND`/`OR` split the text into terms; the tree
/// above the terms is at most as deep as the number of splits (a chain
/// `a OR b OR c` is left-deep), and a term is at most as deep as its
/// operators plus its deepest group. So `NOT (NOT (x > 1))` counts two per
/// level, like sqlparser's own recursion, and `id = 1 OR id = 2 ... OR id = n`
/// counts n + 1, its true depth. Text that does not tokenize counts 0: the
/// parser reports it.
pub(crate) fn expression_depth(sql: &str) -> Depth {
    let Ok(tokens) = Tokenizer::new(&GenericDialect {}, sql).tokenize() else {
        return Depth { levels: 0, nesting: 0, retrying: 0 };
    };
    let mut frames = vec![Group::default()];
    // Groups opened right after a keyword sqlparser tries twice (see
    // `retries_on_failure`), nested in one another.
    let (mut after_retrying_keyword, mut retrying, mut max_retrying) = (false, vec![0usize], 0);
    for token in &tokens {
        let depth = frames.len();
        match token {
            Token::LParen | Token::LBracket | Token::LBrace => {
                frames.push(Group::default());
                let nested = retrying[depth - 1] + usize::from(after_retrying_keyword);
                max_retrying = max_retrying.max(nested);
                retrying.push(nested);
            }
            Token::RParen | Token::RBracket | Token::RBrace if depth > 1 => {
                close_group(&mut frames);
                retrying.pop();
            }
            Token::Comma => frames[depth - 1].close_part(),
            Token::Word(w) if w.quote_style.is_none() && matches!(w.keyword, Keyword::AND | Keyword::OR) => {
                frames[depth - 1].close_term();
                frames[depth - 1].splits += 1;
            }
            token if is_operand(token) => {}
            _ => frames[depth - 1].term_ops += 1,
        }
        if !matches!(token, Token::Whitespace(_)) {
            after_retrying_keyword = retries_on_failure(token);
        }
    }
    // Groups never closed still count (the parser will refuse them anyway).
    while frames.len() > 1 {
        close_group(&mut frames);
    }
    let mut root = frames.pop().unwrap();
    root.close_part();
    Depth { levels: root.best_part + 1, nesting: root.best_nesting + 1, retrying: max_retrying }
}

/// What [`expression_depth`] measures.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) struct Depth {
    /// Levels of the tree, `AND`/`OR` chains included.
    pub(crate) levels: usize,
    /// Levels without the `AND`/`OR` chains: parentheses, function calls,
    /// `NOT`, and chains of other operators.
    pub(crate) nesting: usize,
    /// Groups opened right after `NOT`, `CAST`, `FLOOR`... nested in one
    /// another: what sqlparser's retries make exponential.
    pub(crate) retrying: usize,
}

/// Whether sqlparser, when the text after this keyword fails to parse, parses
/// it all again as a function call (`Parser::parse_prefix`). Nested, that
/// takes exponential time: ~3x per level of `NOT (` with an error at the
/// bottom (1 s at 16 levels in a debug build, minutes at 23), whatever the
/// depth limits allow.
fn retries_on_failure(token: &Token) -> bool {
    use Keyword as K;
    let Token::Word(word) = token else { return false };
    word.quote_style.is_none()
        && matches!(
            word.keyword,
            K::NOT | K::CAST | K::TRY_CAST | K::SAFE_CAST | K::CONVERT | K::TRY_CONVERT | K::CEIL | K::FLOOR
                | K::EXTRACT | K::POSITION | K::SUBSTR | K::SUBSTRING | K::TRIM | K::OVERLAY | K::INTERVAL
                | K::EXISTS | K::ARRAY | K::CASE | K::STRUCT | K::MAP | K::MATCH | K::PRIOR | K::LAMBDA
                | K::SELECT | K::WITH | K::BOX | K::CIRCLE | K::LINE | K::LSEG | K::PATH | K::POINT
                | K::POLYGON
        )
}

/// Depth counts of one open group (see [`expression_depth`]).
#[derive(Default)]
struct Group {
    /// `AND`/`OR` in the current comma-separated part.
    splits: usize,
    /// Operators in the current term, and its deepest closed group.
    term_ops: usize,
    term_child: usize,
    best_term: usize,
    best_part: usize,
    /// The same without the splits: nesting, as sqlparser's recursion counts it.
    term_child_nesting: usize,
    best_nesting: usize,
}

impl Group {
    fn close_term(&mut self) {
        self.best_term = self.best_term.max(self.term_ops + self.term_child);
        self.best_nesting = self.best_nesting.max(self.term_ops + self.term_child_nesting);
        self.term_ops = 0;
        self.term_child = 0;
        self.term_child_nesting = 0;
    }

    fn close_part(&mut self) {
        self.close_term();
        self.best_part = self.best_part.max(self.splits + self.best_term);
        self.splits = 0;
        self.best_term = 0;
    }
}

fn close_group(frames: &mut Vec<Group>) {
    let mut group = frames.pop().unwrap();
    group.close_part();
    let parent = frames.last_mut().unwrap();
    parent.term_child = parent.term_child.max(group.best_part + 1);
    parent.term_child_nesting = parent.term_child_nesting.max(group.best_nesting + 1);
}

/// A leaf of the tree: a name (a column's or a function's: its call is the
/// group that follows) or a literal. Column names are often keywords
/// too (`id`, `text`, `date`), so only the keywords that make a node count.
fn is_operand(token: &Token) -> bool {
    use Keyword as K;
    match token {
        Token::Word(word) => {
            word.quote_style.is_some()
                || !matches!(
                    word.keyword,
                    K::NOT | K::IS | K::IN | K::LIKE | K::ILIKE | K::SIMILAR | K::BETWEEN | K::CASE
                        | K::WHEN | K::THEN | K::ELSE | K::CAST | K::TRY_CAST | K::INTERVAL | K::ESCAPE
                        | K::DIV | K::COLLATE | K::AT | K::EXISTS | K::ANY | K::ALL | K::SOME | K::XOR
                        | K::REGEXP | K::RLIKE | K::SELECT | K::OVERLAPS | K::DISTINCT
                )
        }
        Token::Whitespace(_) | Token::EOF | Token::Number(..) => true,
        Token::SingleQuotedString(_)
        | Token::DoubleQuotedString(_)
        | Token::NationalStringLiteral(_)
        | Token::EscapedStringLiteral(_)
        | Token::HexStringLiteral(_) => true,
        _ => false,
    }
}

/// The text as a message quotes it: whole if short, its start otherwise.
pub(crate) fn abbreviate(text: &str) -> String {
    const SHOWN: usize = 80;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}... ({} characters)", &text[..end], text.chars().count()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(sql: &str) -> usize {
        expression_depth(sql).levels
    }

    #[test]
    fn depth_bounds_nesting_and_chains() {
        assert_eq!(expression_depth("id > 1"), Depth { levels: 2, nesting: 2, retrying: 0 });
        assert_eq!(levels("NOT (id > 1)"), 4);
        assert_eq!(levels("id IN (1, 2, 3, 4, 5, 6, 7, 8, 9)"), 3);
        assert_eq!(expression_depth("id = 1 OR id = 2 OR id = 3"), Depth { levels: 4, nesting: 2, retrying: 0 });
        assert_eq!(levels(&vec!["id = 1"; 100].join(" OR ")), 101);
        assert_eq!(levels("s = 'a (b, c) AND' AND \"NOT\" > 1"), 3);
        let not_paren = |n| format!("{}id > 1{}", "NOT (".repeat(n), ")".repeat(n));
        assert_eq!(expression_depth(&not_paren(16)), Depth { levels: 34, nesting: 34, retrying: 16 });
        assert_eq!(expression_depth("NOT (abs(NOT (x)) AND (NOT y))").retrying, 2);
        assert_eq!(expression_depth("CAST(CAST(x AS int) AS int) > 1").retrying, 2);
        assert_eq!(expression_depth(&not_paren(23)).nesting, 48);
        assert_eq!(levels(&format!("{}id{} > 1", "abs(".repeat(20), ")".repeat(20))), 22);
        assert_eq!(levels(&format!("id{} > 1", " + 1".repeat(20))), 22);
        // Unbalanced or untokenizable text is left to the parser's own error.
        assert_eq!(levels("((id"), 3);
        assert_eq!(levels("'unterminated"), 0);
    }

    #[test]
    fn deep_text_is_refused_without_recursion() {
        let deep = "(".repeat(1_000_000);
        let err = check_expression_depth(&deep, "invalid filter").unwrap_err();
        assert!(matches!(&err, LanceError::InvalidFilter(m) if m.contains("nested too deeply (limit 48 levels of nesting, this one 1000001)")), "{err:?}");
        let chain = vec!["id = 1"; 1000].join(" OR ");
        let err = check_expression_depth(&chain, "invalid filter").unwrap_err();
        assert!(matches!(&err, LanceError::InvalidFilter(m) if m.contains("(limit 1000 levels counting AND/OR chains, this one 1001)")), "{err:?}");
        check_expression_depth(&vec!["id = 1"; 999].join(" OR "), "filter").unwrap();
    }
}

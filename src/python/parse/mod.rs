//! Python source to Ruff's AST, and syntax errors worded and placed as CPython 3.11
//! words and places them.
//!
//! Ruff's parser (`ruff_python_parser`) builds the AST. Its messages are its own
//! ("Expected ':', found newline") and it reads some things differently from CPython
//! 3.11: f-strings the way 3.12 does, and indentation without CPython's tab rules. So
//! three things are put side by side here:
//!
//! * a scan of the source as CPython 3.11's tokenizer reads it (`Scanner`): strings
//!   (f-strings included: in 3.11 they are plain string tokens), brackets, numbers,
//!   indentation and tabs, line continuations. What the tokenizer refuses, CPython
//!   refuses before its parser has a say, and with its own message;
//! * Ruff's errors, each put into the words CPython's parser uses at that place, and
//!   at CPython's position (built from `tests/python-syntax/cases.json`: what
//!   CPython 3.11 says about the programs in `tests/python-syntax/generate.py`);
//! * the f-strings as CPython 3.11 checks them (`FString`), their expressions
//!   compiled as CPython compiles them, from the text `(expression)`.
//!
//! Which error wins is CPython's order: a tokenizer error that CPython raises on the
//! spot wins wherever it is; the parser's first error wins over a tokenizer error
//! further on that CPython only notes (indentation, tabs, line continuations); an
//! unclosed bracket wins when the parser's error comes after the bracket's line.
//!
//! The scan also bounds how deep the source nests (CPython's limits: 200 brackets,
//! 100 indentation levels; and a weighted count of operators), so that neither Ruff's
//! recursive parser nor later passes over the AST can run out of stack.
//!
//! Errors CPython reports in its compiler, not its parser (`'return' outside
//! function`, `'break' outside loop`, …), parse here: the compiler reports them.

use std::fmt;

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::source_order::{walk_expr, SourceOrderVisitor};
use ruff_python_ast::{Expr, Mod, ModModule, UnaryOp};
use ruff_python_parser::{
    parse_unchecked, LexicalErrorType, Mode, ParseError, ParseErrorType, ParseOptions,
    UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

mod fstring;
mod scan;
#[cfg(test)]
mod tests;
mod wording;

use fstring::*;
use scan::*;
use wording::*;

/// Which exception CPython raises for a syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The exception's name, as a traceback prints it.
    pub fn name(self) -> &'static str {
        match self {
            Self::SyntaxError => "SyntaxError",
            Self::IndentationError => "IndentationError",
            Self::TabError => "TabError",
        }
    }
}

/// Where and why the source is not valid Python, worded as CPython 3.11 words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// 1-based. 0 only where CPython gives no line either (a null byte in the source).
    pub line: usize,
    /// 1-based, in characters, as CPython's `SyntaxError.offset`. CPython's offset is
    /// not always the character it blames (and can be 0): this is its number,
    /// whatever it points at, for the traceback's caret to land where CPython's does.
    pub col: usize,
    /// `SyntaxError`, `IndentationError` or `TabError`: [`SyntaxErrorKind::name`].
    pub kind: SyntaxErrorKind,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

/// Parses a whole program (`main.py`).
///
/// # Errors
/// The first syntax error, as CPython 3.11 reports it.
pub fn parse(source: &str) -> Result<ModModule, SyntaxError> {
    analyze(source).map_err(|c| c.error)
}

/// 1-based line and column of a byte offset in the source (the compiler needs this for
/// every node). Lines end at `\n`, `\r\n` or `\r`, as in Python; columns count
/// characters, as CPython's `SyntaxError.offset` and its traceback carets do.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text: String,
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    /// For text that is not all ASCII: how many characters come before each block of
    /// `BLOCK` bytes, so that a column costs at most a block's counting.
    blocks: Vec<usize>,
}

const BLOCK: usize = 256;

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    starts.push(i + 1);
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let blocks = if source.is_ascii() {
            Vec::new()
        } else {
            let mut before = 0;
            bytes
                .chunks(BLOCK)
                .map(|block| {
                    let at = before;
                    before += chars(block);
                    at
                })
                .collect()
        };
        Self {
            text: source.to_owned(),
            starts,
            blocks,
        }
    }

    /// The line and column of `offset` (clamped to the end of the source).
    pub fn line_col(&self, offset: TextSize) -> (usize, usize) {
        self.position(offset.to_usize())
    }

    /// The text of a line, without its line break; "" for a line that is not there.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let text = self.text.get(start..end).unwrap_or("");
        text.strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .or_else(|| text.strip_suffix('\r'))
            .unwrap_or(text)
    }

    /// How many lines there are, counting a last line without a line break.
    pub fn line_count(&self) -> usize {
        self.last_line()
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        (
            line,
            self.chars_before(offset) - self.chars_before(start) + 1,
        )
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        if self.blocks.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        let counted = self.blocks.get(block).copied().unwrap_or(0);
        let rest = self.text.as_bytes().get(block * BLOCK..offset);
        counted + rest.map_or(0, chars)
    }

    /// CPython's last line: a line break at the very end does not start another.
    fn last_line(&self) -> usize {
        if self.text.ends_with(['\n', '\r']) {
            (self.starts.len() - 1).max(1)
        } else {
            self.starts.len()
        }
    }

    /// Where CPython places an error found at the end of the file: after the last line.
    fn eof_position(&self) -> (usize, usize) {
        let line = self.last_line();
        (line, chars(self.line_text(line).as_bytes()) + 1)
    }
}

/// How many characters `bytes` (UTF-8, possibly cut mid-character) holds.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

// ---------------------------------------------------------------------------------
// The result of checking a source: the error, and what decides between errors.
// ---------------------------------------------------------------------------------

/// An error, and the byte offset at which CPython would have run into it (which
/// decides between errors; CPython's position can be elsewhere).
#[derive(Debug, Clone)]
struct Candidate {
    error: SyntaxError,
    trigger: usize,
    /// From CPython's tokenizer (no "f-string: " prefix inside f-strings).
    tokenizer: bool,
}

fn candidate(
    message: impl Into<String>,
    (line, col): (usize, usize),
    kind: SyntaxErrorKind,
    trigger: usize,
) -> Candidate {
    Candidate {
        error: SyntaxError {
            message: message.into(),
            line,
            col,
            kind,
        },
        trigger,
        tokenizer: false,
    }
}

/// The earlier of two errors; `a` on a tie.
fn earlier(a: Option<Candidate>, b: Candidate) -> Option<Candidate> {
    match a {
        Some(a) if a.trigger <= b.trigger => Some(a),
        _ => Some(b),
    }
}

const INVALID_SYNTAX: &str = "invalid syntax";

fn analyze(source: &str) -> Result<ModModule, Candidate> {
    let index = LineIndex::new(source);
    if source.contains('\0') {
        return Err(candidate(
            "source code string cannot contain null bytes",
            (0, 0),
            SyntaxErrorKind::SyntaxError,
            0,
        ));
    }
    let scan = Scanner::new(source, &index).run();
    if let Some(error) = scan.error.as_ref().filter(|e| e.limit) {
        // Too deep to hand to a recursive parser at all.
        return Err(error.candidate.clone());
    }
    // After a tokenizer error, Ruff reads only what came before it: enough to find a
    // parser error that comes first, and nothing whose nesting the scan did not bound.
    // (A `0` stands in for the token with the error, so that its line still starts
    // with an indentation as CPython read it.)
    let prefix;
    let text = match source.get(..scan.scanned) {
        Some(before) if scan.scanned < source.len() => {
            prefix = format!("{before}0");
            prefix.as_str()
        }
        _ => source,
    };
    let parsed = parse_unchecked(text, ParseOptions::from(Mode::Module));
    let module = match parsed.syntax() {
        Mod::Module(module) => module,
        Mod::Expression(_) => {
            return Err(candidate(
                INVALID_SYNTAX,
                (1, 1),
                SyntaxErrorKind::SyntaxError,
                0,
            ));
        }
    };
    let ctx = Context::new(source, &index, &scan, module, &parsed);

    // The tokenizer's first error: the scan's, or a character Ruff could not read
    // where CPython's tokenizer was reading code.
    let mut tokenizer = scan.error.clone();
    if let Some(c) = ctx.invalid_character(parsed.errors()) {
        if tokenizer
            .as_ref()
            .is_none_or(|t| c.candidate.trigger < t.candidate.trigger)
        {
            tokenizer = Some(c);
        }
    }
    let mut parser: Option<Candidate> = None;
    // Ruff may report an error at every token of garbage: only the first ones matter.
    let mut errors: Vec<&ParseError> = parsed.errors().iter().collect();
    errors.sort_by_key(|e| e.location.start());
    for error in errors {
        if parser
            .as_ref()
            .is_some_and(|p| error.location.start().to_usize() > p.trigger)
        {
            break;
        }
        if let Some(c) = ctx.map_error(error) {
            parser = earlier(parser, c);
        }
    }
    if let Some(c) = ctx.operator_after_yield() {
        parser = earlier(parser, c);
    }
    for error in parsed.unsupported_syntax_errors() {
        if let Some(c) = ctx.map_unsupported(error) {
            parser = earlier(parser, c);
        }
    }
    if let Some(c) = ctx.first_fstring_error(parser.as_ref().map(|p| p.trigger)) {
        parser = match parser {
            Some(p) if p.trigger < c.trigger => Some(p),
            _ => Some(c),
        };
    }

    if let Some(t) = tokenizer.as_ref().filter(|t| t.raised) {
        // Raised: it wins wherever it is, CPython reading the rest of the source for
        // such errors once its parser has failed; but not after an unexpected indent,
        // which CPython reports without reading on.
        return Err(match parser {
            Some(p)
                if p.trigger < t.candidate.trigger && p.error.message == "unexpected indent" =>
            {
                p
            }
            _ => t.candidate.clone(),
        });
    }
    if let Some(t) = tokenizer {
        // Noted by the tokenizer, not raised: it counts only if CPython's parser got
        // that far.
        return Err(match parser {
            Some(p) if p.trigger < t.candidate.trigger => p,
            _ => t.candidate,
        });
    }
    if let Some(open) = &scan.unclosed {
        let message = format!("'{}' was never closed", char::from(open.ch));
        let unclosed = candidate(
            message,
            (open.line, open.col),
            SyntaxErrorKind::SyntaxError,
            0,
        );
        return Err(match parser {
            Some(p) if !ctx.reads_past(&p, open) => p,
            _ => unclosed,
        });
    }
    if let Some(p) = parser {
        return Err(p);
    }
    // Ruff refused something the mapping above let through: never run such a tree.
    let first = parsed
        .errors()
        .iter()
        .map(|e| e.location)
        .chain(parsed.unsupported_syntax_errors().iter().map(|e| e.range))
        .min_by_key(|r| r.start());
    if let Some(range) = first {
        return Err(ctx.invalid_syntax(range.start().to_usize()));
    }
    match parsed.into_syntax() {
        Mod::Module(module) => Ok(module),
        Mod::Expression(_) => Err(candidate(
            INVALID_SYNTAX,
            (1, 1),
            SyntaxErrorKind::SyntaxError,
            0,
        )),
    }
}

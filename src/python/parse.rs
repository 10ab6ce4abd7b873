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

// ---------------------------------------------------------------------------------
// CPython 3.11's tokenizer, as far as its errors go.
// ---------------------------------------------------------------------------------

/// CPython's MAXLEVEL: brackets open at once.
const MAX_BRACKETS: usize = 200;
/// CPython's MAXINDENT: indentation levels, counting the first column.
const MAX_INDENT: usize = 100;
/// How deep one expression may nest, weighted: a bracket, a unary or right-associative
/// operator, `lambda`, `not`, `await`, `if`/`else` or an f-string field count 5 (each
/// is a level of Ruff's recursive parser); a binary operator, `.` or a call count 1
/// (a level of the tree that later passes walk). 200 brackets fit, as in CPython; Ruff
/// needs under 2 KB of stack per bracket in a release build, so this stays well
/// within a 1 MB stack.
const MAX_NESTING: u32 = 1000;
const NESTED: u32 = 5;
const CHAINED: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Name,
    Number,
    Str,
    Op,
    Newline,
}

/// A token as CPython 3.11 reads it (only what the checks below need).
#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
    /// Strings: where the text between the quotes is, and how to read it.
    content: (usize, usize),
    fstring: bool,
    raw: bool,
    bytes: bool,
}

#[derive(Debug, Clone)]
struct TokenizerError {
    candidate: Candidate,
    /// CPython raises it on the spot (it then wins wherever it is); otherwise the
    /// tokenizer only stops there, and a parser error before it wins.
    raised: bool,
    /// A nesting limit: the source must not reach Ruff's parser.
    limit: bool,
}

#[derive(Debug, Clone, Copy)]
struct Bracket {
    ch: u8,
    /// After an operand: a call or a subscript.
    trailer: bool,
    offset: usize,
    line: usize,
    col: usize,
    /// The enclosing level's nesting, to restore when this bracket closes.
    outer_base: u32,
    outer_run: u32,
}

struct Scan {
    tokens: Vec<Token>,
    error: Option<TokenizerError>,
    /// The innermost bracket still open at the end of the source.
    unclosed: Option<Bracket>,
    /// How far the scan got: the start of the token with the error (or the end). Ruff's
    /// parser sees no more than this, whose nesting the scan has bounded.
    scanned: usize,
}

struct Scanner<'s> {
    b: &'s [u8],
    index: &'s LineIndex,
    pos: usize,
    line: usize,
    line_start: usize,
    at_line_start: bool,
    /// Where the token being read starts (the line, while reading indentation).
    token_start: usize,
    line_has_tokens: bool,
    brackets: Vec<Bracket>,
    /// (column with tabs to 8, column with tabs to 1), as CPython compares both.
    indents: Vec<(usize, usize)>,
    tokens: Vec<Token>,
    /// Nesting of the enclosing brackets, and since the last comma in this one.
    base: u32,
    run: u32,
    after_operand: bool,
}

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'s> Scanner<'s> {
    fn new(source: &'s str, index: &'s LineIndex) -> Self {
        let b = source.as_bytes();
        let pos = if b.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        Self {
            b,
            index,
            pos,
            line: 1,
            line_start: 0,
            at_line_start: true,
            line_has_tokens: false,
            token_start: pos,
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            tokens: Vec::new(),
            base: 0,
            run: 0,
            after_operand: false,
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Characters from the start of the current line to `offset`: CPython's offset
    /// for an error its tokenizer reports with its cursor at `offset`.
    fn col(&self, offset: usize) -> usize {
        chars(self.b.get(self.line_start..offset).unwrap_or_default())
    }

    fn error(
        &self,
        message: impl Into<String>,
        col: usize,
        kind: SyntaxErrorKind,
    ) -> TokenizerError {
        TokenizerError {
            candidate: Candidate {
                error: SyntaxError {
                    message: message.into(),
                    line: self.line,
                    col,
                    kind,
                },
                trigger: self.pos,
                tokenizer: true,
            },
            raised: true,
            limit: false,
        }
    }

    fn raise(&self, message: impl Into<String>, col: usize) -> TokenizerError {
        self.error(message, col, SyntaxErrorKind::SyntaxError)
    }

    /// An error CPython's tokenizer notes (it stops there) without raising it; the
    /// parser runs into it at `trigger`.
    fn stop(
        &self,
        message: &str,
        col: usize,
        kind: SyntaxErrorKind,
        trigger: usize,
    ) -> TokenizerError {
        let mut e = self.error(message, col, kind);
        e.raised = false;
        // Within the indentation, the parser runs into it at the line's start.
        e.candidate.trigger = trigger.min(self.token_start);
        e
    }

    /// CPython's position after the last character of the current line.
    fn end_of_line_col(&self) -> usize {
        chars(self.index.line_text(self.line).as_bytes()) + 1
    }

    fn run(mut self) -> Scan {
        let result = self.tokens_to_end();
        let (unclosed, scanned) = match &result {
            Ok(()) => (self.brackets.last().copied(), self.b.len()),
            Err(_) => (None, self.token_start),
        };
        Scan {
            tokens: self.tokens,
            error: result.err(),
            unclosed,
            scanned,
        }
    }

    fn push(&mut self, kind: Tok, start: usize) {
        self.push_at(kind, start, self.pos);
    }

    fn push_at(&mut self, kind: Tok, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            start,
            end,
            content: (0, 0),
            fstring: false,
            raw: false,
            bytes: false,
        });
        self.line_has_tokens = true;
    }

    fn nest(&mut self, weight: u32) -> Result<(), TokenizerError> {
        self.run = self.run.saturating_add(weight);
        if self.base.saturating_add(self.run) > MAX_NESTING {
            let mut e = self.raise(
                "Parser stack overflowed - Python source too complex to parse",
                self.col(self.pos),
            );
            e.limit = true;
            return Err(e);
        }
        Ok(())
    }

    fn tokens_to_end(&mut self) -> Result<(), TokenizerError> {
        loop {
            if self.at_line_start {
                self.token_start = self.pos;
                self.indentation()?;
            }
            while matches!(self.at(self.pos), b' ' | b'\t' | 0x0c) {
                self.pos += 1;
            }
            let start = self.pos;
            self.token_start = start;
            if start >= self.b.len() {
                if self.brackets.is_empty() && self.line_has_tokens {
                    self.push(Tok::Newline, start);
                }
                return Ok(());
            }
            let c = self.at(start);
            match c {
                b'#' => {
                    while self.pos < self.b.len() && !matches!(self.at(self.pos), b'\n' | b'\r') {
                        self.pos += 1;
                    }
                }
                b'\n' | b'\r' => {
                    if self.brackets.is_empty() && self.line_has_tokens {
                        self.push_at(Tok::Newline, start, start + 1);
                        self.line_has_tokens = false;
                        self.run = 0;
                        self.after_operand = false;
                    }
                    self.newline();
                    self.at_line_start = true;
                }
                b'\\' => self.continuation()?,
                b'0'..=b'9' => self.number(start)?,
                b'.' if self.at(start + 1).is_ascii_digit() => self.number(start)?,
                b'\'' | b'"' => self.string(start, start)?,
                c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => self.name(start)?,
                b'(' | b'[' | b'{' => self.open(c)?,
                b')' | b']' | b'}' => self.close(c)?,
                c if c < 0x20 || c == 0x7f => {
                    let message = format!("invalid non-printable character U+{:04X}", c);
                    return Err(self.raise(message, self.col(start) + 1));
                }
                _ => self.operator(c)?,
            }
        }
    }

    /// Consumes the line break at `pos`.
    fn newline(&mut self) {
        if self.at(self.pos) == b'\r' && self.at(self.pos + 1) == b'\n' {
            self.pos += 1;
        }
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }

    fn indentation(&mut self) -> Result<(), TokenizerError> {
        self.at_line_start = false;
        let (mut col, mut alt) = (0, 0);
        // A backslash in the indentation: the first one fixes the level.
        let mut continued_at = None;
        loop {
            match self.at(self.pos) {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                b'\\' => {
                    continued_at = continued_at.or(Some(col));
                    self.continuation()?;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if let Some(at) = continued_at {
            (col, alt) = (at, at);
        }
        let blank = self.pos >= self.b.len() || matches!(self.at(self.pos), b'#' | b'\n' | b'\r');
        if blank || !self.brackets.is_empty() {
            return Ok(());
        }
        let tab_error = |s: &Self| {
            s.stop(
                "inconsistent use of tabs and spaces in indentation",
                1,
                SyntaxErrorKind::TabError,
                s.line_start,
            )
        };
        let (top, alt_top) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top {
            if alt != alt_top {
                return Err(tab_error(self));
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                let mut e = self.stop(
                    "too many levels of indentation",
                    1,
                    SyntaxErrorKind::IndentationError,
                    self.line_start,
                );
                e.limit = true;
                return Err(e);
            }
            if alt <= alt_top {
                return Err(tab_error(self));
            }
            self.indents.push((col, alt));
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
            }
            let (top, alt_top) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                return Err(self.stop(
                    "unindent does not match any outer indentation level",
                    self.end_of_line_col(),
                    SyntaxErrorKind::IndentationError,
                    self.line_start,
                ));
            }
            if alt != alt_top {
                return Err(tab_error(self));
            }
        }
        Ok(())
    }

    fn continuation(&mut self) -> Result<(), TokenizerError> {
        let backslash = self.pos;
        self.pos += 1;
        let eof = |s: &Self| {
            let col = s.end_of_line_col();
            s.stop(
                "unexpected EOF while parsing",
                col,
                SyntaxErrorKind::SyntaxError,
                backslash,
            )
        };
        if self.pos >= self.b.len() {
            return Err(eof(self));
        }
        if !matches!(self.at(self.pos), b'\n' | b'\r') {
            let col = self.col(backslash) + 2;
            return Err(self.stop(
                "unexpected character after line continuation character",
                col,
                SyntaxErrorKind::SyntaxError,
                backslash,
            ));
        }
        let error = eof(self);
        self.newline();
        if self.pos >= self.b.len() {
            return Err(error);
        }
        Ok(())
    }

    fn open(&mut self, c: u8) -> Result<(), TokenizerError> {
        let start = self.pos;
        if self.brackets.len() >= MAX_BRACKETS {
            let mut e = self.raise("too many nested parentheses", self.col(start) + 1);
            e.limit = true;
            return Err(e);
        }
        self.brackets.push(Bracket {
            ch: c,
            trailer: self.after_operand,
            offset: start,
            line: self.line,
            col: self.col(start) + 1,
            outer_base: self.base,
            outer_run: self.run,
        });
        self.base = self.base.saturating_add(self.run);
        self.run = 0;
        self.pos += 1;
        self.nest(NESTED)?;
        self.push(Tok::Op, start);
        self.after_operand = false;
        Ok(())
    }

    fn close(&mut self, c: u8) -> Result<(), TokenizerError> {
        let start = self.pos;
        self.pos += 1;
        let col = self.col(start) + 1;
        let Some(open) = self.brackets.pop() else {
            return Err(self.raise(format!("unmatched '{}'", char::from(c)), col));
        };
        let expected = match open.ch {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if c != expected {
            let mut message = format!(
                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                char::from(c),
                char::from(open.ch)
            );
            if open.line != self.line {
                message.push_str(&format!(" on line {}", open.line));
            }
            return Err(self.raise(message, col));
        }
        self.base = open.outer_base;
        self.run = open.outer_run;
        if open.trailer {
            // A call or a subscript: a level of the tree, once closed.
            self.nest(CHAINED)?;
        }
        self.push(Tok::Op, start);
        self.after_operand = true;
        Ok(())
    }

    fn operator(&mut self, c: u8) -> Result<(), TokenizerError> {
        let start = self.pos;
        let next = self.at(start + 1);
        let third = self.at(start + 2);
        let (len, weight) = match (c, next) {
            (b'*', b'*') => (if third == b'=' { 3 } else { 2 }, NESTED),
            (b'/', b'/') | (b'<', b'<') | (b'>', b'>') => {
                (if third == b'=' { 3 } else { 2 }, CHAINED)
            }
            (b'.', b'.') if third == b'.' => (3, 0),
            (b'-', b'>')
            | (b':', b'=')
            | (b'=', b'=')
            | (b'!', b'=')
            | (b'<', b'=')
            | (b'>', b'=') => (2, 0),
            (b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^', b'=') => (2, 0),
            (b'-' | b'+' | b'~', _) if !self.after_operand => (1, NESTED),
            (b'~', _) => (1, NESTED),
            (b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'.', _) => {
                (1, CHAINED)
            }
            _ => (1, 0),
        };
        self.pos += len;
        let op = self.b.get(start..self.pos).unwrap_or_default();
        let assignment = op.ends_with(b"=") && !matches!(op, b"==" | b"!=" | b"<=" | b">=" | b":=");
        if c == b',' || c == b';' && self.brackets.is_empty() || assignment {
            self.run = 0;
        }
        self.nest(weight)?;
        self.push(Tok::Op, start);
        self.after_operand = op == b"...";
        Ok(())
    }

    fn name(&mut self, start: usize) -> Result<(), TokenizerError> {
        // String prefixes, as CPython accepts them: b, r, u, f, and br/rb, fr/rf.
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut p = start;
        loop {
            match self.at(p).to_ascii_lowercase() {
                b'b' if !(saw_b || saw_u || saw_f) => saw_b = true,
                b'u' if !(saw_b || saw_u || saw_r || saw_f) => saw_u = true,
                b'r' if !(saw_r || saw_u) => saw_r = true,
                b'f' if !(saw_f || saw_b || saw_u) => saw_f = true,
                _ => break,
            }
            p += 1;
            if matches!(self.at(p), b'\'' | b'"') {
                return self.string(start, p);
            }
        }
        let mut p = start;
        while p < self.b.len() && is_ident_char(self.at(p)) {
            p += 1;
        }
        self.pos = p;
        let word = self.b.get(start..p).unwrap_or_default();
        let keyword = KEYWORDS.iter().any(|k| k.as_bytes() == word);
        match word {
            b"not" | b"await" | b"lambda" | b"if" | b"else" => self.nest(NESTED)?,
            b"and" | b"or" | b"in" | b"is" => self.nest(CHAINED)?,
            _ => {}
        }
        self.push(Tok::Name, start);
        self.after_operand = !keyword;
        Ok(())
    }

    fn string(&mut self, start: usize, quote_at: usize) -> Result<(), TokenizerError> {
        let prefix = self
            .b
            .get(start..quote_at)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let quote = self.at(quote_at);
        let (first_line, first_line_start) = (self.line, self.line_start);
        let mut p = quote_at + 1;
        let mut size = 1;
        let mut end_quotes = 0;
        if self.at(p) == quote && self.at(p + 1) == quote {
            size = 3;
            p += 2;
        } else if self.at(p) == quote {
            end_quotes = 1;
            p += 1;
        }
        let content_start = p;
        while end_quotes != size {
            let c = self.at(p);
            if p >= self.b.len() || (size == 1 && matches!(c, b'\n' | b'\r')) {
                // CPython's line count: a line break at the very end starts no line.
                let detected =
                    if p >= self.b.len() && self.b.ends_with(b"\n") || self.b.ends_with(b"\r") {
                        self.line.saturating_sub(1).max(first_line)
                    } else {
                        self.line
                    };
                let col = chars(self.b.get(first_line_start..start).unwrap_or_default()) + 1;
                let kind = if size == 3 {
                    "triple-quoted string"
                } else {
                    "string"
                };
                let message = format!("unterminated {kind} literal (detected at line {detected})");
                self.pos = p;
                let mut e = self.raise(message, col);
                e.candidate.error.line = first_line;
                return Err(e);
            }
            if c == quote {
                end_quotes += 1;
                p += 1;
                continue;
            }
            end_quotes = 0;
            if c == b'\\' {
                p += 1;
                if p >= self.b.len() {
                    continue;
                }
            }
            if matches!(self.at(p), b'\n' | b'\r') {
                self.pos = p;
                self.newline();
                p = self.pos;
            } else {
                p += 1;
            }
        }
        self.pos = p;
        let fstring = prefix.contains(&b'f');
        let content = (content_start, p.saturating_sub(size).max(content_start));
        if fstring {
            // Each level of replacement fields is a level of Ruff's parser.
            let text = self.b.get(content.0..content.1).unwrap_or_default();
            let (mut depth, mut deepest, mut i) = (0u32, 0u32, 0);
            while i < text.len() {
                match text[i] {
                    b'{' if text.get(i + 1) == Some(&b'{') => i += 1,
                    b'{' => {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                    b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += 1;
            }
            let run = self.run;
            self.nest(deepest.saturating_mul(NESTED))?;
            self.run = run;
        }
        self.tokens.push(Token {
            kind: Tok::Str,
            start,
            end: p,
            content,
            fstring,
            raw: prefix.contains(&b'r'),
            bytes: prefix.contains(&b'b'),
        });
        self.line_has_tokens = true;
        self.after_operand = true;
        Ok(())
    }

    /// A number, as CPython's tokenizer reads it, with its errors.
    fn number(&mut self, start: usize) -> Result<(), TokenizerError> {
        let digit = |s: &Self, i: usize| s.at(i).is_ascii_digit();
        let mut q = start;
        if self.at(start) == b'.' {
            q = self.decimal_tail(start + 1)?;
            q = self.exponent_and_imaginary(q)?;
        } else if self.at(start) == b'0' {
            q += 1;
            match self.at(q).to_ascii_lowercase() {
                b'x' => q = self.radix_digits(q + 1, 16, "hexadecimal")?,
                b'o' => q = self.radix_digits(q + 1, 8, "octal")?,
                b'b' => q = self.radix_digits(q + 1, 2, "binary")?,
                _ => {
                    loop {
                        if self.at(q) == b'_' {
                            q += 1;
                            if !digit(self, q) {
                                return Err(self.raise("invalid decimal literal", self.col(q)));
                            }
                        }
                        if self.at(q) != b'0' {
                            break;
                        }
                        q += 1;
                    }
                    let mut nonzero = false;
                    if digit(self, q) {
                        nonzero = true;
                        q = self.decimal_tail(q)?;
                    }
                    let c = self.at(q);
                    if c == b'.' || matches!(c, b'e' | b'E' | b'j' | b'J') {
                        q = self.fraction(q)?;
                    } else if nonzero {
                        return Err(self.raise(
                            "leading zeros in decimal integer literals are not permitted; \
                             use an 0o prefix for octal integers",
                            self.col(start) + 1,
                        ));
                    } else {
                        self.end_of_number(q, "decimal")?;
                    }
                }
            }
        } else {
            q = self.decimal_tail(start)?;
            q = self.fraction(q)?;
        }
        self.pos = q;
        self.push(Tok::Number, start);
        self.after_operand = true;
        Ok(())
    }

    /// Digits and single underscores from `q`, which holds a digit.
    fn decimal_tail(&self, mut q: usize) -> Result<usize, TokenizerError> {
        loop {
            while self.at(q).is_ascii_digit() {
                q += 1;
            }
            if self.at(q) != b'_' {
                return Ok(q);
            }
            q += 1;
            if !self.at(q).is_ascii_digit() {
                return Err(self.raise("invalid decimal literal", self.col(q)));
            }
        }
    }

    /// After the integer part: `.digits`, exponent, `j`.
    fn fraction(&self, mut q: usize) -> Result<usize, TokenizerError> {
        if self.at(q) == b'.' {
            q += 1;
            if self.at(q).is_ascii_digit() {
                q = self.decimal_tail(q)?;
            }
        }
        self.exponent_and_imaginary(q)
    }

    fn exponent_and_imaginary(&self, mut q: usize) -> Result<usize, TokenizerError> {
        if matches!(self.at(q), b'e' | b'E') {
            let e = q;
            q += 1;
            if matches!(self.at(q), b'+' | b'-') {
                q += 1;
                if !self.at(q).is_ascii_digit() {
                    return Err(self.raise("invalid decimal literal", self.col(q)));
                }
            } else if !self.at(q).is_ascii_digit() {
                // `1else`: a keyword after a number is allowed (with a warning).
                self.end_of_number(e, "decimal")?;
                return Ok(e);
            }
            q = self.decimal_tail(q)?;
        }
        if matches!(self.at(q), b'j' | b'J') {
            self.end_of_number(q + 1, "imaginary")?;
            return Ok(q + 1);
        }
        self.end_of_number(q, "decimal")?;
        Ok(q)
    }

    fn radix_digits(&self, mut q: usize, radix: u32, kind: &str) -> Result<usize, TokenizerError> {
        let is = |c: u8| char::from(c).is_digit(radix);
        loop {
            if self.at(q) == b'_' {
                q += 1;
            }
            let c = self.at(q);
            if !is(c) {
                if radix < 10 && c.is_ascii_digit() {
                    let message = format!("invalid digit '{}' in {kind} literal", char::from(c));
                    return Err(self.raise(message, self.col(q + 1)));
                }
                return Err(self.raise(format!("invalid {kind} literal"), self.col(q)));
            }
            while is(self.at(q)) {
                q += 1;
            }
            if self.at(q) != b'_' {
                break;
            }
        }
        let c = self.at(q);
        if radix < 10 && c.is_ascii_digit() {
            let message = format!("invalid digit '{}' in {kind} literal", char::from(c));
            return Err(self.raise(message, self.col(q + 1)));
        }
        self.end_of_number(q, kind)?;
        Ok(q)
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error,
    /// unless a keyword that may follow a number starts there.
    fn end_of_number(&self, q: usize, kind: &str) -> Result<(), TokenizerError> {
        let rest = self.b.get(q..).unwrap_or_default();
        let keyword = [
            &b"and"[..],
            b"else",
            b"for",
            b"if",
            b"in",
            b"is",
            b"or",
            b"not",
        ]
        .iter()
        .any(|k| rest.starts_with(k));
        let c = self.at(q);
        if !keyword && (c.is_ascii_alphanumeric() || c == b'_') {
            return Err(self.raise(format!("invalid {kind} literal"), self.col(q)));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------
// Ruff's errors in CPython's words.
// ---------------------------------------------------------------------------------

struct Context<'a> {
    source: &'a str,
    index: &'a LineIndex,
    scan: &'a Scan,
    module: &'a ModModule,
    /// Ruff's tokens without comments and non-logical line breaks.
    tokens: Vec<(TokenKind, TextRange)>,
    /// Where Ruff found errors.
    errors: Vec<TextRange>,
    comments: Vec<TextRange>,
    /// Per token: the innermost bracket open before it, how many are, and for a
    /// closing bracket or f-string end, its opening token (`NONE` where none).
    enclosing: Vec<u32>,
    depth: Vec<u32>,
    partner: Vec<u32>,
}

const NONE: u32 = u32::MAX;

fn start(range: TextRange) -> usize {
    range.start().to_usize()
}

fn end(range: TextRange) -> usize {
    range.end().to_usize()
}

impl<'a> Context<'a> {
    fn new(
        source: &'a str,
        index: &'a LineIndex,
        scan: &'a Scan,
        module: &'a ModModule,
        parsed: &ruff_python_parser::Parsed<Mod>,
    ) -> Self {
        let tokens: Vec<(TokenKind, TextRange)> = parsed
            .tokens()
            .iter()
            .map(|t| (t.kind(), t.range()))
            .filter(|(k, _)| !matches!(k, TokenKind::Comment | TokenKind::NonLogicalNewline))
            .collect();
        let n = tokens.len();
        let (mut enclosing, mut depth, mut partner) = (vec![NONE; n], vec![0; n], vec![NONE; n]);
        let mut brackets: Vec<u32> = Vec::new();
        let mut strings: Vec<u32> = Vec::new();
        for (j, (kind, _)) in tokens.iter().enumerate() {
            let index = u32::try_from(j).unwrap_or(NONE);
            enclosing[j] = brackets.last().copied().unwrap_or(NONE);
            depth[j] = u32::try_from(brackets.len()).unwrap_or(NONE);
            match kind {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => brackets.push(index),
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    partner[j] = brackets.pop().unwrap_or(NONE);
                }
                TokenKind::FStringStart | TokenKind::TStringStart => strings.push(index),
                TokenKind::FStringEnd | TokenKind::TStringEnd => {
                    partner[j] = strings.pop().unwrap_or(NONE);
                }
                // Brackets do not outlive a logical line.
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => brackets.clear(),
                _ => {}
            }
        }
        Self {
            source,
            index,
            scan,
            module,
            tokens,
            errors: parsed.errors().iter().map(|e| e.location).collect(),
            comments: parsed
                .tokens()
                .iter()
                .filter(|t| t.kind() == TokenKind::Comment)
                .map(Ranged::range)
                .collect(),
            enclosing,
            depth,
            partner,
        }
    }

    /// Whether Ruff found another error within `range` or at the token after it:
    /// then CPython never saw a complete target there, and reports that error.
    fn broken(&self, range: TextRange) -> bool {
        let next = self.range(self.token_at(end(range)));
        let within = TextRange::new(range.start(), next.end().max(range.end()));
        self.errors
            .iter()
            .any(|&e| e != range && within.contains(e.start()))
    }

    fn error_at(&self, message: impl Into<String>, offset: usize, trigger: usize) -> Candidate {
        candidate(
            message,
            self.place(offset),
            SyntaxErrorKind::SyntaxError,
            trigger,
        )
    }

    /// The position of `offset`; at the end of a line that ends in a comment, CPython
    /// places the line's end (its NEWLINE token) where the comment starts.
    fn place(&self, offset: usize) -> (usize, usize) {
        let comment = self.comments.iter().find(|c| {
            end(**c) == offset
                && self
                    .tokens
                    .get(self.token_at(offset))
                    .is_some_and(|t| t.0 == TokenKind::Newline && start(t.1) == offset)
        });
        self.index.position(comment.map_or(offset, |c| start(*c)))
    }

    fn invalid_syntax(&self, offset: usize) -> Candidate {
        self.error_at(INVALID_SYNTAX, offset, offset)
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.tokens.get(i).map_or(TokenKind::EndOfFile, |t| t.0)
    }

    fn range(&self, i: usize) -> TextRange {
        self.tokens
            .get(i)
            .map_or_else(|| TextRange::empty(TextSize::of(self.source)), |t| t.1)
    }

    fn text(&self, i: usize) -> &str {
        self.source.get(self.range(i).to_std_range()).unwrap_or("")
    }

    /// The first token starting at or after `offset`.
    fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| start(t.1) < offset)
    }

    /// The first token of the logical line holding token `i`.
    fn line_start(&self, i: usize) -> usize {
        let mut j = i.min(self.tokens.len());
        while j > 0
            && !matches!(
                self.kind(j - 1),
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            )
        {
            j -= 1;
        }
        j
    }

    /// The innermost bracket open at token `i`.
    fn innermost(&self, i: usize) -> Option<usize> {
        let b = *self.enclosing.get(i)?;
        (b != NONE).then_some(b as usize)
    }

    /// How many brackets are open at token `i`.
    fn depth(&self, i: usize) -> u32 {
        self.depth.get(i).copied().unwrap_or(0)
    }

    fn partner(&self, j: usize) -> Option<usize> {
        let p = *self.partner.get(j)?;
        (p != NONE).then_some(p as usize)
    }

    /// The token that closes the innermost bracket open at token `i`.
    fn closing_bracket(&self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in i..self.tokens.len() {
            match self.kind(j) {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    if depth == 0 {
                        return Some(j);
                    }
                    depth -= 1;
                }
                TokenKind::Newline => return None,
                _ => {}
            }
        }
        None
    }

    /// The first token of the expression (a `disjunction`, in CPython's grammar) that
    /// ends just before token `end`.
    fn expression_start(&self, end: usize) -> Option<usize> {
        use TokenKind as K;
        let mut i = end;
        let mut first = None;
        let operand = |k: K| {
            matches!(
                k,
                K::Identifier
                    | K::Int
                    | K::Float
                    | K::Complex
                    | K::String
                    | K::True
                    | K::False
                    | K::None
                    | K::Ellipsis
                    | K::Match
                    | K::Case
                    | K::Type
            )
        };
        let operand_end = |k: K| {
            operand(k)
                || matches!(
                    k,
                    K::Rpar | K::Rsqb | K::Rbrace | K::FStringEnd | K::TStringEnd
                )
        };
        let binary = |k: K| {
            matches!(
                k,
                K::Plus
                    | K::Minus
                    | K::Star
                    | K::Slash
                    | K::DoubleSlash
                    | K::Percent
                    | K::At
                    | K::DoubleStar
                    | K::LeftShift
                    | K::RightShift
                    | K::Amper
                    | K::Vbar
                    | K::CircumFlex
                    | K::Less
                    | K::Greater
                    | K::LessEqual
                    | K::GreaterEqual
                    | K::EqEqual
                    | K::NotEqual
                    | K::In
                    | K::Is
                    | K::Not
                    | K::And
                    | K::Or
                    | K::Dot
                    | K::Tilde
                    | K::Await
            )
        };
        loop {
            let j = i.checked_sub(1)?;
            let k = self.kind(j);
            let s = match k {
                K::Rpar | K::Rsqb | K::Rbrace | K::FStringEnd | K::TStringEnd => self.partner(j)?,
                k if operand(k) => j,
                K::Minus | K::Plus | K::Tilde | K::Not | K::Await => {
                    // A unary operator with its operand already taken.
                    first = Some(j);
                    i = j;
                    continue;
                }
                _ => return first,
            };
            first = Some(s);
            let Some(p) = s.checked_sub(1) else {
                return first;
            };
            let pk = self.kind(p);
            let trailer = matches!(self.kind(s), K::Lpar | K::Lsqb) && operand_end(pk);
            let concatenated = matches!(self.kind(s), K::String | K::FStringStart)
                && matches!(pk, K::String | K::FStringEnd);
            if trailer || concatenated {
                i = s;
                continue;
            }
            if binary(pk) {
                first = Some(p);
                i = p;
                continue;
            }
            return first;
        }
    }

    /// Whether CPython, failing at `p` with `open` never closed, would have read
    /// tokens past the bracket's line (it then reports the bracket): if the next token
    /// from the error on is on a later line, or the error is at the last token.
    fn reads_past(&self, p: &Candidate, open: &Bracket) -> bool {
        // Line breaks within brackets are no tokens to CPython.
        let next = (self.token_at(p.trigger)..self.tokens.len())
            .find(|&j| {
                !matches!(
                    self.kind(j),
                    TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
                )
            })
            .unwrap_or(self.tokens.len());
        if matches!(self.kind(next), TokenKind::EndOfFile | TokenKind::Unknown) {
            return true;
        }
        let line = self.index.position(start(self.range(next))).0;
        // `name{other ...`: CPython's second pass reads a set display from the brace
        // on, into the next line.
        let j = self.token_at(p.trigger);
        let brace = open.ch == b'{'
            && p.trigger == open.offset
            && j > 0
            && matches!(
                self.kind(j - 1),
                TokenKind::Identifier | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::String
            )
            && self.kind(j + 1) == TokenKind::Identifier
            && !matches!(
                self.kind(self.line_start(j)),
                TokenKind::Import | TokenKind::From | TokenKind::Def | TokenKind::Class
            );
        line > open.line || brace || self.reaches_end(p)
    }

    /// `yield == x`: Ruff takes an operator after a bare `yield` as applying to it;
    /// CPython, whose `yield` takes only an expression after it, stops there.
    fn operator_after_yield(&self) -> Option<Candidate> {
        use TokenKind as K;
        (1..self.tokens.len()).find_map(|j| {
            let binary_only = matches!(
                self.kind(j),
                K::EqEqual
                    | K::NotEqual
                    | K::Less
                    | K::Greater
                    | K::LessEqual
                    | K::GreaterEqual
                    | K::Percent
                    | K::At
                    | K::Slash
                    | K::DoubleSlash
                    | K::DoubleStar
                    | K::Amper
                    | K::Vbar
                    | K::CircumFlex
                    | K::LeftShift
                    | K::RightShift
                    | K::Dot
                    | K::And
                    | K::Or
                    | K::In
                    | K::Is
                    | K::If
                    | K::Comma
            );
            (binary_only && self.kind(j - 1) == K::Yield)
                .then(|| self.invalid_syntax(start(self.range(j))))
        })
    }

    /// Whether CPython, failing at `p`, would have read on to the end of the file.
    fn reaches_end(&self, p: &Candidate) -> bool {
        let last = self
            .tokens
            .iter()
            .rev()
            .find(|(k, _)| {
                !matches!(
                    k,
                    TokenKind::Newline
                        | TokenKind::Dedent
                        | TokenKind::EndOfFile
                        | TokenKind::Unknown
                )
            })
            .map_or(0, |(_, r)| start(*r));
        p.trigger >= last
    }

    /// A character Ruff could not read, where CPython 3.11 reads code (a name, to its
    /// tokenizer: any non-ASCII character may start one): "invalid character".
    fn invalid_character(&self, errors: &[ParseError]) -> Option<TokenizerError> {
        errors
            .iter()
            .filter_map(|e| {
                let ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) = &e.error
                else {
                    return None;
                };
                if tok.is_ascii() {
                    return None;
                }
                let at = start(e.location);
                if self.scan_token(at)?.kind != Tok::Name {
                    return None;
                }
                let (line, col) = self.index.position(at);
                let message = if printable(*tok) {
                    format!("invalid character '{tok}' (U+{:04X})", u32::from(*tok))
                } else {
                    format!("invalid non-printable character U+{:04X}", u32::from(*tok))
                };
                let mut c = candidate(message, (line, col), SyntaxErrorKind::SyntaxError, at);
                c.tokenizer = true;
                Some(TokenizerError {
                    candidate: c,
                    raised: true,
                    limit: false,
                })
            })
            .min_by_key(|t| t.candidate.trigger)
    }

    fn map_error(&self, e: &ParseError) -> Option<Candidate> {
        use ParseErrorType as E;
        let at = start(e.location);
        let generic = || Some(self.invalid_syntax(at));
        let target = matches!(
            e.error,
            E::InvalidAssignmentTarget
                | E::InvalidAugmentedAssignmentTarget
                | E::InvalidDeleteTarget
                | E::InvalidNamedAssignmentTarget
                | E::InvalidAnnotatedAssignmentTarget
        );
        if target && self.broken(e.location) {
            // `for i > in ...`: CPython takes `i` as the target and stops after it.
            let i = self.token_at(at);
            if i > 0 && self.kind(i - 1) == TokenKind::For {
                return Some(self.invalid_syntax(start(self.range(i + 1))));
            }
            return None;
        }
        match &e.error {
            E::Lexical(lexical) => self.map_lexical(lexical, e.location),
            // The f-strings are checked as CPython 3.11 checks them, below.
            E::FStringError(_) | E::TStringError(_) => None,
            E::ExpectedToken { expected, found } => self.map_expected(*expected, *found, at),
            E::SimpleStatementsOnSameLine => {
                let i = self.token_at(at);
                let print = i.checked_sub(1).filter(|&p| {
                    self.kind(p) == TokenKind::Identifier
                        && matches!(self.text(p), "print" | "exec")
                        && (p == 0 || self.kind(p - 1) != TokenKind::Dot)
                        && starts_expression(self.kind(i))
                });
                match print {
                    Some(p) => {
                        let name = self.text(p);
                        let message = format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        );
                        Some(self.error_at(message, start(self.range(p)), at))
                    }
                    None => generic(),
                }
            }
            E::OtherError(message) => self.map_other(message, e.location),
            E::UnexpectedIndentation => {
                let (line, col) = self.index.position(end(e.location));
                Some(candidate(
                    "unexpected indent",
                    (line, col - 1),
                    SyntaxErrorKind::IndentationError,
                    at,
                ))
            }
            E::InvalidAssignmentTarget => {
                let expr = self.expression(e.location)?;
                let name = expr_name(expr);
                let i = self.token_at(at);
                let starts_statement = i == 0
                    || matches!(
                        self.kind(i - 1),
                        TokenKind::Newline
                            | TokenKind::Indent
                            | TokenKind::Dedent
                            | TokenKind::Semi
                            | TokenKind::Colon
                    );
                let after = self.token_at(end(e.location));
                let here = starts_statement
                    && self.kind(after) == TokenKind::Equal
                    && starts_operand(self.kind(after + 1))
                    && !self.another_equal(after + 1)
                    && assignable_here(expr);
                let message = if matches!(expr, Expr::Yield(_) | Expr::YieldFrom(_)) {
                    "assignment to yield expression not possible".to_owned()
                } else if here {
                    format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
                } else {
                    format!("cannot assign to {name}")
                };
                Some(self.error_at(message, at, at))
            }
            E::InvalidAugmentedAssignmentTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                let message = format!("'{name}' is an illegal expression for augmented assignment");
                Some(self.error_at(message, at, at))
            }
            E::InvalidDeleteTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                Some(self.error_at(format!("cannot delete {name}"), at, at))
            }
            E::InvalidNamedAssignmentTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                let message = format!("cannot use assignment expressions with {name}");
                Some(self.error_at(message, at, at))
            }
            E::InvalidAnnotatedAssignmentTarget => {
                // CPython's rule wants an annotation after the colon.
                let colon = self.token_at(end(e.location));
                if self.kind(colon) != TokenKind::Colon {
                    return None;
                }
                if !starts_operand(self.kind(colon + 1)) {
                    // CPython fails at the colon, its target not being one.
                    return Some(self.error_at(INVALID_SYNTAX, start(self.range(colon)), at));
                }
                let message = match self.expression(e.location) {
                    Some(Expr::Tuple(_)) => "only single target (not tuple) can be annotated",
                    Some(Expr::List(_)) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                Some(self.error_at(message, at, at))
            }
            E::PositionalAfterKeywordArgument | E::PositionalAfterKeywordUnpacking => {
                let message = if matches!(e.error, E::PositionalAfterKeywordArgument) {
                    "positional argument follows keyword argument"
                } else {
                    "positional argument follows keyword argument unpacking"
                };
                let place = self
                    .closing_bracket(self.token_at(at))
                    .map_or(at, |j| start(self.range(j)));
                Some(self.error_at(message, place, at))
            }
            E::InvalidArgumentUnpackingOrder => Some(self.error_at(
                "iterable argument unpacking follows keyword argument unpacking",
                at,
                at,
            )),
            E::NonDefaultParamAfterDefaultParam => {
                Some(self.error_at("non-default argument follows default argument", at, at))
            }
            E::ExpectedKeywordParam => {
                Some(self.error_at("named arguments must follow bare *", at, at))
            }
            E::VarParameterWithDefault => {
                let message = if self.source.get(at..).is_some_and(|s| s.starts_with("**")) {
                    "var-keyword argument cannot have default value"
                } else {
                    "var-positional argument cannot have default value"
                };
                Some(self.error_at(message, at, at))
            }
            E::ParamAfterVarKeywordParam => {
                Some(self.error_at("arguments cannot follow var-keyword argument", at, at))
            }
            E::UnparenthesizedGeneratorExpression => {
                Some(self.error_at("Generator expression must be parenthesized", at, at))
            }
            E::IterableUnpackingInComprehension => {
                Some(self.error_at("iterable unpacking cannot be used in comprehension", at, at))
            }
            E::ExpectedExpression => {
                let i = self.token_at(at);
                let dict_value = i > 0
                    && self.kind(i - 1) == TokenKind::Colon
                    && matches!(self.kind(i), TokenKind::Rbrace | TokenKind::Comma)
                    && self
                        .innermost(i)
                        .is_some_and(|b| self.kind(b) == TokenKind::Lbrace);
                // `def f(x=, y)`.
                let default = i > 0
                    && self.kind(i - 1) == TokenKind::Equal
                    && matches!(self.kind(i), TokenKind::Rpar | TokenKind::Comma)
                    && self.innermost(i).is_some_and(|b| {
                        b >= 2
                            && self.kind(b) == TokenKind::Lpar
                            && self.kind(b - 2) == TokenKind::Def
                    });
                if default {
                    let equal = start(self.range(i - 1));
                    return Some(self.error_at("expected default value expression", equal, at));
                }
                if dict_value {
                    let colon = start(self.range(i - 1));
                    return Some(self.error_at(
                        "expression expected after dictionary key and ':'",
                        colon,
                        at,
                    ));
                }
                generic()
            }
            _ => generic(),
        }
    }

    /// Whether an `=` follows at the top level of the statement from token `i` on.
    fn another_equal(&self, i: usize) -> bool {
        let mut depth = 0usize;
        for j in i..self.tokens.len() {
            match self.kind(j) {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth = depth.saturating_sub(1);
                }
                TokenKind::Equal | TokenKind::ColonEqual if depth == 0 => return true,
                TokenKind::Newline | TokenKind::Semi | TokenKind::EndOfFile => return false,
                _ => {}
            }
        }
        false
    }

    fn map_expected(&self, expected: TokenKind, found: TokenKind, at: usize) -> Option<Candidate> {
        use TokenKind as K;
        let i = self.token_at(at);
        if found == K::Equal {
            if let Some(s) = self.expression_start(i) {
                // `if x = 1:`, `while (n = 0)`: a name where a condition begins.
                let condition = s == 0
                    || matches!(
                        self.kind(s - 1),
                        K::Lpar | K::Lsqb | K::Lbrace | K::If | K::Elif | K::While
                    );
                let value = starts_operand(self.kind(i + 1)) && !self.another_equal(i + 1);
                if s + 1 == i && self.kind(s) == K::Identifier && condition && value {
                    return Some(self.error_at(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        start(self.range(s)),
                        at,
                    ));
                }
                let whole = TextRange::new(self.range(s).start(), self.range(i - 1).end());
                if let Some(expr) = self.expression(whole).filter(|e| assignable_here(e)) {
                    if condition && value {
                        let message = format!(
                            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                            expr_name(expr)
                        );
                        return Some(self.error_at(message, start(self.range(s)), at));
                    }
                }
            }
        }
        let header = {
            let s = self.line_start(i);
            if self.kind(s) == K::Async {
                self.kind(s + 1)
            } else {
                self.kind(s)
            }
        };
        let innermost = self.innermost(i);
        if expected == K::Colon && found == K::Newline {
            return Some(self.error_at("expected ':'", at, at));
        }
        if expected == K::Colon && innermost.is_some_and(|b| self.after_dict_item(b, i)) {
            // CPython points at the key's last character.
            let key_end = end(self.range(i.saturating_sub(1)));
            let (line, col) = self.index.position(key_end);
            return Some(candidate(
                "':' expected after dictionary key",
                (line, col.saturating_sub(1).max(1)),
                SyntaxErrorKind::SyntaxError,
                at,
            ));
        }
        if expected == K::Comma && found.as_augmented_assign_operator().is_some() {
            let s = self.line_start(i);
            let message = "'tuple' is an illegal expression for augmented assignment";
            return Some(self.error_at(message, start(self.range(s)), at));
        }
        // `a if b c`: CPython tries the missing comma first, which needs `a b`.
        if expected == K::Else && found != K::Colon {
            let s = self.line_start(i);
            let depth = self.depth(i);
            let if_token = (s..i)
                .rev()
                .find(|&j| self.kind(j) == K::If && self.depth(j) == depth);
            let place = if_token
                .and_then(|j| self.expression_start(j))
                .map_or(at, |s| start(self.range(s)));
            return Some(self.error_at("expected 'else' after 'if' expression", place, at));
        }
        let parameters = innermost
            .is_some_and(|b| self.kind(b) == K::Lpar && b >= 2 && self.kind(b - 2) == K::Def);
        let default_value = i >= 2 && self.kind(i - 2) == K::Equal;
        // Where CPython's grammar has a `disjunction`, not an `expression`: after a
        // comprehension's `for ... in`, and among a lambda's parameters.
        let disjunction = innermost.is_some_and(|b| {
            let (mut after_for, mut after_in, mut lambda) = (false, false, false);
            for j in (b + 1..i).filter(|&j| self.innermost(j) == Some(b)) {
                match self.kind(j) {
                    K::For => after_for = true,
                    K::In if after_for => after_in = true,
                    K::Lambda => lambda = true,
                    K::Colon => lambda = false,
                    _ => {}
                }
            }
            after_in || lambda
        });
        if innermost.is_some()
            && starts_expression(found)
            && (!parameters || default_value)
            && !disjunction
        {
            // Two expressions side by side within brackets.
            let forgot = self.expression_start(i).filter(|&s| {
                !(matches!(self.kind(s), K::Match | K::Case | K::Type)
                    || self.kind(s) == K::Identifier && self.text(s) == "_"
                    || self.kind(s) == K::Identifier && self.kind(s + 1) == K::String)
            });
            return Some(match forgot {
                Some(s) => self.error_at(
                    "invalid syntax. Perhaps you forgot a comma?",
                    start(self.range(s)),
                    at,
                ),
                None => self.invalid_syntax(at),
            });
        }
        match expected {
            // The headers whose colon CPython's grammar insists on (`&&':'`).
            K::Colon if matches!(header, K::Def | K::Try | K::Finally | K::Else) => {
                Some(self.error_at("expected ':'", at, at))
            }
            K::Lpar => Some(self.error_at("expected '('", at, at)),
            _ => Some(self.invalid_syntax(at)),
        }
    }

    /// Whether the `{` at token `open` already holds a `key: value,` before token `i`:
    /// then CPython reads what follows as a dictionary's next key.
    fn after_dict_item(&self, open: usize, i: usize) -> bool {
        if self.kind(open) != TokenKind::Lbrace {
            return false;
        }
        let mut depth = 0usize;
        let mut colon = false;
        for j in open + 1..i {
            match self.kind(j) {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth = depth.saturating_sub(1)
                }
                TokenKind::Colon if depth == 0 => colon = true,
                TokenKind::Comma if depth == 0 && colon => return true,
                _ => {}
            }
        }
        false
    }

    fn map_other(&self, message: &str, location: TextRange) -> Option<Candidate> {
        let at = start(location);
        if message.starts_with("Expected an indented block after") {
            return Some(self.expected_indented_block(at));
        }
        if message == "Bytes literal cannot be mixed with non-bytes literals" {
            let token = self.string_token(at)?;
            return Some(self.error_at(
                "cannot mix bytes and nonbytes literals",
                self.after_strings(token),
                token.start,
            ));
        }
        if message == "Only single target (not tuple) can be annotated" {
            return (!self.broken(location))
                .then(|| self.error_at("only single target (not tuple) can be annotated", at, at));
        }
        if message == "Expected `except` or `finally` after `try` block" {
            return Some(self.error_at("expected 'except' or 'finally' block", at, at));
        }
        if message == "Expected a parameter name"
            && self.kind(self.token_at(end(location))) == TokenKind::Equal
        {
            return Some(self.error_at(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                at,
                at,
            ));
        }
        Some(self.invalid_syntax(at))
    }

    fn expected_indented_block(&self, at: usize) -> Candidate {
        use TokenKind as K;
        let i = self.token_at(at);
        // The header's line break: the error's token, or the last one before it.
        let newline = if self.kind(i) == K::Newline && start(self.range(i)) == at {
            i
        } else {
            (0..i)
                .rev()
                .find(|&j| self.kind(j) == K::Newline)
                .unwrap_or(0)
        };
        let mut head = self.line_start(newline);
        if self.kind(head) == K::Async {
            head += 1;
        }
        let what = match self.kind(head) {
            K::If => "'if' statement",
            K::Elif => "'elif' statement",
            K::Else => "'else' statement",
            K::While => "'while' statement",
            K::For => "'for' statement",
            K::With => "'with' statement",
            K::Try => "'try' statement",
            K::Except if self.kind(head + 1) == K::Star => "'except*' statement",
            K::Except => "'except' statement",
            K::Finally => "'finally' statement",
            K::Def => "function definition",
            K::Class => "class definition",
            K::Match => "'match' statement",
            K::Case => "'case' statement",
            _ => "statement",
        };
        let (header_line, _) = self.index.position(start(self.range(head)));
        let message = format!("expected an indented block after {what} on line {header_line}");
        let next = (newline + 1..self.tokens.len())
            .find(|&j| !matches!(self.kind(j), K::Indent | K::Dedent | K::EndOfFile));
        let position = match next {
            None => self.index.eof_position(),
            // Dedented: CPython's position is the width of that line's indentation.
            Some(j) if self.kind(newline + 1) == K::Dedent => {
                let (line, col) = self.index.position(start(self.range(j)));
                (line, col - 1)
            }
            Some(_) => self.index.position(at),
        };
        // CPython fails on reading the next token (so a tokenizer error there wins).
        let trigger = next.map_or(self.source.len(), |j| start(self.range(j)));
        candidate(
            message,
            position,
            SyntaxErrorKind::IndentationError,
            trigger.max(at),
        )
    }

    fn map_lexical(&self, lexical: &LexicalErrorType, location: TextRange) -> Option<Candidate> {
        let at = start(location);
        match lexical {
            LexicalErrorType::UnrecognizedToken { tok } if tok.is_ascii() => {
                Some(self.invalid_syntax(at))
            }
            LexicalErrorType::InvalidByteLiteral => {
                let token = self.string_token(at)?;
                Some(self.error_at(
                    "bytes can only contain ASCII literal characters",
                    token.start,
                    token.start,
                ))
            }
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace => self.unicode_error(lexical, location),
            // The tokenizer's errors are the scan's.
            _ => None,
        }
    }

    /// The token, as CPython 3.11 reads them, that holds `offset`.
    fn scan_token(&self, offset: usize) -> Option<&Token> {
        let tokens = &self.scan.tokens;
        let i = tokens
            .partition_point(|t| t.start <= offset)
            .checked_sub(1)?;
        tokens.get(i).filter(|t| offset < t.end)
    }

    /// The string token (as CPython 3.11 reads strings) that holds `offset`.
    fn string_token(&self, offset: usize) -> Option<&Token> {
        self.scan_token(offset).filter(|t| t.kind == Tok::Str)
    }

    /// Where CPython reports an error in a string's contents: at the token after the
    /// string and any strings it is concatenated with.
    fn after_strings(&self, token: &Token) -> usize {
        let tokens = &self.scan.tokens;
        let i = tokens.partition_point(|t| t.start < token.start);
        tokens
            .get(i..)
            .unwrap_or_default()
            .iter()
            .find(|t| t.kind != Tok::Str)
            .map_or(self.source.len(), |t| t.start)
    }

    /// `"\N{...}"` that Ruff could not decode, in CPython's words: the codec's
    /// positions count a non-ASCII character as the 10 bytes of its `\UXXXXXXXX`.
    fn unicode_error(&self, lexical: &LexicalErrorType, location: TextRange) -> Option<Candidate> {
        let token = self.string_token(start(location))?;
        let content = self.source.get(token.content.0..token.content.1)?;
        let offset = |o: usize| o.saturating_sub(token.content.0);
        let before = |o: usize| content.get(..offset(o)).map_or(0, escaped_len);
        let text_before = content.get(..offset(start(location)))?;
        if *lexical == LexicalErrorType::UnicodeError && !text_before.ends_with("\\N{") {
            // `\x`, `\u` or `\U` without its hex digits, or beyond U+10FFFF.
            let digits = text_before
                .bytes()
                .rev()
                .take_while(u8::is_ascii_hexdigit)
                .count();
            let escape = text_before.len().checked_sub(digits + 2)?;
            let (reason, count) = match text_before.get(escape..escape + 2)? {
                "\\x" => ("truncated \\xXX escape", 2),
                "\\u" => ("truncated \\uXXXX escape", 4),
                _ => ("truncated \\UXXXXXXXX escape", 8),
            };
            let reason = if digits >= count {
                "illegal Unicode character"
            } else {
                reason
            };
            let first = escaped_len(content.get(..escape)?);
            let message = if token.bytes {
                format!("(value error) invalid \\x escape at position {escape}")
            } else {
                format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{}: {reason}",
                    first + 1 + digits
                )
            };
            return Some(self.error_at(message, self.after_strings(token), token.start));
        }
        let (escape, end, malformed) = match lexical {
            LexicalErrorType::UnicodeError => {
                let escape = start(location).saturating_sub(3);
                let empty = location.is_empty();
                let end = if empty {
                    before(escape) + 2
                } else {
                    before(self::end(location) + 1) - 1
                };
                (escape, end, empty)
            }
            LexicalErrorType::MissingUnicodeLbrace => {
                let escape = start(location).saturating_sub(2);
                (escape, before(escape) + 1, true)
            }
            _ => {
                let escape =
                    content.get(..offset(start(location)))?.rfind("\\N{")? + token.content.0;
                (escape, escaped_len(content).saturating_sub(1), true)
            }
        };
        let reason = if malformed {
            "malformed \\N character escape"
        } else {
            "unknown Unicode character name"
        };
        let message = format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {reason}",
            before(escape),
            end
        );
        Some(self.error_at(message, self.after_strings(token), token.start))
    }

    fn map_unsupported(&self, e: &UnsupportedSyntaxError) -> Option<Candidate> {
        use UnsupportedSyntaxErrorKind as U;
        let at = start(e.range);
        match e.kind {
            // Checked as CPython 3.11 checks f-strings.
            U::Pep701FString(_) => None,
            U::TypeAliasStatement | U::LazyImportStatement => {
                let next = self.token_at(at) + 1;
                Some(self.invalid_syntax(start(self.range(next))))
            }
            U::TypeParameterList => {
                let head = self.kind(self.line_start(self.token_at(at)));
                let message = if head == TokenKind::Class {
                    "expected ':'"
                } else {
                    "expected '('"
                };
                Some(self.error_at(message, at, at))
            }
            U::UnparenthesizedExceptionTypes => {
                Some(self.error_at("multiple exception types must be parenthesized", at, at))
            }
            U::ParenthesizedKeywordArgumentName => Some(self.error_at(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                at,
                at,
            )),
            U::UnpackingInComprehension(_) => {
                let message = if self.source.get(at..).is_some_and(|s| s.starts_with("**")) {
                    "dict unpacking cannot be used in dict comprehension"
                } else {
                    "iterable unpacking cannot be used in comprehension"
                };
                Some(self.error_at(message, at, at))
            }
            U::TemplateStrings => {
                // `t"..."` is a name and a string to CPython 3.11.
                let quote = self
                    .source
                    .get(at..)
                    .and_then(|s| s.find(['\'', '"']))
                    .map_or(at, |q| at + q);
                Some(self.invalid_syntax(quote))
            }
            _ => Some(self.invalid_syntax(at)),
        }
    }

    /// The expression whose range is exactly `range`.
    fn expression(&self, range: TextRange) -> Option<&'a Expr> {
        struct Find<'a> {
            range: TextRange,
            found: Option<&'a Expr>,
        }
        impl<'a> SourceOrderVisitor<'a> for Find<'a> {
            fn enter_node(
                &mut self,
                node: ruff_python_ast::AnyNodeRef<'a>,
            ) -> ruff_python_ast::visitor::source_order::TraversalSignal {
                use ruff_python_ast::visitor::source_order::TraversalSignal;
                if self.found.is_none() && node.range().contains_range(self.range) {
                    TraversalSignal::Traverse
                } else {
                    TraversalSignal::Skip
                }
            }
            fn visit_expr(&mut self, expr: &'a Expr) {
                if self.found.is_none() && expr.range() == self.range {
                    self.found = Some(expr);
                } else {
                    walk_expr(self, expr);
                }
            }
        }
        let mut find = Find { range, found: None };
        for stmt in &self.module.body {
            find.visit_stmt(stmt);
        }
        find.found
    }

    /// The first f-string that CPython 3.11 refuses, if it starts before `before`.
    fn first_fstring_error(&self, before: Option<usize>) -> Option<Candidate> {
        for token in self.scan.tokens.iter().filter(|t| t.fstring) {
            if before.is_some_and(|b| token.start > b) {
                return None;
            }
            let content = self.source.get(token.content.0..token.content.1)?;
            let mut check = FString {
                s: content.as_bytes(),
                text: content,
                raw: token.raw,
                pos: 0,
            };
            let Err(failure) = check.parse(0) else {
                continue;
            };
            return Some(match failure {
                FStringFailure::Message(message) => {
                    self.error_at(message, self.after_strings(token), token.start)
                }
                FStringFailure::Expression(inner) => {
                    let (line, _) = self.index.position(token.start);
                    let mut error = inner.error;
                    if !inner.tokenizer {
                        error.message = format!("f-string: {}", error.message);
                    }
                    error.line = line + error.line.saturating_sub(1);
                    Candidate {
                        error,
                        trigger: token.start,
                        tokenizer: false,
                    }
                }
            });
        }
        None
    }
}

/// Whether a token may start the expression after one where a comma was forgotten.
fn starts_expression(k: TokenKind) -> bool {
    use TokenKind as K;
    matches!(
        k,
        K::Identifier
            | K::Int
            | K::Float
            | K::Complex
            | K::String
            | K::FStringStart
            | K::TStringStart
            | K::Lbrace
            | K::True
            | K::False
            | K::None
            | K::Ellipsis
            | K::Match
            | K::Case
            | K::Type
    )
}

/// Whether a token may start an expression at all.
fn starts_operand(k: TokenKind) -> bool {
    use TokenKind as K;
    starts_expression(k)
        || matches!(
            k,
            K::Lpar
                | K::Lsqb
                | K::Minus
                | K::Plus
                | K::Tilde
                | K::Not
                | K::Await
                | K::Lambda
                | K::Star
                | K::Yield
        )
}

/// Whether CPython's "cannot assign to ... here. Maybe you meant '=='" applies: to a
/// `bitwise_or` that is not a list, tuple, generator, `True`, `False` or `None`.
fn assignable_here(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::Compare(_)
            | Expr::BoolOp(_)
            | Expr::Lambda(_)
            | Expr::If(_)
            | Expr::Named(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
    ) && !matches!(expr, Expr::UnaryOp(u) if matches!(u.op, UnaryOp::Not))
}

/// CPython's name for an expression in "cannot assign to ...".
fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// Length of a string literal's text once CPython has turned each non-ASCII character
/// into `\UXXXXXXXX` (and a backslash before one into `\u005c`), as it does before
/// decoding escapes.
fn escaped_len(text: &str) -> usize {
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            n += 1;
            match chars.peek() {
                None => n += 5,
                Some(next) if !next.is_ascii() => n += 5,
                Some(_) => {
                    chars.next();
                    n += 1;
                }
            }
        } else if c.is_ascii() {
            n += 1;
        } else {
            n += 10;
        }
    }
    n
}

/// Python's `str.isprintable` for one character, near enough for error messages: the
/// separators and the control and format characters a student's text may hold.
fn printable(c: char) -> bool {
    let u = u32::from(c);
    !(c.is_control()
        || matches!(
            u,
            0xA0 | 0xAD
                | 0x1680
                | 0x180E
                | 0x2000..=0x200F
                | 0x2028..=0x202F
                | 0x205F..=0x2064
                | 0x2066..=0x206F
                | 0x3000
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0xE000..=0xF8FF
                | 0xF0000..
        ))
}

// ---------------------------------------------------------------------------------
// f-strings, as CPython 3.11 checks them.
// ---------------------------------------------------------------------------------

enum FStringFailure {
    /// Reported at the token after the string.
    Message(String),
    /// An error compiling a replacement field's `(expression)`, placed as CPython
    /// places it: within that text, on the string's line.
    Expression(Candidate),
}

/// CPython 3.11's f-string parser (`fstring_find_literal`, `fstring_find_expr`) over
/// the text between the quotes.
struct FString<'t> {
    s: &'t [u8],
    text: &'t str,
    raw: bool,
    pos: usize,
}

type FResult<T> = Result<T, FStringFailure>;

fn fail<T>(message: impl Into<String>) -> FResult<T> {
    Err(FStringFailure::Message(message.into()))
}

impl FString<'_> {
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    /// Literal text and replacement fields up to the end, or (in a format spec) to
    /// the `}` that ends it.
    fn parse(&mut self, level: u32) -> FResult<()> {
        loop {
            match self.literal(level)? {
                None => return Ok(()),
                Some(b'{') => self.field(level)?,
                Some(_) => return Ok(()),
            }
        }
    }

    /// Skips literal text; the brace that ends it, if any.
    fn literal(&mut self, level: u32) -> FResult<Option<u8>> {
        let end = self.s.len();
        while self.pos < end {
            let mut ch = self.at(self.pos);
            self.pos += 1;
            if !self.raw && ch == b'\\' && self.pos < end {
                ch = self.at(self.pos);
                self.pos += 1;
                if ch == b'N' {
                    // `\N{...}`: its braces are not a field (CPython skips one
                    // character after `\N` whatever it is).
                    if self.pos < end {
                        self.pos += 1;
                        if self.at(self.pos - 1) == b'{' {
                            while self.pos < end {
                                self.pos += 1;
                                if self.at(self.pos - 1) == b'}' {
                                    break;
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if self.pos < end && self.at(self.pos) == ch {
                        self.pos += 1;
                        continue;
                    }
                    if ch == b'}' {
                        return fail("f-string: single '}' is not allowed");
                    }
                }
                self.pos -= 1;
                return Ok(Some(ch));
            }
        }
        Ok(None)
    }

    /// A replacement field, from its `{` through its `}`.
    fn field(&mut self, level: u32) -> FResult<()> {
        if level >= 2 {
            return fail("f-string: expressions nested too deeply");
        }
        let end = self.s.len();
        self.pos += 1;
        let expr_start = self.pos;
        let mut quote = 0u8;
        let mut triple = false;
        let mut brackets: Vec<u8> = Vec::new();
        while self.pos < end {
            let ch = self.at(self.pos);
            if ch == b'\\' {
                return fail("f-string expression part cannot include a backslash");
            }
            if quote != 0 {
                if ch == quote {
                    if !triple {
                        quote = 0;
                    } else if self.pos + 2 < end
                        && self.at(self.pos + 1) == ch
                        && self.at(self.pos + 2) == ch
                    {
                        self.pos += 2;
                        quote = 0;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    triple = self.pos + 2 < end
                        && self.at(self.pos + 1) == ch
                        && self.at(self.pos + 2) == ch;
                    if triple {
                        self.pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if brackets.len() >= MAX_BRACKETS {
                        return fail("f-string: too many nested parenthesis");
                    }
                    brackets.push(ch);
                }
                b'#' => return fail("f-string expression part cannot include '#'"),
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if brackets.is_empty() => {
                    let next = self.at(self.pos + 1);
                    if self.pos + 1 < end && next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>')
                    {
                        self.pos += 2;
                        continue;
                    }
                    if !matches!(ch, b'<' | b'>') {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(open) = brackets.pop() else {
                        return fail(format!("f-string: unmatched '{}'", char::from(ch)));
                    };
                    if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        return fail(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            char::from(ch),
                            char::from(open)
                        ));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        if quote != 0 {
            return fail("f-string: unterminated string");
        }
        if let Some(&open) = brackets.last() {
            return fail(format!("f-string: unmatched '{}'", char::from(open)));
        }
        if self.pos >= end {
            return fail("f-string: expecting '}'");
        }
        let expression = self.text.get(expr_start..self.pos).unwrap_or("");
        if expression
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0c))
        {
            return fail("f-string: empty expression not allowed");
        }
        if let Err(inner) = analyze(&format!("({expression})")) {
            return Err(FStringFailure::Expression(inner));
        }
        if self.at(self.pos) == b'=' {
            self.pos += 1;
            while self.pos < end
                && matches!(
                    self.at(self.pos),
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c
                )
            {
                self.pos += 1;
            }
            if self.pos >= end {
                return fail("f-string: expecting '}'");
            }
        }
        if self.at(self.pos) == b'!' {
            self.pos += 1;
            if self.pos >= end {
                return fail("f-string: expecting '}'");
            }
            let conversion = self.at(self.pos);
            self.pos += 1;
            if !matches!(conversion, b's' | b'r' | b'a') {
                return fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
            }
        }
        if self.pos < end && self.at(self.pos) == b':' {
            self.pos += 1;
            if self.pos >= end {
                return fail("f-string: expecting '}'");
            }
            self.parse(level + 1)?;
        }
        if self.pos >= end || self.at(self.pos) != b'}' {
            return fail("f-string: expecting '}'");
        }
        self.pos += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str) -> SyntaxError {
        match parse(source) {
            Ok(_) => panic!("{source:?} parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn line_index() {
        let index = LineIndex::new("a = 1\r\nпривет = 2\rb\n");
        assert_eq!(index.line_col(TextSize::new(0)), (1, 1));
        assert_eq!(index.line_col(TextSize::new(4)), (1, 5));
        assert_eq!(index.line_col(TextSize::new(7)), (2, 1));
        // After "привет" (12 bytes, 6 characters).
        assert_eq!(index.line_col(TextSize::new(19)), (2, 7));
        assert_eq!(index.line_col(TextSize::new(24)), (3, 1));
        assert_eq!(index.line_col(TextSize::new(1000)), (4, 1));
        assert_eq!(index.line_text(1), "a = 1");
        assert_eq!(index.line_text(2), "привет = 2");
        assert_eq!(index.line_text(3), "b");
        assert_eq!(index.line_text(0), "");
        assert_eq!(index.line_text(9), "");
        assert_eq!(index.line_count(), 3);
        // Inside a character: the column of that character.
        assert_eq!(index.line_col(TextSize::new(8)), (2, 1));
    }

    #[test]
    fn valid_programs_parse() {
        for source in [
            "",
            "\n\n",
            "# comment",
            "print('hi')",
            "if x:\n    pass\nelse:\n    pass\n",
            "s = '\\N{bullet} \\N{EM DASH} \\N{cyrillic small letter ya}'\n",
            "x = f'{a!r:>{width}} {b:{c}}'\n",
            "\u{feff}print(1)\n",
        ] {
            assert!(
                parse(source).is_ok(),
                "{source:?}: {:?}",
                parse(source).err()
            );
        }
    }

    #[test]
    fn names_outside_the_short_table_are_unknown() {
        let e = error("s = '\\N{LATIN CAPITAL LETTER A WITH MACRON}'\n");
        assert!(
            e.message.ends_with("unknown Unicode character name"),
            "{e:?}"
        );
    }

    #[test]
    fn common_errors() {
        let e = error("if x\n    pass\n");
        assert_eq!((e.message.as_str(), e.line, e.col), ("expected ':'", 1, 5));
        let e = error("print('hi'\n");
        assert_eq!(
            (e.message.as_str(), e.line, e.col),
            ("'(' was never closed", 1, 6)
        );
        let e = error("if True:\n\tx = 1\n        y = 2\n");
        assert_eq!(e.kind, SyntaxErrorKind::TabError);
        assert_eq!(
            e.to_string(),
            "TabError: inconsistent use of tabs and spaces in indentation"
        );
    }

    /// Nesting is refused before Ruff's recursive parser sees it, within a stack as
    /// small as a test thread's.
    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let sources = [
            format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000)),
            format!("x = {}1", "-".repeat(100_000)),
            format!("x = {}1", "not ".repeat(10_000)),
            format!("x = {}1", "2**".repeat(10_000)),
            format!("x = {}1", "lambda: ".repeat(10_000)),
            format!("x = {}1", "1 if a else ".repeat(10_000)),
            format!("x = {}1{}", "-(".repeat(3000), ")".repeat(3000)),
            format!("x = {}1{}", "f(".repeat(3000), ")".repeat(3000)),
            format!("x = 1{}", "+1".repeat(100_000)),
            format!("x = a{}", ".b".repeat(100_000)),
            format!("x = f{}", "()".repeat(100_000)),
            (0..2000).fold(String::from("1"), |s, i| {
                let q = if i % 2 == 0 { '"' } else { '\'' };
                format!("f{q}{{{s}}}{q}")
            }),
            (0..200)
                .map(|i| format!("{}if x:\n", " ".repeat(i)))
                .collect(),
            // After a tokenizer error, the nesting the scan never reached.
            format!("x = '\n{}", "([".repeat(20_000)),
            format!("if x:\n\ty = 1\n        z = 2\n{}", "(".repeat(50_000)),
        ];
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                sources
                    .iter()
                    .map(|s| parse(s).is_err())
                    .collect::<Vec<_>>()
            })
            .unwrap();
        let refused = handle.join().unwrap();
        assert!(refused.iter().all(|&r| r), "{refused:?}");
    }

    #[test]
    fn nesting_cpython_accepts_parses() {
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let parens = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
                let blocks: String = (0..99)
                    .map(|i| format!("{}if x:\n", " ".repeat(i)))
                    .chain([format!("{}pass\n", " ".repeat(99))])
                    .collect();
                let chain = format!("x = 1{}", "+1".repeat(900));
                let calls = format!("x = {}1{}", "f(".repeat(200), ")".repeat(200));
                let list = format!("x = [{}]", "-1, ".repeat(5000));
                [parens, blocks, chain, list, calls].map(|s| parse(&s).is_ok())
            })
            .unwrap();
        assert_eq!(handle.join().unwrap(), [true; 5]);
    }
}

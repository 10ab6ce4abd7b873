//! CPython 3.11's tokenizer, as far as its errors go: strings (f-strings are plain
//! string tokens in 3.11), brackets, numbers, indentation and tabs, line
//! continuations, and how deep the source nests.
//!
//! This file holds the tokens, the limits and the loop that reads token after token;
//! each kind of token is read in a file of its own: [`lines`] (indentation and line
//! continuations), [`nesting`] (brackets and operators, and how deep they nest),
//! [`names`], [`strings`] and [`numbers`].

use super::*;

mod lines;
mod names;
mod nesting;
mod numbers;
mod strings;

/// CPython's MAXLEVEL: brackets open at once.
pub(super) const MAX_BRACKETS: usize = 200;
/// CPython's MAXINDENT: indentation levels, counting the first column.
pub(super) const MAX_INDENT: usize = 100;
/// How deep one expression may nest, weighted: a bracket, a unary or right-associative
/// operator, `lambda`, `not`, `await`, `if`/`else` or an f-string field count 5 (each
/// is a level of Ruff's recursive parser); a binary operator, `.` or a call count 1
/// (a level of the tree that later passes walk). 200 brackets fit, as in CPython; Ruff
/// needs under 2 KB of stack per bracket in a release build, so this stays well
/// within a 1 MB stack.
pub(super) const MAX_NESTING: u32 = 1000;
pub(super) const NESTED: u32 = 5;
pub(super) const CHAINED: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Name,
    Number,
    Str,
    Op,
    Newline,
}

/// A token as CPython 3.11 reads it (only what the checks below need).
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Strings: where the text between the quotes is, and how to read it.
    pub(super) content: (usize, usize),
    pub(super) fstring: bool,
    pub(super) raw: bool,
    pub(super) bytes: bool,
}

#[derive(Debug, Clone)]
pub(super) struct TokenizerError {
    pub(super) candidate: Candidate,
    /// CPython raises it on the spot (it then wins wherever it is); otherwise the
    /// tokenizer only stops there, and a parser error before it wins.
    pub(super) raised: bool,
    /// A nesting limit: the source must not reach Ruff's parser.
    pub(super) limit: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Bracket {
    pub(super) ch: u8,
    /// After an operand: a call or a subscript.
    pub(super) trailer: bool,
    pub(super) offset: usize,
    pub(super) line: usize,
    pub(super) col: usize,
    /// The enclosing level's nesting, to restore when this bracket closes.
    pub(super) outer_base: u32,
    pub(super) outer_run: u32,
}

pub(super) struct Scan {
    pub(super) tokens: Vec<Token>,
    pub(super) error: Option<TokenizerError>,
    /// The innermost bracket still open at the end of the source.
    pub(super) unclosed: Option<Bracket>,
    /// How far the scan got: the start of the token with the error (or the end). Ruff's
    /// parser sees no more than this, whose nesting the scan has bounded.
    pub(super) scanned: usize,
}

pub(super) struct Scanner<'s> {
    pub(super) b: &'s [u8],
    pub(super) index: &'s LineIndex,
    pub(super) pos: usize,
    pub(super) line: usize,
    pub(super) line_start: usize,
    pub(super) at_line_start: bool,
    /// Where the token being read starts (the line, while reading indentation).
    pub(super) token_start: usize,
    pub(super) line_has_tokens: bool,
    pub(super) brackets: Vec<Bracket>,
    /// (column with tabs to 8, column with tabs to 1), as CPython compares both.
    pub(super) indents: Vec<(usize, usize)>,
    pub(super) tokens: Vec<Token>,
    /// Nesting of the enclosing brackets, and since the last comma in this one.
    pub(super) base: u32,
    pub(super) run: u32,
    pub(super) after_operand: bool,
}

impl<'s> Scanner<'s> {
    pub(super) fn new(source: &'s str, index: &'s LineIndex) -> Self {
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

    pub(super) fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Characters from the start of the current line to `offset`: CPython's offset
    /// for an error its tokenizer reports with its cursor at `offset`.
    pub(super) fn col(&self, offset: usize) -> usize {
        chars(self.b.get(self.line_start..offset).unwrap_or_default())
    }

    pub(super) fn error(
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

    pub(super) fn raise(&self, message: impl Into<String>, col: usize) -> TokenizerError {
        self.error(message, col, SyntaxErrorKind::SyntaxError)
    }

    /// An error CPython's tokenizer notes (it stops there) without raising it; the
    /// parser runs into it at `trigger`.
    pub(super) fn stop(
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
    pub(super) fn end_of_line_col(&self) -> usize {
        chars(self.index.line_text(self.line).as_bytes()) + 1
    }

    pub(super) fn run(mut self) -> Scan {
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

    pub(super) fn push(&mut self, kind: Tok, start: usize) {
        self.push_at(kind, start, self.pos);
    }

    pub(super) fn push_at(&mut self, kind: Tok, start: usize, end: usize) {
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

    pub(super) fn tokens_to_end(&mut self) -> Result<(), TokenizerError> {
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
    pub(super) fn newline(&mut self) {
        if self.at(self.pos) == b'\r' && self.at(self.pos + 1) == b'\n' {
            self.pos += 1;
        }
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }
}

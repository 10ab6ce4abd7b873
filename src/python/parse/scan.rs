//! CPython 3.11's tokenizer, as far as its errors go: strings (f-strings are plain
//! string tokens in 3.11), brackets, numbers, indentation and tabs, line
//! continuations, and how deep the source nests.

use super::*;

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

pub(super) const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

pub(super) fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
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

    pub(super) fn nest(&mut self, weight: u32) -> Result<(), TokenizerError> {
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

    pub(super) fn indentation(&mut self) -> Result<(), TokenizerError> {
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

    pub(super) fn continuation(&mut self) -> Result<(), TokenizerError> {
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

    pub(super) fn open(&mut self, c: u8) -> Result<(), TokenizerError> {
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

    pub(super) fn close(&mut self, c: u8) -> Result<(), TokenizerError> {
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

    pub(super) fn operator(&mut self, c: u8) -> Result<(), TokenizerError> {
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

    pub(super) fn name(&mut self, start: usize) -> Result<(), TokenizerError> {
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

    pub(super) fn string(&mut self, start: usize, quote_at: usize) -> Result<(), TokenizerError> {
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
    pub(super) fn number(&mut self, start: usize) -> Result<(), TokenizerError> {
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
    pub(super) fn decimal_tail(&self, mut q: usize) -> Result<usize, TokenizerError> {
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
    pub(super) fn fraction(&self, mut q: usize) -> Result<usize, TokenizerError> {
        if self.at(q) == b'.' {
            q += 1;
            if self.at(q).is_ascii_digit() {
                q = self.decimal_tail(q)?;
            }
        }
        self.exponent_and_imaginary(q)
    }

    pub(super) fn exponent_and_imaginary(&self, mut q: usize) -> Result<usize, TokenizerError> {
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

    pub(super) fn radix_digits(
        &self,
        mut q: usize,
        radix: u32,
        kind: &str,
    ) -> Result<usize, TokenizerError> {
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
    pub(super) fn end_of_number(&self, q: usize, kind: &str) -> Result<(), TokenizerError> {
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

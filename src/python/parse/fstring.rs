//! f-strings as CPython 3.11 checks them (`fstring_find_literal`,
//! `fstring_find_expr`), their expressions compiled from the text `(expression)`.

use super::*;

pub(super) enum FStringFailure {
    /// Reported at the token after the string.
    Message(String),
    /// An error compiling a replacement field's `(expression)`, placed as CPython
    /// places it: within that text, on the string's line.
    Expression(Candidate),
}

/// CPython 3.11's f-string parser (`fstring_find_literal`, `fstring_find_expr`) over
/// the text between the quotes.
pub(super) struct FString<'t> {
    pub(super) s: &'t [u8],
    pub(super) text: &'t str,
    pub(super) raw: bool,
    pub(super) pos: usize,
}

pub(super) type FResult<T> = Result<T, FStringFailure>;

pub(super) fn fail<T>(message: impl Into<String>) -> FResult<T> {
    Err(FStringFailure::Message(message.into()))
}

impl FString<'_> {
    pub(super) fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    /// Literal text and replacement fields up to the end, or (in a format spec) to
    /// the `}` that ends it.
    pub(super) fn parse(&mut self, level: u32) -> FResult<()> {
        loop {
            match self.literal(level)? {
                None => return Ok(()),
                Some(b'{') => self.field(level)?,
                Some(_) => return Ok(()),
            }
        }
    }

    /// Skips literal text; the brace that ends it, if any.
    pub(super) fn literal(&mut self, level: u32) -> FResult<Option<u8>> {
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
    pub(super) fn field(&mut self, level: u32) -> FResult<()> {
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

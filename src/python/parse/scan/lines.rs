//! How lines begin and join: indentation (CPython compares it with tabs to 8 columns
//! and to 1, and refuses what the two disagree on), its depth limit, and backslash
//! line continuations.

use super::*;

impl<'s> Scanner<'s> {
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
}

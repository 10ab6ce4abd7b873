//! Brackets and operators, and how deep they nest: brackets must match and stay
//! under CPython's MAXLEVEL, and a weighted count of nesting keeps Ruff's recursive
//! parser, and the passes over its tree, within their stack.

use super::*;

impl<'s> Scanner<'s> {
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
}

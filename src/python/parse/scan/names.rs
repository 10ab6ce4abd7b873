//! Names and keywords. A name may turn out to be a string's prefix (`rb"..."`), and a
//! keyword such as `not` or `lambda` counts towards how deep an expression nests.

use super::*;

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'s> Scanner<'s> {
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
}

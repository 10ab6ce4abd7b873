//! String literals as CPython 3.11's tokenizer reads them, f-strings included (one
//! plain string token each): where they end, an unterminated one's error, and how
//! deep an f-string's replacement fields nest.

use super::*;

impl<'s> Scanner<'s> {
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
}

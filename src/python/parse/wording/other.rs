//! Ruff's errors that carry only a message (`ParseErrorType::OtherError`), matched on
//! that message: chiefly a block missing after its header, which CPython reports as
//! an `IndentationError` naming the header and its line.

use super::*;

impl<'a> Context<'a> {
    pub(super) fn map_other(&self, message: &str, location: TextRange) -> Option<Candidate> {
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

    pub(super) fn expected_indented_block(&self, at: usize) -> Candidate {
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
}

//! How far CPython's parser reads once it has failed: that decides whether it reports
//! its own error or a bracket left open before it.

use super::*;

impl<'a> Context<'a> {
    /// Whether CPython, failing at `p` with `open` never closed, would have read
    /// tokens past the bracket's line (it then reports the bracket): if the next token
    /// from the error on is on a later line, or the error is at the last token.
    pub(in crate::python::parse) fn reads_past(&self, p: &Candidate, open: &Bracket) -> bool {
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

    /// Whether CPython, failing at `p`, would have read on to the end of the file.
    pub(super) fn reaches_end(&self, p: &Candidate) -> bool {
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
}

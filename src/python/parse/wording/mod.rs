//! Ruff's errors in CPython's words, at CPython's places (built from
//! `tests/python-syntax/cases.json`).
//!
//! This file holds the [`Context`] every mapping reads: Ruff's tokens with their
//! brackets matched, and the token-level questions the mappings ask of them. The
//! mappings themselves are grouped by what CPython reports: [`errors`] (Ruff's error
//! kinds, dispatched), [`expected`] (a token missing), [`other`] (Ruff's free-text
//! errors), [`lexical`] (characters and string literals), [`ruff_accepts`] (what Ruff
//! accepts and CPython 3.11 refuses); [`expressions`] reads expressions as CPython's
//! grammar does, and [`reach`] says how far CPython reads after an error.

use super::*;

mod errors;
mod expected;
mod expressions;
mod lexical;
mod other;
mod reach;
mod ruff_accepts;

use expressions::*;

pub(super) struct Context<'a> {
    pub(super) source: &'a str,
    pub(super) index: &'a LineIndex,
    pub(super) scan: &'a Scan,
    pub(super) module: &'a ModModule,
    /// Ruff's tokens without comments and non-logical line breaks.
    pub(super) tokens: Vec<(TokenKind, TextRange)>,
    /// Where Ruff found errors.
    pub(super) errors: Vec<TextRange>,
    pub(super) comments: Vec<TextRange>,
    /// Per token: the innermost bracket open before it, how many are, and for a
    /// closing bracket or f-string end, its opening token (`NONE` where none).
    pub(super) enclosing: Vec<u32>,
    pub(super) depth: Vec<u32>,
    pub(super) partner: Vec<u32>,
}

pub(super) const NONE: u32 = u32::MAX;

pub(super) fn start(range: TextRange) -> usize {
    range.start().to_usize()
}

pub(super) fn end(range: TextRange) -> usize {
    range.end().to_usize()
}

impl<'a> Context<'a> {
    pub(super) fn new(
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
    pub(super) fn broken(&self, range: TextRange) -> bool {
        let next = self.range(self.token_at(end(range)));
        let within = TextRange::new(range.start(), next.end().max(range.end()));
        self.errors
            .iter()
            .any(|&e| e != range && within.contains(e.start()))
    }

    pub(super) fn error_at(
        &self,
        message: impl Into<String>,
        offset: usize,
        trigger: usize,
    ) -> Candidate {
        candidate(
            message,
            self.place(offset),
            SyntaxErrorKind::SyntaxError,
            trigger,
        )
    }

    /// The position of `offset`; at the end of a line that ends in a comment, CPython
    /// places the line's end (its NEWLINE token) where the comment starts.
    pub(super) fn place(&self, offset: usize) -> (usize, usize) {
        let comment = self.comments.iter().find(|c| {
            end(**c) == offset
                && self
                    .tokens
                    .get(self.token_at(offset))
                    .is_some_and(|t| t.0 == TokenKind::Newline && start(t.1) == offset)
        });
        self.index.position(comment.map_or(offset, |c| start(*c)))
    }

    pub(super) fn invalid_syntax(&self, offset: usize) -> Candidate {
        self.error_at(INVALID_SYNTAX, offset, offset)
    }

    pub(super) fn kind(&self, i: usize) -> TokenKind {
        self.tokens.get(i).map_or(TokenKind::EndOfFile, |t| t.0)
    }

    pub(super) fn range(&self, i: usize) -> TextRange {
        self.tokens
            .get(i)
            .map_or_else(|| TextRange::empty(TextSize::of(self.source)), |t| t.1)
    }

    pub(super) fn text(&self, i: usize) -> &str {
        self.source.get(self.range(i).to_std_range()).unwrap_or("")
    }

    /// The first token starting at or after `offset`.
    pub(super) fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| start(t.1) < offset)
    }

    /// The first token of the logical line holding token `i`.
    pub(super) fn line_start(&self, i: usize) -> usize {
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
    pub(super) fn innermost(&self, i: usize) -> Option<usize> {
        let b = *self.enclosing.get(i)?;
        (b != NONE).then_some(b as usize)
    }

    /// How many brackets are open at token `i`.
    pub(super) fn depth(&self, i: usize) -> u32 {
        self.depth.get(i).copied().unwrap_or(0)
    }

    pub(super) fn partner(&self, j: usize) -> Option<usize> {
        let p = *self.partner.get(j)?;
        (p != NONE).then_some(p as usize)
    }

    /// The token that closes the innermost bracket open at token `i`.
    pub(super) fn closing_bracket(&self, i: usize) -> Option<usize> {
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
}

//! "Expected X, found Y" (Ruff's `ExpectedToken`): a token missing, worded as CPython
//! words what it was looking for there — `':'`, a comma forgotten between two
//! expressions, `'else'` after an `if` expression, `==` meant for `=`.

use super::*;

impl<'a> Context<'a> {
    pub(super) fn map_expected(
        &self,
        expected: TokenKind,
        found: TokenKind,
        at: usize,
    ) -> Option<Candidate> {
        use TokenKind as K;
        let i = self.token_at(at);
        if found == K::Equal {
            if let Some(s) = self.expression_start(i) {
                // `if x = 1:`, `while (n = 0)`: a name where a condition begins.
                let condition = s == 0
                    || matches!(
                        self.kind(s - 1),
                        K::Lpar | K::Lsqb | K::Lbrace | K::If | K::Elif | K::While
                    );
                let value = starts_operand(self.kind(i + 1)) && !self.another_equal(i + 1);
                if s + 1 == i && self.kind(s) == K::Identifier && condition && value {
                    return Some(self.error_at(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        start(self.range(s)),
                        at,
                    ));
                }
                let whole = TextRange::new(self.range(s).start(), self.range(i - 1).end());
                if let Some(expr) = self.expression(whole).filter(|e| assignable_here(e)) {
                    if condition && value {
                        let message = format!(
                            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                            expr_name(expr)
                        );
                        return Some(self.error_at(message, start(self.range(s)), at));
                    }
                }
            }
        }
        let header = {
            let s = self.line_start(i);
            if self.kind(s) == K::Async {
                self.kind(s + 1)
            } else {
                self.kind(s)
            }
        };
        let innermost = self.innermost(i);
        if expected == K::Colon && found == K::Newline {
            return Some(self.error_at("expected ':'", at, at));
        }
        if expected == K::Colon && innermost.is_some_and(|b| self.after_dict_item(b, i)) {
            // CPython points at the key's last character.
            let key_end = end(self.range(i.saturating_sub(1)));
            let (line, col) = self.index.position(key_end);
            return Some(candidate(
                "':' expected after dictionary key",
                (line, col.saturating_sub(1).max(1)),
                SyntaxErrorKind::SyntaxError,
                at,
            ));
        }
        if expected == K::Comma && found.as_augmented_assign_operator().is_some() {
            let s = self.line_start(i);
            let message = "'tuple' is an illegal expression for augmented assignment";
            return Some(self.error_at(message, start(self.range(s)), at));
        }
        // `a if b c`: CPython tries the missing comma first, which needs `a b`.
        if expected == K::Else && found != K::Colon {
            let s = self.line_start(i);
            let depth = self.depth(i);
            let if_token = (s..i)
                .rev()
                .find(|&j| self.kind(j) == K::If && self.depth(j) == depth);
            let place = if_token
                .and_then(|j| self.expression_start(j))
                .map_or(at, |s| start(self.range(s)));
            return Some(self.error_at("expected 'else' after 'if' expression", place, at));
        }
        let parameters = innermost
            .is_some_and(|b| self.kind(b) == K::Lpar && b >= 2 && self.kind(b - 2) == K::Def);
        let default_value = i >= 2 && self.kind(i - 2) == K::Equal;
        // Where CPython's grammar has a `disjunction`, not an `expression`: after a
        // comprehension's `for ... in`, and among a lambda's parameters.
        let disjunction = innermost.is_some_and(|b| {
            let (mut after_for, mut after_in, mut lambda) = (false, false, false);
            for j in (b + 1..i).filter(|&j| self.innermost(j) == Some(b)) {
                match self.kind(j) {
                    K::For => after_for = true,
                    K::In if after_for => after_in = true,
                    K::Lambda => lambda = true,
                    K::Colon => lambda = false,
                    _ => {}
                }
            }
            after_in || lambda
        });
        if innermost.is_some()
            && starts_expression(found)
            && (!parameters || default_value)
            && !disjunction
        {
            // Two expressions side by side within brackets.
            let forgot = self.expression_start(i).filter(|&s| {
                !(matches!(self.kind(s), K::Match | K::Case | K::Type)
                    || self.kind(s) == K::Identifier && self.text(s) == "_"
                    || self.kind(s) == K::Identifier && self.kind(s + 1) == K::String)
            });
            return Some(match forgot {
                Some(s) => self.error_at(
                    "invalid syntax. Perhaps you forgot a comma?",
                    start(self.range(s)),
                    at,
                ),
                None => self.invalid_syntax(at),
            });
        }
        match expected {
            // The headers whose colon CPython's grammar insists on (`&&':'`).
            K::Colon if matches!(header, K::Def | K::Try | K::Finally | K::Else) => {
                Some(self.error_at("expected ':'", at, at))
            }
            K::Lpar => Some(self.error_at("expected '('", at, at)),
            _ => Some(self.invalid_syntax(at)),
        }
    }

    /// Whether the `{` at token `open` already holds a `key: value,` before token `i`:
    /// then CPython reads what follows as a dictionary's next key.
    pub(super) fn after_dict_item(&self, open: usize, i: usize) -> bool {
        if self.kind(open) != TokenKind::Lbrace {
            return false;
        }
        let mut depth = 0usize;
        let mut colon = false;
        for j in open + 1..i {
            match self.kind(j) {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth = depth.saturating_sub(1)
                }
                TokenKind::Colon if depth == 0 => colon = true,
                TokenKind::Comma if depth == 0 && colon => return true,
                _ => {}
            }
        }
        false
    }
}

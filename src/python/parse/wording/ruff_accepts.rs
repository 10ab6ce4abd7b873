//! What Ruff's parser accepts and CPython 3.11 refuses: syntax from later Pythons
//! (Ruff's `UnsupportedSyntaxError`s), f-strings read the way 3.12 reads them, and an
//! operator after a bare `yield`.

use super::*;

impl<'a> Context<'a> {
    /// `yield == x`: Ruff takes an operator after a bare `yield` as applying to it;
    /// CPython, whose `yield` takes only an expression after it, stops there.
    pub(in crate::python::parse) fn operator_after_yield(&self) -> Option<Candidate> {
        use TokenKind as K;
        (1..self.tokens.len()).find_map(|j| {
            let binary_only = matches!(
                self.kind(j),
                K::EqEqual
                    | K::NotEqual
                    | K::Less
                    | K::Greater
                    | K::LessEqual
                    | K::GreaterEqual
                    | K::Percent
                    | K::At
                    | K::Slash
                    | K::DoubleSlash
                    | K::DoubleStar
                    | K::Amper
                    | K::Vbar
                    | K::CircumFlex
                    | K::LeftShift
                    | K::RightShift
                    | K::Dot
                    | K::And
                    | K::Or
                    | K::In
                    | K::Is
                    | K::If
                    | K::Comma
            );
            (binary_only && self.kind(j - 1) == K::Yield)
                .then(|| self.invalid_syntax(start(self.range(j))))
        })
    }

    pub(in crate::python::parse) fn map_unsupported(
        &self,
        e: &UnsupportedSyntaxError,
    ) -> Option<Candidate> {
        use UnsupportedSyntaxErrorKind as U;
        let at = start(e.range);
        match e.kind {
            // Checked as CPython 3.11 checks f-strings.
            U::Pep701FString(_) => None,
            U::TypeAliasStatement | U::LazyImportStatement => {
                let next = self.token_at(at) + 1;
                Some(self.invalid_syntax(start(self.range(next))))
            }
            U::TypeParameterList => {
                let head = self.kind(self.line_start(self.token_at(at)));
                let message = if head == TokenKind::Class {
                    "expected ':'"
                } else {
                    "expected '('"
                };
                Some(self.error_at(message, at, at))
            }
            U::UnparenthesizedExceptionTypes => {
                Some(self.error_at("multiple exception types must be parenthesized", at, at))
            }
            U::ParenthesizedKeywordArgumentName => Some(self.error_at(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                at,
                at,
            )),
            U::UnpackingInComprehension(_) => {
                let message = if self.source.get(at..).is_some_and(|s| s.starts_with("**")) {
                    "dict unpacking cannot be used in dict comprehension"
                } else {
                    "iterable unpacking cannot be used in comprehension"
                };
                Some(self.error_at(message, at, at))
            }
            U::TemplateStrings => {
                // `t"..."` is a name and a string to CPython 3.11.
                let quote = self
                    .source
                    .get(at..)
                    .and_then(|s| s.find(['\'', '"']))
                    .map_or(at, |q| at + q);
                Some(self.invalid_syntax(quote))
            }
            _ => Some(self.invalid_syntax(at)),
        }
    }

    /// The first f-string that CPython 3.11 refuses, if it starts before `before`.
    pub(in crate::python::parse) fn first_fstring_error(
        &self,
        before: Option<usize>,
    ) -> Option<Candidate> {
        for token in self.scan.tokens.iter().filter(|t| t.fstring) {
            if before.is_some_and(|b| token.start > b) {
                return None;
            }
            let content = self.source.get(token.content.0..token.content.1)?;
            let mut check = FString {
                s: content.as_bytes(),
                text: content,
                raw: token.raw,
                pos: 0,
            };
            let Err(failure) = check.parse(0) else {
                continue;
            };
            return Some(match failure {
                FStringFailure::Message(message) => {
                    self.error_at(message, self.after_strings(token), token.start)
                }
                FStringFailure::Expression(inner) => {
                    let (line, _) = self.index.position(token.start);
                    let mut error = inner.error;
                    if !inner.tokenizer {
                        error.message = format!("f-string: {}", error.message);
                    }
                    error.line = line + error.line.saturating_sub(1);
                    Candidate {
                        error,
                        trigger: token.start,
                        tokenizer: false,
                    }
                }
            });
        }
        None
    }
}

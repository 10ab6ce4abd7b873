//! Ruff's parse errors, kind by kind: the entry point that hands each to its
//! mapping, and the wording of the kinds that need no more than the error itself —
//! assignment, deletion and annotation targets, arguments and parameters.

use super::*;

impl<'a> Context<'a> {
    pub(in crate::python::parse) fn map_error(&self, e: &ParseError) -> Option<Candidate> {
        use ParseErrorType as E;
        let at = start(e.location);
        let generic = || Some(self.invalid_syntax(at));
        let target = matches!(
            e.error,
            E::InvalidAssignmentTarget
                | E::InvalidAugmentedAssignmentTarget
                | E::InvalidDeleteTarget
                | E::InvalidNamedAssignmentTarget
                | E::InvalidAnnotatedAssignmentTarget
        );
        if target && self.broken(e.location) {
            // `for i > in ...`: CPython takes `i` as the target and stops after it.
            let i = self.token_at(at);
            if i > 0 && self.kind(i - 1) == TokenKind::For {
                return Some(self.invalid_syntax(start(self.range(i + 1))));
            }
            return None;
        }
        match &e.error {
            E::Lexical(lexical) => self.map_lexical(lexical, e.location),
            // The f-strings are checked as CPython 3.11 checks them, below.
            E::FStringError(_) | E::TStringError(_) => None,
            E::ExpectedToken { expected, found } => self.map_expected(*expected, *found, at),
            E::SimpleStatementsOnSameLine => {
                let i = self.token_at(at);
                let print = i.checked_sub(1).filter(|&p| {
                    self.kind(p) == TokenKind::Identifier
                        && matches!(self.text(p), "print" | "exec")
                        && (p == 0 || self.kind(p - 1) != TokenKind::Dot)
                        && starts_expression(self.kind(i))
                });
                match print {
                    Some(p) => {
                        let name = self.text(p);
                        let message = format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        );
                        Some(self.error_at(message, start(self.range(p)), at))
                    }
                    None => generic(),
                }
            }
            E::OtherError(message) => self.map_other(message, e.location),
            E::UnexpectedIndentation => {
                let (line, col) = self.index.position(end(e.location));
                Some(candidate(
                    "unexpected indent",
                    (line, col - 1),
                    SyntaxErrorKind::IndentationError,
                    at,
                ))
            }
            E::InvalidAssignmentTarget => {
                let expr = self.expression(e.location)?;
                let name = expr_name(expr);
                let i = self.token_at(at);
                let starts_statement = i == 0
                    || matches!(
                        self.kind(i - 1),
                        TokenKind::Newline
                            | TokenKind::Indent
                            | TokenKind::Dedent
                            | TokenKind::Semi
                            | TokenKind::Colon
                    );
                let after = self.token_at(end(e.location));
                let here = starts_statement
                    && self.kind(after) == TokenKind::Equal
                    && starts_operand(self.kind(after + 1))
                    && !self.another_equal(after + 1)
                    && assignable_here(expr);
                let message = if matches!(expr, Expr::Yield(_) | Expr::YieldFrom(_)) {
                    "assignment to yield expression not possible".to_owned()
                } else if here {
                    format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
                } else {
                    format!("cannot assign to {name}")
                };
                Some(self.error_at(message, at, at))
            }
            E::InvalidAugmentedAssignmentTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                let message = format!("'{name}' is an illegal expression for augmented assignment");
                Some(self.error_at(message, at, at))
            }
            E::InvalidDeleteTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                Some(self.error_at(format!("cannot delete {name}"), at, at))
            }
            E::InvalidNamedAssignmentTarget => {
                let name = self.expression(e.location).map_or("expression", expr_name);
                let message = format!("cannot use assignment expressions with {name}");
                Some(self.error_at(message, at, at))
            }
            E::InvalidAnnotatedAssignmentTarget => {
                // CPython's rule wants an annotation after the colon.
                let colon = self.token_at(end(e.location));
                if self.kind(colon) != TokenKind::Colon {
                    return None;
                }
                if !starts_operand(self.kind(colon + 1)) {
                    // CPython fails at the colon, its target not being one.
                    return Some(self.error_at(INVALID_SYNTAX, start(self.range(colon)), at));
                }
                let message = match self.expression(e.location) {
                    Some(Expr::Tuple(_)) => "only single target (not tuple) can be annotated",
                    Some(Expr::List(_)) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                Some(self.error_at(message, at, at))
            }
            E::PositionalAfterKeywordArgument | E::PositionalAfterKeywordUnpacking => {
                let message = if matches!(e.error, E::PositionalAfterKeywordArgument) {
                    "positional argument follows keyword argument"
                } else {
                    "positional argument follows keyword argument unpacking"
                };
                let place = self
                    .closing_bracket(self.token_at(at))
                    .map_or(at, |j| start(self.range(j)));
                Some(self.error_at(message, place, at))
            }
            E::InvalidArgumentUnpackingOrder => Some(self.error_at(
                "iterable argument unpacking follows keyword argument unpacking",
                at,
                at,
            )),
            E::NonDefaultParamAfterDefaultParam => {
                Some(self.error_at("non-default argument follows default argument", at, at))
            }
            E::ExpectedKeywordParam => {
                Some(self.error_at("named arguments must follow bare *", at, at))
            }
            E::VarParameterWithDefault => {
                let message = if self.source.get(at..).is_some_and(|s| s.starts_with("**")) {
                    "var-keyword argument cannot have default value"
                } else {
                    "var-positional argument cannot have default value"
                };
                Some(self.error_at(message, at, at))
            }
            E::ParamAfterVarKeywordParam => {
                Some(self.error_at("arguments cannot follow var-keyword argument", at, at))
            }
            E::UnparenthesizedGeneratorExpression => {
                Some(self.error_at("Generator expression must be parenthesized", at, at))
            }
            E::IterableUnpackingInComprehension => {
                Some(self.error_at("iterable unpacking cannot be used in comprehension", at, at))
            }
            E::ExpectedExpression => {
                let i = self.token_at(at);
                let dict_value = i > 0
                    && self.kind(i - 1) == TokenKind::Colon
                    && matches!(self.kind(i), TokenKind::Rbrace | TokenKind::Comma)
                    && self
                        .innermost(i)
                        .is_some_and(|b| self.kind(b) == TokenKind::Lbrace);
                // `def f(x=, y)`.
                let default = i > 0
                    && self.kind(i - 1) == TokenKind::Equal
                    && matches!(self.kind(i), TokenKind::Rpar | TokenKind::Comma)
                    && self.innermost(i).is_some_and(|b| {
                        b >= 2
                            && self.kind(b) == TokenKind::Lpar
                            && self.kind(b - 2) == TokenKind::Def
                    });
                if default {
                    let equal = start(self.range(i - 1));
                    return Some(self.error_at("expected default value expression", equal, at));
                }
                if dict_value {
                    let colon = start(self.range(i - 1));
                    return Some(self.error_at(
                        "expression expected after dictionary key and ':'",
                        colon,
                        at,
                    ));
                }
                generic()
            }
            _ => generic(),
        }
    }
}

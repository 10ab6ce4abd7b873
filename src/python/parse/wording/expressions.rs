//! Expressions as CPython's grammar reads them, for the mappings that name or place
//! one: where an expression starts among the tokens, which node of Ruff's tree it is,
//! and what CPython calls it ("cannot assign to function call").

use super::*;

impl<'a> Context<'a> {
    /// The first token of the expression (a `disjunction`, in CPython's grammar) that
    /// ends just before token `end`.
    pub(super) fn expression_start(&self, end: usize) -> Option<usize> {
        use TokenKind as K;
        let mut i = end;
        let mut first = None;
        let operand = |k: K| {
            matches!(
                k,
                K::Identifier
                    | K::Int
                    | K::Float
                    | K::Complex
                    | K::String
                    | K::True
                    | K::False
                    | K::None
                    | K::Ellipsis
                    | K::Match
                    | K::Case
                    | K::Type
            )
        };
        let operand_end = |k: K| {
            operand(k)
                || matches!(
                    k,
                    K::Rpar | K::Rsqb | K::Rbrace | K::FStringEnd | K::TStringEnd
                )
        };
        let binary = |k: K| {
            matches!(
                k,
                K::Plus
                    | K::Minus
                    | K::Star
                    | K::Slash
                    | K::DoubleSlash
                    | K::Percent
                    | K::At
                    | K::DoubleStar
                    | K::LeftShift
                    | K::RightShift
                    | K::Amper
                    | K::Vbar
                    | K::CircumFlex
                    | K::Less
                    | K::Greater
                    | K::LessEqual
                    | K::GreaterEqual
                    | K::EqEqual
                    | K::NotEqual
                    | K::In
                    | K::Is
                    | K::Not
                    | K::And
                    | K::Or
                    | K::Dot
                    | K::Tilde
                    | K::Await
            )
        };
        loop {
            let j = i.checked_sub(1)?;
            let k = self.kind(j);
            let s = match k {
                K::Rpar | K::Rsqb | K::Rbrace | K::FStringEnd | K::TStringEnd => self.partner(j)?,
                k if operand(k) => j,
                K::Minus | K::Plus | K::Tilde | K::Not | K::Await => {
                    // A unary operator with its operand already taken.
                    first = Some(j);
                    i = j;
                    continue;
                }
                _ => return first,
            };
            first = Some(s);
            let Some(p) = s.checked_sub(1) else {
                return first;
            };
            let pk = self.kind(p);
            let trailer = matches!(self.kind(s), K::Lpar | K::Lsqb) && operand_end(pk);
            let concatenated = matches!(self.kind(s), K::String | K::FStringStart)
                && matches!(pk, K::String | K::FStringEnd);
            if trailer || concatenated {
                i = s;
                continue;
            }
            if binary(pk) {
                first = Some(p);
                i = p;
                continue;
            }
            return first;
        }
    }

    /// Whether an `=` follows at the top level of the statement from token `i` on.
    pub(super) fn another_equal(&self, i: usize) -> bool {
        let mut depth = 0usize;
        for j in i..self.tokens.len() {
            match self.kind(j) {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth = depth.saturating_sub(1);
                }
                TokenKind::Equal | TokenKind::ColonEqual if depth == 0 => return true,
                TokenKind::Newline | TokenKind::Semi | TokenKind::EndOfFile => return false,
                _ => {}
            }
        }
        false
    }

    /// The expression whose range is exactly `range`.
    pub(super) fn expression(&self, range: TextRange) -> Option<&'a Expr> {
        struct Find<'a> {
            range: TextRange,
            found: Option<&'a Expr>,
        }
        impl<'a> SourceOrderVisitor<'a> for Find<'a> {
            fn enter_node(
                &mut self,
                node: ruff_python_ast::AnyNodeRef<'a>,
            ) -> ruff_python_ast::visitor::source_order::TraversalSignal {
                use ruff_python_ast::visitor::source_order::TraversalSignal;
                if self.found.is_none() && node.range().contains_range(self.range) {
                    TraversalSignal::Traverse
                } else {
                    TraversalSignal::Skip
                }
            }
            fn visit_expr(&mut self, expr: &'a Expr) {
                if self.found.is_none() && expr.range() == self.range {
                    self.found = Some(expr);
                } else {
                    walk_expr(self, expr);
                }
            }
        }
        let mut find = Find { range, found: None };
        for stmt in &self.module.body {
            find.visit_stmt(stmt);
        }
        find.found
    }
}

/// Whether a token may start the expression after one where a comma was forgotten.
pub(super) fn starts_expression(k: TokenKind) -> bool {
    use TokenKind as K;
    matches!(
        k,
        K::Identifier
            | K::Int
            | K::Float
            | K::Complex
            | K::String
            | K::FStringStart
            | K::TStringStart
            | K::Lbrace
            | K::True
            | K::False
            | K::None
            | K::Ellipsis
            | K::Match
            | K::Case
            | K::Type
    )
}

/// Whether a token may start an expression at all.
pub(super) fn starts_operand(k: TokenKind) -> bool {
    use TokenKind as K;
    starts_expression(k)
        || matches!(
            k,
            K::Lpar
                | K::Lsqb
                | K::Minus
                | K::Plus
                | K::Tilde
                | K::Not
                | K::Await
                | K::Lambda
                | K::Star
                | K::Yield
        )
}

/// Whether CPython's "cannot assign to ... here. Maybe you meant '=='" applies: to a
/// `bitwise_or` that is not a list, tuple, generator, `True`, `False` or `None`.
pub(super) fn assignable_here(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::Compare(_)
            | Expr::BoolOp(_)
            | Expr::Lambda(_)
            | Expr::If(_)
            | Expr::Named(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
    ) && !matches!(expr, Expr::UnaryOp(u) if matches!(u.op, UnaryOp::Not))
}

/// CPython's name for an expression in "cannot assign to ...".
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

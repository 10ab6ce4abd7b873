//! Ruff's errors in CPython's words, at CPython's places (built from
//! `tests/python-syntax/cases.json`).

use super::*;

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

    /// Whether CPython, failing at `p` with `open` never closed, would have read
    /// tokens past the bracket's line (it then reports the bracket): if the next token
    /// from the error on is on a later line, or the error is at the last token.
    pub(super) fn reads_past(&self, p: &Candidate, open: &Bracket) -> bool {
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

    /// `yield == x`: Ruff takes an operator after a bare `yield` as applying to it;
    /// CPython, whose `yield` takes only an expression after it, stops there.
    pub(super) fn operator_after_yield(&self) -> Option<Candidate> {
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

    /// A character Ruff could not read, where CPython 3.11 reads code (a name, to its
    /// tokenizer: any non-ASCII character may start one): "invalid character".
    pub(super) fn invalid_character(&self, errors: &[ParseError]) -> Option<TokenizerError> {
        errors
            .iter()
            .filter_map(|e| {
                let ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) = &e.error
                else {
                    return None;
                };
                if tok.is_ascii() {
                    return None;
                }
                let at = start(e.location);
                if self.scan_token(at)?.kind != Tok::Name {
                    return None;
                }
                let (line, col) = self.index.position(at);
                let message = if printable(*tok) {
                    format!("invalid character '{tok}' (U+{:04X})", u32::from(*tok))
                } else {
                    format!("invalid non-printable character U+{:04X}", u32::from(*tok))
                };
                let mut c = candidate(message, (line, col), SyntaxErrorKind::SyntaxError, at);
                c.tokenizer = true;
                Some(TokenizerError {
                    candidate: c,
                    raised: true,
                    limit: false,
                })
            })
            .min_by_key(|t| t.candidate.trigger)
    }

    pub(super) fn map_error(&self, e: &ParseError) -> Option<Candidate> {
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

    pub(super) fn map_lexical(
        &self,
        lexical: &LexicalErrorType,
        location: TextRange,
    ) -> Option<Candidate> {
        let at = start(location);
        match lexical {
            LexicalErrorType::UnrecognizedToken { tok } if tok.is_ascii() => {
                Some(self.invalid_syntax(at))
            }
            LexicalErrorType::InvalidByteLiteral => {
                let token = self.string_token(at)?;
                Some(self.error_at(
                    "bytes can only contain ASCII literal characters",
                    token.start,
                    token.start,
                ))
            }
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace => self.unicode_error(lexical, location),
            // The tokenizer's errors are the scan's.
            _ => None,
        }
    }

    /// The token, as CPython 3.11 reads them, that holds `offset`.
    pub(super) fn scan_token(&self, offset: usize) -> Option<&Token> {
        let tokens = &self.scan.tokens;
        let i = tokens
            .partition_point(|t| t.start <= offset)
            .checked_sub(1)?;
        tokens.get(i).filter(|t| offset < t.end)
    }

    /// The string token (as CPython 3.11 reads strings) that holds `offset`.
    pub(super) fn string_token(&self, offset: usize) -> Option<&Token> {
        self.scan_token(offset).filter(|t| t.kind == Tok::Str)
    }

    /// Where CPython reports an error in a string's contents: at the token after the
    /// string and any strings it is concatenated with.
    pub(super) fn after_strings(&self, token: &Token) -> usize {
        let tokens = &self.scan.tokens;
        let i = tokens.partition_point(|t| t.start < token.start);
        tokens
            .get(i..)
            .unwrap_or_default()
            .iter()
            .find(|t| t.kind != Tok::Str)
            .map_or(self.source.len(), |t| t.start)
    }

    /// `"\N{...}"` that Ruff could not decode, in CPython's words: the codec's
    /// positions count a non-ASCII character as the 10 bytes of its `\UXXXXXXXX`.
    pub(super) fn unicode_error(
        &self,
        lexical: &LexicalErrorType,
        location: TextRange,
    ) -> Option<Candidate> {
        let token = self.string_token(start(location))?;
        let content = self.source.get(token.content.0..token.content.1)?;
        let offset = |o: usize| o.saturating_sub(token.content.0);
        let before = |o: usize| content.get(..offset(o)).map_or(0, escaped_len);
        let text_before = content.get(..offset(start(location)))?;
        if *lexical == LexicalErrorType::UnicodeError && !text_before.ends_with("\\N{") {
            // `\x`, `\u` or `\U` without its hex digits, or beyond U+10FFFF.
            let digits = text_before
                .bytes()
                .rev()
                .take_while(u8::is_ascii_hexdigit)
                .count();
            let escape = text_before.len().checked_sub(digits + 2)?;
            let (reason, count) = match text_before.get(escape..escape + 2)? {
                "\\x" => ("truncated \\xXX escape", 2),
                "\\u" => ("truncated \\uXXXX escape", 4),
                _ => ("truncated \\UXXXXXXXX escape", 8),
            };
            let reason = if digits >= count {
                "illegal Unicode character"
            } else {
                reason
            };
            let first = escaped_len(content.get(..escape)?);
            let message = if token.bytes {
                format!("(value error) invalid \\x escape at position {escape}")
            } else {
                format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{}: {reason}",
                    first + 1 + digits
                )
            };
            return Some(self.error_at(message, self.after_strings(token), token.start));
        }
        let (escape, end, malformed) = match lexical {
            LexicalErrorType::UnicodeError => {
                let escape = start(location).saturating_sub(3);
                let empty = location.is_empty();
                let end = if empty {
                    before(escape) + 2
                } else {
                    before(self::end(location) + 1) - 1
                };
                (escape, end, empty)
            }
            LexicalErrorType::MissingUnicodeLbrace => {
                let escape = start(location).saturating_sub(2);
                (escape, before(escape) + 1, true)
            }
            _ => {
                let escape =
                    content.get(..offset(start(location)))?.rfind("\\N{")? + token.content.0;
                (escape, escaped_len(content).saturating_sub(1), true)
            }
        };
        let reason = if malformed {
            "malformed \\N character escape"
        } else {
            "unknown Unicode character name"
        };
        let message = format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {reason}",
            before(escape),
            end
        );
        Some(self.error_at(message, self.after_strings(token), token.start))
    }

    pub(super) fn map_unsupported(&self, e: &UnsupportedSyntaxError) -> Option<Candidate> {
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

    /// The first f-string that CPython 3.11 refuses, if it starts before `before`.
    pub(super) fn first_fstring_error(&self, before: Option<usize>) -> Option<Candidate> {
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

/// Length of a string literal's text once CPython has turned each non-ASCII character
/// into `\UXXXXXXXX` (and a backslash before one into `\u005c`), as it does before
/// decoding escapes.
pub(super) fn escaped_len(text: &str) -> usize {
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            n += 1;
            match chars.peek() {
                None => n += 5,
                Some(next) if !next.is_ascii() => n += 5,
                Some(_) => {
                    chars.next();
                    n += 1;
                }
            }
        } else if c.is_ascii() {
            n += 1;
        } else {
            n += 10;
        }
    }
    n
}

/// Python's `str.isprintable` for one character, near enough for error messages: the
/// separators and the control and format characters a student's text may hold.
pub(super) fn printable(c: char) -> bool {
    let u = u32::from(c);
    !(c.is_control()
        || matches!(
            u,
            0xA0 | 0xAD
                | 0x1680
                | 0x180E
                | 0x2000..=0x200F
                | 0x2028..=0x202F
                | 0x205F..=0x2064
                | 0x2066..=0x206F
                | 0x3000
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0xE000..=0xF8FF
                | 0xF0000..
        ))
}

//! Errors in characters and string literals: a character Ruff could not read, bytes
//! that are not ASCII, escapes the `unicodeescape` codec refuses. They are placed
//! against the scan's tokens (strings as CPython 3.11 reads them), since CPython
//! reports a string's error after the string and those concatenated with it.

use super::*;

impl<'a> Context<'a> {
    /// A character Ruff could not read, where CPython 3.11 reads code (a name, to its
    /// tokenizer: any non-ASCII character may start one): "invalid character".
    pub(in crate::python::parse) fn invalid_character(
        &self,
        errors: &[ParseError],
    ) -> Option<TokenizerError> {
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
}

/// Length of a string literal's text once CPython has turned each non-ASCII character
/// into `\UXXXXXXXX` (and a backslash before one into `\u005c`), as it does before
/// decoding escapes.
fn escaped_len(text: &str) -> usize {
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
fn printable(c: char) -> bool {
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

//! Numbers as CPython's tokenizer reads them, with its errors: underscores, leading
//! zeros, digits outside the radix, and a letter right after a number.

use super::*;

impl<'s> Scanner<'s> {
    /// A number, as CPython's tokenizer reads it, with its errors.
    pub(super) fn number(&mut self, start: usize) -> Result<(), TokenizerError> {
        let digit = |s: &Self, i: usize| s.at(i).is_ascii_digit();
        let mut q = start;
        if self.at(start) == b'.' {
            q = self.decimal_tail(start + 1)?;
            q = self.exponent_and_imaginary(q)?;
        } else if self.at(start) == b'0' {
            q += 1;
            match self.at(q).to_ascii_lowercase() {
                b'x' => q = self.radix_digits(q + 1, 16, "hexadecimal")?,
                b'o' => q = self.radix_digits(q + 1, 8, "octal")?,
                b'b' => q = self.radix_digits(q + 1, 2, "binary")?,
                _ => {
                    loop {
                        if self.at(q) == b'_' {
                            q += 1;
                            if !digit(self, q) {
                                return Err(self.raise("invalid decimal literal", self.col(q)));
                            }
                        }
                        if self.at(q) != b'0' {
                            break;
                        }
                        q += 1;
                    }
                    let mut nonzero = false;
                    if digit(self, q) {
                        nonzero = true;
                        q = self.decimal_tail(q)?;
                    }
                    let c = self.at(q);
                    if c == b'.' || matches!(c, b'e' | b'E' | b'j' | b'J') {
                        q = self.fraction(q)?;
                    } else if nonzero {
                        return Err(self.raise(
                            "leading zeros in decimal integer literals are not permitted; \
                             use an 0o prefix for octal integers",
                            self.col(start) + 1,
                        ));
                    } else {
                        self.end_of_number(q, "decimal")?;
                    }
                }
            }
        } else {
            q = self.decimal_tail(start)?;
            q = self.fraction(q)?;
        }
        self.pos = q;
        self.push(Tok::Number, start);
        self.after_operand = true;
        Ok(())
    }

    /// Digits and single underscores from `q`, which holds a digit.
    pub(super) fn decimal_tail(&self, mut q: usize) -> Result<usize, TokenizerError> {
        loop {
            while self.at(q).is_ascii_digit() {
                q += 1;
            }
            if self.at(q) != b'_' {
                return Ok(q);
            }
            q += 1;
            if !self.at(q).is_ascii_digit() {
                return Err(self.raise("invalid decimal literal", self.col(q)));
            }
        }
    }

    /// After the integer part: `.digits`, exponent, `j`.
    pub(super) fn fraction(&self, mut q: usize) -> Result<usize, TokenizerError> {
        if self.at(q) == b'.' {
            q += 1;
            if self.at(q).is_ascii_digit() {
                q = self.decimal_tail(q)?;
            }
        }
        self.exponent_and_imaginary(q)
    }

    pub(super) fn exponent_and_imaginary(&self, mut q: usize) -> Result<usize, TokenizerError> {
        if matches!(self.at(q), b'e' | b'E') {
            let e = q;
            q += 1;
            if matches!(self.at(q), b'+' | b'-') {
                q += 1;
                if !self.at(q).is_ascii_digit() {
                    return Err(self.raise("invalid decimal literal", self.col(q)));
                }
            } else if !self.at(q).is_ascii_digit() {
                // `1else`: a keyword after a number is allowed (with a warning).
                self.end_of_number(e, "decimal")?;
                return Ok(e);
            }
            q = self.decimal_tail(q)?;
        }
        if matches!(self.at(q), b'j' | b'J') {
            self.end_of_number(q + 1, "imaginary")?;
            return Ok(q + 1);
        }
        self.end_of_number(q, "decimal")?;
        Ok(q)
    }

    pub(super) fn radix_digits(
        &self,
        mut q: usize,
        radix: u32,
        kind: &str,
    ) -> Result<usize, TokenizerError> {
        let is = |c: u8| char::from(c).is_digit(radix);
        loop {
            if self.at(q) == b'_' {
                q += 1;
            }
            let c = self.at(q);
            if !is(c) {
                if radix < 10 && c.is_ascii_digit() {
                    let message = format!("invalid digit '{}' in {kind} literal", char::from(c));
                    return Err(self.raise(message, self.col(q + 1)));
                }
                return Err(self.raise(format!("invalid {kind} literal"), self.col(q)));
            }
            while is(self.at(q)) {
                q += 1;
            }
            if self.at(q) != b'_' {
                break;
            }
        }
        let c = self.at(q);
        if radix < 10 && c.is_ascii_digit() {
            let message = format!("invalid digit '{}' in {kind} literal", char::from(c));
            return Err(self.raise(message, self.col(q + 1)));
        }
        self.end_of_number(q, kind)?;
        Ok(q)
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error,
    /// unless a keyword that may follow a number starts there.
    pub(super) fn end_of_number(&self, q: usize, kind: &str) -> Result<(), TokenizerError> {
        let rest = self.b.get(q..).unwrap_or_default();
        let keyword = [
            &b"and"[..],
            b"else",
            b"for",
            b"if",
            b"in",
            b"is",
            b"or",
            b"not",
        ]
        .iter()
        .any(|k| rest.starts_with(k));
        let c = self.at(q);
        if !keyword && (c.is_ascii_alphanumeric() || c == b'_') {
            return Err(self.raise(format!("invalid {kind} literal"), self.col(q)));
        }
        Ok(())
    }
}

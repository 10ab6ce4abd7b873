//! `float(str)` and `int(str, base)` as CPython 3.11 reads them (`PyFloat_FromString`,
//! `PyLong_FromUnicodeObject`), and `repr(str)` for their error messages.

use num_bigint::{BigInt, BigUint, Sign};

use super::printable::is_printable;
use super::INT_MAX_STR_DIGITS;

/// The zeros of Unicode's decimal digits (category Nd, Unicode 14 as in CPython 3.11):
/// every one starts a run of ten, 0 to 9.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`Py_UNICODE_TODECIMAL`).
pub(crate) fn unicode_decimal(c: char) -> Option<u32> {
    let code = u32::from(c);
    let index = DECIMAL_ZEROS
        .partition_point(|&zero| zero <= code)
        .checked_sub(1)?;
    let zero = DECIMAL_ZEROS.get(index)?;
    let value = code - zero;
    (value < 10).then_some(value)
}

/// `str.isspace()` (`Py_UNICODE_ISSPACE`).
pub(crate) fn is_unicode_space(c: char) -> bool {
    matches!(
        u32::from(c),
        0x9..=0xD
            | 0x1C..=0x20
            | 0x85
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
    )
}

/// `Py_ISSPACE`: the ASCII whitespace C's `isspace` knows.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII kept, other whitespace as `' '`,
/// other decimal digits as ASCII ones; anything else ends the text with a `'?'`.
fn to_ascii(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if u32::from(c) < 127 {
            out.push(c as u8);
        } else if is_unicode_space(c) {
            out.push(b' ');
        } else if let Some(d) = unicode_decimal(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// `repr(s)` for a str: `'abc'`, `"it's"`, `'a\nb'`, `'\x00'`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if u32::from(c) < 0x20 || u32::from(c) == 0x7f => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if u32::from(c) < 0x7f || is_printable(c) => out.push(c),
            c if u32::from(c) <= 0xff => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
        }
    }
    out.push(quote);
    out
}

/// `float(text)` for a str: `' 1_000.5 '`, `'-inf'`, `'nan'`, `'1e5'`, `'.5'`, digits of
/// any script.
pub fn parse_float(text: &str) -> Result<f64, String> {
    let error = || format!("could not convert string to float: {}", str_repr(text));
    let ascii = to_ascii(text);
    // Underscores: only between digits (`_Py_string_to_number_with_underscores`).
    let cleaned: Vec<u8> = if ascii.contains(&b'_') {
        let mut cleaned = Vec::with_capacity(ascii.len());
        let mut prev = 0u8;
        for &b in &ascii {
            if b == b'_' {
                if !prev.is_ascii_digit() {
                    return Err(error());
                }
            } else {
                if prev == b'_' && !b.is_ascii_digit() {
                    return Err(error());
                }
                cleaned.push(b);
            }
            prev = b;
        }
        if prev == b'_' {
            return Err(error());
        }
        cleaned
    } else {
        ascii
    };
    let start = cleaned
        .iter()
        .position(|&b| !is_ascii_space(b))
        .ok_or_else(error)?;
    let end = cleaned
        .iter()
        .rposition(|&b| !is_ascii_space(b))
        .map_or(start, |i| i + 1);
    let body = cleaned.get(start..end).ok_or_else(error)?;
    let (negative, unsigned) = match body.first() {
        Some(b'-') => (true, body.get(1..).unwrap_or_default()),
        Some(b'+') => (false, body.get(1..).unwrap_or_default()),
        _ => (false, body),
    };
    if is_decimal_literal(unsigned) {
        let literal = std::str::from_utf8(body).map_err(|_| error())?;
        return literal.parse::<f64>().map_err(|_| error());
    }
    let lower = unsigned.to_ascii_lowercase();
    let value = match lower.as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => return Err(error()),
    };
    Ok(if negative { -value } else { value })
}

/// `digits [. digits] | . digits`, then optionally `e [sign] digits` (no sign, no
/// underscores: what `_Py_dg_strtod` reads).
fn is_decimal_literal(text: &[u8]) -> bool {
    let mut i = 0;
    let digits_from = |i: &mut usize| {
        let start = *i;
        while text.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits_from(&mut i);
    if text.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits_from(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits_from(&mut i) == 0 {
            return false;
        }
    }
    i == text.len()
}

/// `int(text, base)` for a str, base 0 (the prefix decides) or 2..36: signs,
/// whitespace around, `0x`/`0o`/`0b` prefixes, underscores between digits, digits of
/// any script, and the 4300-digit limit of decimal (non-power-of-two bases) strings.
pub fn parse_int(text: &str, base: u32) -> Result<BigInt, String> {
    if base == 1 || base > 36 {
        return Err(String::from("int() base must be >= 2 and <= 36, or 0"));
    }
    let error = || {
        let repr: String = str_repr(text).chars().take(200).collect();
        format!("invalid literal for int() with base {base}: {repr}")
    };
    let s = to_ascii(text);
    // A NUL ends the C string: whatever follows it makes the literal invalid.
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while at(i) != 0 && is_ascii_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    // An "old" octal literal: invalid, unless it is zero.
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0'
        && ((base == 16 && matches!(at(i + 1), b'x' | b'X'))
            || (base == 8 && matches!(at(i + 1), b'o' | b'O'))
            || (base == 2 && matches!(at(i + 1), b'b' | b'B')))
    {
        i += 2;
        // One underscore allowed after the prefix.
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(error());
    }
    let digit_value = |b: u8| -> u32 {
        match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'a'..=b'z' => u32::from(b - b'a') + 10,
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => 99,
        }
    };
    let start = i;
    let mut digits: Vec<u8> = Vec::new();
    let mut prev = 0u8;
    while digit_value(at(i)) < base || at(i) == b'_' {
        let b = at(i);
        if b == b'_' {
            if prev == b'_' {
                return Err(error());
            }
        } else {
            digits.push(b);
        }
        prev = b;
        i += 1;
    }
    if prev == b'_' {
        return Err(error());
    }
    if !base.is_power_of_two() && digits.len() > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        ));
    }
    if i == start {
        return Err(error());
    }
    let magnitude = BigUint::parse_bytes(&digits, base).ok_or_else(error)?;
    if error_if_nonzero && magnitude != BigUint::default() {
        return Err(error());
    }
    while at(i) != 0 && is_ascii_space(at(i)) {
        i += 1;
    }
    if i != s.len() {
        return Err(error());
    }
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, magnitude))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(parse_float(" 1_000.5\n"), Ok(1000.5));
        assert_eq!(parse_float("-Infinity"), Ok(f64::NEG_INFINITY));
        assert_eq!(
            parse_float("abc"),
            Err(String::from("could not convert string to float: 'abc'"))
        );
        assert_eq!(parse_int("0x_1f", 0), Ok(BigInt::from(31)));
        assert_eq!(
            parse_int("010", 0),
            Err(String::from("invalid literal for int() with base 0: '010'"))
        );
        assert_eq!(unicode_decimal('\u{0663}'), Some(3));
        assert_eq!(unicode_decimal('a'), None);
    }
}

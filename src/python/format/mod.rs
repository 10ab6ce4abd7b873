//! Python's number and string formatting, exactly as CPython 3.11 does it: `repr(float)`,
//! `format()` / f-string specs for `int`, `float` and `str`, `round()`, `float(str)`,
//! `int(str, base)` and the `%` operator on strings.
//!
//! Pure functions, no interpreter state. Every error is the message CPython puts in the
//! exception it raises; [`exception_type_of`] names that exception's type (most are
//! `ValueError`; `%`-formatting also raises `TypeError` and `OverflowError`).
//!
//! Checked against CPython 3.11 by `tests/python_format.rs`, whose cases
//! (`tests/python-format/cases.json`) `tests/python-format/generate.py` computes with
//! `python3`.
//!
//! The parts:
//! - `dtoa.rs`: a float's decimal digits (shortest, or correctly rounded to a number of
//!   digits); `float_text.rs`: their layout (`format_float_short` of CPython's
//!   `pystrtod.c`), `repr(float)`; `float_round.rs`: `round()`, `int(float)`,
//!   `float(int)`.
//! - `spec.rs`: the format-spec mini-language (`formatter_unicode.c`), read and
//!   resolved; `render.rs`: a value laid out by it.
//! - `percent.rs`: `template % args` (`PyUnicode_Format` of `unicodeobject.c`).
//! - `parse.rs`: `float(str)`, `int(str, base)`, and `repr(str)` for their messages
//!   (`printable.rs`: `str.isprintable()`, a table from CPython's Unicode database).
//!
//! Deliberately left out (no way to express it through this API, or never met in the
//! programs the interpreter runs):
//! - `%(name)s` mapping keys (a `NotImplementedError` message here), and so also
//!   `'text' % {}` with a dict: the VM passes a non-tuple as a one-element `args`, so
//!   an unused dict is "not all arguments converted" here, where CPython accepts it;
//! - the `n` type's use of the current locale: CPython never sets `LC_NUMERIC`, so it
//!   prints `n` as in the C locale (no grouping), and so does this module;
//! - lone surrogates: a Rust `char` cannot hold one, so `format(0xD800, 'c')` and
//!   `'%c' % 0xD800` are `NotImplementedError` messages here;
//! - texts longer than [`MAX_OUTPUT_CHARS`] (`format(1, '99999999999')`): a
//!   `MemoryError` message here, where CPython tries to allocate them.

mod dtoa;
mod float_round;
mod float_text;
mod parse;
mod percent;
mod percent_values;
mod printable;
mod render;
mod spec;

use num_bigint::BigInt;

pub use float_round::{round_float, round_float_to_int, try_round_float};
pub use float_text::float_repr;
pub use parse::{parse_float, parse_int, str_repr};
pub use percent::{mapping_keys, percent_format, PercentArg};
pub use render::{format_float, format_int, format_str};
pub use spec::{parse_spec, FormatSpec};

/// The longest text these functions build (in characters). A wider width or a longer
/// precision is a `MemoryError` here instead of an attempt to allocate it.
pub const MAX_OUTPUT_CHARS: usize = 1 << 26;

/// CPython's `sys.get_int_max_str_digits()` default: longer decimal ints are refused
/// both ways (`int(str)` and `str(int)`), with the messages below.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// The error for a result that would be longer than [`MAX_OUTPUT_CHARS`].
pub(crate) fn too_long() -> String {
    String::from("MemoryError: the formatted text would be too long")
}

/// `int(x)` in base 2..36: lowercase digits, a `-` for negatives, no prefix (`'ff'` for
/// 255 in base 16; `bin()`, `oct()` and `hex()` add theirs: see [`int_to_prefixed`]).
/// A radix outside 2..36 prints in base 10. Never limited: the 4300-digit limit of
/// `str(int)` is [`int_to_decimal`]'s.
pub fn int_to_str_radix(value: &BigInt, radix: u32) -> String {
    let radix = if (2..=36).contains(&radix) { radix } else { 10 };
    value.to_str_radix(radix)
}

/// `bin(x)`, `oct(x)`, `hex(x)` for radix 2, 8, 16 (`'-0x1f'`); other radixes as
/// [`int_to_str_radix`].
pub fn int_to_prefixed(value: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => return int_to_str_radix(value, radix),
    };
    let digits = value.magnitude().to_str_radix(radix);
    let sign = if value.sign() == num_bigint::Sign::Minus {
        "-"
    } else {
        ""
    };
    format!("{sign}{prefix}{digits}")
}

/// `str(int)`: an error past [`INT_MAX_STR_DIGITS`] digits, as CPython 3.11 gives.
pub fn int_to_decimal(value: &BigInt) -> Result<String, String> {
    let text = value.magnitude().to_str_radix(10);
    if text.len() > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        ));
    }
    Ok(if value.sign() == num_bigint::Sign::Minus {
        format!("-{text}")
    } else {
        text
    })
}

/// The type of the exception CPython raises with this message (one of this module's
/// errors): `"ValueError"`, `"TypeError"`, `"OverflowError"`, `"MemoryError"` or
/// `"NotImplementedError"`.
pub fn exception_type_of(message: &str) -> &'static str {
    const OVERFLOW: [&str; 8] = [
        "cannot convert float infinity to integer",
        "int too large to convert to float",
        "rounded value too large to represent",
        "%c arg not in range(0x110000)",
        "Python int too large to convert to C long",
        "Python int too large to convert to C ssize_t",
        "Python int too large to convert to C int",
        "precision too large",
    ];
    const TYPE: [&str; 5] = [
        "not enough arguments for format string",
        "not all arguments converted during string formatting",
        "* wants int",
        "%c requires int or char",
        "format requires a mapping",
    ];
    if message.starts_with("MemoryError") {
        "MemoryError"
    } else if message.starts_with("NotImplementedError") {
        "NotImplementedError"
    } else if OVERFLOW.contains(&message) {
        "OverflowError"
    } else if TYPE.contains(&message)
        || message.starts_with("must be real number, not ")
        || (message.starts_with('%')
            && (message.contains(" format: a real number is required, not ")
                || message.contains(" format: an integer is required, not ")))
    {
        "TypeError"
    } else {
        "ValueError"
    }
}

//! One `%` conversion's value made text: `%d`/`%x` of an int, `%f`/`%g` of a float,
//! `%c`, `%a`, and the sign, prefix, padding and truncation around it
//! (`unicode_format_arg_output` and its helpers in CPython's `unicodeobject.c`).
use super::percent::{Conversion, PercentArg, F_ALT, F_BLANK, F_LJUST, F_SIGN, F_ZERO, INT_MAX};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_round::{bigint_to_f64, f64_to_bigint};
use super::float_text::{double_to_string, Flags};
use super::render::code_point;
use super::{int_to_decimal, too_long, MAX_OUTPUT_CHARS};

/// `PyObject_ASCII`: the repr with every non-ASCII character escaped.
pub(super) fn ascii(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let code = u32::from(c);
        if code < 0x80 {
            out.push(c);
        } else if code <= 0xff {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code <= 0xffff {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push_str(&format!("\\U{code:08x}"));
        }
    }
    out
}

/// `mainformatlong` and `_PyUnicode_FormatLong`: `%d %i %u %o %x %X`.
pub(super) fn format_long(value: &dyn PercentArg, arg: &Conversion) -> Result<String, String> {
    let ty = arg.ch;
    let integer_only = matches!(ty, 'o' | 'x' | 'X');
    let wrong_type = || {
        let what = if integer_only {
            "an integer"
        } else {
            "a real number"
        };
        format!(
            "%{ty} format: {what} is required, not {}",
            value.type_name()
        )
    };
    let number = match value.as_int() {
        Some(number) => number,
        None if integer_only => return Err(wrong_type()),
        None => f64_to_bigint(value.as_float().ok_or_else(wrong_type)?)?,
    };
    if arg.prec > INT_MAX - 3 {
        return Err(String::from("precision too large"));
    }
    let negative = number.sign() == Sign::Minus;
    let magnitude = BigInt::from(number.magnitude().clone());
    let (mut digits, prefix) = match ty {
        'o' => (magnitude.to_str_radix(8), "0o"),
        'x' => (magnitude.to_str_radix(16), "0x"),
        'X' => (magnitude.to_str_radix(16).to_ascii_uppercase(), "0X"),
        _ => (int_to_decimal(&magnitude)?, ""),
    };
    if arg.prec > MAX_OUTPUT_CHARS as i64 {
        return Err(too_long());
    }
    let missing = usize::try_from(arg.prec)
        .unwrap_or(0)
        .saturating_sub(digits.len());
    if missing > 0 {
        digits.insert_str(0, &"0".repeat(missing));
    }
    let prefix = if arg.flags & F_ALT != 0 { prefix } else { "" };
    Ok(format!(
        "{}{prefix}{digits}",
        if negative { "-" } else { "" }
    ))
}

/// `formatfloat`: `%e %E %f %F %g %G`.
pub(super) fn format_float(value: &dyn PercentArg, arg: &Conversion) -> Result<String, String> {
    // as_float first: right whether or not the VM's as_int also answers for floats.
    let x = match (value.as_float(), value.as_int()) {
        (Some(x), _) => x,
        (None, Some(number)) => bigint_to_f64(&number)?,
        (None, None) => return Err(format!("must be real number, not {}", value.type_name())),
    };
    let prec = if arg.prec < 0 { 6 } else { arg.prec };
    let flags = Flags {
        alt: arg.flags & F_ALT != 0,
        ..Flags::default()
    };
    double_to_string(x, arg.ch, prec, flags)
}

/// `formatchar`: `%c` of a one-character str or of a code point.
pub(super) fn format_char(value: &dyn PercentArg) -> Result<char, String> {
    let wrong = || String::from("%c requires int or char");
    if value.type_name() == "str" {
        let text = value.to_str();
        let mut chars = text.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(wrong()),
        };
    }
    let number = value.as_int().ok_or_else(wrong)?;
    // An int too large for a C long is out of range too.
    code_point(number.to_i64().unwrap_or(-1))
}

/// `unicode_format_arg_output`: sign, prefix, padding and truncation.
pub(super) fn output(arg: &mut Conversion, text: &str, out: &mut String) -> Result<(), String> {
    if arg.width > MAX_OUTPUT_CHARS as i64 {
        return Err(too_long());
    }
    let fill = if arg.sign && arg.flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len() as i64;
    if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut index: usize = 0;
    let mut sign_char = None;
    if arg.sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                sign_char = Some(c);
                len -= 1;
                index = 1;
            }
            _ if arg.flags & F_SIGN != 0 => sign_char = Some('+'),
            _ if arg.flags & F_BLANK != 0 => sign_char = Some(' '),
            _ => arg.sign = false,
        }
    }
    let mut width = arg.width.max(len);
    let alt_prefix = arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o');
    let push_prefix = |out: &mut String, index: &mut usize| {
        out.push('0');
        out.push(arg.ch);
        *index += 2;
    };
    if arg.sign {
        if fill != ' ' {
            out.extend(sign_char);
        }
        if width > len {
            width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            push_prefix(out, &mut index);
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && arg.flags & F_LJUST == 0 {
        for _ in 0..width - len {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if arg.sign {
            out.extend(sign_char);
        }
        if alt_prefix {
            push_prefix(out, &mut index);
        }
    }
    let len_chars = usize::try_from(len).unwrap_or(0);
    out.extend(chars.iter().skip(index).take(len_chars));
    for _ in 0..width - len {
        out.push(' ');
    }
    Ok(())
}

//! A value laid out by a resolved format spec (`spec.rs`): an int's digits with
//! their sign, prefix, grouping and padding, a float's, a str's. The second half of
//! CPython 3.11's `Python/formatter_unicode.c`.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_round::bigint_to_f64;
use super::float_text::{double_to_string, Flags};
use super::spec::{parse_raw, resolve, unknown_presentation_type, Grouping, Resolved, INT_MAX};
use super::{float_repr, int_to_decimal, too_long, MAX_OUTPUT_CHARS};

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` (from the right), padding with
/// zeros (and separators) up to `min_width` characters.
fn insert_grouping(digits: &[u8], min_width: i64, group: Option<(i64, char)>) -> String {
    let mut reversed: Vec<char> = Vec::with_capacity(digits.len() + digits.len() / 3 + 1);
    let mut source = digits.iter().rev();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width.max(0);
    let mut use_separator = false;
    let mut emit = |reversed: &mut Vec<char>, separator: Option<char>, chars: i64, zeros: i64| {
        if let Some(separator) = separator {
            reversed.push(separator);
        }
        for _ in 0..chars {
            if let Some(&d) = source.next() {
                reversed.push(char::from(d));
            }
        }
        for _ in 0..zeros {
            reversed.push('0');
        }
    };
    let mut finished = false;
    if let Some((size, separator)) = group {
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            let zeros = (len - remaining).max(0);
            let chars = remaining.min(len).max(0);
            emit(
                &mut reversed,
                use_separator.then_some(separator),
                chars,
                zeros,
            );
            use_separator = true;
            remaining -= chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                finished = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !finished {
        let len = remaining.max(min_width).max(1);
        let zeros = (len - remaining).max(0);
        let chars = remaining.min(len).max(0);
        let separator = group.map(|(_, s)| s).filter(|_| use_separator);
        emit(&mut reversed, separator, chars, zeros);
    }
    reversed.iter().rev().collect()
}

/// `calc_number_widths` and `fill_number`: a number laid out as
/// `<lpadding><sign><prefix><spadding><grouped digits><decimal point><remainder><rpadding>`.
fn render_number(
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    spec: &Resolved,
    grouping: Grouping,
) -> Result<String, String> {
    if spec.width > MAX_OUTPUT_CHARS as i64 {
        return Err(too_long());
    }
    let sign = match spec.sign {
        Some('+') => Some(if negative { '-' } else { '+' }),
        Some(' ') => Some(if negative { '-' } else { ' ' }),
        _ => negative.then_some('-'),
    };
    let non_digit = i64::from(sign.is_some())
        + prefix.chars().count() as i64
        + i64::from(has_decimal)
        + remainder.chars().count() as i64;
    let min_width = if spec.fill == '0' && spec.align == '=' {
        spec.width - non_digit
    } else {
        0
    };
    let group = match grouping {
        Grouping::None => None,
        Grouping::Comma => Some((3, ',')),
        Grouping::Underscore => Some((3, '_')),
        Grouping::UnderscoreFour => Some((4, '_')),
    };
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        insert_grouping(digits.as_bytes(), min_width, group)
    };
    let padding = spec.width - (non_digit + grouped.chars().count() as i64);
    let (mut left, mut inner, mut right) = (0, 0, 0);
    if padding > 0 {
        match spec.align {
            '<' => right = padding,
            '^' => {
                left = padding / 2;
                right = padding - left;
            }
            '=' => inner = padding,
            _ => left = padding,
        }
    }
    let mut out = String::new();
    let pad = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(spec.fill);
        }
    };
    pad(&mut out, left);
    if let Some(sign) = sign {
        out.push(sign);
    }
    out.push_str(prefix);
    pad(&mut out, inner);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    pad(&mut out, right);
    Ok(out)
}

/// `format(value, spec)` for an int (and bool: the VM passes 0 or 1, though
/// `format(True, '')` is `'True'`, which is the VM's `str()`).
pub fn format_int(value: &BigInt, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return int_to_decimal(value);
    }
    let chars: Vec<char> = spec.chars().collect();
    let spec = resolve(&parse_raw(&chars, "int")?, 'd', '>')?;
    match spec.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(value, &spec),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            format_float_internal(bigint_to_f64(value)?, &spec)
        }
        ty => Err(unknown_presentation_type(ty, "int")),
    }
}

/// `format_long_internal`.
fn format_long(value: &BigInt, spec: &Resolved) -> Result<String, String> {
    if spec.precision != -1 {
        return Err(String::from(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(String::from(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if spec.ty == 'c' {
        if spec.sign.is_some() {
            return Err(String::from(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(String::from(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = value
            .to_i64()
            .ok_or_else(|| String::from("Python int too large to convert to C long"))?;
        let c = code_point(code)?;
        return render_number(false, "", "", false, &c.to_string(), spec, Grouping::None);
    }
    let (radix, prefix) = match spec.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if radix == 10 {
        int_to_decimal(&BigInt::from(value.magnitude().clone()))?
    } else {
        value.magnitude().to_str_radix(radix)
    };
    if spec.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    // 'n' groups as the current locale does: CPython never sets LC_NUMERIC, so none.
    let grouping = if spec.ty == 'n' {
        Grouping::None
    } else {
        spec.grouping
    };
    render_number(
        value.sign() == Sign::Minus,
        prefix,
        &digits,
        false,
        "",
        spec,
        grouping,
    )
}

/// The character of `%c` and `:c`: `OverflowError` outside `range(0x110000)`.
pub(crate) fn code_point(code: i64) -> Result<char, String> {
    if !(0..=0x10ffff).contains(&code) {
        return Err(String::from("%c arg not in range(0x110000)"));
    }
    u32::try_from(code)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| {
            format!(
                "NotImplementedError: a lone surrogate (U+{code:04X}) cannot be held in a str here"
            )
        })
}

/// `format(value, spec)` for a float.
pub fn format_float(value: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    let chars: Vec<char> = spec.chars().collect();
    let spec = resolve(&parse_raw(&chars, "float")?, '\0', '>')?;
    match spec.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(value, &spec),
        ty => Err(unknown_presentation_type(ty, "float")),
    }
}

/// `format_float_internal`.
fn format_float_internal(value: f64, spec: &Resolved) -> Result<String, String> {
    if spec.precision > INT_MAX {
        return Err(String::from("precision too big"));
    }
    let mut flags = Flags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..Flags::default()
    };
    let mut ty = spec.ty;
    let mut default_precision = 6;
    if ty == '\0' {
        // Like repr() without a precision; else like 'g' with at least one decimal.
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut value = value;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        value *= 100.0;
        add_pct = true;
    }
    let precision = if spec.precision < 0 {
        default_precision
    } else {
        if ty == 'r' {
            ty = 'g';
        }
        spec.precision
    };
    let mut text = double_to_string(value, ty, precision, flags)?;
    if add_pct {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text.as_str()),
    };
    // parse_number: the leading digits, then a decimal point, then the remainder.
    let digits_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(digits_end);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(remainder) => (true, remainder),
        None => (false, rest),
    };
    let grouping = if spec.ty == 'n' {
        Grouping::None
    } else {
        spec.grouping
    };
    render_number(negative, "", digits, has_decimal, remainder, spec, grouping)
}

/// `format(value, spec)` for a str.
pub fn format_str(value: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let chars: Vec<char> = spec.chars().collect();
    let spec = resolve(&parse_raw(&chars, "str")?, 's', '<')?;
    if spec.ty != 's' {
        return Err(unknown_presentation_type(spec.ty, "str"));
    }
    match spec.sign {
        Some(' ') => return Err(String::from("Space not allowed in string format specifier")),
        Some(_) => return Err(String::from("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.no_neg_0 {
        return Err(String::from(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(String::from(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == '=' {
        return Err(String::from(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    if spec.width > MAX_OUTPUT_CHARS as i64 {
        return Err(too_long());
    }
    let mut len = value.chars().count() as i64;
    if spec.precision >= 0 && len >= spec.precision {
        len = spec.precision;
    }
    let total = spec.width.max(len);
    let left = match spec.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let right = total - len - left;
    let mut out = String::with_capacity(value.len() + (total - len).unsigned_abs() as usize);
    for _ in 0..left {
        out.push(spec.fill);
    }
    out.extend(value.chars().take(len.unsigned_abs() as usize));
    for _ in 0..right {
        out.push(spec.fill);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            format_int(&BigInt::from(1234), "08,").as_deref(),
            Ok("0,001,234")
        );
        assert_eq!(
            format_float(f64::INFINITY, "010").as_deref(),
            Ok("0000000inf")
        );
        assert_eq!(format_float(1e16, "#").as_deref(), Ok("1.e+16"));
        assert_eq!(format_str("ab", "05").as_deref(), Ok("ab000"));
        assert_eq!(
            format_str("ab", ","),
            Err(String::from("Cannot specify ',' with 's'."))
        );
        assert!(super::super::parse_spec("*^+#012,.3f").is_ok());
    }
}

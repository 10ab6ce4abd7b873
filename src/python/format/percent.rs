//! `template % args` for str: a port of CPython 3.11's `PyUnicode_Format`
//! (`Objects/unicodeobject.c`), errors included.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_round::{bigint_to_f64, f64_to_bigint};
use super::float_text::{double_to_string, Flags};
use super::render::code_point;
use super::{int_to_decimal, too_long, MAX_OUTPUT_CHARS};

/// One value on the right of `%`, as the VM sees it.
pub trait PercentArg {
    /// The value of an int or a bool (anything with `__index__`); `None` otherwise,
    /// floats included (`'%x' % 3.5` is a TypeError, `'%d' % 3.5` reads `as_float`).
    fn as_int(&self) -> Option<BigInt>;
    /// The value of a float (or anything else with `__float__`); `None` otherwise. For
    /// an int it may be `None` (then `%f` converts `as_int` exactly, with CPython's
    /// `OverflowError` past the largest double) or the int's nearest float.
    fn as_float(&self) -> Option<f64>;
    /// `str(value)`.
    fn to_str(&self) -> String;
    /// `repr(value)`.
    fn to_repr(&self) -> String;
    /// `type(value).__name__`, for messages; `"str"` marks a str (for `%c`).
    fn type_name(&self) -> String;
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// `PY_SSIZE_T_MAX` and `INT_MAX` of a 64-bit CPython.
const SSIZE_MAX: i64 = i64::MAX;
const INT_MAX: i64 = i32::MAX as i64;

/// The reading state: `unicode_formatter_t`.
struct Formatter<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Ran off the end of the template while reading a conversion (`fmtcnt < 0`).
    exhausted: bool,
    args: &'a [&'a dyn PercentArg],
    arg_index: usize,
}

impl<'a> Formatter<'a> {
    /// `--fmtcnt >= 0`, then the next character.
    fn next(&mut self) -> Option<char> {
        match self.chars.get(self.pos) {
            Some(&c) if !self.exhausted => {
                self.pos += 1;
                Some(c)
            }
            _ => {
                self.exhausted = true;
                None
            }
        }
    }

    fn next_arg(&mut self) -> Result<&'a dyn PercentArg, String> {
        let arg = self
            .args
            .get(self.arg_index)
            .copied()
            .ok_or_else(|| String::from("not enough arguments for format string"))?;
        self.arg_index += 1;
        Ok(arg)
    }
}

/// One conversion, as read: `unicode_format_arg_t`.
struct Conversion {
    ch: char,
    flags: u8,
    /// -1: not given.
    width: i64,
    /// -1: not given.
    prec: i64,
    /// A numeric conversion: a sign is written, and `0` pads.
    sign: bool,
}

/// `template % args`. A single non-tuple argument is a one-element `args`. Errors are
/// CPython's messages (see [`super::exception_type_of`] for their types); the
/// mapping form `%(name)s` is not supported.
pub fn percent_format(template: &str, args: &[&dyn PercentArg]) -> Result<String, String> {
    let mut f = Formatter {
        chars: template.chars().collect(),
        pos: 0,
        exhausted: false,
        args,
        arg_index: 0,
    };
    let mut out = String::with_capacity(template.len());
    while let Some(&c) = f.chars.get(f.pos) {
        f.pos += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        format_one(&mut f, &mut out)?;
        if out.len() > MAX_OUTPUT_CHARS {
            return Err(too_long());
        }
    }
    if f.arg_index < f.args.len() {
        return Err(String::from(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// The mapping form `%(name)s`: the template without its keys, and for each
/// conversion that takes a value, its key (`None`: the mapping itself, as CPython
/// takes it for a conversion without a key).
pub fn mapping_keys(template: &str) -> Result<(String, Vec<Option<String>>), String> {
    let mut out = String::with_capacity(template.len());
    let mut keys = Vec::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '%' {
            continue;
        }
        match chars.peek() {
            Some('%') => {
                out.push('%');
                chars.next();
            }
            Some('(') => {
                chars.next();
                let (mut depth, mut key) = (1, String::new());
                loop {
                    let Some(k) = chars.next() else {
                        return Err(String::from("incomplete format key"));
                    };
                    match k {
                        '(' => depth += 1,
                        ')' if depth == 1 => break,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    key.push(k);
                }
                keys.push(Some(key));
            }
            _ => keys.push(None),
        }
    }
    Ok((out, keys))
}

/// `unicode_format_arg`: the conversion after a `%`.
fn format_one(f: &mut Formatter<'_>, out: &mut String) -> Result<(), String> {
    let first = f.chars.get(f.pos).copied();
    if first == Some('%') {
        f.pos += 1;
        out.push('%');
        return Ok(());
    }
    if first == Some('(') {
        return Err(String::from(
            "NotImplementedError: %(name) formatting is not supported here",
        ));
    }
    let mut arg = Conversion {
        ch: first.unwrap_or('\0'),
        flags: 0,
        width: -1,
        prec: -1,
        sign: false,
    };
    parse_conversion(f, &mut arg)?;
    let value = f.next_arg()?;
    let text = match arg.ch {
        's' => value.to_str(),
        'r' => value.to_repr(),
        'a' => ascii(&value.to_repr()),
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            arg.sign = true;
            format_long(value, &arg)?
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            arg.sign = true;
            format_float(value, &arg)?
        }
        'c' => format_char(value)?.to_string(),
        ch => {
            let shown = if (31..=126).contains(&u32::from(ch)) {
                ch
            } else {
                '?'
            };
            return Err(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {}",
                u32::from(ch),
                f.pos.saturating_sub(1)
            ));
        }
    };
    output(&mut arg, &text, out)
}

/// `unicode_format_arg_parse`: flags, width, precision, length modifier, type.
fn parse_conversion(f: &mut Formatter<'_>, arg: &mut Conversion) -> Result<(), String> {
    while let Some(c) = f.next() {
        arg.ch = c;
        match c {
            '-' => arg.flags |= F_LJUST,
            '+' => arg.flags |= F_SIGN,
            ' ' => arg.flags |= F_BLANK,
            '#' => arg.flags |= F_ALT,
            '0' => arg.flags |= F_ZERO,
            _ => break,
        }
    }
    if arg.ch == '*' {
        let value = star_arg(f)?;
        arg.width = value
            .to_i64()
            .ok_or_else(|| String::from("Python int too large to convert to C ssize_t"))?;
        if arg.width < 0 {
            arg.flags |= F_LJUST;
            arg.width = arg.width.checked_neg().unwrap_or(SSIZE_MAX);
        }
        if let Some(c) = f.next() {
            arg.ch = c;
        }
    } else if let Some(digit) = arg.ch.to_digit(10) {
        arg.width = i64::from(digit);
        while let Some(c) = f.next() {
            arg.ch = c;
            let Some(digit) = c.to_digit(10) else { break };
            let digit = i64::from(digit);
            if arg.width > (SSIZE_MAX - digit) / 10 {
                return Err(String::from("width too big"));
            }
            arg.width = arg.width * 10 + digit;
        }
    }
    if arg.ch == '.' {
        arg.prec = 0;
        if let Some(c) = f.next() {
            arg.ch = c;
        }
        if arg.ch == '*' {
            let value = star_arg(f)?;
            let prec = value
                .to_i32()
                .ok_or_else(|| String::from("Python int too large to convert to C int"))?;
            arg.prec = i64::from(prec.max(0));
            if let Some(c) = f.next() {
                arg.ch = c;
            }
        } else if let Some(digit) = arg.ch.to_digit(10) {
            arg.prec = i64::from(digit);
            while let Some(c) = f.next() {
                arg.ch = c;
                let Some(digit) = c.to_digit(10) else { break };
                let digit = i64::from(digit);
                if arg.prec > (INT_MAX - digit) / 10 {
                    return Err(String::from("precision too big"));
                }
                arg.prec = arg.prec * 10 + digit;
            }
        }
    }
    if !f.exhausted && matches!(arg.ch, 'h' | 'l' | 'L') {
        if let Some(c) = f.next() {
            arg.ch = c;
        }
    }
    if f.exhausted {
        return Err(String::from("incomplete format"));
    }
    Ok(())
}

/// The int argument of a `*` width or precision.
fn star_arg(f: &mut Formatter<'_>) -> Result<BigInt, String> {
    f.next_arg()?
        .as_int()
        .ok_or_else(|| String::from("* wants int"))
}

/// `PyObject_ASCII`: the repr with every non-ASCII character escaped.
fn ascii(repr: &str) -> String {
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
fn format_long(value: &dyn PercentArg, arg: &Conversion) -> Result<String, String> {
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
fn format_float(value: &dyn PercentArg, arg: &Conversion) -> Result<String, String> {
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
fn format_char(value: &dyn PercentArg) -> Result<char, String> {
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
fn output(arg: &mut Conversion, text: &str, out: &mut String) -> Result<(), String> {
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

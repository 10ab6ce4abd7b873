//! `template % args` for str: a port of CPython 3.11's `PyUnicode_Format`
//! (`Objects/unicodeobject.c`), errors included.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::percent_values::{ascii, format_char, format_float, format_long, output};
use super::{too_long, MAX_OUTPUT_CHARS};

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

pub(super) const F_LJUST: u8 = 1;
pub(super) const F_SIGN: u8 = 2;
pub(super) const F_BLANK: u8 = 4;
pub(super) const F_ALT: u8 = 8;
pub(super) const F_ZERO: u8 = 16;

/// `PY_SSIZE_T_MAX` and `INT_MAX` of a 64-bit CPython.
const SSIZE_MAX: i64 = i64::MAX;
pub(super) const INT_MAX: i64 = i32::MAX as i64;

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
pub(super) struct Conversion {
    pub(super) ch: char,
    pub(super) flags: u8,
    /// -1: not given.
    pub(super) width: i64,
    /// -1: not given.
    pub(super) prec: i64,
    /// A numeric conversion: a sign is written, and `0` pads.
    pub(super) sign: bool,
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

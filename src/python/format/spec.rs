//! The format-spec mini-language of `format()`, `str.format` and f-strings, for `int`,
//! `float` and `str`: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//! A port of CPython 3.11's `Python/formatter_unicode.c`, errors included.

use super::parse::unicode_decimal;

/// `PY_SSIZE_T_MAX` of a 64-bit CPython, whatever this build's pointer width.
const SSIZE_MAX: i64 = i64::MAX;
pub(super) const INT_MAX: i64 = i32::MAX as i64;

/// A parsed format spec, as written: which defaults apply (alignment, type) depends on
/// the type of the value formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character, when one precedes the alignment (`'*'` of `'*^10'`).
    pub fill: Option<char>,
    /// `'<'`, `'>'`, `'^'` or `'='`.
    pub align: Option<char>,
    /// `'+'`, `'-'` or `' '`.
    pub sign: Option<char>,
    /// `z`: negative zero becomes zero (floats).
    pub no_neg_0: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// The `0` before the width (read only when no fill character was given): zero
    /// padding, and `'='` alignment for numbers when no alignment was given.
    pub zero_pad: bool,
    pub width: Option<u64>,
    /// `','` or `'_'`.
    pub grouping: Option<char>,
    pub precision: Option<u64>,
    /// The presentation type (`'d'`, `'x'`, `'f'`, `'s'`, ...).
    pub ty: Option<char>,
}

/// Digit grouping, as CPython's `LocaleType`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Grouping {
    None,
    Comma,
    Underscore,
    /// `_` with `b`, `o`, `x`, `X`: every four digits.
    UnderscoreFour,
}

/// A spec with the defaults of the value's type applied.
pub(super) struct Resolved {
    pub(super) fill: char,
    pub(super) align: char,
    pub(super) sign: Option<char>,
    pub(super) no_neg_0: bool,
    pub(super) alternate: bool,
    /// -1: not given.
    pub(super) width: i64,
    pub(super) grouping: Grouping,
    /// -1: not given.
    pub(super) precision: i64,
    pub(super) ty: char,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// `get_integer`: decimal digits (any script's) from `pos`; `None` when there are none.
fn get_integer(spec: &[char], pos: &mut usize) -> Result<Option<i64>, String> {
    let mut value: i64 = 0;
    let mut consumed = false;
    while let Some(digit) = spec.get(*pos).and_then(|&c| unicode_decimal(c)) {
        let digit = i64::from(digit);
        if value > (SSIZE_MAX - digit) / 10 {
            return Err(String::from("Too many decimal digits in format string"));
        }
        value = value * 10 + digit;
        consumed = true;
        *pos += 1;
    }
    Ok(consumed.then_some(value))
}

/// `parse_internal_render_format_spec` up to (not including) the separator check.
pub(super) fn parse_raw(spec: &[char], type_name: &str) -> Result<FormatSpec, String> {
    let at = |i: usize| spec.get(i).copied();
    let end = spec.len();
    let mut pos = 0;
    let mut parsed = FormatSpec {
        fill: None,
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        zero_pad: false,
        width: None,
        grouping: None,
        precision: None,
        ty: None,
    };
    if let (Some(fill), Some(align)) = (at(0), at(1).filter(|&c| is_align(c))) {
        parsed.fill = Some(fill);
        parsed.align = Some(align);
        pos = 2;
    } else if let Some(align) = at(0).filter(|&c| is_align(c)) {
        parsed.align = Some(align);
        pos = 1;
    }
    if let Some(sign) = at(pos).filter(|c| matches!(c, '+' | '-' | ' ')) {
        parsed.sign = Some(sign);
        pos += 1;
    }
    if at(pos) == Some('z') {
        parsed.no_neg_0 = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        parsed.alternate = true;
        pos += 1;
    }
    if parsed.fill.is_none() && at(pos) == Some('0') {
        parsed.zero_pad = true;
        pos += 1;
    }
    parsed.width = get_integer(spec, &mut pos)?.map(i64::unsigned_abs);
    if at(pos) == Some(',') {
        parsed.grouping = Some(',');
        pos += 1;
    }
    if at(pos) == Some('_') {
        if parsed.grouping.is_some() {
            return Err(String::from("Cannot specify both ',' and '_'."));
        }
        parsed.grouping = Some('_');
        pos += 1;
    }
    if at(pos) == Some(',') && parsed.grouping == Some('_') {
        return Err(String::from("Cannot specify both ',' and '_'."));
    }
    if at(pos) == Some('.') {
        pos += 1;
        match get_integer(spec, &mut pos)? {
            Some(precision) => parsed.precision = Some(precision.unsigned_abs()),
            None => return Err(String::from("Format specifier missing precision")),
        }
    }
    if end > pos + 1 {
        let text: String = spec.iter().collect();
        return Err(format!(
            "Invalid format specifier '{text}' for object of type '{type_name}'"
        ));
    }
    parsed.ty = at(pos);
    Ok(parsed)
}

/// `'d'` for printable ASCII, `'\x7f'` for the rest, as CPython quotes a type code.
fn quote_code(c: char) -> String {
    let code = u32::from(c);
    if code > 32 && code < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{code:x}'")
    }
}

/// Applies the value type's defaults and checks the grouping against the type.
pub(super) fn resolve(
    spec: &FormatSpec,
    default_type: char,
    default_align: char,
) -> Result<Resolved, String> {
    let ty = spec.ty.unwrap_or(default_type);
    let grouping = match spec.grouping {
        None => Grouping::None,
        Some(separator) => match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {
                if separator == ',' {
                    Grouping::Comma
                } else {
                    Grouping::Underscore
                }
            }
            'b' | 'o' | 'x' | 'X' if separator == '_' => Grouping::UnderscoreFour,
            _ => {
                return Err(format!(
                    "Cannot specify '{separator}' with {}.",
                    quote_code(ty)
                ))
            }
        },
    };
    let align = match spec.align {
        Some(align) => align,
        None if spec.zero_pad && default_align == '>' => '=',
        None => default_align,
    };
    Ok(Resolved {
        fill: spec.fill.unwrap_or(if spec.zero_pad { '0' } else { ' ' }),
        align,
        sign: spec.sign,
        no_neg_0: spec.no_neg_0,
        alternate: spec.alternate,
        width: spec
            .width
            .map_or(-1, |w| i64::try_from(w).unwrap_or(SSIZE_MAX)),
        grouping,
        precision: spec
            .precision
            .map_or(-1, |p| i64::try_from(p).unwrap_or(SSIZE_MAX)),
        ty,
    })
}

/// Parses a format spec the way every type does. The checks that depend on the type of
/// the value (a `,` with the default type of `str`, an `'='` for strings, ...) are left
/// to [`format_int`], [`format_float`] and [`format_str`]; a spec with more than one
/// character where the type goes is reported for an object of type `'object'`.
pub fn parse_spec(spec: &str) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let parsed = parse_raw(&chars, "object")?;
    resolve(&parsed, '\0', '>')?;
    Ok(parsed)
}

pub(super) fn unknown_presentation_type(ty: char, type_name: &str) -> String {
    format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_code(ty)
    )
}

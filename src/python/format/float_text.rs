//! A float's digits laid out as text: CPython's `PyOS_double_to_string` and
//! `format_float_short` (`Python/pystrtod.c`), and `repr(float)` with them. The
//! digits come from `dtoa.rs`.

use super::dtoa::{digits_of, Mode};
use super::{too_long, MAX_OUTPUT_CHARS};

/// The flags of `PyOS_double_to_string`.
#[derive(Clone, Copy, Default)]
pub(crate) struct Flags {
    pub always_add_sign: bool,
    pub add_dot_0: bool,
    pub alt: bool,
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(x, code, precision, flags)` for `code` in `eEfFgGr`
/// (anything else is taken as `r`). Errs only when the text would be too long.
pub(crate) fn double_to_string(
    x: f64,
    code: char,
    precision: i64,
    flags: Flags,
) -> Result<String, String> {
    let upper = code.is_ascii_uppercase();
    let (code, mode, precision) = match code {
        'e' | 'E' => ('e', Mode::Significant(precision + 1), precision + 1),
        'f' | 'F' => ('f', Mode::Fixed(precision), precision),
        'g' | 'G' => {
            let precision = precision.max(1);
            ('g', Mode::Significant(precision), precision)
        }
        _ => ('r', Mode::Shortest, 0),
    };
    format_float_short(x, code, mode, precision, flags, upper)
}

/// `format_float_short` of `Python/pystrtod.c`, step by step.
fn format_float_short(
    x: f64,
    code: char,
    mode: Mode,
    precision: i64,
    flags: Flags,
    upper: bool,
) -> Result<String, String> {
    let sign_text = |negative: bool| {
        if negative {
            "-"
        } else if flags.always_add_sign {
            "+"
        } else {
            ""
        }
    };
    if x.is_nan() {
        // The sign of a nan is ignored.
        return Ok(format!(
            "{}{}",
            sign_text(false),
            if upper { "NAN" } else { "nan" }
        ));
    }
    if x.is_infinite() {
        let name = if upper { "INF" } else { "inf" };
        return Ok(format!("{}{name}", sign_text(x < 0.0)));
    }
    let (digits, mut decpt) = digits_of(x, mode);
    let mut negative = x.is_sign_negative();
    let digits_len = digits.len() as i64;
    if flags.no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        negative = false;
    }

    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt.saturating_add(precision),
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            // repr: exponent from 1e16 on.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let size = vdigits_end.saturating_sub(vdigits_start).saturating_add(8);
    if size > MAX_OUTPUT_CHARS as i64 {
        return Err(too_long());
    }

    let mut out = String::with_capacity(size.unsigned_abs() as usize);
    out.push_str(sign_text(negative));
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let push_digits = |out: &mut String, from: i64, to: i64| {
        let from = from.clamp(0, digits_len).unsigned_abs() as usize;
        let to = to.clamp(0, digits_len).unsigned_abs() as usize;
        let slice = digits.get(from..to).unwrap_or_default();
        out.extend(slice.iter().map(|&d| char::from(d)));
    };
    // Zeros on the left of the digits.
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    // The digits, with the decimal point when it falls inside them.
    if 0 < decpt && decpt <= digits_len {
        push_digits(&mut out, 0, decpt);
        out.push('.');
        push_digits(&mut out, decpt, digits_len);
    } else {
        push_digits(&mut out, 0, digits_len);
    }
    // Zeros on the right.
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        if exp.unsigned_abs() < 10 {
            out.push('0');
        }
        out.push_str(&exp.unsigned_abs().to_string());
    }
    Ok(out)
}

/// `repr(x)` and `str(x)` for a float: `'1.0'`, `'0.1'`, `'1e+16'`, `'1e-05'`,
/// `'123456789012345.0'`, `'inf'`, `'-inf'`, `'nan'`, `'-0.0'`.
pub fn float_repr(x: f64) -> String {
    let flags = Flags {
        add_dot_0: true,
        ..Flags::default()
    };
    double_to_string(x, 'r', 0, flags).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_layout() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(f64::NAN), "nan");
        assert_eq!(float_repr(f64::NEG_INFINITY), "-inf");
    }
}

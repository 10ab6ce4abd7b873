//! A float's decimal digits and their layout: CPython's `_Py_dg_dtoa` (the digits) and
//! `format_float_short` (`Python/pystrtod.c`, the layout), `repr(float)` and `round()`.
//!
//! The shortest round-trip digits (`repr`) come from Rust's `{:e}`, which picks, like
//! `_Py_dg_dtoa` mode 0, the shortest digit string that reads back as the same double
//! and, among those, the one nearest to it; when two are equally near, CPython takes
//! the even one and Rust the upper one, which `shortest_tie_to_even` puts right.
//! Digits to a given precision are computed here exactly from the double's binary
//! value with big integers, rounding half to even as `_Py_dg_dtoa` modes 2 and 3 do.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use super::{too_long, MAX_OUTPUT_CHARS};

/// What `_Py_dg_dtoa` is asked for.
#[derive(Clone, Copy)]
pub(crate) enum Mode {
    /// Mode 0: the shortest digits that round-trip.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(i64),
    /// Mode 3: this many digits past the decimal point (may be negative).
    Fixed(i64),
}

/// `|x| = m * 2**e` for a finite `x`.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), exponent - 1075)
    }
}

/// `|x|` as the exact fraction `num / den` (`x` finite).
fn exact(x: f64) -> (BigUint, BigUint) {
    let (m, e) = decompose(x);
    let shift = e.unsigned_abs() as usize;
    if e >= 0 {
        (BigUint::from(m) << shift, BigUint::one())
    } else {
        (BigUint::from(m), BigUint::one() << shift)
    }
}

fn pow10(n: u64) -> BigUint {
    BigUint::from(10u32).pow(u32::try_from(n).unwrap_or(u32::MAX))
}

/// `round(|x| * 10**n)`, exactly, ties to even. `n` is kept within -400..=1200 by the
/// callers (the powers stay small).
fn scaled_round(x: f64, n: i64) -> BigUint {
    let (mut num, mut den) = exact(x);
    if n >= 0 {
        num *= pow10(n.unsigned_abs());
    } else {
        den *= pow10(n.unsigned_abs());
    }
    let (q, r) = num.div_rem(&den);
    let twice: BigUint = r << 1usize;
    match twice.cmp(&den) {
        Ordering::Greater => q + 1u32,
        Ordering::Equal if q.is_odd() => q + 1u32,
        _ => q,
    }
}

/// Compares `num / den` with `10**k`.
fn cmp_pow10(num: &BigUint, den: &BigUint, k: i64) -> Ordering {
    if k >= 0 {
        num.cmp(&(den * pow10(k.unsigned_abs())))
    } else {
        (num * pow10(k.unsigned_abs())).cmp(den)
    }
}

fn strip_trailing_zeros(digits: &mut Vec<u8>) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
}

/// `_Py_dg_dtoa` for a finite `x`: the digits (ASCII, no trailing zeros) and the
/// position of the decimal point (`|x| ~ 0.d1d2d3... * 10**decpt`). Zero is `"0"`, 1.
/// In mode 3 a value that rounds to zero has no digits and `decpt = -ndigits`.
pub(crate) fn digits_of(x: f64, mode: Mode) -> (Vec<u8>, i64) {
    if x == 0.0 || !x.is_finite() {
        return (b"0".to_vec(), 1);
    }
    match mode {
        Mode::Shortest => shortest(x.abs()),
        Mode::Significant(n) => {
            // A double has at most 767 significant decimal digits: past that, zeros.
            let n = n.clamp(1, 800);
            let (num, den) = exact(x);
            let mut k = x.abs().log10().floor() as i64;
            // Make 10**k <= |x| < 10**(k+1) exact (the estimate is off by one at most).
            for _ in 0..4 {
                if cmp_pow10(&num, &den, k) == Ordering::Less {
                    k -= 1;
                } else if cmp_pow10(&num, &den, k + 1) != Ordering::Less {
                    k += 1;
                } else {
                    break;
                }
            }
            let q = scaled_round(x, n - 1 - k);
            let mut digits = q.to_str_radix(10).into_bytes();
            let mut decpt = k + 1;
            if digits.len() as i64 > n {
                // Rounded up to the next power of ten.
                decpt += 1;
            }
            digits.truncate(n.unsigned_abs() as usize);
            strip_trailing_zeros(&mut digits);
            (digits, decpt)
        }
        Mode::Fixed(n) => {
            // Every double is a multiple of 2**-1074, which has 1074 decimals; and
            // |x| < 10**309.
            if n < -400 {
                return (Vec::new(), -n);
            }
            let used = n.min(1100);
            let q = scaled_round(x, used);
            if q.is_zero() {
                return (Vec::new(), -n);
            }
            let mut digits = q.to_str_radix(10).into_bytes();
            let decpt = digits.len() as i64 - used;
            strip_trailing_zeros(&mut digits);
            (digits, decpt)
        }
    }
}

/// The shortest round-trip digits of a positive finite `x`, from Rust's `{:e}`.
fn shortest(x: f64) -> (Vec<u8>, i64) {
    use std::fmt::Write;
    let mut text = String::with_capacity(32);
    let _ = write!(text, "{x:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    if digits.is_empty() {
        digits.push(b'0');
    }
    strip_trailing_zeros(&mut digits);
    let exponent: i64 = exponent.parse().unwrap_or(0);
    shortest_tie_to_even(x, digits, exponent + 1)
}

/// When `x` lies exactly halfway between two shortest candidates (its exact decimal
/// value has one digit more than the shortest, and that digit is a 5:
/// `880259390184.40625`), `_Py_dg_dtoa` takes the even one (`...4062`) where Rust's
/// `{:e}` takes the upper one (`...4063`).
fn shortest_tie_to_even(x: f64, digits: Vec<u8>, decpt: i64) -> (Vec<u8>, i64) {
    let (m, e) = decompose(x);
    if m == 0 {
        return (digits, decpt);
    }
    let zeros = m.trailing_zeros();
    let (m, e) = (m >> zeros, e + i64::from(zeros));
    // x = exact * 10**e: with m odd, a tie is only possible when that is an integer
    // (for e < 0 the exact decimal expansion ends e digits past the point).
    let exact: Option<u128> = if e < 0 {
        u32::try_from(-e)
            .ok()
            .filter(|&p| p <= 27)
            .and_then(|p| u128::from(m).checked_mul(5u128.pow(p)))
    } else {
        u32::try_from(e)
            .ok()
            .filter(|&p| p <= 22)
            .map(|p| 5u64.pow(p))
            .filter(|&p| m % p == 0)
            .map(|p| u128::from(m / p))
    };
    let Some(exact) = exact else {
        return (digits, decpt);
    };
    let exact_text = exact.to_string();
    if exact_text.len() != digits.len() + 1 || !exact_text.ends_with('5') {
        return (digits, decpt);
    }
    let head = exact / 10;
    let even = if head % 2 == 1 { head + 1 } else { head };
    let mut candidate = even.to_string().into_bytes();
    let candidate_decpt = candidate.len() as i64 + e + 1;
    strip_trailing_zeros(&mut candidate);
    // Take the even one only if it reads back as x (at a power of two the interval
    // of values that round to x is lopsided).
    let text = format!(
        "0.{}e{candidate_decpt}",
        String::from_utf8_lossy(&candidate)
    );
    if text.parse::<f64>().ok() == Some(x) {
        (candidate, candidate_decpt)
    } else {
        (digits, decpt)
    }
}

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

/// `round(x, ndigits)` for a float: the exact decimal value of `x` rounded half to even
/// at `ndigits` (negative: left of the point), then back to the nearest double. A
/// result too large for a double (CPython's `OverflowError`, see [`try_round_float`])
/// is an infinity here.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    try_round_float(x, ndigits).unwrap_or(if x < 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    })
}

/// [`round_float`] with CPython's error: `round(1.7976931348623157e308, -308)` is
/// `OverflowError: rounded value too large to represent`.
pub fn try_round_float(x: f64, ndigits: i64) -> Result<f64, String> {
    // CPython's NDIGITS_MAX and NDIGITS_MIN: past them x rounds to itself, or to 0.
    if !x.is_finite() || ndigits > 323 || x == 0.0 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let (digits, decpt) = digits_of(x, Mode::Fixed(ndigits));
    let text = format!(
        "{}0{}e{}",
        if x < 0.0 { "-" } else { "" },
        String::from_utf8_lossy(&digits),
        decpt - digits.len() as i64
    );
    let rounded: f64 = text.parse().unwrap_or(x);
    if rounded.is_infinite() {
        return Err(String::from("rounded value too large to represent"));
    }
    Ok(rounded)
}

/// `round(x)` for a float: the nearest int, ties to even.
pub fn round_float_to_int(x: f64) -> Result<BigInt, String> {
    f64_to_bigint(x.round_ties_even())
}

/// `int(x)` for a float: truncated toward zero.
pub(crate) fn f64_to_bigint(x: f64) -> Result<BigInt, String> {
    if x.is_nan() {
        return Err(String::from("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(String::from("cannot convert float infinity to integer"));
    }
    let (m, e) = decompose(x);
    let magnitude = if e >= 0 {
        BigUint::from(m) << e.unsigned_abs() as usize
    } else if e <= -64 {
        BigUint::zero()
    } else {
        BigUint::from(m >> e.unsigned_abs())
    };
    let sign = if x < 0.0 { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, magnitude))
}

/// `float(n)` for an int, correctly rounded (half to even) like CPython's
/// `PyLong_AsDouble`; `OverflowError` past the largest double.
pub(crate) fn bigint_to_f64(value: &BigInt) -> Result<f64, String> {
    let overflow = || String::from("int too large to convert to float");
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    let result = if bits <= 64 {
        magnitude.to_u64().map(|m| m as f64).ok_or_else(overflow)?
    } else {
        if bits > 1025 {
            return Err(overflow());
        }
        let shift = bits - 64;
        let top = (magnitude >> shift as usize)
            .to_u64()
            .ok_or_else(overflow)?;
        // A sticky bit for whatever was shifted out: `as f64` then rounds correctly.
        let sticky = u64::from(magnitude.trailing_zeros().unwrap_or(0) < shift);
        let scale = f64::from_bits((shift + 1023) << 52);
        (top | sticky) as f64 * scale
    };
    if result.is_infinite() {
        return Err(overflow());
    }
    Ok(if value.sign() == Sign::Minus {
        -result
    } else {
        result
    })
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

    #[test]
    fn rounding() {
        assert_eq!(round_float(2.675, 2), 2.67);
        assert_eq!(round_float(0.125, 2), 0.12);
        assert_eq!(round_float(1234.5678, -2), 1200.0);
        assert!(try_round_float(1.7976931348623157e308, -308).is_err());
    }

    #[test]
    fn int_to_float() {
        let big = BigInt::from(1u8) << 1024usize;
        assert!(bigint_to_f64(&big).is_err());
        assert_eq!(bigint_to_f64(&BigInt::from(-5)), Ok(-5.0));
        let odd = (BigInt::from(1u8) << 80usize) + 1;
        assert_eq!(bigint_to_f64(&odd), Ok(2f64.powi(80)));
    }
}

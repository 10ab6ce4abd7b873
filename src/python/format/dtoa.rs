//! A float's decimal digits: CPython's `_Py_dg_dtoa`. Their layout is
//! `float_text.rs`, rounding a float `float_round.rs`.
//!
//! The shortest round-trip digits (`repr`) come from Rust's `{:e}`, which picks, like
//! `_Py_dg_dtoa` mode 0, the shortest digit string that reads back as the same double
//! and, among those, the one nearest to it; when two are equally near, CPython takes
//! the even one and Rust the upper one, which `shortest_tie_to_even` puts right.
//! Digits to a given precision are computed here exactly from the double's binary
//! value with big integers, rounding half to even as `_Py_dg_dtoa` modes 2 and 3 do.

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

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
pub(super) fn decompose(x: f64) -> (u64, i64) {
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

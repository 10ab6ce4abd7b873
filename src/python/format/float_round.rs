//! A float rounded (`round(x, n)`, `round(x)`, `int(x)`) and an int made a float,
//! exactly, with CPython's errors.

use super::dtoa::{decompose, digits_of, Mode};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};

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

//! `_random`: CPython's Mersenne Twister (MT19937), bit for bit, so that a program
//! seeded with an int draws exactly the numbers it draws under CPython.
//! `lib/random.py` writes `randrange`, `choice`, `shuffle`, … on it as CPython's
//! `Lib/random.py` does.

use super::builtins::{module, NativeFn};
use super::ops::big;
use super::value::{NativeObject, Value};
use super::vm::{PyResult, Vm};
use num_bigint::BigInt;
use std::sync::{Arc, Mutex};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The twister's state: `_randommodule.c`'s `RandomObject`.
struct Twister {
    mt: [u32; N],
    index: usize,
}

impl Twister {
    fn init_genrand(&mut self, seed: u32) {
        self.mt[0] = seed;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
    }

    /// `genrand_uint32`.
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for k in 0..N {
                let y = (self.mt[k] & UPPER_MASK) | (self.mt[(k + 1) % N] & LOWER_MASK);
                self.mt[k] = self.mt[(k + M) % N] ^ (y >> 1) ^ mag(y);
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    fn random(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)`: 32-bit words, the first the lowest, the last cut to size.
    fn getrandbits(&mut self, k: u64) -> BigInt {
        if k <= 32 {
            return BigInt::from(self.next_u32() >> (32 - k));
        }
        let mut words = Vec::new();
        let mut left = k;
        while left > 0 {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            words.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(num_bigint::Sign::Plus, &words)
    }
}

/// A `_random.Random` object: one twister, locked, as threads may share it.
pub struct Generator {
    twister: Mutex<Twister>,
}

impl NativeObject for Generator {
    fn type_name(&self) -> &'static str {
        "_random.Random"
    }

    fn methods(&self) -> &'static [(&'static str, NativeFn)] {
        METHODS
    }
}

fn generator(value: Option<&Value>) -> Option<&Generator> {
    match value {
        Some(Value::Native(object)) => {
            let object: &dyn std::any::Any = object.as_ref();
            object.downcast_ref::<Generator>()
        }
        _ => None,
    }
}

/// Seeds from the clocks and the object's address when no seed is given.
fn entropy(vm: &Vm, salt: usize) -> Vec<u32> {
    let now = (vm.interp.wall_clock)().to_bits() ^ (vm.interp.clock)().to_bits().rotate_left(17);
    let mixed = now ^ (salt as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    vec![mixed as u32, (mixed >> 32) as u32, vm.ident as u32]
}

/// `seed(a)`: an int's 32-bit words, lowest first, as the key (`[0]` for 0);
/// anything else by its hash, as CPython does.
fn seed(vm: &mut Vm, g: &Generator, a: &Value) -> PyResult<()> {
    let key = match a {
        Value::None => entropy(vm, g as *const Generator as usize),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            big(a).unwrap_or_default().magnitude().to_u32_digits()
        }
        other => {
            let hash = super::hashing::hash(vm, other)? as u64;
            BigInt::from(hash).magnitude().to_u32_digits()
        }
    };
    let key = if key.is_empty() { vec![0] } else { key };
    super::value::locked(&g.twister).init_by_array(&key);
    Ok(())
}

const METHODS: &[(&str, NativeFn)] = &[
    ("random", |_, a, _| {
        let Some(g) = generator(a.first()) else {
            return Ok(Value::None);
        };
        Ok(Value::Float(super::value::locked(&g.twister).random()))
    }),
    ("getrandbits", |vm, a, _| {
        let Some(g) = generator(a.first()) else {
            return Ok(Value::None);
        };
        let k = super::str_methods::int_arg(vm, a.get(1).cloned(), 0)?;
        if k < 0 {
            return Err(vm.error("ValueError", "number of bits must be non-negative"));
        }
        if k == 0 {
            return Ok(Value::Int(0));
        }
        if k > 1 << 24 {
            return Err(vm.error("MemoryError", ""));
        }
        let bits = super::value::locked(&g.twister).getrandbits(k as u64);
        Ok(super::ops::int(bits))
    }),
    ("seed", |vm, a, _| {
        let Some(Value::Native(object)) = a.first().cloned() else {
            return Ok(Value::None);
        };
        let object: &dyn std::any::Any = object.as_ref();
        if let Some(g) = object.downcast_ref::<Generator>() {
            seed(vm, g, a.get(1).unwrap_or(&Value::None))?;
        }
        Ok(Value::None)
    }),
];

/// The native module `_random`: `Random()` makes a generator seeded from entropy.
pub fn native_module() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[("Random", |vm, a, _| {
        let g = Arc::new(Generator {
            twister: Mutex::new(Twister {
                mt: [0; N],
                index: N,
            }),
        });
        seed(vm, &g, a.first().unwrap_or(&Value::None))?;
        Ok(Value::Native(g))
    })];
    module(FUNCTIONS, Vec::new())
}

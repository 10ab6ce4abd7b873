//! The order a set of ints iterates in: its hash table's, as CPython 3.11 fills it
//! (`Objects/setobject.c`), so that `print({3, 1, 2})` shows `{1, 2, 3}`.
//!
//! A set here keeps its items in insertion order; iteration and `repr` put them in
//! the slots CPython's table would have given them, inserted in that order (a set
//! that lost items may differ where CPython's deleted slots would have mattered).
//! Only sets of ints (and bools): CPython hashes them by value, while strings hash
//! at random per run there, so no order of theirs is CPython's more than another.

use super::value::Value;

/// `PySet_MINSIZE`.
const MIN_SIZE: usize = 8;
/// `LINEAR_PROBES`: slots tried after the first before the next perturbed one.
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// The modulus of CPython's int hash (`_PyHASH_MODULUS`, 2**61 - 1).
const MODULUS: i64 = (1 << 61) - 1;

/// `keys` (in insertion order) in the order CPython's table would iterate them;
/// unchanged unless every one is an int that hashes by its value.
pub fn in_table_order(keys: Vec<Value>) -> Vec<Value> {
    if keys.len() < 2 {
        return keys;
    }
    let hashes: Option<Vec<u64>> = keys.iter().map(int_hash).collect();
    let Some(hashes) = hashes else {
        return keys;
    };
    let mut table = Table::new(MIN_SIZE);
    for (at, &hash) in hashes.iter().enumerate() {
        table.add(at, hash);
    }
    let mut keys: Vec<Option<Value>> = keys.into_iter().map(Some).collect();
    table
        .slots
        .iter()
        .flatten()
        .filter_map(|&(at, _)| keys.get_mut(at).and_then(Option::take))
        .collect()
}

/// CPython's `hash()` of an int, as the table uses it (a `size_t`); `None` for any
/// other value, or an int past the modulus (not worth the arithmetic here).
fn int_hash(value: &Value) -> Option<u64> {
    let n = match value {
        Value::Int(n) if n.abs() < MODULUS => *n,
        Value::Bool(b) => i64::from(*b),
        _ => return None,
    };
    // -1 is CPython's error value: hash(-1) == -2.
    let hash = if n == -1 { -2 } else { n };
    Some(hash as u64)
}

/// The slots of a table: (index of the key in insertion order, its hash).
struct Table {
    slots: Vec<Option<(usize, u64)>>,
    used: usize,
}

impl Table {
    fn new(size: usize) -> Table {
        Table {
            slots: vec![None; size],
            used: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// `set_add_entry` for a key not in the table, growing it as CPython does.
    fn add(&mut self, at: usize, hash: u64) {
        self.insert_clean(at, hash);
        self.used += 1;
        // No deletions here, so `fill` is `used`.
        if self.used * 5 >= self.mask() * 3 {
            let wanted = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(wanted);
        }
    }

    /// `set_table_resize`: a table of the smallest power of two above `min_used`,
    /// the old entries put in it in the old table's order.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![None; size]);
        for (at, hash) in old.into_iter().flatten() {
            self.insert_clean(at, hash);
        }
    }

    /// `set_insert_clean`: the first free slot of the key's probe sequence.
    fn insert_clean(&mut self, at: usize, hash: u64) {
        let mask = self.mask();
        let mut perturb = hash;
        let mut i = (hash as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                if let Some(slot @ None) = self.slots.get_mut(j) {
                    *slot = Some((at, hash));
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(ns: &[i64]) -> Vec<i64> {
        let keys = ns.iter().map(|&n| Value::Int(n)).collect();
        in_table_order(keys)
            .into_iter()
            .map(|v| match v {
                Value::Int(n) => n,
                _ => i64::MIN,
            })
            .collect()
    }

    #[test]
    fn small_ints_come_in_the_order_of_their_slots() {
        // What CPython 3.11 prints for each set, its items added one by one in this
        // order (`s.add(n)`); the fifth grows the table from 8 slots to 32.
        assert_eq!(order(&[3, 1, 2]), [1, 2, 3]);
        assert_eq!(order(&[40, 8, 16, 3]), [40, 8, 3, 16]);
        assert_eq!(order(&[100, 2, 50, 1, 75]), [1, 2, 100, 75, 50]);
        assert_eq!(order(&[-1, -2, 5]), [5, -1, -2]);
    }

    #[test]
    fn a_growing_table_puts_its_items_again_in_its_own_order() {
        let ns: Vec<i64> = (0..100).rev().collect();
        assert_eq!(order(&ns), (0..100).collect::<Vec<_>>());
    }
}

//! The entries of a dict (and of a set, whose values are `None`): insertion order,
//! found by key. Most dicts a program makes are small and keyed by names — an
//! object's attributes, a call's keywords — so up to [`SMALL`] str keys are found
//! by comparing them in order, with no hash table to build, as CPython's
//! split-key and small dicts avoid theirs. A table is built the first time the
//! dict grows past that or gets a key that is not a str.

use super::builtin_cache::KeysVersion;
use super::value::{Key, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Slots (holes of deleted entries included) kept without a hash table.
const SMALL: usize = 8;

#[derive(Default)]
pub struct DictEntries {
    /// In insertion order; a deleted entry leaves a hole (`None`).
    pub slots: Vec<Option<(Value, Value)>>,
    /// Each key's slot; empty until `indexed`.
    index: HashMap<Key, usize, FastHash>,
    /// Whether `index` is kept; if not, every key is a str and `slots` is small.
    indexed: bool,
    pub len: usize,
    /// A module's globals: the version of its keys, changed whenever one is added or
    /// removed (`builtin_cache.rs`). Changed here, under the dict's lock, so that no
    /// way of adding a key can forget it.
    pub(super) keys: Option<Arc<KeysVersion>>,
}

/// A copy is a new dict: nobody caches by its keys' version.
impl Clone for DictEntries {
    fn clone(&self) -> Self {
        DictEntries {
            slots: self.slots.clone(),
            index: self.index.clone(),
            indexed: self.indexed,
            len: self.len,
            keys: None,
        }
    }
}

/// The dicts' hasher: Firefox's and rustc's multiply-rotate hash, several times
/// faster than std's SipHash on the short names a program looks up all the time
/// (a global in a loop is a dict lookup per use). Resisting crafted collisions
/// (SipHash's point) does not matter for a student's own program.
pub type FastHash = std::hash::BuildHasherDefault<FxHasher>;

#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl DictEntries {
    pub fn get(&self, key: &Key) -> Option<&Value> {
        let at = self.slot_of(key)?;
        self.slots.get(at)?.as_ref().map(|(_, v)| v)
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.slot_of(key).is_some()
    }

    pub fn insert(&mut self, key: Key, k: Value, v: Value) {
        self.insert_at(key, k, v);
    }

    /// `insert`, saying the slot where the entry is.
    pub fn insert_at(&mut self, key: Key, k: Value, v: Value) -> usize {
        if let Some(at) = self.slot_of(&key) {
            if let Some(Some(slot)) = self.slots.get_mut(at) {
                slot.1 = v;
                return at;
            }
        }
        let at = self.slots.len();
        if !self.indexed && (at >= SMALL || !matches!((&key, &k), (Key::Str(_), Value::Str(_)))) {
            self.build_index();
        }
        if self.indexed {
            self.index.insert(key, at);
        }
        self.slots.push(Some((k, v)));
        self.len += 1;
        self.keys_changed();
        at
    }

    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let at = if self.indexed {
            self.index.remove(key)?
        } else {
            self.slot_of(key)?
        };
        let (_, v) = self.slots.get_mut(at)?.take()?;
        self.len -= 1;
        self.keys_changed();
        Some(v)
    }

    /// `dict.clear()`: no entries, the same dict (a module's globals stay watched).
    pub fn clear(&mut self) {
        let keys = self.keys.take();
        *self = DictEntries {
            keys,
            ..DictEntries::default()
        };
        self.keys_changed();
    }

    /// From now on, adding or removing a key changes `version`.
    pub(super) fn watch_keys(&mut self, version: &Arc<KeysVersion>) {
        if self.keys.is_none() {
            self.keys = Some(version.clone());
        }
    }

    fn keys_changed(&mut self) {
        if let Some(keys) = &self.keys {
            keys.change();
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.slots.iter().flatten()
    }

    /// The keys, in no particular order.
    pub fn keys(&self) -> Vec<Key> {
        if self.indexed {
            return self.index.keys().cloned().collect();
        }
        self.iter()
            .filter_map(|(k, _)| match k {
                Value::Str(s) => Some(Key::Str(s.clone())),
                _ => None,
            })
            .collect()
    }

    /// Where the entry of `key` is, for a later `str_slot` without hashing.
    pub fn slot_of(&self, key: &Key) -> Option<usize> {
        if self.indexed {
            return self.index.get(key).copied();
        }
        // Every key is a str: any other key is not here.
        let Key::Str(name) = key else {
            return None;
        };
        self.slots.iter().position(|slot| match slot {
            Some((Value::Str(k), _)) => same_str(k, name),
            _ => false,
        })
    }

    /// The value in slot `at` if its key is the str `name`: a lookup remembered by
    /// slot, checked. (A deleted entry leaves its slot empty and a key added again
    /// takes a new one, so a slot holding `name` is always `name`'s entry.)
    pub fn str_slot(&self, at: usize, name: &str) -> Option<&Value> {
        match self.slots.get(at)? {
            Some((Value::Str(k), v)) if same_str(k, name) => Some(v),
            _ => None,
        }
    }

    /// `str_slot`, to replace the value.
    pub fn str_slot_mut(&mut self, at: usize, name: &str) -> Option<&mut Value> {
        match self.slots.get_mut(at)? {
            Some((Value::Str(k), v)) if same_str(k, name) => Some(v),
            _ => None,
        }
    }

    /// From now on, keys are found through the hash table.
    fn build_index(&mut self) {
        self.indexed = true;
        for (at, slot) in self.slots.iter().enumerate() {
            if let Some((Value::Str(k), _)) = slot {
                self.index.insert(Key::Str(k.clone()), at);
            }
        }
    }
}

/// Copies of the entries of two dicts (or sets), each locked in turn: `d == d` or
/// `a == b` while another thread does `b == a` would otherwise lock one mutex twice
/// or the two in opposite orders.
pub fn both_entries(x: &super::value::Dict, y: &super::value::Dict) -> (DictEntries, DictEntries) {
    let x = super::value::locked(&x.entries).clone();
    let y = super::value::locked(&y.entries).clone();
    (x, y)
}

/// Two strs equal, the same one (a name of the same code) found at once.
fn same_str(a: &str, b: &str) -> bool {
    std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len() || a == b
}

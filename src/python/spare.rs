//! The vectors of returned frames, kept for the next call: a Python call needs a
//! value stack, its locals and its arguments, and allocating three vectors per call
//! was a third of what a call cost. In the page it costs more, since the threaded
//! build's allocator takes a lock each time. Each thread keeps its own, a few dozen
//! at most, and only small ones (a vector grown by `f(*range(10**6))` is let go).

use super::value::Value;

/// At most this many of each kind are kept.
const KEEP: usize = 32;
/// Vectors that grew past this capacity are freed, not kept.
const LARGEST: usize = 64;

#[derive(Default)]
pub(super) struct Spare {
    values: Vec<Vec<Value>>,
    slots: Vec<Vec<Option<Value>>>,
}

impl Spare {
    /// An empty vector of values (a stack, arguments).
    pub(super) fn values(&mut self) -> Vec<Value> {
        self.values.pop().unwrap_or_else(|| Vec::with_capacity(8))
    }

    /// `n` empty local slots.
    pub(super) fn slots(&mut self, n: usize) -> Vec<Option<Value>> {
        if n == 0 {
            return Vec::new();
        }
        let mut slots = self.slots.pop().unwrap_or_default();
        slots.resize(n, None);
        slots
    }

    pub(super) fn keep_values(&mut self, mut values: Vec<Value>) {
        if self.values.len() < KEEP && (1..=LARGEST).contains(&values.capacity()) {
            values.clear();
            self.values.push(values);
        }
    }

    pub(super) fn keep_slots(&mut self, mut slots: Vec<Option<Value>>) {
        if self.slots.len() < KEEP && (1..=LARGEST).contains(&slots.capacity()) {
            slots.clear();
            self.slots.push(slots);
        }
    }
}

//! A builtin a function loads (`len`, `range`, `int`) found with no lock and no
//! write: each code remembers, per name, the builtin's slot and the version of the
//! module globals' keys in which the name was missing. While the globals gain and
//! lose no key, that version stays, and the name is still the builtin's.
//!
//! Free-threaded, every lock taken and every atomic written on memory the threads
//! share (the globals' mutex, a name's `Arc`) moves that cache line from one core
//! to the other: a loop calling builtins ran 1.5× slower in each of two threads
//! than in one (and hashed the name on every load). This path only reads shared
//! memory. The builtins themselves never change (there is no `import builtins`),
//! so only the globals can shadow one.

use super::code::Code;
use super::value::{locked, Dict, DictEntries, Key, Value};
use super::vm::{Frame, PyResult, Vm};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The version of a module globals' set of keys: a new number each time a key is
/// added or removed (a value replaced keeps it).
pub struct KeysVersion(AtomicU64);

/// Where versions come from. Process-wide, so that no two globals (and no two key
/// sets of one) ever share a number: a library module's code is compiled once and
/// run on every run's own globals (`modules.rs`), and its cache must not take one
/// run's globals for another's. Keys of globals change seldom (a `def`, an
/// `import`, a first assignment), so this shared counter is written seldom.
static NEXT: AtomicU64 = AtomicU64::new(1);

/// The bits of a cache entry that hold the builtin's slot (plus one; 0: empty).
const SLOT_BITS: u32 = 16;

impl KeysVersion {
    fn new() -> KeysVersion {
        KeysVersion(AtomicU64::new(NEXT.fetch_add(1, Ordering::Relaxed)))
    }

    /// A key was added or removed (under the dict's lock).
    pub(super) fn change(&self) {
        let next = NEXT.fetch_add(1, Ordering::Relaxed);
        self.0.store(next, Ordering::Release);
    }

    fn get(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
}

impl Dict {
    /// Makes this dict's key set versioned: it is a module's globals, which code
    /// looks builtins up through.
    pub fn watch_keys(&self) {
        let version = self.keys.get_or_init(|| Arc::new(KeysVersion::new()));
        locked(&self.entries).watch_keys(version);
    }

    /// The version of the keys, if they are versioned.
    fn keys_version(&self) -> Option<u64> {
        self.keys.get().map(|keys| keys.get())
    }
}

/// A cache entry: the version in the high bits, the slot plus one in the low ones;
/// `None` when either does not fit (then nothing is cached: it is only slower).
fn entry(version: u64, slot: usize) -> Option<u64> {
    let slot = u64::try_from(slot + 1).ok()?;
    (slot < 1 << SLOT_BITS && version < 1 << (64 - SLOT_BITS))
        .then_some((version << SLOT_BITS) | slot)
}

/// The builtin `code.names[at]` names, if the cache says so: the keys of `globals`
/// are still those of the version in which the name was missing.
pub(super) fn cached<'a>(
    builtins: &'a DictEntries,
    code: &Code,
    globals: &Dict,
    at: usize,
) -> Option<&'a Value> {
    let version = globals.keys_version()?;
    let cached = code.builtin_slots.get(at)?.load(Ordering::Relaxed);
    let slot = (cached & ((1 << SLOT_BITS) - 1)).checked_sub(1)?;
    if cached >> SLOT_BITS != version {
        return None;
    }
    // Checked by name: a code runs on other runs' builtins too.
    builtins.str_slot(usize::try_from(slot).ok()?, code.names.get(at)?)
}

/// After a lookup that missed `globals` (whose lock the caller holds, so that
/// `version` is that of the keys it missed) and found the builtin in `slot`.
pub(super) fn remember(code: &Code, at: usize, globals: &DictEntries, slot: usize) {
    let Some(version) = globals.keys.as_ref().map(|keys| keys.get()) else {
        return;
    };
    if let (Some(cache), Some(entry)) = (code.builtin_slots.get(at), entry(version, slot)) {
        cache.store(entry, Ordering::Relaxed);
    }
}

impl Vm {
    /// `LoadGlobal` and `LoadName` past the cache: the class body's names (when
    /// `class_body`), then the globals, then the builtins, remembering where the
    /// name was found.
    pub(super) fn load_name(&mut self, at: usize, class_body: bool) -> PyResult<()> {
        let frame = self.frames.last();
        match frame.and_then(|frame| find(frame, &self.interp.builtins, at, class_body)) {
            Some(value) => {
                self.push(value);
                Ok(())
            }
            None => {
                let name = frame
                    .and_then(|frame| frame.code.names.get(at).cloned())
                    .unwrap_or_default();
                Err(self.error("NameError", format!("name '{name}' is not defined")))
            }
        }
    }
}

fn find(frame: &Frame, builtins: &DictEntries, at: usize, class_body: bool) -> Option<Value> {
    let code = &frame.code;
    let name = code.names.get(at)?;
    if let (true, Some(names)) = (class_body, &frame.names) {
        if let Some(value) = locked(&names.entries).get(&Key::Str(name.clone())) {
            return Some(value.clone());
        }
    }
    let globals = locked(&frame.globals.entries);
    if let Some(value) = code
        .global_slot(at)
        .and_then(|slot| globals.str_slot(slot, name))
    {
        return Some(value.clone());
    }
    let key = Key::Str(name.clone());
    if let Some(slot) = globals.slot_of(&key) {
        code.remember_global_slot(at, slot);
        return globals.str_slot(slot, name).cloned();
    }
    let slot = builtins.slot_of(&key)?;
    // Still under the globals' lock: the version is that of the keys just missed.
    remember(code, at, &globals, slot);
    builtins.str_slot(slot, name).cloned()
}

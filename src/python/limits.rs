//! What one run may use, so that a program hits a Python error and never a wasm
//! trap: the heap (`MemoryError` before the 1 GiB memory is full), the native stack
//! and the nesting of interpreter loops (`RecursionError` before a worker's stack
//! overflows).

use super::vm::{PyResult, Vm};

/// The heap a run may hold: far below the wasm memory's hard limit (1 GiB), where a
/// failed allocation would abort a worker, with room for a `list` to double.
pub const MEMORY_LIMIT: usize = 256 << 20;
/// Lists shorter than this grow without a look at the cap: their doubling is small.
const GROWTH_CHECKED: usize = 4096;

/// Bytes of native stack a thread's interpreter may use: wasm-bindgen gives each
/// Web Worker 2 MiB (`DEFAULT_THREAD_STACK_SIZE`), std each spawned OS thread 2 MiB.
pub(super) const STACK_BUDGET: usize = 1_400_000;

/// Interpreter loops one thread may nest (calls through native code). In Chromium a
/// worker's stack for wasm frames is about 1 MB, and a nesting level takes several
/// large frames: a 2,000-deep recursion through `__init__` trapped where this bound
/// now raises `RecursionError` (tests/browser/python.test.mjs).
pub(super) const MAX_NESTED_RUNS: u32 = 100;

/// Where the native stack is now: the address of a local (stacks grow down, on wasm
/// as on the machines we build for).
#[inline(never)]
pub(super) fn stack_here() -> usize {
    let here = 0u8;
    std::ptr::addr_of!(here) as usize
}

impl Vm {
    /// Raises `MemoryError` if `bytes` more would take the run past [`MEMORY_LIMIT`].
    ///
    /// # Errors
    /// `MemoryError`, CPython's for an allocation that failed.
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        let held = crate::runtime::memory::live_bytes().saturating_sub(self.interp.memory_base);
        if held.saturating_add(bytes) > MEMORY_LIMIT {
            return Err(self.error("MemoryError", ""));
        }
        Ok(())
    }

    /// Before a push onto `items`: if it is full, the push doubles it, so the heap
    /// must have room for that first. A check after the fact (`reserve(0)`) would
    /// let a 256 MB list become 512 MB before it saw the cap, and the wasm memory
    /// grow for ever by that much.
    ///
    /// # Errors
    /// `MemoryError`, as [`Vm::reserve`].
    pub fn reserve_growth<T>(&self, items: &Vec<T>) -> PyResult<()> {
        if items.len() == items.capacity() && items.capacity() >= GROWTH_CHECKED {
            return self.reserve(items.capacity().saturating_mul(std::mem::size_of::<T>()));
        }
        Ok(())
    }

    /// Native stack used since this thread's interpreter was made.
    pub(super) fn stack_used(&self) -> usize {
        self.stack_base.saturating_sub(stack_here())
    }
}

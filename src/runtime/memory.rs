//! How much heap the program holds: the allocator counts its live bytes, so that a
//! Python run can be capped (`MemoryError`) before the wasm memory's hard limit
//! (1 GiB) is reached. There, an allocation that fails aborts the thread, and a
//! worker that aborts is a worker lost.

#![allow(unsafe_code)] // a global allocator is an `unsafe impl` by definition

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, Ordering};

/// The system allocator (dlmalloc on wasm), counting; with threads in wasm, small
/// blocks go through a cache of each thread's own first ([`cache`]).
pub struct Counting;

/// Bytes held, as the threads last told it: signed, since one thread may free what
/// another allocated before that one's count came in.
static LIVE: AtomicIsize = AtomicIsize::new(0);

/// How far a thread's own count may run ahead of [`LIVE`]. Each thread adds to
/// `LIVE` once per this many bytes, not on every allocation: free-threaded Python
/// allocates on nearly every call, and one counter written by every thread moved
/// its cache line from core to core on each (two threads of `count_primes` took
/// 1.26x one thread's time natively; 1.09x without the counter). The cap is then
/// exact to within this much per thread.
const SLACK: isize = 64 * 1024;

thread_local! {
    /// This thread's bytes allocated minus freed, not yet added to [`LIVE`]. A
    /// `const` cell: reading it allocates nothing and registers no destructor, as
    /// an allocator must.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// Counts `bytes` (negative: freed) toward [`LIVE`].
fn count(bytes: isize) {
    // A thread being torn down has no thread-locals left: count directly.
    let flushed = PENDING.try_with(|pending| {
        let now = pending.get() + bytes;
        if now.abs() >= SLACK {
            pending.set(0);
            LIVE.fetch_add(now, Ordering::Relaxed);
        } else {
            pending.set(now);
        }
    });
    if flushed.is_err() {
        LIVE.fetch_add(bytes, Ordering::Relaxed);
    }
}

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed on unchanged (to `System`, or to the thread cache,
// which hands out `System`'s blocks); only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        let ptr = unsafe { cache::alloc(layout) };
        if !ptr.is_null() {
            count(signed(layout.size()));
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let ptr = unsafe { cache::alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(signed(layout.size()));
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { cache::dealloc(ptr, layout) };
        count(-signed(layout.size()));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let new = unsafe { cache::realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(signed(new_size) - signed(layout.size()));
        }
        new
    }
}

/// Small blocks, kept by the thread that freed them for its next allocation of the
/// size. Rust's allocator on wasm is dlmalloc behind one lock for all threads: the
/// interpreter allocates for nearly every call and generator step, and two Python
/// threads without the GIL spent their time queueing on that lock — allocating
/// twice in two threads took 2.7 times as long as in one (measured in Chromium
/// here). With each thread's cache, they take the lock only when the cache runs dry
/// or overflows. A worker lives as long as the page, so nothing is left behind at a
/// thread's end; natively the system's allocator already keeps a cache per thread.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
mod cache {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::ptr;

    /// Sizes are rounded up to a multiple of this, …
    const STEP: usize = 16;
    /// … up to this many steps (256 bytes); larger blocks go to `System` directly.
    const CLASSES: usize = 16;
    /// Blocks kept per size, per thread: a few dozen kilobytes at most.
    const KEEP: u32 = 64;
    /// dlmalloc's own alignment on wasm32: blocks aligned more strictly go to `System`.
    const ALIGN: usize = 8;

    thread_local! {
        /// Each size's free blocks, linked through their first word.
        static FREE: [Cell<*mut u8>; CLASSES] = const { [const { Cell::new(ptr::null_mut()) }; CLASSES] };
        static KEPT: [Cell<u32>; CLASSES] = const { [const { Cell::new(0) }; CLASSES] };
    }

    fn class(layout: Layout) -> Option<usize> {
        let size = layout.size();
        (size > 0 && size <= STEP * CLASSES && layout.align() <= ALIGN).then(|| (size - 1) / STEP)
    }

    /// The layout every block of `class` is allocated from `System` with.
    fn block(class: usize) -> Layout {
        // SAFETY: a nonzero multiple of 16, at most 256, with a power-of-two alignment.
        unsafe { Layout::from_size_align_unchecked(STEP * (class + 1), ALIGN) }
    }

    /// A block of `class` from this thread's cache, if it has one.
    fn take(class: usize) -> *mut u8 {
        FREE.try_with(|free| {
            let head = free[class].get();
            if !head.is_null() {
                // SAFETY: a cached block's first word is the next cached block.
                free[class].set(unsafe { head.cast::<*mut u8>().read() });
                KEPT.with(|kept| kept[class].set(kept[class].get() - 1));
            }
            head
        })
        .unwrap_or_default()
    }

    /// Keeps `ptr` (a block of `class` no one uses) if the cache has room.
    fn keep(ptr: *mut u8, class: usize) -> bool {
        FREE.try_with(|free| {
            KEPT.with(|kept| {
                if kept[class].get() >= KEEP {
                    return false;
                }
                // SAFETY: the block is at least 16 bytes, aligned for a pointer, and free.
                unsafe { ptr.cast::<*mut u8>().write(free[class].get()) };
                free[class].set(ptr);
                kept[class].set(kept[class].get() + 1);
                true
            })
        })
        .unwrap_or(false)
    }

    pub unsafe fn alloc(layout: Layout) -> *mut u8 {
        let Some(class) = class(layout) else {
            // SAFETY: the caller's contract is `System`'s.
            return unsafe { System.alloc(layout) };
        };
        let cached = take(class);
        if cached.is_null() {
            // SAFETY: `block` is a valid, nonzero layout.
            unsafe { System.alloc(block(class)) }
        } else {
            cached
        }
    }

    pub unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
        if class(layout).is_none() {
            // SAFETY: as above.
            return unsafe { System.alloc_zeroed(layout) };
        }
        // SAFETY: as above; the block has `layout.size()` bytes to zero.
        unsafe {
            let ptr = alloc(layout);
            if !ptr.is_null() {
                ptr.write_bytes(0, layout.size());
            }
            ptr
        }
    }

    pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
        match class(layout) {
            Some(class) if keep(ptr, class) => {}
            // SAFETY: a small block was allocated as its class's `block`.
            Some(class) => unsafe { System.dealloc(ptr, block(class)) },
            // SAFETY: as above.
            None => unsafe { System.dealloc(ptr, layout) },
        }
    }

    pub unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller gives a valid alignment and a size that does not overflow.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new_layout)) {
            // SAFETY: as above.
            (None, None) => unsafe { System.realloc(ptr, layout, new_size) },
            (Some(old), Some(new)) if old == new => ptr,
            // Into or out of the small sizes: a new block, the bytes copied over.
            // SAFETY: both blocks are live and at least `min` bytes long.
            _ => unsafe {
                let moved = alloc(new_layout);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                    dealloc(ptr, layout);
                }
                moved
            },
        }
    }
}

/// Without threads in wasm, or natively: the system allocator as it is.
#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
mod cache {
    use std::alloc::{GlobalAlloc, Layout, System};

    pub unsafe fn alloc(layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    pub unsafe fn alloc_zeroed(layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    pub unsafe fn dealloc(ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    pub unsafe fn realloc(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated and not yet freed, by every thread (to within [`SLACK`] per
/// thread).
pub fn live_bytes() -> usize {
    usize::try_from(LIVE.load(Ordering::Relaxed)).unwrap_or(0)
}

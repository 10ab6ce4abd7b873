//! A panic anywhere ends the run at once and says what died.
//!
//! In wasm a panic aborts: the thread traps and its Web Worker runs nothing of ours
//! again, without unwinding, so no destructor tells its waiters. The panic hook is
//! the one place that still runs on the dying thread. On a worker it sends a `died`
//! event down the run's channel (lock-free) so the UI thread ends the run now
//! rather than at its deadline, and the pool plans with one worker fewer. On the UI
//! thread itself the page's state can no longer be trusted: it tells the page,
//! which asks for a reload.

use super::now;
use crate::runtime::record::Event;
use crate::runtime::sync::{must_not_block, spin_lock};
use futures_channel::mpsc::UnboundedSender;
use std::panic::PanicHookInfo;
use std::sync::{Mutex, TryLockError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function uiThreadPanicked(message) {
  // The page (potoki.js) listens: its state cannot be trusted after this.
  globalThis.dispatchEvent(new CustomEvent('potoki:panic', { detail: message }));
}
")]
extern "C" {
    #[wasm_bindgen(js_name = uiThreadPanicked)]
    fn ui_thread_panicked(message: &str);
}

/// The run in progress, as the panic hook needs it.
struct Watched {
    events: UnboundedSender<Event>,
    t0: f64,
}

static RUN: Mutex<Option<Watched>> = Mutex::new(None);

/// Installs the hook: the console message first (where and why), then the report.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        report(info);
    }));
}

/// From now on a panic is reported to this run (whose times count from `t0`).
/// Called on the UI thread.
pub fn watch(events: UnboundedSender<Event>, t0: f64) {
    *spin_lock(&RUN) = Some(Watched { events, t0 });
}

/// The run has ended: nothing to report to.
pub fn unwatch() {
    *spin_lock(&RUN) = None;
}

fn report(info: &PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned());
    if must_not_block() {
        ui_thread_panicked(&message);
        return;
    }
    #[cfg(feature = "threads")]
    let thread = {
        super::workers::dying();
        rayon::current_thread_index().map_or(0, |i| i as u32 + 1)
    };
    // Without threads every panic is on the UI thread, handled above.
    #[cfg(not(feature = "threads"))]
    let thread = 0;
    // The lock is held only for a store, on the UI thread; still, a hook must never
    // wait for ever, so it gives up after a while rather than hang the dying thread.
    for _ in 0..100_000 {
        match RUN.try_lock() {
            Ok(run) => {
                if let Some(run) = run.as_ref() {
                    let _ = run.events.unbounded_send(Event::Died {
                        thread,
                        message,
                        t_ms: now() - run.t0,
                    });
                }
                return;
            }
            Err(TryLockError::Poisoned(_)) => return,
            Err(TryLockError::WouldBlock) => std::hint::spin_loop(),
        }
    }
}

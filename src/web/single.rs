//! The single-threaded build's machine, for pages that may not share memory (not
//! cross-origin isolated: Firefox or Safari inside a course page's iframe, a host
//! without the headers). Each of the lesson's threads is a coroutine on the page's
//! one thread, with a thread number of its own; sleeps are timers and downloads
//! plain fetches, so the lines, their order and the wall times are those of real
//! threads. CPU work cannot overlap here: a count runs to its end before another.

use super::io::WebIo;
use super::{now, Start};
use crate::runtime::io::Io;
use crate::runtime::machine::simulated::{current, AsThread};
use crate::runtime::machine::{CannotStart, Runtime, ThreadMain};
use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsValue;

use super::fetch::RunScope;

thread_local! {
    /// The run in progress: its Stop and its page handler, for the coroutines' waits.
    static SCOPE: RefCell<Option<Rc<RunScope>>> = const { RefCell::new(None) };
}

/// There is no pool to start: the machine is ready at once.
pub fn start(_threads: usize) -> Promise {
    Promise::resolve(&JsValue::UNDEFINED)
}

/// Simulated threads cannot die apart from the page: all of them are left.
pub fn threads_left() -> usize {
    usize::MAX
}

struct Simulated {
    next_id: AtomicU32,
}

impl Runtime for Simulated {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let body = main();
        wasm_bindgen_futures::spawn_local(AsThread {
            id,
            body: Box::pin(async move { drop(body.await) }),
        });
        Ok(())
    }

    fn now_ms(&self) -> f64 {
        now()
    }

    fn thread_id(&self) -> u32 {
        current()
    }

    fn io(&self) -> Option<Box<dyn Io + '_>> {
        // No run in progress: nothing should wait (the program's blocking wait would
        // do no good either).
        let scope = SCOPE.with(|scope| scope.borrow().clone())?;
        Some(Box::new(WebIo { scope }))
    }

    fn threaded(&self) -> bool {
        false
    }
}

/// Starts the run; a coroutine can always start.
///
/// # Errors
/// None in this build: the signature is the threaded build's.
pub fn run(mut start: Start) -> Result<(), CannotStart> {
    SCOPE.with(|scope| *scope.borrow_mut() = Some(start.scope.clone()));
    // Thread 1 is the main thread; the others count up from 2.
    let program = start.program(Arc::new(Simulated {
        next_id: AtomicU32::new(2),
    }));
    let plan = start.plan;
    wasm_bindgen_futures::spawn_local(AsThread {
        id: 1,
        body: Box::pin(async move {
            crate::python::host::run(&plan, &program).await;
        }),
    });
    Ok(())
}

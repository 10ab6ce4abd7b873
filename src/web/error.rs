//! Everything that can go wrong at the boundary, typed, and turned into a JS `Error`
//! once, here.

use crate::runtime::plan::{PlanError, MAX_POOL_THREADS};
use js_sys::Reflect;
use std::fmt;
use wasm_bindgen::prelude::*;

/// Everything that can go wrong at the boundary.
#[derive(Debug)]
pub(crate) enum WebError {
    Plan(PlanError),
    PoolNotStarted,
    PoolSize(usize),
    Busy,
    Convert(String),
    /// No worker was free for the program's main thread.
    NoThread,
    /// A thread of the run died: a panic aborts a wasm thread.
    Died {
        thread: u32,
        message: String,
    },
    /// The run's channel closed before its last event.
    Ended,
    /// Python that does not parse, or is outside the subset.
    Python(crate::python::PythonError),
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebError::Plan(e) => e.fmt(f),
            WebError::PoolNotStarted => write!(
                f,
                "the thread pool is not started: call createPlayground() first"
            ),
            WebError::PoolSize(n) => {
                write!(f, "threads: {n} is not between 2 and {MAX_POOL_THREADS}")
            }
            WebError::Busy => write!(f, "a run is already going: wait for it or stop it first"),
            WebError::Convert(why) => write!(f, "could not pass a value to JS: {why}"),
            WebError::NoThread => write!(
                f,
                "RuntimeError: can't start new thread: no worker of the pool is free"
            ),
            WebError::Died { thread, message } => write!(
                f,
                "thread {thread} of the pool died ({message}): the run was stopped"
            ),
            WebError::Ended => write!(
                f,
                "the run ended without its record: a thread died; reload the page"
            ),
            WebError::Python(error) => {
                write!(f, "{}: {} (line {})", error.kind, error.message, error.line)
            }
        }
    }
}

impl From<WebError> for JsValue {
    fn from(error: WebError) -> JsValue {
        let value: JsValue = JsError::new(&error.to_string()).into();
        if let WebError::Python(python) = &error {
            // Where, for the editor to underline: `.line`, `.col` (1-based), `.type`.
            for (key, field) in [
                ("line", JsValue::from(python.line as u32)),
                ("col", JsValue::from(python.col as u32)),
                ("type", JsValue::from_str(&python.kind)),
            ] {
                let _ = Reflect::set(&value, &JsValue::from_str(key), &field);
            }
        }
        value
    }
}

impl From<PlanError> for WebError {
    fn from(error: PlanError) -> Self {
        WebError::Plan(error)
    }
}

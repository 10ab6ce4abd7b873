//! potoki — a Russian lesson on Python threads (`threading`, `concurrent.futures`),
//! run for real. How the parts fit: `docs/architecture.md`.
//!
//! Three layers, each using only those below it:
//! - [`runtime`]: the threads (a Web Worker in the browser, an OS thread in `cargo
//!   test`), the pool, I/O, Stop and the run record;
//! - [`python`], the interpreter whose threads are the runtime's: it runs the
//!   student's programs and the lesson's listings (their Python, as the page shows it);
//! - `web`, the one boundary to JS (wasm-bindgen), built for wasm32 only.
//!
//! Everything but `web` compiles and is tested natively.

#![deny(unsafe_code)]

pub mod python;
pub mod runtime;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue
mod web;

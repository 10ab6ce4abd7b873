//! potoki — a Russian lesson on Python threads (`threading`, `concurrent.futures`),
//! run for real. How the parts fit: `docs/architecture.md`.
//!
//! The lesson's programs are written again in Rust, one function per listing
//! ([`scenario`]), on top of small copies of the Python tools they use:
//! `threading.Thread` ([`threading`]) and `concurrent.futures`
//! ([`concurrent`]). Every "thread" of the lesson is a real thread: a Web Worker
//! in the browser, an OS thread in `cargo test`. Only [`web`] knows about
//! wasm-bindgen; everything else compiles and is tested natively.

#![deny(unsafe_code)]

pub mod asyncio;
pub mod cancel;
pub mod concurrent;
pub mod cpu;
pub mod image;
pub mod io;
pub mod lines;
pub mod memory;
pub mod plan;
pub mod program;
pub mod python;
pub mod record;
pub mod runtime;
pub mod scenario;
pub mod sync;
pub mod task;
pub mod threading;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue
mod web;

//! The runtime the lesson's programs run on: threads, the pool, I/O, the record.
//! The Python interpreter ([`crate::python`]) stands on it; nothing here knows of it,
//! nor of the page ([`crate::web`] is the one boundary to JS).
//!
//! Inside, each module uses only those listed before it:
//! - the machine: [`memory`], [`cpu`], [`sync`] (locks, signals, `block_on`),
//!   [`cancel`] (Stop), [`io`] (how a task waits), [`machine`] (the threads: Web
//!   Workers, OS threads, or simulated);
//! - what a run is: [`lines`] (the lesson's printed words), [`image`], [`plan`],
//!   [`record`] (events and the run record), [`recorder`] (stamps and sends them),
//!   [`program`] (one run's machine, clock, Stop and record).

pub mod cancel;
pub mod cpu;
pub mod image;
pub mod io;
pub mod lines;
pub mod machine;
pub mod memory;
pub mod plan;
pub mod program;
pub mod record;
pub mod recorder;
pub mod sync;

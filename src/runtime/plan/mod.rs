//! What the student edited, checked: scenario, the list of tasks, `max_workers`.
//!
//! Nothing here panics on input. Every refusal is a [`PlanError`] that names the
//! place (`secs[3]`) and the reason, and the page shows it next to that field.

use crate::runtime::lines::Lang;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

mod args;
mod scenario;
#[cfg(test)]
mod tests;

use args::{parse_all_secs, parse_compute, parse_images, quoted};
pub use args::{split_list, Arg, Secs};
pub use scenario::Scenario;

/// The largest pool a page may start (the `threads=` parameter).
pub const MAX_POOL_THREADS: usize = 64;
/// Tasks in one run.
pub const MAX_TASKS: usize = 10_000;
/// Images in one run.
pub const MAX_IMAGES: usize = 100;
/// The largest `count_primes(n)`: about a second of one core.
pub const MAX_COMPUTE_N: u64 = 5_000_000;
/// All the `n` of one run added up.
pub const MAX_TOTAL_COMPUTE_N: u64 = 100_000_000;
/// All the `n` of one run where threads are simulated: the counting then runs on
/// the page's own thread, and the page waits for it.
pub const MAX_SIMULATED_COMPUTE_N: u64 = 6_000_000;
/// One `sleep(sec)`.
pub const MAX_SLEEP_SECS: f64 = 60.0;
/// All the sleeps of one run added up (the sequential scenario takes this long).
pub const MAX_TOTAL_SLEEP_SECS: f64 = 600.0;

/// What the page knows about the machine the plan will run on.
#[derive(Debug, Clone, Copy)]
pub struct Machine {
    /// Threads in the Web Worker pool started with the page.
    pub pool_threads: usize,
    /// `navigator.hardwareConcurrency`: Python's `os.cpu_count()`.
    pub cores: usize,
    /// Real threads (Web Workers); `false` where they are simulated on one thread.
    pub threaded: bool,
}

/// Where `max_workers` came from, so the page can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "from")]
pub enum Workers {
    /// The student set it.
    Given,
    /// Python's default, `min(32, os.cpu_count() + 4)`.
    PythonDefault,
    /// Python's default, lowered to what the pool can run beside the main thread.
    CappedByPool { python_default: usize },
}

/// A checked run: what the scenario code executes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub scenario: Scenario,
    /// One per task, in submission order.
    pub args: Vec<Arg>,
    pub max_workers: usize,
    pub workers: Workers,
    pub lang: Lang,
    /// Threads the run needs at once, main thread included.
    pub threads_needed: usize,
    /// The machine's cores (`os.cpu_count()`), for the record.
    pub cores: usize,
    /// Past this many milliseconds the run is not just slow: a thread has died (a
    /// panic aborts a wasm thread). Far above the slowest honest run of the plan.
    pub deadline_ms: f64,
    /// [`Scenario::Python`]: the program's source (`main.py`).
    #[serde(skip)]
    pub code: Option<Arc<str>>,
    /// The listing's function whose calls on the main thread are tasks of the record,
    /// as a thread's or a future's are (`sleep` in `sequential`).
    #[serde(skip)]
    pub task_function: Option<Arc<str>>,
    /// [`Scenario::Python`]: one thread runs bytecode at a time (CPython 3.11–3.14);
    /// `false`: free-threaded, as CPython 3.14t.
    pub gil: bool,
}

/// The student's input, as text, before checking.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub scenario: Option<String>,
    /// One entry per task (from a JS array), or `None` for the lesson's numbers.
    pub secs: Option<Vec<String>>,
    /// Absolute image URLs, one per task, instead of `secs`.
    pub images: Option<Vec<String>>,
    /// `count_primes(n)` tasks, one `n` per task, instead of `secs`.
    pub compute: Option<Vec<String>>,
    pub workers: Option<String>,
    pub lang: Option<String>,
    /// A Python program to run instead of a listing.
    pub code: Option<String>,
    /// `1`/`true` (the default) or `0`/`false`: the GIL of a Python run.
    pub gil: Option<String>,
}

/// A refused plan: `place: reason`, e.g. `secs[3]: "abc" is not a number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub place: String,
    pub reason: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

impl std::error::Error for PlanError {}

pub(super) fn refuse<T>(
    place: impl Into<String>,
    reason: impl Into<String>,
) -> Result<T, PlanError> {
    Err(PlanError {
        place: place.into(),
        reason: reason.into(),
    })
}

fn parse_workers(input: Option<&str>, machine: Machine) -> Result<(usize, Workers), PlanError> {
    let limit = machine.pool_threads.saturating_sub(1).max(1);
    let python_default = 32.min(machine.cores + 4);
    let given = input.map(str::trim).filter(|text| !text.is_empty());
    let Some(text) = given else {
        return Ok(if python_default > limit {
            (limit, Workers::CappedByPool { python_default })
        } else {
            (python_default, Workers::PythonDefault)
        });
    };
    let Ok(n) = text.parse::<usize>() else {
        return refuse("workers", format!("{} is not a whole number", quoted(text)));
    };
    if n == 0 {
        return refuse(
            "workers",
            "max_workers must be greater than 0 (Python says so too)",
        );
    }
    if n > limit {
        return refuse(
            "workers",
            format!(
                "{n} is more than this page's pool can run beside the main thread \
                 ({limit}); open the page with threads={} to allow it",
                (n + 1).min(MAX_POOL_THREADS)
            ),
        );
    }
    Ok((n, Workers::Given))
}

impl Plan {
    /// Checks the student's input against the lesson and the machine.
    ///
    /// # Errors
    /// A [`PlanError`] naming the first bad field and why.
    pub fn parse(input: &PlanInput, machine: Machine) -> Result<Plan, PlanError> {
        if let Some(code) = &input.code {
            if input.scenario.is_some() {
                return Plan::listing_as_python(code, input, machine);
            }
            return Plan::python(code, input, machine);
        }
        let scenario_id = input.scenario.as_deref().map(str::trim).unwrap_or("");
        let Some(scenario) = Scenario::from_id(scenario_id) else {
            let known: Vec<&str> = Scenario::ALL.iter().map(|s| s.id()).collect();
            return refuse(
                "scenario",
                format!("{} is not one of {}", quoted(scenario_id), known.join(", ")),
            );
        };

        let lang = match input.lang.as_deref() {
            None | Some("") => Lang::default(),
            Some(text) => match Lang::parse(text) {
                Some(lang) => lang,
                None => return refuse("lang", format!("{} is not ru or en", quoted(text))),
            },
        };

        let given = [
            input.secs.is_some(),
            input.images.is_some(),
            input.compute.is_some(),
        ];
        if given.iter().filter(|&&g| g).count() > 1 {
            return refuse("secs", "give one list: secs, images or compute");
        }
        let args = if let Some(items) = &input.secs {
            parse_all_secs(items)?
        } else if let Some(images) = &input.images {
            parse_images(images)?
        } else if let Some(items) = &input.compute {
            parse_compute(items)?
        } else {
            scenario
                .lesson_secs()
                .iter()
                .map(|&s| {
                    Arg::Secs(Secs {
                        secs: f64::from(s),
                        text: s.to_string(),
                    })
                })
                .collect()
        };
        if !machine.threaded && input.compute.is_some() {
            let total: u64 = args
                .iter()
                .map(|arg| match arg {
                    Arg::Compute { n } => *n,
                    _ => 0,
                })
                .sum();
            if total > MAX_SIMULATED_COMPUTE_N {
                return refuse(
                    "compute",
                    format!(
                        "{total} in all is more than this page may count ({MAX_SIMULATED_COMPUTE_N}): \
                         this browser gives it no threads here, so the counts take turns on the \
                         page's own thread"
                    ),
                );
            }
        }
        if scenario.is_async() && input.compute.is_some() {
            return refuse(
                "compute",
                "asyncio runs every coroutine on one thread: counting primes there blocks its \
                 event loop until done, and the coroutines simply run one after another. \
                 Threads count at once: pick a thread listing",
            );
        }

        // `max_workers` belongs to the pool listings; the others ignore the field.
        let workers_input = if scenario.uses_pool() {
            input.workers.as_deref()
        } else {
            None
        };
        let (max_workers, workers) = parse_workers(workers_input, machine)?;
        let threads_needed = scenario.threads_needed(args.len(), max_workers);
        if threads_needed > machine.pool_threads {
            return refuse(
                if input.images.is_some() { "images" } else { "secs" },
                format!(
                    "{} threads and the main thread need {threads_needed} threads at once; \
                     this page started {} (open it with threads={threads_needed}, at most {MAX_POOL_THREADS})",
                    args.len(),
                    machine.pool_threads
                ),
            );
        }
        let deadline_ms = deadline_ms(&args);
        Ok(Plan {
            scenario,
            args,
            max_workers,
            workers,
            lang,
            threads_needed,
            cores: machine.cores,
            deadline_ms,
            code: None,
            task_function: None,
            gil: true,
        })
    }

    /// A listing run as its Python (`code`: the page's text of it, with the list):
    /// checked as the listing is, then run by the interpreter. Its calls of the task
    /// function on the main thread (`sequential`'s `sleep`, `download_one_image`,
    /// `count_primes`) are tasks, as the Rust listing's are.
    fn listing_as_python(
        code: &str,
        input: &PlanInput,
        machine: Machine,
    ) -> Result<Plan, PlanError> {
        let listing = Plan::parse(
            &PlanInput {
                code: None,
                ..input.clone()
            },
            machine,
        )?;
        let python = Plan::python(code, input, machine)?;
        let task_function = match listing.args.first() {
            Some(Arg::Image(_)) => "download_one_image",
            Some(Arg::Compute { .. }) => "count_primes",
            _ => "sleep",
        };
        // The interpreter counts some 30 times slower than Rust: a count's deadline,
        // made for Rust, would give up on an honest run (and the page with it).
        let deadline_ms = match listing.args.first() {
            Some(Arg::Compute { .. }) => python.deadline_ms,
            _ => listing.deadline_ms,
        };
        Ok(Plan {
            code: python.code,
            gil: python.gil,
            deadline_ms,
            task_function: (listing.scenario == Scenario::Sequential)
                .then(|| Arc::from(task_function)),
            threads_needed: listing.threads_needed,
            ..listing
        })
    }

    /// A Python program to run: `{ code, gil, lang }`.
    fn python(code: &str, input: &PlanInput, machine: Machine) -> Result<Plan, PlanError> {
        if code.len() > MAX_CODE_BYTES {
            return refuse(
                "code",
                format!(
                    "{} bytes is more than a program may have here ({MAX_CODE_BYTES})",
                    code.len()
                ),
            );
        }
        let gil = match input.gil.as_deref().map(str::trim) {
            None | Some("" | "1" | "true" | "on") => true,
            Some("0" | "false" | "off") => false,
            Some(other) => return refuse("gil", format!("{} is not 1 or 0", quoted(other))),
        };
        // Simulated threads take turns on the page's one thread, as with the GIL:
        // there is nothing to switch off.
        let gil = gil || !machine.threaded;
        let lang = match input.lang.as_deref() {
            None | Some("") => Lang::default(),
            Some(text) => match Lang::parse(text) {
                Some(lang) => lang,
                None => return refuse("lang", format!("{} is not ru or en", quoted(text))),
            },
        };
        Ok(Plan {
            scenario: Scenario::Python,
            args: Vec::new(),
            max_workers: 32.min(machine.cores + 4),
            workers: Workers::PythonDefault,
            lang,
            threads_needed: 1,
            cores: machine.cores,
            // How long a program runs is not known beforehand; a thread that dies is
            // reported by the panic hook, so this is only the last safety net.
            deadline_ms: PYTHON_DEADLINE_MS,
            code: Some(Arc::from(code)),
            task_function: None,
            gil,
        })
    }
}

/// The longest program text `code` may be.
pub const MAX_CODE_BYTES: usize = 200_000;
/// The safety net of a Python run: an hour.
const PYTHON_DEADLINE_MS: f64 = 3_600_000.0;

/// The longest a plan's run can take, its tasks one after another at their worst
/// (a download: no first byte for 30 s, then the whole transfer limit), half again,
/// and ten seconds more.
fn deadline_ms(args: &[Arg]) -> f64 {
    let worst: f64 = args
        .iter()
        .map(|arg| match arg {
            Arg::Secs(secs) => secs.ms(),
            Arg::Image(_) => {
                f64::from(
                    crate::runtime::io::FIRST_BYTE_TIMEOUT_SECS
                        + crate::runtime::io::DOWNLOAD_TIMEOUT_SECS,
                ) * 1000.0
            }
            // Trial division to n: about (n / 10⁶)^1.5 × 0.4 s on a slow core.
            Arg::Compute { n } => (*n as f64 / 1e6).powf(1.5) * 400.0,
        })
        .sum();
    worst * 1.5 + 10_000.0
}

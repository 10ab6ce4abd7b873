//! What the student edited, checked: scenario, the list of tasks, `max_workers`.
//!
//! Nothing here panics on input. Every refusal is a [`PlanError`] that names the
//! place (`secs[3]`) and the reason, and the page shows it next to that field.

use crate::runtime::image::{Image, UrlProblem};
use crate::runtime::lines::{python_float, quote, Lang};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

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

/// One listing of the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// `sleep_several_times()`: one call after another.
    Sequential,
    /// `t.start()` with no `join()`: "it took" is printed before the threads wake.
    ThreadsNoJoin,
    /// `t.start(); t.join()` inside the loop: threads, yet one at a time.
    ThreadsJoinInLoop,
    /// Start all, then join all.
    Threads,
    /// `executor.submit` into a list, then `f.result()` in order.
    PoolSubmit,
    /// `as_completed(futures)`.
    PoolAsCompleted,
    /// `executor.map`.
    PoolMap,
    /// asyncio on one thread, results taken in order: `for t in tasks: print(await t)`.
    Async,
    /// asyncio on one thread, `asyncio.as_completed(tasks)`.
    AsyncAsCompleted,
    /// A Python program, given as its source (`code`), run by the interpreter.
    Python,
}

impl Scenario {
    pub const ALL: [Scenario; 9] = [
        Scenario::Sequential,
        Scenario::ThreadsNoJoin,
        Scenario::ThreadsJoinInLoop,
        Scenario::Threads,
        Scenario::PoolSubmit,
        Scenario::PoolAsCompleted,
        Scenario::PoolMap,
        Scenario::Async,
        Scenario::AsyncAsCompleted,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Scenario::Sequential => "sequential",
            Scenario::ThreadsNoJoin => "threads_no_join",
            Scenario::ThreadsJoinInLoop => "threads_join_in_loop",
            Scenario::Threads => "threads",
            Scenario::PoolSubmit => "pool_submit",
            Scenario::PoolAsCompleted => "pool_as_completed",
            Scenario::PoolMap => "pool_map",
            Scenario::Async => "async",
            Scenario::AsyncAsCompleted => "async_as_completed",
            Scenario::Python => "python",
        }
    }

    pub fn from_id(id: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Whether the listing uses `ThreadPoolExecutor` (and so `max_workers`).
    pub fn uses_pool(self) -> bool {
        matches!(
            self,
            Scenario::PoolSubmit | Scenario::PoolAsCompleted | Scenario::PoolMap
        )
    }

    /// Whether the listing runs as coroutines on one thread, with no worker threads.
    pub fn is_async(self) -> bool {
        matches!(self, Scenario::Async | Scenario::AsyncAsCompleted)
    }

    /// The lesson's own numbers, when the student gave none.
    pub fn lesson_secs(self) -> &'static [u32] {
        match self {
            Scenario::Sequential => &[1, 1, 1, 1, 1],
            Scenario::ThreadsNoJoin => &[1, 1],
            Scenario::ThreadsJoinInLoop | Scenario::Threads => &[1; 10],
            Scenario::PoolSubmit
            | Scenario::PoolAsCompleted
            | Scenario::PoolMap
            | Scenario::Async
            | Scenario::AsyncAsCompleted => &[5, 4, 3, 2, 1],
            Scenario::Python => &[],
        }
    }

    /// Pool threads the run occupies at once, the program's main thread included
    /// (asyncio's event loop is that thread's).
    pub fn threads_needed(self, tasks: usize, max_workers: usize) -> usize {
        match self {
            // A program's own threads are started as it goes; each start that
            // finds no worker free raises `RuntimeError: can't start new thread`.
            Scenario::Sequential
            | Scenario::Async
            | Scenario::AsyncAsCompleted
            | Scenario::Python => 1,
            Scenario::ThreadsJoinInLoop => 2,
            Scenario::ThreadsNoJoin | Scenario::Threads => 1 + tasks,
            Scenario::PoolSubmit | Scenario::PoolAsCompleted | Scenario::PoolMap => {
                1 + tasks.min(max_workers)
            }
        }
    }
}

/// A `sleep` argument: its value and how Python would print it (`2`, `1.5`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Secs {
    pub secs: f64,
    pub text: String,
}

impl Secs {
    pub fn ms(&self) -> f64 {
        self.secs * 1000.0
    }
}

/// One task's argument: seconds to sleep, an image to download, or how far to
/// count primes (CPU work).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Secs(Secs),
    Image(Image),
    Compute { n: u64 },
}

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

fn refuse<T>(place: impl Into<String>, reason: impl Into<String>) -> Result<T, PlanError> {
    Err(PlanError {
        place: place.into(),
        reason: reason.into(),
    })
}

/// Splits a typed list into its items: `[5, 4, 3]`, `5,4,3` and `5 4 3` all give
/// three. An empty text gives no items.
pub fn split_list(text: &str) -> Vec<String> {
    let inner = text.trim();
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Shortens what the student typed for an error message, so a 10 kB paste does not
/// become a 10 kB message.
fn quoted(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() <= MAX {
        quote(text)
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{}…", quote(&head))
    }
}

fn parse_secs(place: &str, item: &str) -> Result<Secs, PlanError> {
    let item = item.trim();
    let Ok(secs) = item.parse::<f64>() else {
        return refuse(place, format!("{} is not a number", quoted(item)));
    };
    if !secs.is_finite() {
        return refuse(place, format!("{} is not a number", quoted(item)));
    }
    if secs < 0.0 {
        return refuse(
            place,
            format!("{item} is negative; sleep() needs 0 or more seconds"),
        );
    }
    if secs > MAX_SLEEP_SECS {
        return refuse(
            place,
            format!("{item} s is longer than a sleep may be here ({MAX_SLEEP_SECS} s)"),
        );
    }
    // Python keeps `2` an int and `2.0` a float, and prints them so.
    let is_int = item
        .trim_start_matches(['+', '-'])
        .bytes()
        .all(|b| b.is_ascii_digit());
    let text = if is_int {
        format!("{}", secs as u64)
    } else {
        python_float(secs)
    };
    Ok(Secs { secs, text })
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

/// A list of numbers has at least one, and no more tasks than a run may have.
fn check_count(place: &str, items: &[String]) -> Result<(), PlanError> {
    if items.is_empty() {
        return refuse(place, "the list is empty; give at least one number");
    }
    if items.len() > MAX_TASKS {
        return refuse(
            place,
            format!(
                "{} tasks are more than a run may have ({MAX_TASKS})",
                items.len()
            ),
        );
    }
    Ok(())
}

fn parse_all_secs(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    check_count("secs", items)?;
    let secs = items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_secs(&format!("secs[{i}]"), item))
        .collect::<Result<Vec<_>, _>>()?;
    let total: f64 = secs.iter().map(|s| s.secs).sum();
    if total > MAX_TOTAL_SLEEP_SECS {
        return refuse(
            "secs",
            format!(
                "{} s of sleep in all is more than a run may take ({MAX_TOTAL_SLEEP_SECS} s)",
                python_float(total)
            ),
        );
    }
    Ok(secs.into_iter().map(Arg::Secs).collect())
}

fn parse_compute(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    check_count("compute", items)?;
    let mut total: u64 = 0;
    let mut args = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let place = format!("compute[{i}]");
        let item = item.trim().replace('_', "");
        let Ok(n) = item.parse::<u64>() else {
            return refuse(place, format!("{} is not a whole number", quoted(&item)));
        };
        if n > MAX_COMPUTE_N {
            return refuse(
                place,
                format!("{n} is more than count_primes may count to here ({MAX_COMPUTE_N})"),
            );
        }
        total = total.saturating_add(n);
        args.push(Arg::Compute { n });
    }
    if total > MAX_TOTAL_COMPUTE_N {
        return refuse(
            "compute",
            format!("{total} in all is more than a run may count ({MAX_TOTAL_COMPUTE_N})"),
        );
    }
    Ok(args)
}

fn parse_images(items: &[String]) -> Result<Vec<Arg>, PlanError> {
    if items.len() > MAX_IMAGES {
        return refuse(
            "images",
            format!(
                "{} images are more than a run may download ({MAX_IMAGES})",
                items.len()
            ),
        );
    }
    // Blank lines of the editor are skipped; the place names the item among the
    // others and the line it stands on.
    let mut images = Vec::new();
    for (line, item) in items
        .iter()
        .enumerate()
        .filter(|(_, item)| !item.trim().is_empty())
    {
        let place = format!("images[{}] (line {})", images.len(), line + 1);
        let image = Image::parse(item).or_else(|problem| {
            let reason = match problem {
                UrlProblem::Empty => "is empty".to_owned(),
                UrlProblem::TooLong => format!(
                    "the URL is longer than {} characters",
                    crate::runtime::image::MAX_URL_CHARS
                ),
                UrlProblem::NotHttp => {
                    format!("{} is not an http(s) or relative URL", quoted(item.trim()))
                }
            };
            refuse(place, reason)
        })?;
        images.push(Arg::Image(image));
    }
    if images.is_empty() {
        return refuse("images", "the list is empty; give at least one URL");
    }
    Ok(images)
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

#[cfg(test)]
mod tests {
    use super::*;

    const MACHINE: Machine = Machine {
        pool_threads: 16,
        cores: 2,
        threaded: true,
    };

    fn input(scenario: &str, secs: &str) -> PlanInput {
        PlanInput {
            scenario: Some(scenario.into()),
            secs: Some(split_list(secs)),
            ..PlanInput::default()
        }
    }

    fn secs(plan: &Plan) -> Vec<&Secs> {
        plan.args
            .iter()
            .filter_map(|arg| match arg {
                Arg::Secs(secs) => Some(secs),
                Arg::Image(_) | Arg::Compute { .. } => None,
            })
            .collect()
    }

    fn error(input: &PlanInput) -> String {
        Plan::parse(input, MACHINE).unwrap_err().to_string()
    }

    #[test]
    fn secs_are_read_as_a_python_list_or_comma_separated() {
        for text in ["[5, 4, 3, 2, 1]", "5,4,3,2,1", " 5, 4 ,3,2 ,1 "] {
            let plan = Plan::parse(&input("pool_map", text), MACHINE).unwrap();
            let secs: Vec<f64> = secs(&plan).iter().map(|s| s.secs).collect();
            assert_eq!(secs, [5.0, 4.0, 3.0, 2.0, 1.0], "{text}");
        }
    }

    #[test]
    fn a_bad_item_is_named_by_its_python_index() {
        assert_eq!(
            error(&input("threads", "1, 2, 3, abc")),
            r#"secs[3]: "abc" is not a number"#
        );
        assert!(error(&input("threads", "1, -2")).starts_with("secs[1]: -2 is negative"));
        assert!(error(&input("threads", "1, 61")).starts_with("secs[1]: 61 s is longer"));
        assert!(error(&input("threads", "NaN")).starts_with("secs[0]:"));
        assert!(error(&input("threads", "inf")).starts_with("secs[0]:"));
        assert_eq!(
            error(&input("threads", "[]")),
            "secs: the list is empty; give at least one number"
        );
    }

    #[test]
    fn numbers_keep_the_form_python_prints() {
        let plan = Plan::parse(&input("pool_map", "2, 1.5, 0.10, 3.0"), MACHINE).unwrap();
        let texts: Vec<&str> = secs(&plan).iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["2", "1.5", "0.1", "3.0"]);
    }

    #[test]
    fn an_unknown_scenario_lists_the_known_ones() {
        let message = error(&input("pool", "1"));
        assert!(message.starts_with(r#"scenario: "pool" is not one of sequential, "#));
        assert!(message.contains("pool_as_completed"));
    }

    #[test]
    fn missing_secs_take_the_lessons_numbers() {
        let plan = Plan::parse(
            &PlanInput {
                scenario: Some("pool_as_completed".into()),
                ..PlanInput::default()
            },
            MACHINE,
        )
        .unwrap();
        let secs: Vec<&str> = secs(&plan).iter().map(|s| s.text.as_str()).collect();
        assert_eq!(secs, ["5", "4", "3", "2", "1"]);
    }

    #[test]
    fn default_max_workers_is_pythons_capped_by_the_pool() {
        let plan = Plan::parse(&input("pool_map", "1"), MACHINE).unwrap();
        assert_eq!(
            (plan.max_workers, plan.workers),
            (6, Workers::PythonDefault)
        );

        let big = Machine {
            pool_threads: 8,
            cores: 16,
            threaded: true,
        };
        let plan = Plan::parse(&input("pool_map", "1"), big).unwrap();
        assert_eq!(plan.max_workers, 7);
        assert_eq!(plan.workers, Workers::CappedByPool { python_default: 20 });
    }

    #[test]
    fn max_workers_is_checked_against_the_pool() {
        let mut plan = input("pool_submit", "1,2");
        plan.workers = Some("0".into());
        assert!(error(&plan).starts_with("workers: max_workers must be greater than 0"));
        plan.workers = Some("x".into());
        assert_eq!(error(&plan), r#"workers: "x" is not a whole number"#);
        plan.workers = Some("16".into());
        assert!(error(&plan).contains("threads=17"), "{}", error(&plan));
        plan.workers = Some("15".into());
        assert_eq!(Plan::parse(&plan, MACHINE).unwrap().max_workers, 15);
    }

    fn images(urls: &[&str]) -> PlanInput {
        PlanInput {
            scenario: Some("pool_map".into()),
            images: Some(urls.iter().map(|u| (*u).to_owned()).collect()),
            ..PlanInput::default()
        }
    }

    #[test]
    fn images_are_checked_one_line_at_a_time() {
        let plan =
            Plan::parse(&images(&["https://example.com/a/paw-1394447.jpg"]), MACHINE).unwrap();
        assert!(matches!(&plan.args[0], Arg::Image(image) if image.name == "paw-1394447.jpg"));
        assert_eq!(
            error(&images(&[
                "https://example.com/a.jpg",
                "javascript:alert(1)"
            ])),
            r#"images[1] (line 2): "javascript:alert(1)" is not an http(s) or relative URL"#
        );
        assert_eq!(
            error(&images(&[])),
            "images: the list is empty; give at least one URL"
        );
        let many = vec!["https://example.com/a.jpg"; MAX_IMAGES + 1];
        assert!(error(&images(&many)).contains("(100)"));
        let mut both = images(&["https://example.com/a.jpg"]);
        both.secs = Some(vec!["1".into()]);
        assert_eq!(error(&both), "secs: give one list: secs, images or compute");
    }

    #[test]
    fn compute_takes_whole_numbers_within_the_limit() {
        let mut plan = input("threads", "");
        plan.secs = None;
        plan.compute = Some(split_list("1_000_000, 200"));
        let checked = Plan::parse(&plan, MACHINE).unwrap();
        assert_eq!(
            checked.args,
            [Arg::Compute { n: 1_000_000 }, Arg::Compute { n: 200 }]
        );
        plan.compute = Some(split_list("5, 1.5"));
        assert_eq!(error(&plan), r#"compute[1]: "1.5" is not a whole number"#);
        plan.compute = Some(split_list("99999999"));
        assert!(error(&plan).starts_with("compute[0]: 99999999 is more than"));
        let single = Machine {
            threaded: false,
            ..MACHINE
        };
        plan.compute = Some(split_list("4000000, 4000000"));
        assert!(Plan::parse(&plan, single)
            .unwrap_err()
            .to_string()
            .contains("no threads here"));
        plan.scenario = Some("async".into());
        plan.compute = Some(split_list("5"));
        assert!(error(&plan).starts_with("compute: asyncio runs every coroutine"));
    }

    #[test]
    fn asyncio_needs_one_pool_thread_whatever_its_coroutines() {
        let many = ["1"; 40].join(",");
        let plan = Plan::parse(&input("async", &many), MACHINE).unwrap();
        assert_eq!(plan.threads_needed, 1);
    }

    #[test]
    fn a_count_run_as_python_gets_the_python_deadline_not_the_rust_one() {
        let counts = PlanInput {
            scenario: Some("threads".into()),
            compute: Some(split_list("2000000, 2000000")),
            code: Some("print(1)".into()),
            ..PlanInput::default()
        };
        let plan = Plan::parse(&counts, MACHINE).unwrap();
        assert_eq!(plan.deadline_ms, PYTHON_DEADLINE_MS);
        assert_eq!(plan.args.len(), 2);
        let sleeps = PlanInput {
            code: Some("print(1)".into()),
            ..input("threads", "1, 2")
        };
        assert_eq!(
            Plan::parse(&sleeps, MACHINE).unwrap().deadline_ms,
            3_000.0 * 1.5 + 10_000.0
        );
    }

    #[test]
    fn the_deadline_is_far_beyond_the_slowest_honest_run() {
        let plan = Plan::parse(&input("sequential", "5, 5"), MACHINE).unwrap();
        assert_eq!(plan.deadline_ms, 10_000.0 * 1.5 + 10_000.0);
        let downloads = Plan::parse(&images(&["https://example.com/a.jpg"]), MACHINE).unwrap();
        assert!(downloads.deadline_ms > 60_000.0);
    }

    #[test]
    fn a_listing_with_its_code_is_checked_as_the_listing_and_runs_the_code() {
        let with_code = |scenario: &str| PlanInput {
            code: Some("import time\n".into()),
            ..input(scenario, "0.5, 0.2")
        };
        let sequential = Plan::parse(&with_code("sequential"), MACHINE).unwrap();
        assert_eq!(sequential.scenario, Scenario::Sequential);
        assert_eq!(sequential.args.len(), 2);
        assert_eq!(sequential.code.as_deref(), Some("import time\n"));
        // Its main thread's calls of `sleep` are tasks.
        assert_eq!(sequential.task_function.as_deref(), Some("sleep"));
        // asyncio's loop is the interpreter's main thread: a thread of the pool.
        let asyncio = Plan::parse(&with_code("async"), MACHINE).unwrap();
        assert_eq!((asyncio.threads_needed, asyncio.task_function), (1, None));
        // The listing's own checks still hold.
        let bad = PlanInput {
            code: Some("pass".into()),
            ..input("threads", "1, x")
        };
        assert_eq!(Plan::parse(&bad, MACHINE).unwrap_err().place, "secs[1]");
    }

    #[test]
    fn listings_without_a_pool_ignore_max_workers() {
        let mut plan = input("threads", "1");
        plan.workers = Some("junk".into());
        assert!(Plan::parse(&plan, MACHINE).is_ok());
    }

    #[test]
    fn threads_beyond_the_pool_are_refused_with_the_fix() {
        let many = ["1"; 16].join(",");
        let message = error(&input("threads", &many));
        assert!(message.contains("threads=17"), "{message}");
        // One at a time needs only two threads, however many tasks.
        assert!(Plan::parse(&input("threads_join_in_loop", &many), MACHINE).is_ok());
        // A pool runs max_workers at once, whatever the number of tasks.
        assert!(Plan::parse(&input("pool_as_completed", &many), MACHINE).is_ok());
    }

    #[test]
    fn limits_are_stated_in_the_error() {
        let many = vec!["0"; MAX_TASKS + 1].join(",");
        assert!(error(&input("pool_map", &many)).contains("10000"));
        let long = ["60"; 11].join(",");
        assert!(error(&input("pool_map", &long)).contains("600"));
    }

    #[test]
    fn a_huge_bad_item_is_shortened_in_the_message() {
        let junk = "x".repeat(10_000);
        assert!(error(&input("threads", &junk)).len() < 100);
    }
}

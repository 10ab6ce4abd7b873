//! Each of the lesson's listings, as its Python (what the page shows, generated into
//! tests/listings/ by generate.mjs), run by the interpreter, prints what the same
//! listing written in Rust (src/scenario.rs) prints: the lines, in their order, and
//! the same tasks by their calls and threads. The step before the listings run as
//! Python and scenario.rs is retired (issue #11).

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use common::*;
use potoki::python::{run_recorded, Options};
use potoki::runtime::lines::Lang;

const SCENARIOS: [&str; 9] = [
    "sequential",
    "threads_no_join",
    "threads_join_in_loop",
    "threads",
    "pool_submit",
    "pool_as_completed",
    "pool_map",
    "async",
    "async_as_completed",
];

/// The seconds "it took: … sec." says (the two runs may differ by a hundredth).
fn took(line: &str) -> Option<f64> {
    line.strip_prefix("it took: ")?
        .strip_suffix(" sec.")?
        .parse()
        .ok()
}

#[test]
fn every_listing_as_python_prints_what_the_rust_listing_prints() {
    for lang in [Lang::Ru, Lang::En] {
        for scenario in SCENARIOS {
            let name = format!("{scenario}.{}", if lang == Lang::Ru { "ru" } else { "en" });
            let path = format!("{}/tests/listings/{name}.py", env!("CARGO_MANIFEST_DIR"));
            let code = std::fs::read_to_string(&path).unwrap();
            // The listing names the function its main thread calls as a task.
            let options = Options {
                task_function: (scenario == "sequential").then_some("sleep"),
                ..Options::default()
            };
            let python = run_recorded(&code, options);
            assert_eq!(python.output.stderr, "", "{name}");

            let workers = scenario.starts_with("pool").then_some(3);
            let mut plan = plan(scenario, "0.3, 0.1, 0.2", workers);
            plan.lang = lang;
            let rust = if scenario.starts_with("async") {
                run_async(&plan)
            } else {
                run_plan(&plan)
            };

            let mut said: Vec<&str> = python.output.stdout.lines().collect();
            let mut expected = rust.lines();
            if scenario.starts_with("threads") {
                // Threads that run at once print in an order of their own (the Rust
                // listing's main thread may say "it took" before a thread's first
                // line; CPython's and the interpreter's start() lets it print first).
                let took_last =
                    |lines: &mut Vec<&str>| lines.sort_by_key(|l| (took(l).is_some(), *l));
                took_last(&mut said);
                took_last(&mut expected);
            }
            assert_eq!(
                said.len(),
                expected.len(),
                "{name}:\n{said:#?}\n{expected:#?}"
            );
            for (py, rs) in said.iter().zip(&expected) {
                match (took(py), took(rs)) {
                    (Some(a), Some(b)) => assert!((a - b).abs() <= 0.1, "{name}: {py} / {rs}"),
                    _ => assert_eq!(py, rs, "{name}"),
                }
            }
            let calls = |tasks: &[potoki::runtime::record::TaskRecord]| {
                let mut calls: Vec<String> = tasks.iter().map(|t| t.call.clone()).collect();
                calls.sort();
                calls
            };
            assert_eq!(
                calls(&python.record.tasks),
                calls(&rust.record.tasks),
                "{name}"
            );
            // On the same threads: the main thread's calls on MainThread, the others
            // each on a thread of its own or of the pool.
            let on_main = |tasks: &[potoki::runtime::record::TaskRecord]| {
                tasks
                    .iter()
                    .filter(|t| t.thread_name.as_deref() == Some("MainThread"))
                    .count()
            };
            assert_eq!(
                on_main(&python.record.tasks),
                on_main(&rust.record.tasks),
                "{name}"
            );
            // Delivered alike: the results the listing takes (`result()`, the end of a
            // call), and none where nobody asks (threads).
            let delivered = |tasks: &[potoki::runtime::record::TaskRecord]| {
                tasks.iter().filter(|t| t.delivered_ms.is_some()).count()
            };
            assert_eq!(
                delivered(&python.record.tasks),
                delivered(&rust.record.tasks),
                "{name}"
            );
        }
    }
}

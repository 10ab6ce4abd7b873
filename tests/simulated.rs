//! The single-threaded build's way: every "thread" a coroutine on one thread. A
//! page that may not start threads still shows each listing with the same lines,
//! in the same order, taking the same time.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;

/// Listings whose lines come in one order only (the others interleave threads).
const CASES: &[(&str, &str, Option<usize>, f64)] = &[
    ("sequential", "0.1, 0.1, 0.1", None, 300.0),
    ("threads_no_join", "0.2, 0.2", None, 200.0),
    ("threads_join_in_loop", "0.1, 0.1, 0.1", None, 300.0),
    ("pool_submit", "0.3, 0.1, 0.2", Some(3), 300.0),
    ("pool_as_completed", "0.3, 0.1, 0.2", Some(3), 300.0),
    ("pool_map", "0.3, 0.1, 0.2", Some(3), 300.0),
    ("pool_as_completed", "0.1, 0.1, 0.1, 0.1", Some(2), 200.0),
];

/// The lines but "it took" (whose digits may differ by a hundredth).
fn printed(run: &Run) -> Vec<&str> {
    run.lines()
        .into_iter()
        .filter(|l| !l.starts_with("it took"))
        .collect()
}

#[test]
fn simulated_threads_print_what_real_threads_print_in_the_same_time() {
    for &(scenario, secs, workers, ideal) in CASES {
        let plan = plan(scenario, secs, workers);
        let real = run_plan(&plan);
        let simulated = run_simulated(&plan);
        assert!(!simulated.record.threaded && real.record.threaded);
        assert_eq!(printed(&simulated), printed(&real), "{scenario}");
        simulated.assert_wall_near(ideal);
        assert!(
            (simulated.it_took_ms() - real.it_took_ms()).abs() < 150.0,
            "{scenario}"
        );
    }
}

#[test]
fn simulated_threads_keep_thread_names_and_numbers_of_their_own() {
    let run = run_simulated(&plan("threads", &["0.1"; 5].join(","), None));
    assert_eq!(run.threads_used().len(), 5);
    assert!(!run
        .threads_used()
        .contains(&run.record.main_thread.unwrap()));
    run.assert_wall_near(100.0);
    let pool = run_simulated(&plan("pool_as_completed", &["0.1"; 6].join(","), Some(2)));
    assert_eq!(pool.most_at_once(), 2, "max_workers still bounds the pool");
    pool.assert_wall_near(300.0);
}

#[test]
fn simulated_downloads_overlap_like_threaded_ones() {
    let images = fake_images(4, "delay=150");
    let urls = refs(&images);
    let run = run_simulated(&plan_with("pool_map", None, Some(&urls), Some(4)));
    run.assert_wall_near(150.0);
    assert_eq!(
        run.lines()
            .iter()
            .filter(|l| l.ends_with("was downloaded"))
            .count(),
        4
    );
}

#[test]
fn simulated_compute_runs_one_task_at_a_time() {
    let plan = potoki::runtime::plan::Plan::parse(
        &potoki::runtime::plan::PlanInput {
            scenario: Some("threads".into()),
            compute: Some(vec!["200000".into(), "200000".into()]),
            ..Default::default()
        },
        MACHINE,
    )
    .unwrap();
    let run = run_simulated(&plan);
    let [a, b] = [&run.record.tasks[0], &run.record.tasks[1]];
    // One thread of the machine: the second count starts only when the first ends.
    assert!(started(b) >= finished(a) || started(a) >= finished(b));
}

//! The lesson's third tool: the same tasks as coroutines on one thread.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;

#[test]
fn coroutines_overlap_their_sleeps_on_one_thread_and_print_in_order() {
    let run = run_plan(&plan("async", "0.3, 0.1, 0.2", None));
    assert_eq!(
        run.results(),
        [
            "проспала 0.3 sec.",
            "проспала 0.1 sec.",
            "проспала 0.2 sec."
        ]
    );
    run.assert_wall_near(300.0);
    assert_eq!(run.threads_used(), [run.record.main_thread.unwrap()].into());
    assert!(run.lines().last().unwrap().starts_with("it took: 0.3"));
    // Each result is taken once it and all before it are done.
    let first = &run.record.tasks[0];
    assert!(run
        .record
        .tasks
        .iter()
        .all(|t| delivered(t) >= finished(first)));
}

#[test]
fn as_completed_coroutines_print_the_shortest_first() {
    let run = run_plan(&plan("async_as_completed", "0.3, 0.1, 0.2", None));
    assert_eq!(
        run.results(),
        [
            "проспала 0.1 sec.",
            "проспала 0.2 sec.",
            "проспала 0.3 sec."
        ]
    );
    run.assert_wall_near(300.0);
}

#[test]
fn forty_coroutines_need_no_pool_and_take_as_long_as_one() {
    let run = run_plan(&plan("async", &["0.2"; 40].join(","), None));
    run.assert_wall_near(200.0);
    assert_eq!(run.threads_used().len(), 1);
}

#[test]
fn downloads_overlap_without_threads() {
    let images = fake_images(5, "delay=150");
    let urls = refs(&images);
    let run = run_plan(&plan_with("async_as_completed", None, Some(&urls), None));
    run.assert_wall_near(150.0);
    assert_eq!(
        run.lines()
            .iter()
            .filter(|l| l.ends_with("was downloaded"))
            .count(),
        5
    );
    assert_eq!(run.threads_used().len(), 1);
}

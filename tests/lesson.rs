//! The lesson's listings on real OS threads, with short sleeps: the same code the
//! page runs on Web Workers. Timings are checked with generous bounds (this machine
//! is shared and noisy); orderings are checked exactly.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use common::*;
use potoki::runtime::cancel::CancelToken;
use potoki::runtime::plan::{split_list, PlanInput};
use potoki::runtime::record::Event;
use std::collections::HashSet;
use std::sync::Arc;

#[test]
fn sequential_sleeps_one_after_another_on_the_main_thread() {
    let run = run("sequential", "0.1, 0.1, 0.1", None);
    let going = "Сейчас как усну на целую секунду!";
    let woke = "Вот это я выспался";
    assert_eq!(&run.lines()[..6], [going, woke, going, woke, going, woke]);
    assert!(
        run.lines()[6].starts_with("it took: 0.3"),
        "{:?}",
        run.lines()
    );
    run.assert_wall_near(300.0);
    assert_eq!(
        run.threads_used(),
        HashSet::from([run.record.main_thread.unwrap()])
    );
    for pair in run.record.tasks.windows(2) {
        assert!(started(&pair[1]) >= finished(&pair[0]));
    }
}

#[test]
fn threads_without_join_print_it_took_before_they_wake() {
    let run = run("threads_no_join", "0.3, 0.3", None);
    let lines = run.lines();
    let took = lines.iter().position(|l| l.starts_with("it took")).unwrap();
    let first_wake = lines
        .iter()
        .position(|l| *l == "Вот это я выспался")
        .unwrap();
    assert!(took < first_wake, "{lines:?}");
    // Starting two threads takes a few ms; on a loaded machine now and then 5 or more.
    assert!(
        lines[took] == "it took: 0.0 sec." || lines[took] == "it took: 0.01 sec.",
        "{}",
        lines[took]
    );
    // The process still waits for its threads before it ends.
    run.assert_wall_near(300.0);
    assert!(run.record.tasks.iter().all(|t| t.delivered_ms.is_none()));
    assert_eq!(run.threads_used().len(), 2);
}

#[test]
fn join_inside_the_loop_makes_threads_sequential() {
    let run = run("threads_join_in_loop", "0.1, 0.1, 0.1, 0.1", None);
    run.assert_wall_near(400.0);
    assert!((run.it_took_ms() - 400.0).abs() <= SLACK_MS);
    for pair in run.record.tasks.windows(2) {
        assert!(
            started(&pair[1]) >= delivered(&pair[0]),
            "next started before join"
        );
    }
}

#[test]
fn start_all_then_join_all_takes_as_long_as_the_longest() {
    let run = run("threads", &["0.2"; 10].join(","), None);
    run.assert_wall_near(200.0);
    assert_eq!(run.threads_used().len(), 10);
    assert_eq!(
        run.lines()
            .iter()
            .filter(|l| l.starts_with("Сейчас"))
            .count(),
        10
    );
    assert!(run.lines().last().unwrap().starts_with("it took: 0.2"));
}

#[test]
fn submit_then_result_prints_in_submission_order_once_all_before_are_done() {
    let run = run("pool_submit", "0.5, 0.4, 0.3, 0.2, 0.1", Some(5));
    assert_eq!(
        run.results(),
        [
            "проспала 0.5 sec.",
            "проспала 0.4 sec.",
            "проспала 0.3 sec.",
            "проспала 0.2 sec.",
            "проспала 0.1 sec."
        ]
    );
    run.assert_wall_near(500.0);
    let first = &run.record.tasks[0];
    for task in &run.record.tasks {
        // Each result reaches the main thread only after the first (longest) one.
        assert!(delivered(task) >= finished(first) && delivered(task) >= finished(task));
    }
}

#[test]
fn as_completed_prints_each_result_as_it_finishes() {
    let run = run("pool_as_completed", "0.5, 0.4, 0.3, 0.2, 0.1", Some(5));
    assert_eq!(
        run.results(),
        [
            "проспала 0.1 sec.",
            "проспала 0.2 sec.",
            "проспала 0.3 sec.",
            "проспала 0.4 sec.",
            "проспала 0.5 sec."
        ]
    );
    run.assert_wall_near(500.0);
    assert_eq!(run.threads_used().len(), 5, "five workers, five threads");
    for task in &run.record.tasks {
        let lag = delivered(task) - finished(task);
        assert!(
            (0.0..50.0).contains(&lag),
            "task {} delivered {lag} ms late",
            task.index
        );
    }
    assert!(run.lines().last().unwrap().starts_with("it took: 0.5"));
}

#[test]
fn map_delivers_in_submission_order_like_submit() {
    let run = run("pool_map", "0.3, 0.1, 0.2", Some(3));
    assert_eq!(
        run.results(),
        [
            "проспала 0.3 sec.",
            "проспала 0.1 sec.",
            "проспала 0.2 sec."
        ]
    );
    run.assert_wall_near(300.0);
}

#[test]
fn the_pool_starts_tasks_in_fifo_order_and_never_runs_more_than_max_workers() {
    let run = run("pool_as_completed", &["0.1"; 6].join(","), Some(2));
    // Three waves of two.
    run.assert_wall_near(300.0);
    // Taken off the queue in submission order: two threads that take the next two
    // at the same moment may stamp their starts a few microseconds apart either way.
    for pair in run.record.tasks.windows(2) {
        assert!(
            started(&pair[1]) >= started(&pair[0]) - 1.0,
            "task {} started before {}",
            pair[1].index,
            pair[0].index
        );
    }
    assert_eq!(run.most_at_once(), 2);
    assert_eq!(run.threads_used().len(), 2);
    let names: HashSet<_> = run
        .record
        .tasks
        .iter()
        .filter_map(|t| t.thread_name.clone())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("ThreadPoolExecutor-")),
        "{names:?}"
    );
}

#[test]
fn the_event_stream_tells_the_same_story_as_the_record() {
    let run = run("pool_as_completed", "0.1, 0.05", Some(2));
    let printed: Vec<&str> = run
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Print { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(printed, run.lines());
    assert!(matches!(run.events.first(), Some(Event::Begin { .. })));
    match run.events.last() {
        Some(Event::End {
            wall_ms,
            cpu_ms,
            cancelled,
            ..
        }) => {
            let r = &run.record;
            assert_eq!(
                (*wall_ms, *cpu_ms, *cancelled),
                (r.wall_ms, r.cpu_ms, r.cancelled)
            );
        }
        other => panic!("last event {other:?}"),
    }
    // Every time and thread of the record is in the stream: the record is their fold.
    for task in &run.record.tasks {
        let of_task = |e: &&Event| match e {
            Event::Submitted { task: t, .. }
            | Event::Started { task: t, .. }
            | Event::Finished { task: t, .. }
            | Event::Delivered { task: t, .. } => *t == task.index,
            _ => false,
        };
        let stamps: Vec<(f64, Option<u32>)> = run
            .events
            .iter()
            .filter(of_task)
            .map(|e| match e {
                Event::Started { t_ms, thread, .. } => (*t_ms, Some(*thread)),
                Event::Submitted { t_ms, .. }
                | Event::Finished { t_ms, .. }
                | Event::Delivered { t_ms, .. } => (*t_ms, None),
                _ => unreachable!(),
            })
            .collect();
        let expected = [
            (task.submitted_ms.unwrap(), None),
            (task.started_ms.unwrap(), task.thread),
            (task.finished_ms.unwrap(), None),
            (task.delivered_ms.unwrap(), None),
        ];
        assert_eq!(stamps, expected, "task {}", task.index);
    }
    // Stamps never go backwards along the stream.
    let mut last = 0.0;
    for e in &run.events {
        let t = match e {
            Event::Begin { t_ms, .. }
            | Event::Submitted { t_ms, .. }
            | Event::Started { t_ms, .. }
            | Event::Finished { t_ms, .. }
            | Event::Delivered { t_ms, .. }
            | Event::Downloaded { t_ms, .. }
            | Event::Print { t_ms, .. }
            | Event::Line { t_ms, .. }
            | Event::GilWait { t_ms, .. }
            | Event::File { t_ms, .. }
            | Event::Died { t_ms, .. } => *t_ms,
            Event::End { wall_ms, .. } => *wall_ms,
        };
        assert!(t >= last);
        last = t;
    }
}

#[test]
fn sleeping_uses_almost_no_cpu() {
    let run = run("threads", "0.2, 0.2", None);
    assert!(run.record.cpu_ms < 50.0, "cpu {} ms", run.record.cpu_ms);
}

#[test]
fn stop_wakes_the_sleepers_and_cancels_the_queue() {
    let plan = plan("pool_submit", "5, 5, 5, 5", Some(2));
    let cancel = CancelToken::new();
    let (program, events) = start(&plan, Arc::new(FakeNet), cancel.clone());
    let main = std::thread::spawn(move || {
        potoki::runtime::sync::block_on(potoki::python::host::run(&plan, &program))
    });
    // Stop once both workers have their task (the other two wait in the queue).
    wait_for_events(&events, |events| {
        events
            .iter()
            .filter(|e| matches!(e, Event::Started { .. }))
            .count()
            == 2
    });
    cancel.cancel();
    let record = main.join().unwrap();
    assert!(record.cancelled);
    assert!(
        record.wall_ms < 1_500.0,
        "stop took until {} ms",
        record.wall_ms
    );
    let never_started = record
        .tasks
        .iter()
        .filter(|t| t.started_ms.is_none())
        .count();
    assert_eq!(never_started, 2, "the queued two never start");
    assert!(
        record.tasks.iter().all(|t| t.outcome.is_some()),
        "every task ends"
    );
    let last = &record.output.last().unwrap().text;
    assert!(last.starts_with("KeyboardInterrupt"), "{last}");
}

#[test]
fn english_lines_keep_python_names() {
    let plan = listing_plan(PlanInput {
        scenario: Some("pool_map".into()),
        secs: Some(split_list("0.05")),
        lang: Some("en".into()),
        ..PlanInput::default()
    });
    let (program, _) = start(&plan, Arc::new(FakeNet), CancelToken::new());
    let record = potoki::runtime::sync::block_on(potoki::python::host::run(&plan, &program));
    let lines: Vec<_> = record.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines[0], "slept 0.05 sec.");
    assert!(lines[1].starts_with("it took: 0.05"));
}

#[test]
fn counting_primes_keeps_a_thread_busy_and_counts_right() {
    let plan = listing_plan(PlanInput {
        scenario: Some("pool_map".into()),
        compute: Some(split_list("100, 1000")),
        ..PlanInput::default()
    });
    let run = run_plan(&plan);
    assert_eq!(
        run.lines()[..2],
        ["простых чисел до 100: 25", "простых чисел до 1000: 168"]
    );
    // Computing is all CPU time, no waiting.
    let task = &run.record.tasks[1];
    let busy = task.finished_ms.unwrap() - task.started_ms.unwrap();
    assert!(
        run.record.cpu_ms >= busy * 0.9,
        "cpu {} of {busy}",
        run.record.cpu_ms
    );
}

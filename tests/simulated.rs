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
fn simulated_counting_threads_take_turns_on_the_one_thread() {
    let plan = listing_plan(potoki::runtime::plan::PlanInput {
        scenario: Some("threads".into()),
        compute: Some(vec!["20000".into(), "20000".into()]),
        ..Default::default()
    });
    let run = run_simulated(&plan);
    let [a, b] = [&run.record.tasks[0], &run.record.tasks[1]];
    // Turns of the switch interval, as under the GIL: both counts are under way at
    // once...
    assert!(started(b) < finished(a) && started(a) < finished(b));
    // ...on one thread of the machine, which has only the wall time to give.
    assert!(
        run.record.cpu_ms <= run.record.wall_ms + 1.0,
        "cpu {} ms in {} ms",
        run.record.cpu_ms,
        run.record.wall_ms
    );
    assert_eq!(
        run.lines()[..2],
        [
            "простых чисел до 20000: 2262",
            "простых чисел до 20000: 2262"
        ]
    );
}

/// The lines of a simulated Python run's stdout.
fn stdout_lines(output: &potoki::python::Output) -> Vec<&str> {
    output.stdout.lines().collect()
}

#[test]
fn simulated_python_threads_sleep_at_once_and_print_as_real_threads_do() {
    let source = "import threading, time\n\
        def sleep(secs):\n    time.sleep(secs)\n    print(f'slept {secs}')\n\
        start = time.perf_counter()\n\
        threads = [threading.Thread(target=sleep, args=[s]) for s in (0.3, 0.1, 0.2)]\n\
        for t in threads:\n    t.start()\n\
        for t in threads:\n    t.join()\n\
        print(f'it took: {round(time.perf_counter() - start, 1)} sec.')\n";
    let (output, record) = run_python_simulated(source, 10_000.0);
    assert_eq!(
        stdout_lines(&output),
        ["slept 0.1", "slept 0.2", "slept 0.3", "it took: 0.3 sec."],
        "{}",
        output.stderr
    );
    assert!(!record.threaded && !record.cancelled);
    assert!(record.wall_ms >= 300.0 && record.wall_ms < 300.0 + SLACK_MS);
}

#[test]
fn simulated_cpu_bound_python_threads_take_turns_every_switch_interval() {
    // Each thread counts how often it saw the other's counter move: with turns of
    // 5 ms, both see the other run many times, as under the GIL.
    let source = "import threading\n\
        counts = [0, 0]\n\
        seen = [0, 0]\n\
        def spin(me):\n\
        \x20   other, last = 1 - me, 0\n\
        \x20   for _ in range(300_000):\n\
        \x20       counts[me] += 1\n\
        \x20       if counts[other] != last:\n\
        \x20           seen[me] += 1\n\
        \x20           last = counts[other]\n\
        threads = [threading.Thread(target=spin, args=[i]) for i in (0, 1)]\n\
        for t in threads:\n    t.start()\n\
        for t in threads:\n    t.join()\n\
        print(counts, min(seen) > 3)\n";
    let (output, _) = run_python_simulated(source, 20_000.0);
    assert_eq!(
        stdout_lines(&output),
        ["[300000, 300000] True"],
        "{}",
        output.stderr
    );
}

#[test]
fn stop_ends_simulated_python_spinning_and_deadlocked_threads() {
    // One thread spins for ever; two others wait for each other's lock.
    let source = "import threading, time\n\
        a, b = threading.Lock(), threading.Lock()\n\
        def one():\n    with a:\n        time.sleep(0.05)\n        with b:\n            pass\n\
        def two():\n    with b:\n        time.sleep(0.05)\n        with a:\n            pass\n\
        def spin():\n    while True:\n        pass\n\
        for f in (one, two, spin):\n    threading.Thread(target=f, daemon=f is spin).start()\n\
        print('started')\n";
    let began = std::time::Instant::now();
    let (output, record) = run_python_simulated(source, 500.0);
    let took = began.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(stdout_lines(&output), ["started"]);
    assert!(record.cancelled, "Stop ended the run");
    assert!(took < 500.0 + 1500.0, "ended {took:.0} ms after the start");
    assert!(
        output.stderr.contains("KeyboardInterrupt"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_simulated_wait_inside_a_builtins_call_says_why_it_cannot_wait() {
    // `map` calls `result()` from Rust: that wait cannot let the others run.
    let source = "from concurrent.futures import ThreadPoolExecutor\n\
        import time\n\
        with ThreadPoolExecutor() as ex:\n\
        \x20   fs = [ex.submit(time.sleep, 0.05)]\n\
        \x20   print(list(map(lambda f: f.result(), fs)))\n";
    let (output, record) = run_python_simulated(source, 10_000.0);
    let error = record.error.expect("the wait raised");
    assert_eq!(error.kind, "RuntimeError");
    assert!(
        error
            .message
            .starts_with("a future's or a queue's wait cannot wait here"),
        "{}",
        error.message
    );
    assert!(output.stderr.contains("this page has no real threads"));
}

#[test]
fn simulated_builtins_that_run_a_generator_let_its_waits_park() {
    // Each of these runs a generator whose items wait for a thread of the pool.
    let source = "from concurrent.futures import ThreadPoolExecutor\n\
        import time\n\
        def slow(x):\n    time.sleep(0.02)\n    return x\n\
        with ThreadPoolExecutor(2) as ex:\n\
        \x20   fs = lambda: [ex.submit(slow, x) for x in (3, 1, 2)]\n\
        \x20   print(list(ex.map(slow, [1, 2])), sorted(f.result() for f in fs()))\n\
        \x20   print(sum((f.result() for f in fs()), 10), max(f.result() for f in fs()))\n\
        \x20   print(', '.join(str(f.result()) for f in fs()), any(f.result() > 2 for f in fs()))\n\
        \x20   print(*(f.result() for f in fs()), next(f.result() for f in fs()))\n\
        \x20   print([f.result() for f in fs()], sorted({f.result() for f in fs()}))\n";
    let (output, _) = run_python_simulated(source, 10_000.0);
    assert_eq!(
        stdout_lines(&output),
        [
            "[1, 2] [1, 2, 3]",
            "16 3",
            "3, 1, 2 True",
            "3 1 2 3",
            "[3, 1, 2] [1, 2, 3]"
        ],
        "{}",
        output.stderr
    );
}

//! The lesson's real example on OS threads, with a pretend network whose URLs say
//! how long to wait and what to answer.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use potoki::runtime::cancel::CancelToken;
use std::sync::Arc;
use std::time::Duration;

#[test]
fn the_lessons_map_prints_each_download_from_its_own_thread() {
    let images = fake_images(4, "delay=150");
    let run = run_plan(&plan_with("pool_map", None, Some(&refs(&images)), Some(4)));
    let mut lines = run.lines();
    let took = lines.pop().unwrap();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "img-0.jpg was downloaded",
            "img-1.jpg was downloaded",
            "img-2.jpg was downloaded",
            "img-3.jpg was downloaded"
        ]
    );
    assert!(took.starts_with("it took: 0.1"), "{took}");
    run.assert_wall_near(150.0);
    assert_eq!(run.threads_used().len(), 4);
    // The lines are printed by the worker threads, not the main one.
    let main = run.record.main_thread.unwrap();
    assert!(run
        .record
        .output
        .iter()
        .filter(|l| l.text.ends_with("downloaded"))
        .all(|l| l.thread != main));
    // Nobody asks for the results: nothing is delivered to the main thread.
    assert!(run.record.tasks.iter().all(|t| t.delivered_ms.is_none()));
}

#[test]
fn one_by_one_the_downloads_add_up() {
    let images = fake_images(4, "delay=100");
    let run = run_plan(&plan_with("sequential", None, Some(&refs(&images)), None));
    run.assert_wall_near(400.0);
    assert_eq!(run.lines()[0], "img-0.jpg was downloaded");
}

#[test]
fn max_workers_bounds_the_downloads_in_flight() {
    let images = fake_images(6, "delay=100");
    let run = run_plan(&plan_with(
        "pool_as_completed",
        None,
        Some(&refs(&images)),
        Some(2),
    ));
    run.assert_wall_near(300.0);
    assert_eq!(run.most_at_once(), 2);
    // A thread is occupied for the whole download: its wait counts as waiting, not CPU.
    assert!(run.record.cpu_ms < 50.0, "cpu {} ms", run.record.cpu_ms);
}

#[test]
fn every_failure_marks_its_own_task_and_the_rest_carry_on() {
    let images = [
        "http://fake/ok.jpg?delay=50",
        "http://fake/missing.jpg?status=404",
        "http://fake/page.jpg?body=html",
        "http://fake/refused.jpg?body=neterr",
        "http://fake/huge.jpg?body=huge",
        "http://fake/silent.jpg?body=silent",
        "http://fake/also-ok.jpg?delay=80",
    ];
    let run = run_plan(&plan_with("pool_submit", None, Some(&images), Some(7)));
    let errors: Vec<Option<String>> = run
        .record
        .tasks
        .iter()
        .map(|t| match &t.outcome {
            Some(potoki::runtime::record::Outcome::Error(message)) => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(errors[0], None);
    assert_eq!(errors[1].as_deref(), Some("HTTPError: 404 Not Found"));
    assert!(
        errors[2]
            .as_deref()
            .unwrap()
            .starts_with("ValueError: это не картинка (text/html"),
        "{errors:?}"
    );
    assert!(errors[3]
        .as_deref()
        .unwrap()
        .contains("Access-Control-Allow-Origin"));
    assert_eq!(
        errors[4].as_deref(),
        Some("ValueError: картинка больше 20 MB, чтение остановлено")
    );
    assert_eq!(
        errors[5].as_deref(),
        Some("TimeoutError: сервер не прислал ни байта за 30 s")
    );
    assert_eq!(errors[6], None);
    // In submission order, as `print(f.result())` goes, errors included.
    let lines = run.lines();
    assert_eq!(lines[0], "ok.jpg was downloaded");
    assert_eq!(lines[1], "HTTPError: 404 Not Found");
    assert_eq!(lines[6], "also-ok.jpg was downloaded");
    assert!(lines[7].starts_with("it took"));
    // What came back is on the record, even for the 404.
    let missing = run.record.tasks[1].download.as_ref().unwrap();
    assert_eq!(
        (missing.status, missing.name.as_str()),
        (404, "missing.jpg")
    );
    let ok = run.record.tasks[0].download.as_ref().unwrap();
    assert!(ok.sent_ms <= ok.first_byte_ms && ok.first_byte_ms <= ok.last_byte_ms);
    assert!(ok.first_byte_ms - ok.sent_ms >= 49.0);
}

#[test]
fn a_failing_thread_prints_its_exception_as_python_does() {
    let images = ["http://fake/ok.jpg", "http://fake/missing.jpg?status=404"];
    let run = run_plan(&plan_with("threads", None, Some(&images), None));
    assert!(
        run.lines()
            .contains(&"Exception in thread Thread-2: HTTPError: 404 Not Found"),
        "{:?}",
        run.lines()
    );
    assert!(run.lines().contains(&"ok.jpg was downloaded"));
}

#[test]
fn stop_ends_the_downloads_in_flight() {
    let images = fake_images(3, "delay=10000");
    let plan = plan_with("pool_submit", None, Some(&refs(&images)), Some(2));
    let cancel = CancelToken::new();
    let (program, _) = start(&plan, Arc::new(FakeNet), cancel.clone());
    let main = std::thread::spawn(move || {
        potoki::runtime::sync::block_on(potoki::scenario::run(&plan, &program))
    });
    std::thread::sleep(Duration::from_millis(150));
    cancel.cancel();
    let record = main.join().unwrap();
    assert!(record.wall_ms < 1_500.0, "{} ms", record.wall_ms);
    assert_eq!(
        record
            .tasks
            .iter()
            .filter(|t| t.started_ms.is_none())
            .count(),
        1
    );
}
